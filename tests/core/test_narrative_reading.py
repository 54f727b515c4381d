"""Rule X-1 reads the figures as officers write them: Chinese numerals, counts written as words
(未收到…申请), shares (占37.5%), 均已办结 against what is carried over, category sums, approximate
figures, the following year, 元 and 万元 — and says where in the text each finding is.

The sentences are phrased as in published reports (the seed 汉阳区 2020, the 淮安/洪泽 reports in
../shared/realreports)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gaic_desktop.core import evaluate, new_report
from gaic_desktop.core.narrative import parse_statements
from gaic_desktop.core.storage import load
from tests.conftest import DATA, SAMPLES, SHARED


def x1(report):
    return [f for f in evaluate(report) if f.rule_id == "X-1"]


@pytest.fixture
def s21():
    """sample-2021 (year 2024): 新收 148, 上年结转 6, 办理 145 (予以公开 67), 结转下年度 9,
    自然人 118, 不予公开 19 (d4 4, d6 4, d8 7), 无法提供 30 (u1 26, u2 3, u3 1), 行政复议 6
    (维持 3, 纠正 1, 其他 1, 未审结 1), 收费 1523.46 万元."""
    return load(SAMPLES / "sample-2021.gaic.json")


@pytest.fixture
def seed():
    """hanyang-2020 (2019 format): 新收 221, 上年结转 3, 办理 224, 结转 0, 不予公开 8, 无法提供 73."""
    return load(SAMPLES / "hanyang-2020.gaic.json")


def found(report, section, text):
    """The X-1 findings a sentence adds to a report that had none."""
    assert x1(report) == []
    report.sections.setdefault(section, []).append(text)
    return x1(report)


# --------------------------------------------------------------------------- Chinese numerals

@pytest.mark.parametrize("text,cells", [
    ("2024年，本机关共收到政府信息公开申请一百四十八件。", None),
    ("2024年，本机关共收到政府信息公开申请一百四十七件。", ("t3.new.total",)),
    ("上年结转政府信息公开申请六件。", None),
    ("上年结转政府信息公开申请两件。", ("t3.carried_in.total",)),
    ("其中予以公开六十七件，部分公开十八件。", None),
    ("其中予以公开六十七件，部分公开十二件。", ("t3.r_partial.total",)),
    ("其中自然人提出申请一百零五件。", ("t3.new.natural",)),
    ("其中自然人提出申请一百一十八件。", None),
    ("结转下年度继续办理九件。", None),
    ("結轉下年度繼續辦理十件。", ("t3.carried_out.total",)),  # traditional characters
])
def test_chinese_numerals_are_read(s21, text, cells):
    fs = found(s21, "s3", text)
    assert [f.cells for f in fs] == ([cells] if cells else [])


def test_chinese_numeral_message_states_both_figures(s21):
    (f,) = found(s21, "s3", "本机关共收到政府信息公开申请一百零五件。")
    assert "一百零五件" in f.message and "（148件）" in f.message and "本年新收" in f.message


def test_a_year_in_chinese_numerals_is_a_year_not_a_count(s21):
    # 「二〇二三年」 names last year: its figure is not this year's
    assert found(s21, "s3", "二〇二三年收到政府信息公开申请126件。") == []
    st = parse_statements((("s3", ("二〇二四年，本机关共收到政府信息公开申请126件。",)),), 2024)
    assert [(s.topic, s.value) for s in st] == [("new", 126)]
    (f,) = found(s21, "s3", "二〇二四年，本机关共收到政府信息公开申请126件。")
    assert f.cells == ("t3.new.total",)


@pytest.mark.parametrize("text", [
    "严格落实依申请公开办理流程，坚持一件一档。",
    "认真办理收到的每一件政府信息公开申请。",
    "本机关收到的第一件政府信息公开申请于1月办结。",
    "收到申请人补充材料二三件。",  # 「二三件」: "two or three"
    "收到政府信息公开申请中，涉及零件采购信息的较多。",
    "收到的政府信息公开申请涉及汽车零件的较多。",  # 「零件」 (parts) after 收到
])
def test_words_with_numeral_characters_are_no_counts(s21, text):
    assert found(s21, "s3", text) == []


def test_not_a_single_case_is_no_count_of_one(s21):
    s21.sections["s4"] = []
    for ref in ("rv_keep", "rv_fix", "rv_other", "rv_pending"):
        s21.set_cell(f"t4.cases.{ref}", 0)
    assert found(s21, "s4", "本机关未发生一起因政府信息公开工作引起的行政复议案件。") == []


# --------------------------------------------------------------------------- counts written as words

def test_words_of_the_form_are_no_none_claim(s21):
    assert found(s21, "s4", "尚未审结的行政复议案件正在审理中。") == []
    assert found(s21, "s4", "未经复议直接起诉的案件，本机关积极应诉。") == []


def test_no_application_received_is_zero(s21):
    (f,) = found(s21, "s3", "2024年，本机关未收到政府信息公开申请。")
    assert f.cells == ("t3.new.total",) and "为148件" in f.message and "未收到政府信息公开申请" in f.message


@pytest.mark.parametrize("text,cells", [
    ("全年没有收到公民、法人或其他组织提出的政府信息公开申请。", ("t3.new.total",)),
    ("全年无政府信息公开申请。", ("t3.new.total",)),
    ("本年度无上年结转的政府信息公开申请。", ("t3.carried_in.total",)),
    ("本年度没有结转到下一年度继续办理的申请。", ("t3.carried_out.total",)),
    ("结转下年度继续办理的政府信息公开申请为零。", ("t3.carried_out.total",)),
])
def test_counts_written_as_words(s21, text, cells):
    assert [f.cells for f in found(s21, "s3", text)] == [cells]


@pytest.mark.parametrize("text", [
    "因本机关不掌握相关政府信息，无法提供的申请已告知申请人。",  # 无法提供 is a category name
    "申请人未收到答复的，可以向本机关查询办理进度。",
    "申请人无正当理由逾期不补正的，不再处理其政府信息公开申请。",
    "区政府办未收到政府信息公开申请。",  # a part of the organisation
    "2023年未收到政府信息公开申请。",  # another year
    "全年收到政府信息公开申请148件，其中未经复议直接起诉的案件情况见第四部分。",
])
def test_words_that_state_no_zero_count(s21, text):
    assert found(s21, "s3", text) == []


def test_a_report_that_received_nothing_says_so_without_a_warning():
    r = new_report(2024, "某某区人民政府")
    for ref in r.cells():
        if ref.startswith("t3.") and not r.is_auto(ref):
            r.set_cell(ref, 0)
    r.sections["s3"] = ["2024年，本机关未收到政府信息公开申请，无上年结转申请。"]
    assert x1(r) == []
    r.set_cell("t3.new.natural", 2)
    r.set_cell("t3.r_open.natural", 2)
    (f,) = x1(r)
    assert f.cells == ("t3.new.total",) and "为2件" in f.message


# --------------------------------------------------------------------------- shares

@pytest.mark.parametrize("text,bad", [
    ("其中予以公开67件，占46.2%。", False),  # 67 / 145 = 46.21%
    ("其中予以公开67件，占46.3%。", True),
    ("其中予以公开67件，占比46.2%。", False),
    ("其中予以公开67件，占办理总数的46.2%。", False),
    ("其中予以公开67件，占收到申请总数的45.3%。", False),  # 67 / 148 = 45.27%
    ("其中予以公开67件，占收到申请总数的46.2%。", True),  # the whole is named: 148
    ("其中予以公开67件，占46%。", False),
    ("其中予以公开67件，占47%。", True),
    ("予以公开的占总数的五成。", False),  # 46.2% -> 5 成 (to tens, half up)
    ("予以公开的占总数的四成。", True),
    ("予以公开的占总数的近五成。", False),  # vague: not compared
    ("其中予以公开67件，占比超过40%。", False),
    ("其中自然人118件，占79.7%。", False),  # 118 / 148 = 79.73%
    ("其中自然人118件，占80.7%。", True),
])
def test_shares_equal_the_cell_ratio(s21, text, bad):
    fs = found(s21, "s3", text)
    assert len(fs) == int(bad)
    if bad:
        assert "占" in fs[0].message and fs[0].cells[0] in ("t3.r_open.total", "t3.new.natural")


def test_share_rounds_half_up_to_the_stated_decimal():
    """1 / 16 = 6.25%: 「6.3%」 (half up) is right, 「6.2%」 (half even, or cut off) is not."""
    r = new_report(2024, "某某区人民政府")
    r.set_cell("t4.cases.rv_keep", 1)
    r.set_cell("t4.cases.rv_fix", 15)
    for o in ("other", "pending"):
        r.set_cell(f"t4.cases.rv_{o}", 0)
    r.sections["s4"] = ["本机关被申请行政复议16件，其中结果维持1件，占6.3%。"]
    assert x1(r) == []
    r.sections["s4"] = ["本机关被申请行政复议16件，其中结果维持1件，占6.2%。"]
    (f,) = x1(r)
    assert f.cells == ("t4.cases.rv_keep", "t4.cases.rv_total")
    assert "占6.2%" in f.message and "6.25%" in f.message
    r.sections["s4"] = ["本机关被申请行政复议16件，其中结果纠正15件，占93.8%。"]  # 93.75 -> 93.8
    assert x1(r) == []


def test_share_of_review_outcomes(s21):
    assert found(s21, "s4", "行政复议结果维持3件，占50%。") == []
    (f,) = found(s21, "s4", "行政复议结果纠正1件，占20%。")  # 1 / 6 = 16.67%
    assert f.cells == ("t4.cases.rv_fix", "t4.cases.rv_total") and "16.67%" in f.message


def test_percentages_that_are_no_share_of_a_table_figure(s21):
    for text in ("本年度收到申请148件，比上年增长17.5%。", "抽查事项覆盖率100%，检查结果公示率100%。",
                 "政务新媒体合格率均为100%。"):
        assert found(s21, "s3", text) == [], text


# --------------------------------------------------------------------------- 均已办结 vs 结转下年度

@pytest.mark.parametrize("text", [
    "2024年收到的政府信息公开申请均已按期答复。",
    "本机关收到的政府信息公开申请已全部办结。",
    "全年政府信息公开申请均已办理完毕。",
])
def test_all_answered_while_some_are_carried_over(s21, text):
    (f,) = found(s21, "s3", text)
    assert f.cells == ("t3.carried_out.total",) and "9件" in f.message and "结转下年度继续办理" in f.message


@pytest.mark.parametrize("text", [
    "全年各类政府信息公开申请均在法定期限内答复。",  # about time limits (the sample's own sentence)
    "答复145件（含上年度结转申请6件，另有9件顺延到下年度答复），均已按期答复。",  # as 淮安 2024
    "区政府办受理的政府信息公开申请均已按期答复。",
    "被申请行政复议的案件均已办结。",
])
def test_all_answered_claims_that_are_no_contradiction(s21, text):
    assert found(s21, "s3", text) == []


def test_all_answered_with_nothing_carried_over(seed):
    assert found(seed, "s3", "2020年收到的政府信息公开申请均已按期答复。") == []


# --------------------------------------------------------------------------- category sums

@pytest.mark.parametrize("text,bad", [
    ("不予公开19件。", False),
    ("不予公开15件。", True),
    ("不予公开7件。", True),  # only 属于行政查询事项 (d8)
    ("属于国家秘密等不予公开19件。", False),
    ("属于行政查询事项等不予公开7件。", True),  # 等: the whole of （三）
    ("属于行政查询事项不予公开7件。", False),  # item 8 (the seed's phrasing)
    ("无法提供30件。", False),
    ("无法提供26件。", True),  # only 1.本机关不掌握相关政府信息
    ("本机关不掌握相关政府信息无法提供26件。", False),
    ("本机关不掌握相关政府信息无法提供30件。", False),  # read as all of （四）
    ("本机关不掌握相关政府信息无法提供28件。", True),
    ("本机关不掌握相关政府信息等无法提供26件。", True),
])
def test_a_category_figure_is_the_sum_of_its_rows(s21, text, bad):
    fs = found(s21, "s3", text)
    assert len(fs) == int(bad), text


def test_category_sums_in_the_2019_form(seed):
    # 2019: （三） d4 1 + d6 6 + d8 1; （四） u1 70 + u2 3; （六） one row, 16
    for text in ("不予公开8件。", "无法提供73件。", "其他处理16件。"):
        assert found(seed, "s3", text) == [], text
    (f,) = found(seed, "s3", "无法提供70件。")
    assert f.cells == ("t3.u1.total", "t3.u2.total", "t3.u3.total") and "（73件）" in f.message


# --------------------------------------------------------------------------- approximate, following year, 元

@pytest.mark.parametrize("text", [
    "全年共收到政府信息公开申请约150件。", "全年共收到政府信息公开申请近150件。",
    "全年共收到政府信息公开申请超过140件。", "全年共收到政府信息公开申请140余件。",
    "全年共收到政府信息公开申请140多件。", "全年共收到政府信息公开申请150件左右。",
    "全年共收到政府信息公开申请不到150件。",
])
def test_approximate_figures_are_not_compared(s21, text):
    assert found(s21, "s3", text) == []
    # the same sentence without the approximating word is compared (148 were received)
    exact = text
    for word in ("约", "近", "超过", "余", "多", "左右", "不到"):
        exact = exact.replace(word, "")
    assert [f.cells for f in found(load(SAMPLES / "sample-2021.gaic.json"), "s3", exact)] == [("t3.new.total",)]


def test_a_plan_for_the_following_year_is_not_this_years_figure(s21):
    assert found(s21, "s2", "2025年将制发行政规范性文件10件。") == []
    assert found(s21, "s2", "下一步，计划制发行政规范性文件10件。") == []


def test_the_following_year_named_alone_is_this_years_figure(s21):
    # the sample's 结转下年度 is 9: 「结转至2025年」 is this year's figure
    assert found(s21, "s3", "另有9件结转至2025年继续办理。") == []
    s21.sections["s3"].pop()
    (f,) = found(s21, "s3", "截至2025年1月，结转至2025年继续办理10件。")
    assert f.cells == ("t3.carried_out.total",)


@pytest.mark.parametrize("text,bad", [
    ("全年行政事业性收费15234600元。", False),  # 1523.46 万元 exactly
    ("全年行政事业性收费15234601元。", True),  # one 元 off
    ("全年行政事业性收费1523460元。", True),  # factor 1000
    ("全年行政事业性收费152346000元。", True),  # factor 100000
    ("全年行政事业性收费1523.46万元。", False),
    ("全年行政事业性收费1523.4万元。", True),
])
def test_yuan_and_wanyuan_are_converted_exactly(s21, text, bad):
    fs = found(s21, "s2", text)
    assert len(fs) == int(bad)
    if bad:
        assert fs[0].cells == ("t2.fee.amount",) and "（1523.46万元）" in fs[0].message


# --------------------------------------------------------------------------- where in the text

def test_each_finding_carries_the_span_of_its_text_in_the_editor(s21):
    paras = s21.sections["s3"]
    paras.append("全年收到申请 1,148 件，其中予以公开67件。")
    paras.append("本机关已全部办结。")
    s21.sections["s4"] = ["本机关未发生行政复议。"] + s21.sections["s4"]
    fs = {f.cells[0]: f for f in x1(s21)}
    assert set(fs) == {"t3.new.total", "t3.carried_out.total", "t4.cases.rv_total"}
    shown = "\n".join(paras)  # what the section's editor shows
    a, b = fs["t3.new.total"].span
    assert shown[a:b] == "全年收到申请 1,148 件"
    a, b = fs["t3.carried_out.total"].span
    assert shown[a:b] == "本机关已全部办结"
    a, b = fs["t4.cases.rv_total"].span
    assert "\n".join(s21.sections["s4"])[a:b] == "本机关未发生行政复议"


def test_span_in_the_preface_and_after_full_width_text(s21):
    s21.preface = ["根据《条例》规定，编制本报告。", "２０２４年，本机关共收到政府信息公开申请１５０件。"]
    (f,) = x1(s21)
    a, b = f.span
    assert f.section == "preface" and "\n".join(s21.preface)[a:b] == "本机关共收到政府信息公开申请１５０件"


# --------------------------------------------------------------------------- no false alarms

def _imported(name):
    from gaic_desktop.importer import import_file

    return import_file(SHARED / "realreports" / f"{name}.txt").report


@pytest.mark.parametrize("name", ["huaian-2024", "hongze-2023", "hongze-2024"])
def test_no_narrative_finding_on_the_real_reports(name):
    """The README of ../shared/realreports lists their known errors: two table-四 totals of
    hongze-2023 (T4-1, not X-1) and hongze-2024's 区政府办 figure (17 of the district's 95: a part
    of the organisation, not compared). No X-1 finding is true in any of them."""
    rep = _imported(name)
    assert x1(rep) == []
    typed = load(DATA / "realreports" / f"{name}.gaic.json")
    typed.preface, typed.sections = rep.preface, rep.sections  # the typed truth's tables, the printed text
    assert x1(typed) == []
    # the text is read: the figures it states are compared (and agree)
    assert len(parse_statements((("s1", tuple(rep.sections.get("s1", ()))),), rep.year)) >= (
        15 if name == "huaian-2024" else 0)


def test_the_known_true_findings_of_the_real_reports_are_not_narrative():
    typed = load(DATA / "realreports" / "hongze-2023.gaic.json")
    typed.preface, typed.sections = _imported("hongze-2023").preface, _imported("hongze-2023").sections
    assert {f.rule_id for f in evaluate(typed) if f.is_error} == {"T4-1"}


@pytest.mark.parametrize("name", ["sample-2021", "hanyang-2020"])
def test_no_narrative_finding_on_the_samples(name):
    rep = load(SAMPLES / f"{name}.gaic.json")
    assert x1(rep) == []
    assert len(parse_statements(tuple((k, tuple(v)) for k, v in rep.sections.items()), rep.year)) >= 19


def test_the_seed_text_as_published_raises_no_narrative_finding(seed):
    """The seed's published text (../shared/seed), paragraph by paragraph, against its tables."""
    text = (SHARED / "seed" / "hanyang-2020-report.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    seed.sections["s1"] = paras  # every paragraph, wherever it stood
    assert x1(seed) == []
    assert Decimal(224) in {s.value for s in parse_statements((("s1", tuple(paras)),), 2020)}


# --------------------------------------------------------------------------- what the form has not

def test_a_figure_the_2019_form_has_no_cell_for_does_not_stop_the_check(seed):
    """The 2019 table 二 has no 废止 column and no 收费 row: such a figure is not compared, and the
    figures after it still are."""
    seed.sections["s3"].insert(0, "全年废止规范性文件3件，行政事业性收费5万元，收到政府信息公开申请220件。")
    (f,) = x1(seed)
    assert f.cells == ("t3.new.total",) and "（221件）" in f.message


def test_share_messages_say_what_was_stated_and_the_ratio(s21):
    (f,) = found(s21, "s3", "予以公开的占总数的四成。")
    # 67 / 145 = 46.21% (rounded to tens: 五成)
    assert "称占四成" in f.message and "（67件）" in f.message and "（145件）的46.21%" in f.message
    assert f.cells == ("t3.r_open.total", "t3.r_total.total")
    s21.sections["s3"].pop()
    for n in "一二三四六七八九":
        (f,) = found(s21, "s3", f"予以公开的占总数的{n}成。")
        assert f"称占{n}成" in f.message
        s21.sections["s3"].pop()
    (f,) = found(s21, "s3", "其中予以公开67件，占46.3%。")
    assert "称占46.3%" in f.message and "“（七）总计”" in f.message


# --------------------------------------------------------------------------- messages, keys, standard sentences

@pytest.mark.parametrize("name,text,message", [
    ("sample-2021", "其他处理5件。", "正文“其他处理5件”与表三“（六）其他处理”各项总计之和（4件）不一致"),
    ("sample-2021", "逾期不补正3件。",
     "正文“逾期不补正3件”与表三“（六）其他处理 1.申请人无正当理由逾期不补正、…”的总计（2件）不一致"),
    ("sample-2021", "逾期未按收费通知要求缴纳费用5件。",
     "正文“逾期未按收费通知要求缴纳费用5件”与表三“（六）其他处理 2.申请人逾期未按收费通知要求缴…”的总计（1件）不一致"),
    ("sample-2021", "不予公开20件。", "正文“不予公开20件”与表三“（三）不予公开”各项总计之和（19件）不一致"),
    ("sample-2021", "无法提供31件。", "正文“无法提供31件”与表三“（四）无法提供”各项总计之和（30件）不一致"),
    ("sample-2021", "不予处理8件。", "正文“不予处理8件”与表三“（五）不予处理”各项总计之和（7件）不一致"),
    ("hanyang-2020", "其他处理15件。", "正文“其他处理15件”与表三“（六）其他处理”的总计（16件）不一致"),  # one row
    ("hanyang-2020", "不予公开9件。", "正文“不予公开9件”与表三“（三）不予公开”各项总计之和（8件）不一致"),
])
def test_category_messages_name_the_rows_as_printed(name, text, message):
    rep = load(SAMPLES / f"{name}.gaic.json")
    (f,) = found(rep, "s3", text)
    assert f.message == message


def test_all_upheld_with_large_equal_figures_is_no_finding():
    r = new_report(2024, "某某市人民政府")
    r.set_cell("t4.cases.rv_keep", 300)
    for o in ("fix", "other", "pending"):
        r.set_cell(f"t4.cases.rv_{o}", 0)
    r.sections["s4"] = ["本机关被申请行政复议300件，均获维持。"]
    assert x1(r) == []
    r.set_cell("t4.cases.rv_fix", 2)
    (f,) = [f for f in x1(r) if "称均获维持" in f.message]
    assert "“结果纠正”为2件" in f.message


def test_the_same_wrong_sentence_repeated_gets_distinct_keys(s21):
    s21.sections["s3"] += ["予以公开66件。", "予以公开66件。", "予以公开66件。"]
    keys = [f.key for f in x1(s21)]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert keys[1] == keys[0] + ":2" and keys[2] == keys[0] + ":3"


def test_standard_sentences_on_documents_only_for_the_2021_form(s21, seed):
    from gaic_desktop.core.narrative import standard_paragraphs

    assert "s2" not in standard_paragraphs(seed)  # the 2019 table 二 has no 废止 / 现行有效 columns
    assert standard_paragraphs(s21)["s2"] == ["2024年，本机关制发行政规范性文件6件，废止2件，现行有效行政规范性文件41件。"]


def test_handled_read_as_received_plus_carried_over_with_large_figures():
    """「共办理310件」 may count 新收 300 + 上年结转 10 (the other reading of 办理) — with figures
    beyond the small integers Python keeps one copy of."""
    r = new_report(2024, "某某市人民政府")
    r.set_cell("t3.new.natural", 300)
    r.set_cell("t3.carried_in.natural", 10)
    r.set_cell("t3.r_open.natural", 290)
    r.set_cell("t3.carried_out.natural", 20)
    r.sections["s3"] = ["2024年，本机关共收到政府信息公开申请300件，共办理政府信息公开申请310件，"
                        "其中予以公开290件。"]
    assert x1(r) == []
    r.sections["s3"] = ["2024年，本机关共办理政府信息公开申请311件。"]
    (f,) = x1(r)
    assert f.cells == ("t3.r_total.total",) and "（290件）" in f.message


def test_dismissed_cases_are_compared_with_either_reading():
    """「驳回诉讼请求」 is counted as 结果维持 by most offices, as 其他结果 by some: both accepted,
    a figure equal to neither is found."""
    r = new_report(2024, "某某区人民政府")
    for g, o, v in (("ld", "keep", 4), ("ld", "fix", 0), ("ld", "other", 1), ("ld", "pending", 0)):
        r.set_cell(f"t4.cases.{g}_{o}", v)
    for text, bad in (("法院判决驳回诉讼请求4件。", False), ("法院判决驳回诉讼请求1件。", False),
                      ("法院判决驳回诉讼请求5件。", True)):
        r.sections["s4"] = [text]
        fs = x1(r)
        assert len(fs) == int(bad), text
        if bad:
            assert fs[0].cells == ("t4.cases.ld_keep", "t4.cases.lr_keep") and "（4件）" in fs[0].message


def test_standard_sentence_with_reviews_only():
    from gaic_desktop.core.narrative import standard_paragraphs

    r = new_report(2024, "某某区人民政府")
    r.set_cell("t4.cases.rv_keep", 1)
    (s4,) = standard_paragraphs(r)["s4"]
    assert s4 == "2024年，本机关因政府信息公开工作被申请行政复议1件，其中结果维持1件，结果纠正0件，其他结果0件，尚未审结0件；未被提起行政诉讼。"
    r.set_cell("t4.cases.rv_keep", 0)
    r.set_cell("t4.cases.rv_fix", 1)
    (s4,) = standard_paragraphs(r)["s4"]
    assert "被申请行政复议1件，其中结果维持0件，结果纠正1件" in s4 and "未发生" not in s4


def test_a_blank_total_does_not_hide_a_wrong_share(s21):
    """In printed-totals mode the （七）总计 cell may be left blank: the share is then checked
    against 本年新收."""
    s21.set_totals_mode("printed")
    for ref, v in s21.effective_values().items():
        s21.set_cell(ref, v)
    s21.set_cell("t3.r_total.total", None)
    assert found(s21, "s3", "其中予以公开67件，占45.3%。") == []  # 67 / 148
    s21.sections["s3"].pop()
    (f,) = found(s21, "s3", "其中予以公开67件，占50%。")
    assert f.cells == ("t3.r_open.total", "t3.new.total") and "（148件）的45.27%" in f.message


# --------------------------------------------------------------------------- reading sentences: edges

@pytest.mark.parametrize("lead", ["", "全年", "2024年度", "本年度全年情况", "根据有关规定全年情况如下"])
def test_span_of_a_statement_in_a_later_clause(s21, lead):
    """Wherever the clause stands (leads of several lengths), the span is exactly its text."""
    def span_text(section, text):
        s21.sections = {section: [text]}
        (f,) = x1(s21)
        return text[slice(*f.span)]

    assert span_text("s3", f"{lead}，本机关未收到政府信息公开申请。") == "本机关未收到政府信息公开申请"
    assert span_text("s3", f"{lead}，其中予以公开67件，占50%。") == "占50%"
    assert span_text("s3", f"{lead}，其中予以公开66件。") == "其中予以公开66件"
    assert span_text("s4", f"{lead}，被申请行政复议6件，未被提起行政诉讼。") == "未被提起行政诉讼"
    assert span_text("s3", f"{lead}，收到的申请已全部办结。") == f"{lead}，收到的申请已全部办结"


@pytest.mark.parametrize("text", ["本机关共收到政府信息公开申请150件", "本机关共收到政府信息公开申请1500件"])
def test_span_reaches_the_end_of_a_paragraph_without_a_full_stop(s21, text):
    s21.sections["s3"] = [text]  # an even and an odd length
    (f,) = x1(s21)
    assert f.span == (0, len(text))


def test_a_long_clause_is_read_near_its_figure_and_quoted_short(s21):
    """A clause of more than 800 characters (no punctuation): the words within 400 characters of
    the figure decide; the message quotes 200 characters and 「…」."""
    long = "本年度予以公开" + "相关工作" * 150 + "本机关收到政府信息公开申请150件" + "相关工作" * 150
    (f,) = found(s21, "s3", long + "。")
    assert f.cells == ("t3.new.total",)
    assert f"正文“{long[:200]}…”与" in f.message


def test_a_time_before_a_figure_in_the_same_clause(s21):
    (f,) = found(s21, "s3", "全部在8个工作日内办理完毕146件。")
    assert f.cells == ("t3.r_total.total",) and "146件" in f.message


def test_concluded_cases_upheld_without_naming_the_kind(s21):
    (f,) = found(s21, "s4", "已审结的案件均获维持。")
    assert "称均获维持" in f.message and "“结果纠正”为1件" in f.message and "“其他结果”为1件" in f.message


def test_an_outcome_without_its_case_kind_is_not_compared(s21):
    assert found(s21, "s4", "其中结果维持2件。") == []


def test_reviews_of_other_offices_outside_parts_three_and_four(s21):
    assert found(s21, "s5", "全区行政机关被申请行政复议20件。") == []
    assert found(s21, "s2", "本年度通过政府网站予以公开各类文件12件。") == []


def test_plans_for_the_following_year_in_an_odd_report_year():
    r = new_report(2023, "某某区人民政府")
    r.set_cell("t2.normative.made", 3)
    r.sections["s2"] = ["2023年，本机关制发行政规范性文件3件。2024年将制发行政规范性文件10件。"]
    assert x1(r) == []
    r.sections["s2"] = ["2024年1月，本机关制发行政规范性文件10件。"]  # the following year named alone
    (f,) = x1(r)
    assert f.cells == ("t2.normative.made",)


def test_a_year_written_with_the_circle_zero(s21):
    st = parse_statements((("s3", ("二○二四年，本机关共收到政府信息公开申请126件。",)),), 2024)
    assert [(s.topic, s.value) for s in st] == [("new", 126)]


@pytest.mark.parametrize("section,text", [
    ("s3", "本年新收申请148件，占全部待办申请的96.1%。"),  # a share of 新收 itself: no whole of the form
    ("s3", "上年结转6件，占3.9%。"),
    ("s4", "被申请行政复议6件，占全部案件的50%。"),  # a share of a total
    ("s1", "已审结的案件均获维持。"),  # outside part 四 without naming review or litigation: not read
])
def test_shares_and_claims_that_are_not_compared(s21, section, text):
    assert found(s21, section, text) == []
