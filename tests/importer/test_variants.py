"""Printed variants of real reports that the import must read like the report they vary: heading
punctuation, notes after a heading, long row labels, a title without a year. Each test starts from
the printed huaian-2024 report (../shared/realreports) and changes what real reports print
differently; the expected figures are typed from that report.
"""

from __future__ import annotations

import re

import pytest

from gaic_desktop.importer import INTERPRETED, UNREADABLE, import_text
from tests.conftest import SAMPLES, SHARED
from tests.importer.printed import huaian

pytestmark = pytest.mark.shared

HEADINGS = {
    "二、主动公开政府信息情况": "s2", "三、收到和处理政府信息公开申请情况": "s3",
    "四、政府信息公开行政复议、行政诉讼情况": "s4", "五、存在的主要问题及改进情况": "s5", "六、其他需要报告的事项": "s6",
}
S5_FIRST = "对照上级新要求和公众新期待"
S6_FIRST = "2024 年，市政府严格落实"


def _all_text(rep) -> str:
    return "".join(rep.preface) + "".join("".join(p) for p in rep.sections.values())


def _table_figures(rep) -> dict[str, object]:
    return {ref: rep.stored(ref) for ref in rep.cells()}


BASE = import_text(huaian()).report


@pytest.mark.parametrize("sep", [".", "．", "，"])
def test_section_headings_numbered_with_a_period_or_comma_are_headings(sep):
    """「二.」 / 「二．」 / 「二，」 instead of 「二、」: every section is found, its text stays in it, no
    heading is read as a paragraph of the section above, and every figure lands as before."""
    res = import_text(huaian(replace={h: h.replace("、", sep, 1) for h in HEADINGS}))
    rep = res.report
    assert rep.sections["s5"][0].startswith(S5_FIRST) and rep.sections["s6"][0].startswith(S6_FIRST.replace(" ", ""))
    paras = rep.preface + [p for ps in rep.sections.values() for p in ps]
    assert [p for p in paras if p[:2] in {h[0] + sep for h in HEADINGS}] == []  # no heading kept as text
    assert _table_figures(rep) == _table_figures(BASE)


def test_a_heading_followed_by_a_long_note_on_its_line_is_a_heading():
    """「二、主动公开政府信息情况（本表数据截至…）」: the note in brackets does not make the line a
    paragraph (a heading of more than 48 characters) — section 五 with a note keeps its text in 五."""
    note = "（本部分数据统计时限为2024年1月1日至2024年12月31日，统计范围为市政府本级及市政府办公室）"
    res = import_text(huaian(replace={"二、主动公开": "二、主动公开政府信息情况" + note,
                                      "五、存在的主要问题": "五、存在的主要问题及改进情况" + note}))
    rep = res.report
    assert len("五、存在的主要问题及改进情况" + note) > 48
    assert rep.sections["s5"][0].startswith(S5_FIRST)
    assert "存在的主要问题及改进情况" not in "".join(rep.sections.get("s4", []))
    assert "主动公开政府信息情况" not in "".join(rep.sections["s1"])
    assert _table_figures(rep) == _table_figures(BASE)


@pytest.mark.parametrize("five, six", [
    ("五　存在的主要问题及改进情况", "六　其他需要报告的事项"),  # a space for 「、」
    ("第五部分　存在的主要问题及改进情况", "第六部分　其他需要报告的事项"),
])
def test_section_headings_numbered_without_a_comma_or_as_parts_are_headings(five, six):
    res = import_text(huaian(replace={"五、存在的主要问题": five, "六、其他需要报告": six}))
    rep = res.report
    assert rep.sections["s5"][0].startswith(S5_FIRST) and rep.sections["s6"][0].startswith(S6_FIRST.replace(" ", ""))
    assert "s4" not in rep.sections
    assert _table_figures(rep) == _table_figures(BASE)


@pytest.mark.parametrize("end", ["。", "：", ":"])
def test_a_section_heading_run_into_its_first_paragraph_is_a_heading(end):
    """「五、存在的主要问题及改进情况。对照上级……」 (heading and text on one line, as a bold run-in
    heading is extracted): the heading opens 五, the text after it is 五's first paragraph, and
    table 四 above keeps its figures."""
    res = import_text(huaian(replace={"五、存在的主要问题": "", "对照上级新要求": "五、存在的主要问题及改进情况" + end + S5_FIRST
                                      + "，还有一些需要加强和改进的地方。",
                                      "六、其他需要报告": "", "2024 年，市政府严格落实": "六、其他需要报告的事项" + end + S6_FIRST
                                      + "《政府信息公开信息处理费管理办法》。"}))
    rep = res.report
    assert rep.sections["s5"][0] == S5_FIRST + "，还有一些需要加强和改进的地方。"
    assert rep.sections["s6"][0] == S6_FIRST.replace(" ", "") + "《政府信息公开信息处理费管理办法》。"
    assert "s4" not in rep.sections
    assert _table_figures(rep) == _table_figures(BASE)


def test_a_point_of_section_one_run_in_with_words_like_a_heading_is_text():
    """「二、主动公开情况。本年度…」 as a point of 一 (words close to 二's heading, but not its
    words): text of 一; section 二 starts at its own heading."""
    line = "二、主动公开情况。本年度主动公开政府信息5500余条，较上年有所增加。"
    rep = import_text(huaian(after={"2024 年，我市坚持": [line]})).report
    assert line in rep.sections["s1"]
    assert _table_figures(rep) == _table_figures(BASE)


def test_a_paragraph_starting_like_a_heading_is_still_text():
    """A sentence of 一 that starts 「二.」 and speaks of other things is no heading."""
    line = "二.加强政务公开培训，全年组织培训4次，覆盖全市各部门政务公开工作人员200余人次。"
    rep = import_text(huaian(after={"（一）主动公开情况": [line]})).report
    assert any(p.startswith(line) for p in rep.sections["s1"])
    assert rep.value("t3.new.total") == 3119


def test_unrecognised_rows_are_quoted_as_printed():
    """The import report quotes a row it cannot place as the original prints it (full-width
    brackets, 「、」 after the number, extraction spaces removed), so the officer can find it."""
    extra = "\t（五）不予处理\t6、本机关另行统计的 特殊申请\t1\t0\t0\t0\t0\t0\t1"
    res = import_text(huaian(after={"\t\t5.要求行政机关确认": [extra]}))
    said = [i.message for i in res.by_kind(UNREADABLE) if "特殊申请" in i.message]
    assert said == ["表三中无法识别的行“（五）不予处理6、本机关另行统计的特殊申请”，未导入"]


def test_a_misprinted_row_label_is_quoted_as_printed():
    """A row read under the official label it stands for: both the import report and the
    deviation quote the label as printed, not as normalised for matching."""
    res = import_text(huaian(replace={"\t\t2.其他法律": "\t\t2、其他法律、行政法规禁止公开（含涉密）\t30\t1\t0\t0\t0\t0\t31"}))
    assert res.report.value("t3.d2.total") == 31
    said = [i for i in res.by_kind(INTERPRETED) if "t3.d2.total" in i.cells and "行标签" in i.message]
    assert len(said) == 1 and "“2、其他法律、行政法规禁止公开（含涉密）”" in said[0].message
    assert said[0].deviation == "表三行标签“2.其他法律行政法规禁止公开”印为“2、其他法律、行政法规禁止公开（含涉密）”"


def test_a_table_two_row_not_recognised_is_quoted_as_printed():
    res = import_text(huaian(after={"行政强制\t": ["行政确认（含 备案）\t12"]}))
    said = [i.message for i in res.by_kind(UNREADABLE) if "表二中无法识别的行" in i.message]
    assert said == ["表二中无法识别的行“行政确认（含备案）”，未导入"]


LONG_N5 = "5. 要求行政机关 确认或重新出具 已获取信息 （含 申请人 要求 行政机关 对 已获取的 政府信息 重新 出具 或 确认 的 情形）"


@pytest.mark.parametrize("label", [
    LONG_N5,  # 67 characters as extracted, 51 without the spaces
    "5.要求行政机关确认或重新出具已获取信息（含申请人要求行政机关对已获取的政府信息重新出具或确认的情形，按件统计，不含咨询类事项）",  # 64
])
def test_a_long_row_label_followed_by_its_figures_fills_its_row(label):
    """A row label of 60-odd characters followed by its figures on the same text line: the
    figures land in its row; no 「只有行标签、没有数字」, and the rows below keep theirs."""
    assert len(label) > 60
    res = import_text(huaian(replace={"\t\t5.要求行政机关确认": f"{label} 1 0 0 0 0 0 1"}))
    assert _table_figures(res.report) == _table_figures(BASE)
    assert [i.message for i in res.by_kind(UNREADABLE)] == []
    assert not any("无关" in i.message for i in res.issues)


def test_a_long_row_label_with_its_figures_on_the_next_line_fills_its_row():
    label = "5.要求行政机关确认或重新出具已获取信息（含申请人要求行政机关对已获取的政府信息重新出具或确认的情形，按件统计，不含咨询类事项）"
    res = import_text(huaian(replace={"\t\t5.要求行政机关确认": f"{label}\n1 0 0 0 0 0 1"}))
    assert _table_figures(res.report) == _table_figures(BASE)
    assert [i.message for i in res.by_kind(UNREADABLE)] == []


def test_a_long_sentence_ending_in_a_number_after_table_three_is_text():
    """A guard for the longer labels above: a line of more than 60 characters outside brackets
    that ends with a figure, after table 三, is a sentence of 三, not a row, even when it starts
    with a number."""
    line = "（一）本年度新收申请数量较上年增长明显其中通过网络平台提交的申请占比最高通过信函提交的申请数量明显下降当面提交的申请数量为 12"
    res = import_text(huaian(before={"四、政府信息公开行政复议": [line]}))
    assert _table_figures(res.report) == _table_figures(BASE)
    assert res.report.sections["s3"] == [line.replace(" ", "")]


@pytest.mark.parametrize("title, organisation", [
    ("淮安市交通运输局政府信息公开工作年度报告", "淮安市交通运输局"),
    ("淮安市交通运输局2024年政府信息公开工作年度报告", "淮安市交通运输局"),
    ("淮安市交通运输局２０２４年政府信息公开工作年度报告", "淮安市交通运输局"),
    ("淮安市交通运输局关于2024年政府信息公开工作年度报告", "淮安市交通运输局"),
    ("淮安市清江浦区住房和城乡建设局（清江浦区人民防空办公室）政府信息公开工作年度报告",
     "淮安市清江浦区住房和城乡建设局（清江浦区人民防空办公室）"),
    ("淮安市政务公开办公室政府信息公开工作年度报告", "淮安市政务公开办公室"),
    ("淮安市政务公开办公室2024年政府信息公开工作年度报告", "淮安市政务公开办公室"),
])
def test_the_organisation_is_read_from_a_one_line_title_with_or_without_a_year(title, organisation):
    """The organisation as printed at the start of the title (full-width brackets kept), with or
    without the year; told as read from the title; nothing signed (no 落款 invented)."""
    res = import_text(huaian(replace={"淮安市人民政府": title, "2024 年政府信息公开工作年度报告": ""}))
    assert res.report.organisation == organisation
    assert res.report.year == 2024
    assert any(i.message == f"机关名称按标题推断为“{organisation}”，请核对全称" for i in res.by_kind(INTERPRETED))
    assert res.report.signoff.organisation == ""


def test_a_title_that_names_no_organisation_gives_none():
    res = import_text(huaian(replace={"淮安市人民政府": "政府信息公开工作年度报告", "2024 年政府信息公开工作年度报告": ""}))
    assert res.report.organisation == ""
    assert any("没有从标题中识别出机关名称" in i.message for i in res.issues)


HANYANG = SHARED / "seed" / "hanyang-2020-report.txt"
ALL_PRINTED = [HANYANG, *(SHARED / "realreports" / f"{n}.txt" for n in ("hongze-2023", "hongze-2024", "huaian-2024"))]


def _as_pdf_text(text: str) -> str:
    """Every table row as text extracted from a PDF prints it: cells separated by spaces."""
    return "\n".join(re.sub(r"\t+", " ", x).strip() if "\t" in x else x for x in text.split("\n"))


@pytest.mark.parametrize("path", ALL_PRINTED, ids=lambda p: p.stem)
def test_tables_printed_as_space_separated_text_land_as_from_tabs(path):
    """The seed and the three real reports with their table cells separated by spaces (PDF text):
    every figure lands as from the tab-separated text — also 表二's rows whose labels carry a long
    note in brackets (the seed's 「规范性文件（行政机关制定发布的决定…）」, 90-odd characters), which
    were read as paragraphs of 二 and their figures lost."""
    text = path.read_text(encoding="utf-8")
    base, res = import_text(text), import_text(_as_pdf_text(text))
    assert _table_figures(res.report) == _table_figures(base.report)
    assert {k: len(v) for k, v in res.report.sections.items()} == {k: len(v) for k, v in base.report.sections.items()}


@pytest.mark.parametrize("path", ALL_PRINTED, ids=lambda p: p.stem)
def test_main_rows_of_table_three_numbered_with_a_period_are_no_deviation(path):
    """「一．本年新收…」 / 「四．结转下年度继续办理」 and headings 「二．」: read as 「一、」 — punctuation,
    not a row label unlike the form's; the same figures and the same findings as printed."""
    text = path.read_text(encoding="utf-8")
    varied = "\n".join(re.sub(r"^(\t*)([一二三四五六])、", r"\1\2．", x) for x in text.split("\n"))
    assert varied != text
    base, res = import_text(text), import_text(varied)
    assert _table_figures(res.report) == _table_figures(base.report)
    assert res.report.import_deviations == base.report.import_deviations
    assert {k: len(v) for k, v in res.report.sections.items()} == {k: len(v) for k, v in base.report.sections.items()}


HUAIAN_PDF = _as_pdf_text(huaian())


def _joins(res) -> list[str]:
    return [i.message for i in res.by_kind(INTERPRETED) if "拼接而成" in i.message]


@pytest.mark.parametrize("line, printed, row, pieces", [
    # the figures on the first line of a label of two lines
    ("5.要求行政机关确认或重新出具已获取信息 1 0 0 0 0 0 1",
     "5.要求行政机关确认或重新出具 1 0 0 0 0 0 1\n已获取信息", "5.要求行政机关确认或重新出具已获取信息",
     ["5.要求行政机关确认或重新出具", "已获取信息"]),
    ("（六）其他处理 1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 67 3 0 0 1 0 71",
     "（六）其他处理 1、申请人无正当理由逾期不补正、行政机关 67 3 0 0 1 0 71\n不再处理其政府信息公开申请",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     ["（六）其他处理 1、申请人无正当理由逾期不补正、行政机关", "不再处理其政府信息公开申请"]),
    # the figures on the middle line of a label of three lines, the last closing its note
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 447 7 0 0 0 0 454",
     "（二）部分公开（区分处理的，\n只计这一情形， 447 7 0 0 0 0 454\n不计其他情形）", "（二）部分公开",
     ["（二）部分公开（区分处理的，", "只计这一情形，", "不计其他情形）"]),
])
def test_the_end_of_a_label_printed_after_its_figures_stays_with_its_row(line, printed, row, pieces):
    """PDF text of a label cell of several lines with the figures on its first or middle line: the
    lines after the figures end that label, not start the next row's. The figures land as printed,
    no row label is said to be printed unlike the form (it is not), and the join listed is the
    true one (this row's lines), not one with the next row's label."""
    assert line in HUAIAN_PDF
    res = import_text(HUAIAN_PDF.replace(line, printed))
    base = import_text(HUAIAN_PDF)
    assert _table_figures(res.report) == _table_figures(base.report)
    assert res.report.import_deviations == base.report.import_deviations
    shown = "＋".join(f"“{x}”" for x in pieces)
    assert _joins(res) == [f"表三“{row}”行的标签由原文相邻的{len(pieces)}行拼接而成：{shown}"]


@pytest.mark.parametrize("lines, date", [
    (["淮安市人民政府办公室", "二〇二五年一月二十日"], "2025-01-20"),
    (["淮安市人民政府办公室", "二○二五年十二月三十一日"], "2025-12-31"),
    (["淮安市人民政府办公室　二〇二五年一月二十日"], "2025-01-20"),
    (["淮安市人民政府办公室", "2025.1.20"], "2025-01-20"),
    (["淮安市人民政府办公室", "2025-01-20"], "2025-01-20"),
    (["淮安市人民政府办公室", "2025/1/20"], "2025-01-20"),
])
def test_a_signoff_dated_in_chinese_numerals_or_with_points_is_the_signoff(lines, date):
    """The 落款 date as official documents write it (「二〇二五年一月二十日」) or with points or
    dashes: organisation and date read as the 落款 (told), not left as the last paragraph of 六."""
    res = import_text(huaian(after={"2024 年，市政府严格落实": lines}))
    rep = res.report
    assert (rep.signoff.organisation, str(rep.signoff.date)) == ("淮安市人民政府办公室", date)
    assert rep.sections["s6"][-1].endswith("3940元。")
    assert any(i.message == f"正文末尾的“淮安市人民政府办公室　{date}”按落款读取，请核对" for i in res.by_kind(INTERPRETED))


@pytest.mark.parametrize("line", ["二〇二五年十三月一日", "二〇二五年二月三十日", "二三年一月二十日"])
def test_a_line_like_a_date_that_is_none_is_no_signoff_date(line):
    rep = import_text(huaian(after={"2024 年，市政府严格落实": ["淮安市人民政府办公室", line]})).report
    assert rep.signoff.date is None


def test_the_total_row_printed_as_heji_is_the_total_row_and_a_deviation():
    """「（七）合计」 for 「（七）总计」: its figures are the total row's; the word is a deviation."""
    res = import_text(huaian(replace={"\t（七）总计": "\t（七）合计\t2932\t53\t0\t0\t61\t4\t3050"}))
    assert _table_figures(res.report) == _table_figures(BASE)
    assert res.report.import_deviations == ["表三行标签“（七）总计”印为“（七）合计”"]


@pytest.mark.parametrize("mark", ["- 5 -", "— 5 —", "－ 5 －", "第 5 页", "第5页 共8页", "5/8"])
def test_a_page_number_in_pdf_text_is_dropped_and_told(mark):
    """A page number printed on a line of its own in text taken from a PDF: between two rows of
    表三, inside a label broken over the page, and between two halves of a paragraph. It is no row
    (no 「无法识别的行“”」), it does not break the label or the paragraph, and it is counted with the
    lines not imported."""
    n5 = "5.要求行政机关确认或重新出具已获取信息 1 0 0 0 0 0 1"
    text = HUAIAN_PDF.replace("（四）无法提供 1.", mark + "\n（四）无法提供 1.").replace(
        n5, "5.要求行政机关确认或重新出具\n" + mark + "\n已获取信息 1 0 0 0 0 0 1").replace(
        "政策解读内容简单", "政策解读\n" + mark + "\n内容简单")
    res = import_text(text)
    base = import_text(HUAIAN_PDF)
    assert _table_figures(res.report) == _table_figures(base.report)
    assert res.report.sections == base.report.sections
    assert [i.message for i in res.by_kind(UNREADABLE)] == []
    dropped = [i for i in res.by_kind(INTERPRETED) if "无关的" in i.message]
    assert [i.message[:13] for i in dropped] == ["原文中与年度报告无关的3行"] and dropped[0].source == " / ".join([mark] * 3)


def test_a_bare_number_in_table_three_is_said_to_have_no_label():
    res = import_text(HUAIAN_PDF.replace("（四）无法提供 1.", "5\n（四）无法提供 1."))
    assert [i.message for i in res.by_kind(UNREADABLE)] == ["原文表三中的“5”一行只有数字、没有行标签，未导入"]


@pytest.mark.parametrize("pdf", [False, True])
def test_the_figures_of_table_four_printed_over_two_lines_are_one_row(pdf):
    """表四's 15 figures wrapped after the 8th (a wide table in PDF text): joined in their order,
    the join listed; every figure lands as printed on one line."""
    one = "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20"
    text = huaian(replace={one: one.replace("\t8\t1\t", "\t8\n1\t")})
    res = import_text(_as_pdf_text(text) if pdf else text)
    assert _table_figures(res.report) == _table_figures(BASE)
    assert [i.message for i in res.by_kind(INTERPRETED) if "表四的15个数字" in i.message] == [
        "表四的15个数字分2行印出（8＋7个），按原文顺序合为一行读取"]


def test_lines_of_table_four_that_do_not_make_fifteen_figures_are_not_joined():
    one = "72\t64\t178\t37\t351\t13\t4\t8\t1\t26\t12\t1\t1\t6\t20"
    res = import_text(huaian(replace={one: "72\t64\t178\t37\t351\t13\t4\t8\n1\t26\t12\t1\t1\t6"}))
    assert all(res.report.stored(f"t4.cases.{c}") is None for c in ("rv_keep", "lr_total"))
    assert [i.message for i in res.by_kind(UNREADABLE) if "表四" in i.message] == [
        "表四的数字行有8个数字（应为15个），未导入", "表四的数字行有6个数字（应为15个），未导入"]


def test_captions_of_table_two_without_brackets_are_captions():
    """「第二十条第五项」 for 「第二十条第（五）项」: a caption of 表二, not a paragraph of 二."""
    res = import_text(huaian(replace={"第二十条第（五）项": "第二十条第五项", "第二十条第（八）项": "第二十条第八项"}))
    assert "s2" not in res.report.sections
    assert _table_figures(res.report) == _table_figures(BASE)


@pytest.mark.parametrize("pdf", [False, True])
def test_a_table_two_label_printed_on_its_own_line_keeps_its_figures(pdf):
    """PDF text of 表二 with a label cell wrapped (「行政规范性」 / 「文件　8　26　66」) and a figure
    printed under its label (「行政许可」 / 「447228」): the figures land in their rows (they were
    lost: the label read as text of 二, the figures as an unrelated table, and 「表二没有…行」 said),
    each join listed."""
    text = huaian(replace={"行政规范性文件\t8": "行政规范性\n文件\t8\t26\t66", "行政许可\t447228": "行政许可\n447228"})
    res = import_text(_as_pdf_text(text) if pdf else text)
    assert _table_figures(res.report) == _table_figures(BASE)
    assert res.report.import_deviations == BASE.import_deviations
    assert "s2" not in res.report.sections
    assert [i.message for i in res.by_kind(INTERPRETED) if i.message.startswith("表二“")] == [
        "表二“行政规范性文件”行的标签由原文相邻的2行拼接而成：“行政规范性”＋“文件”",
        "表二“行政许可”行的数字印在行标签“行政许可”的下一行"]


def test_a_table_two_label_without_figures_before_another_row_stays_text():
    """「行政许可」 on a line of its own, followed by the 行政处罚 row: no join (行政处罚's figures
    stay its own); the line is text, 行政许可 is not found."""
    res = import_text(huaian(replace={"行政许可\t447228": "行政许可"}))
    assert res.report.value("t2.licensing.decisions") is None
    assert res.report.value("t2.penalty.decisions") == 3985758
    assert not any("拼接" in i.message or "下一行" in i.message for i in res.issues)


def test_a_bold_heading_run_into_a_short_first_line_of_a_web_page_keeps_the_line():
    """A web page printing 「<strong>五、存在的主要问题及改进情况：</strong>（一）存在的主要问题」 in one
    paragraph: the heading opens 五 and 「（一）存在的主要问题」 stays its first paragraph (the whole
    line was taken for the heading and the words after it lost)."""
    from gaic_desktop.core.storage import load
    from tests.importer.helpers import to_html

    loaded = load(SAMPLES / "sample-2021.gaic.json")
    page = to_html(loaded[0] if isinstance(loaded, tuple) else loaded)
    old = "<p><strong>五、存在的主要问题及改进情况</strong></p>\n<p style='text-indent:2em'>（一）存在的主要问题</p>"
    assert old in page
    base = import_text(page, html=True).report
    rep = import_text(page.replace(old, "<p style='text-indent:2em'><strong>五、存在的主要问题及改进情况：</strong>"
                                        "（一）存在的主要问题</p>"), html=True).report
    assert rep.sections == base.sections
    assert rep.sections["s5"][0] == "（一）存在的主要问题"


def test_the_header_lines_of_table_three_are_quoted_as_printed():
    """The import report's source of 「表三的栏目…与本格式不同」 is the header as printed (full-width
    brackets and colon), not as normalised for matching."""
    res = import_text(huaian(replace={"\t\t商业企业\t科研机构": "\t\t科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他"}))
    said = [i for i in res.by_kind(INTERPRETED) if i.message.startswith("表三的栏目")]
    assert len(said) == 1
    assert said[0].source.startswith("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 / ")
    assert said[0].source.endswith(" / 科研机构 商业企业 社会公益组织 法律服务机构 其他")


@pytest.mark.parametrize("path", ALL_PRINTED, ids=lambda p: p.stem)
def test_the_variants_together_give_the_findings_of_the_original(path):
    """The seed and the three real reports as PDF text, headings and main rows numbered 「一．」,
    and 五/六 run into their first paragraph: the checker finds exactly what it finds on the
    original (no false error, nothing missed), and the errors printed in the source are the same."""
    from gaic_desktop.core.rules import evaluate

    text = path.read_text(encoding="utf-8")
    varied = "\n".join(re.sub(r"^(\t*)([一二三四五六])、", r"\1\2．", x) for x in _as_pdf_text(text).split("\n"))
    varied = re.sub(r"\n(五．(?:政府信息公开工作)?存在的(?:主要)?问题及改进情况|六．其他需要报告的事项)\n", r"\n\1：", varied)
    assert varied.count("．其他需要报告的事项：") == 1 and varied.count("问题及改进情况：") == 1
    base, res = import_text(text), import_text(varied)
    assert sorted(f.message for f in evaluate(res.report)) == sorted(f.message for f in evaluate(base.report))
    assert res.printed_errors() == base.printed_errors()
