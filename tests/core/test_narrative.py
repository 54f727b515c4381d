"""Rule X-1: figures in the narrative checked against the tables; standard sentences."""

from __future__ import annotations


import pytest

from gaic_desktop.core import evaluate
from gaic_desktop.core.narrative import parse_statements, standard_paragraphs
from gaic_desktop.core.storage import load
from tests.conftest import SAMPLES, SHARED


def x1(report):
    return [f for f in evaluate(report) if f.rule_id == "X-1"]


@pytest.fixture
def s21():
    return load(SAMPLES / "sample-2021.gaic.json")


@pytest.fixture
def seed():
    return load(SAMPLES / "hanyang-2020.gaic.json")


def _replace(report, section, old, new):
    paras = report.sections[section]
    hits = [i for i, p in enumerate(paras) if old in p]
    assert hits, old
    paras[hits[0]] = paras[hits[0]].replace(old, new)


def test_consistent_samples_raise_nothing(s21, seed):
    assert x1(s21) == [] and x1(seed) == []
    # the samples do state figures: the checker reads them
    assert len(parse_statements((("s3", tuple(s21.sections["s3"])),))) >= 8


def test_seed_typo_jiegou_is_read_as_jieguo(seed):
    # 「结构纠正1件」 is a typo of 结果纠正; the figure is right, so no warning …
    assert x1(seed) == []
    # … but a wrong figure in the same clause is found
    _replace(seed, "s4", "结构纠正1件", "结构纠正2件")
    (f,) = x1(seed)
    assert f.cells == ("t4.cases.rv_fix",) and "结构纠正2件" in f.message and f.section == "s4"


def test_outcome_figure_differs(s21):
    _replace(s21, "s3", "予以公开67件", "予以公开66件")
    (f,) = x1(s21)
    assert f.severity == "warning" and f.section == "s3"
    assert f.cells == ("t3.r_open.total",)
    assert "予以公开66件" in f.message and "（一）予以公开" in f.message and "67件" in f.message
    assert f.key.startswith("X-1:s3:r_open:66:") and len(f.key.rsplit(":", 1)[1]) == 6


def test_carried_over_counted_as_new(s21):
    # 148 new + 6 carried over quoted as "received"
    _replace(s21, "s3", "共收到政府信息公开申请148件", "共收到政府信息公开申请154件")
    (f,) = x1(s21)
    assert f.cells == ("t3.new.total",) and "154件" in f.message and "148件" in f.message


def test_one_column_quoted_as_the_total(s21):
    natural = s21.value("t3.r_open.natural")
    total = s21.value("t3.r_open.total")
    assert natural != total
    _replace(s21, "s3", "予以公开67件", f"予以公开{natural}件")
    (f,) = x1(s21)
    assert f.cells == ("t3.r_open.total",)


def test_group_sum_differs(s21):
    _replace(s21, "s3", "无法提供30件", "无法提供29件")
    (f,) = x1(s21)
    assert f.cells == ("t3.u1.total", "t3.u2.total", "t3.u3.total")


def test_all_upheld_while_pending(s21):
    s21.sections["s4"] = ["2024年，本机关因政府信息公开工作被申请行政复议的案件均获维持。"]
    fs = x1(s21)
    assert len(fs) == 1 and "尚未审结" in fs[0].message and "t4.cases.rv_pending" in fs[0].cells


def test_no_review_claimed_but_table_has_some(s21):
    s21.sections["s4"] = ["2024年，本机关未发生因政府信息公开工作引起的行政复议、行政诉讼。"]
    fs = x1(s21)
    assert {f.cells for f in fs} == {("t4.cases.rv_total",), ("t4.cases.ld_total", "t4.cases.lr_total")}


def test_litigation_totals_and_outcomes(seed):
    _replace(seed, "s4", "被提起行政诉讼2件", "被提起行政诉讼3件")
    (f,) = x1(seed)
    assert f.cells == ("t4.cases.ld_total", "t4.cases.lr_total")


def test_documents_and_fees(s21):
    _replace(s21, "s2", "制发行政规范性文件6件", "制发行政规范性文件7件")
    (f,) = x1(s21)
    assert f.cells == ("t2.normative.made",)
    assert str(s21.value("t2.fee.amount")) == "1523.46"  # 万元, as the sample's table states
    s21.sections["s6"].append("全年行政事业性收费共计1元。")
    assert [f.cells for f in x1(s21)] == [("t2.normative.made",), ("t2.fee.amount",)]
    # (the conversion factor itself: test_narrative_reading.py::test_yuan_and_wanyuan_are_converted_exactly)


def test_part_of_the_organisation_and_approximate_figures_are_not_compared(s21):
    s21.sections["s3"].append("其中，区政府办受理申请17件，各街道、各部门共受理123件；网站发布信息5500余条。")
    assert x1(s21) == []


def test_blank_table_is_not_compared(s21):
    for ref in s21.cells():
        if ref.startswith("t3.") and not s21.is_auto(ref):
            s21.set_cell(ref, None)
    s21.set_totals_mode("printed")
    for ref in s21.cells():
        if ref.startswith("t3."):
            s21.set_cell(ref, None)
    assert [f for f in x1(s21) if f.cells[0].startswith("t3.")] == []


def test_keys_are_stable_and_distinct(s21):
    _replace(s21, "s3", "予以公开67件", "予以公开66件")
    s21.sections["s1"].append("全年共收到政府信息公开申请148件，其中予以公开66件。")
    keys = [f.key for f in x1(s21)]
    assert sorted(k.rsplit(":", 1)[0] for k in keys) == ["X-1:s1:r_open:66", "X-1:s3:r_open:66"]
    # a sentence inserted before it does not move the key (an acknowledgement stays with its sentence)
    s21.sections["s1"].insert(0, "全年收到政府信息公开申请148件，予以公开65件。")
    keys2 = [f.key for f in x1(s21)]
    assert set(keys) <= set(keys2) and len(keys2) == 3


def test_real_reports_no_false_alarms():
    from gaic_desktop.importer import import_file

    for name, most in (("huaian-2024", 0), ("hongze-2023", 0), ("hongze-2024", 1)):
        rep = import_file(SHARED / "realreports" / f"{name}.txt").report
        assert len(x1(rep)) <= most, name


def test_standard_paragraphs_are_consistent(s21, seed):
    for rep in (s21, seed):
        paras = standard_paragraphs(rep)
        assert set(paras) >= {"s3", "s4"}
        for key, ps in paras.items():
            rep.sections[key] = ps
        assert x1(rep) == [], rep.sections
        assert len(parse_statements((("s3", tuple(paras["s3"])),))) >= 10
    text = standard_paragraphs(seed)["s3"][0]
    assert "共收到政府信息公开申请221件，其中自然人204件，法人或其他组织17件" in text
    assert "其他处理16件" in text and "结转下年度继续办理0件" in text
    s21.set_totals_mode("printed")
    for ref in s21.cells():
        if ref.startswith("t4."):
            s21.set_cell(ref, 0)
    assert "未发生" in standard_paragraphs(s21)["s4"][0]
    s21.sections["s4"] = standard_paragraphs(s21)["s4"]
    assert x1(s21) == []


def test_evaluation_reuses_the_parsed_narrative(s21):
    """Unchanged text is not parsed again (the speed itself is measured in bench/bench_core.py)."""
    evaluate(s21)
    info = parse_statements.cache_info()
    evaluate(s21)
    assert parse_statements.cache_info().hits == info.hits + 1
    assert parse_statements.cache_info().misses == info.misses


def test_standard_paragraphs_skip_blank_tables_and_read_naturally():
    from gaic_desktop.core import new_report

    r = new_report(2024, "某某区人民政府")
    assert standard_paragraphs(r) == {}
    r.set_cell("t4.cases.ld_keep", 1)
    r.set_cell("t4.cases.ld_fix", 0)
    (s4,) = standard_paragraphs(r)["s4"]
    assert "未被申请行政复议" in s4 and "被提起行政诉讼1件" in s4 and "s3" not in standard_paragraphs(r)


# --------------------------------------------------------------------------- review: false alarms and misses

_CONSISTENT_DISMISS = {"t4.cases.ld_keep": 4, "t4.cases.ld_fix": 0, "t4.cases.ld_other": 0, "t4.cases.ld_pending": 0,
                       "t4.cases.ld_total": 4, **{f"t4.cases.lr_{o}": 0 for o in ("keep", "fix", "other", "pending",
                                                                                    "total")}}
_CONSISTENT_DONE = {"t4.cases.rv_keep": 5, "t4.cases.rv_fix": 0, "t4.cases.rv_other": 0, "t4.cases.rv_pending": 1,
                    "t4.cases.rv_total": 6}
NOT_STATEMENTS = [
    ("s3", "本机关依申请公开平均办理时间为8个工作日。", {}),
    ("s3", "依申请公开答复期限为20个工作日。", {}),
    ("s1", "全年收到政府信息公开申请{new}件。全年办理人大代表建议35件、政协提案42件，完成专题培训3次。", {}),
    ("s1", "全年共接收群众留言1200件，办结1180件。", {}),
    ("s3", "全年收到政府信息公开申请{new}件，其中通过信函方式收到20件，网上申请收到100件。", {}),
    ("s3", "{prev}年收到政府信息公开申请126件。", {}),
    ("s3", "本年度收到政府信息公开申请{new}件，比上年收到的126件增长17.5%。", {}),
    ("s3", "各镇共受理政府信息公开申请30件。", {}),
    ("s2", "全年主动公开行政复议决定书10件。", {}),
    ("s1", "组织开展行政诉讼庭审旁听活动2次。", {}),
    ("s4", "法院判决驳回诉讼请求4件。", _CONSISTENT_DISMISS),
    ("s4", "本年度被申请行政复议6件，已审结的5件均获维持，1件尚未审结。", _CONSISTENT_DONE),
]


@pytest.mark.parametrize("which", ["sample-2021", "hanyang-2020"])
@pytest.mark.parametrize("section,text,cells", NOT_STATEMENTS, ids=[t[1][:12] for t in NOT_STATEMENTS])
def test_sentences_that_state_no_table_figure(which, section, text, cells):
    rep = load(SAMPLES / f"{which}.gaic.json")
    rep.set_totals_mode("printed")
    for ref, v in rep.effective_values().items():
        rep.set_cell(ref, v)
    for ref, v in cells.items():
        rep.set_cell(ref, v)
    if cells:
        rep.sections["s4"] = []  # the sample's own part 四 states the sample's figures
    assert x1(rep) == []
    text = text.format(new=rep.value("t3.new.total"), prev=rep.year - 1)
    rep.sections.setdefault(section, []).append(text)
    assert x1(rep) == [], text


@pytest.mark.parametrize("section,text,cell", [
    ("s4", "本年度未发生行政诉讼案件，行政复议6件。", "t4.cases.ld_total"),
    ("s3", "本年度办理完毕145件，其中予以公开60件。", "t3.r_open.total"),
    ("s4", "本年度被申请行政复议6件，其中2件维持原行政行为。", "t4.cases.rv_keep"),
    ("s3", "本年度收到申请1,148件。", "t3.new.total"),
    ("s2", "全年行政事业性收费1,500.46万元。", "t2.fee.amount"),
])
def test_figures_that_differ_are_found(s21, section, text, cell):
    s21.sections[section].append(text)
    (f,) = x1(s21)
    assert cell in f.cells


def test_right_figures_with_separators_and_outcome_after_the_number(s21):
    s21.sections["s4"].append("本年度被申请行政复议6件，其中3件维持原行政行为。")
    s21.sections["s3"].append("本年度收到申请148件，")
    s21.sections["s2"].append("全年行政事业性收费1,523.46万元。")
    assert x1(s21) == []


def test_message_counts_in_jian(s21):
    s21.sections["s2"].append("全年制发行政规范性文件5个。")
    (f,) = x1(s21)
    assert "（6件）" in f.message and "个）" not in f.message
