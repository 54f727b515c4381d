"""Pass 1 of the import (importer/structure.py) seen from what the user gets: the title and the
organisation kept, the text of each section kept as text, the column each table-二 figure lands
in, a source that is not a report refused. Each test starts from the printed huaian-2024 report
(../shared/realreports) and changes one thing; the expected figures are typed from that report.
"""

from __future__ import annotations

import re

import pytest

from gaic_desktop.importer import INTERPRETED, UNREADABLE, ImportFailed, import_text
from tests.conftest import SHARED
from tests.importer.printed import huaian

pytestmark = pytest.mark.shared

T2_HEADER_1 = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
# （一） as printed: 规章 1 / 0 / 11, 行政规范性文件 8 / 26 / 66
REGULATION = {"made": 1, "repealed": 0, "effective": 11}
NORMATIVE = {"made": 8, "repealed": 26, "effective": 66}


def t2_row(rep, row: str) -> dict[str, object]:
    return {c: rep.value(f"t2.{row}.{c}") for c in ("made", "repealed", "effective")}


def test_the_printed_report_reads_its_title_organisation_and_table_two():
    rep = import_text(huaian()).report
    assert rep.organisation == "淮安市人民政府"
    assert rep.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert t2_row(rep, "regulation") == REGULATION
    assert t2_row(rep, "normative") == NORMATIVE


@pytest.mark.parametrize("nav", [1, 2, 3, 4])
def test_the_organisation_line_above_the_title_is_kept_after_page_navigation(nav):
    """A saved web page: navigation lines, then the organisation on its own line, then the title.
    The navigation is dropped (and counted), the organisation is kept — whatever the number of
    navigation lines (the title is then the 2nd … 5th line)."""
    lines = ["首页", "政务公开", "发布日期：2025-01-20", "来源：市政府办公室"][:nav]
    res = import_text(huaian(before={"淮安市人民政府": lines}))
    assert res.report.organisation == "淮安市人民政府"
    assert res.report.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    dropped = [i for i in res.by_kind(INTERPRETED) if "无关的" in i.message]
    assert [i.message[:12] for i in dropped] == [f"原文中与年度报告无关的{nav}"]
    assert dropped[0].source == " / ".join(lines)


def test_a_text_with_a_single_section_heading_is_not_taken_for_a_report():
    text = "淮安市人民政府\n2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我市认真贯彻《条例》。"
    with pytest.raises(ImportFailed, match="没有找到“一、总体情况”等部分标题"):
        import_text(text)
    two = text + "\n二、主动公开政府信息情况\n本年主动公开信息5500余条。"
    assert import_text(two).report.sections["s2"] == ["本年主动公开信息5500余条。"]


def test_a_table_two_header_split_over_two_lines_is_read_as_the_header():
    """「信息内容」 on a line of its own (a PDF cell wrapped), the column labels on the next: neither
    line is kept as text of 二, and the figures land in their columns."""
    res = import_text(huaian(replace={T2_HEADER_1: "信息内容"},
                             after={"信息内容": ["本年制发件数\t本年废止件数\t现行有效件数"]}))
    rep = res.report
    assert t2_row(rep, "regulation") == REGULATION
    assert t2_row(rep, "normative") == NORMATIVE
    assert rep.sections.get("s2", []) == []
    assert not [i for i in res.issues if "没有栏目标题" in i.message]


def test_a_paragraph_after_a_table_two_stays_in_the_text():
    note = "以上数据统计截至2024年12月31日，行政许可数量含市县两级"
    rep = import_text(huaian(after={"行政事业性收费\t": [note]})).report
    assert rep.sections["s2"] == [note]
    assert rep.value("t2.fee.amount") is not None


def test_table_two_labels_in_another_order_with_units_between_them_are_mapped_by_label():
    """Each label printed with 「/件」 after it, 废止 before 制发: every figure follows its label."""
    header = "信息内容\t本年废止件数/件\t本年制发件数/件\t现行有效件数/件"
    rows = {"规章\t": "规章\t0\t1\t11", "行政规范性文件\t": "行政规范性文件\t26\t8\t66"}
    rep = import_text(huaian(replace={T2_HEADER_1: header, **rows})).report
    assert t2_row(rep, "regulation") == REGULATION
    assert t2_row(rep, "normative") == NORMATIVE


def test_a_misprinted_label_before_another_label_is_still_read_and_reported():
    """「本年制法件数」 (one character off) before 「本年废止件数」, with a unit between them: the
    misprint is read as 本年制发件数 and reported as a deviation."""
    header = "信息内容\t本年制法件数/件\t本年废止件数/件\t现行有效件数/件"
    res = import_text(huaian(replace={T2_HEADER_1: header}))
    assert t2_row(res.report, "regulation") == REGULATION
    assert t2_row(res.report, "normative") == NORMATIVE
    assert "表二栏目“本年制发件数”印为“本年制法件数”" in res.report.import_deviations


def test_a_refused_table_two_row_quotes_its_column_label_as_printed():
    """行政事业性收费 printed under the label of the row above (本年处理决定数量): that is not a
    column of the row, nothing is filled, and the message quotes the whole printed label."""
    res = import_text(huaian(replace={"信息内容\t本年收费金额": "信息内容\t本年处理决定数量"}))
    assert res.report.value("t2.fee.amount") is None
    msg = next(i.message for i in res.by_kind(UNREADABLE) if i.cells == ("t2.fee.amount",))
    assert "（本年处理决定数量=96171.6）" in msg


def test_a_section_heading_with_a_long_gloss_is_still_a_heading():
    """A heading of 48 characters (the longest read as one) with its statistics period."""
    heading = "三、收到和处理政府信息公开申请情况（本部分统计期限为2024年1月1日至12月31日，单位：件）"
    para = "本年度依申请公开工作总体平稳。"
    rep = import_text(huaian(replace={"三、收到和处理": heading}, after={"三、收到和处理": [para]})).report
    assert rep.sections["s3"] == [para]
    assert rep.sections.get("s2", []) == []
    assert rep.value("t3.new.total") == 3119


def test_a_long_line_naming_the_applicants_stays_text_of_section_three():
    """A line of 120 characters that names 「自然人」 and 「法人或其他组织」 without a full stop is
    a paragraph, not a header line of table 三 (those are shorter)."""
    line = ("本年度收到的申请中自然人申请占绝大多数，法人或其他组织申请主要集中在征地拆迁、规划建设和市场监管等领域，"
            "我们逐件登记、逐件审核、逐件答复，并对申请较多的领域开展分析研判，推动相关信息主动公开，从源头上减少同类申请的数量，"
            "办理质量效率有所提高")
    assert len(line) == 120, len(line)
    rep = import_text(huaian(after={"三、收到和处理": [line]})).report
    assert rep.sections["s3"] == [line]
    assert rep.value("t3.new.total") == 3119


def test_a_short_line_of_section_one_naming_a_table_two_column_stays_text():
    """A list item of 一 without a full stop that happens to name table-二 columns is text of 一,
    not a table-二 header (those are read in 二 only); the format is still told by table 二."""
    item = "全市规章本年制发件数1件、现行有效件数11件"
    res = import_text(huaian(after={"（一）主动公开情况": [item]}))
    rep = res.report
    assert any(item in p for p in rep.sections["s1"])  # joined with the next line (no full stop)
    assert t2_row(rep, "regulation") == REGULATION
    assert not [d for d in rep.import_deviations if "格式" in d]


def test_a_navigation_table_that_opens_the_page_is_left_out_in_page_order():
    """A saved page that starts with a table (the site's navigation): the whole table is left out,
    its rows listed in the order of the page, and the title below it is read."""
    page = ("<html><body><table><tr><td>首页</td><td>政务公开</td></tr>"
            "<tr><td>政府信息公开年报</td><td>发布日期：2025-01-20</td></tr></table>"
            "<p>淮安市人民政府</p><p>2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>2024年，我市认真贯彻《条例》。</p>"
            "<p>二、主动公开政府信息情况</p><p>本年主动公开信息5500余条。</p></body></html>")
    res = import_text(page, html=True)
    assert res.report.organisation == "淮安市人民政府"
    assert res.report.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    dropped = [i for i in res.by_kind(INTERPRETED) if "无关的" in i.message]
    assert [(i.message[:13], i.source) for i in dropped] == [
        ("原文中与年度报告无关的2行", "首页 | 政务公开 / 政府信息公开年报 | 发布日期：2025-01-20")]


def test_a_breadcrumb_naming_the_annual_reports_is_not_part_of_the_title():
    """「当前位置：首页>政务公开>政府信息公开年报」 reads like a title line (it names 年报) but is
    not the title: the title is the line that says 报告, with the organisation above it."""
    crumb = "当前位置：首页>政务公开>政府信息公开年报"
    res = import_text(huaian(before={"淮安市人民政府": ["首页", crumb]}))
    assert res.report.organisation == "淮安市人民政府"
    assert res.report.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    dropped = next(i for i in res.by_kind(INTERPRETED) if "无关的" in i.message)
    assert dropped.source == f"首页 / {crumb}"


def _huaian_lines(first: str, stop: str) -> list[str]:
    """The printed lines from the one starting with ``first`` up to the one starting with ``stop``."""
    lines = huaian().split("\n")
    i = next(k for k, x in enumerate(lines) if x.startswith(first))
    j = next(k for k, x in enumerate(lines) if x.startswith(stop))
    return lines[i:j]


@pytest.mark.parametrize("first_line", ["三、收到和处理", "（本列数据的勾稽关系"], ids=["under-its-heading", "no-heading"])
def test_a_pasted_title_and_table_three_keep_the_title(first_line):
    """Only the title and table 三 pasted, under the heading 三 or with no section heading at all:
    enough to import (the table is there), and the title and organisation above it are read."""
    text = "\n".join(["淮安市人民政府", "2024年政府信息公开工作年度报告",
                      *_huaian_lines(first_line, "四、政府信息公开行政复议")])
    rep = import_text(text).report
    assert rep.organisation == "淮安市人民政府"
    assert rep.title == "淮安市人民政府2024年政府信息公开工作年度报告"
    assert [rep.value(f"t3.new.{c}") for c in ("natural", "total")] == [3001, 3119]


def test_table_three_printed_without_its_header_is_read_under_its_heading():
    """The three header lines of table 三 lost (a copy without the header): the rows under heading
    三 are still table 三, each figure in the form's column order."""
    header = _huaian_lines("（本列数据的勾稽关系", "一、本年新收")
    assert len(header) == 3
    text = huaian(replace={h: "" for h in header})
    rep = import_text(text).report
    assert [rep.value(f"t3.new.{c}") for c in ("natural", "business", "legal_service", "total")] == [3001, 53, 61, 3119]
    assert rep.value("t3.carried_out.total") == 103
    assert not any("本年新收" in p for p in rep.sections.get("s3", []))


def test_a_table_three_row_as_a_text_line_with_a_sixty_character_label_is_a_row():
    """PDF text: a row as one line, its label (with the spaces where the cell wrapped) 60
    characters long, then the seven figures — still a row, not a paragraph."""
    label = "三、本年度办理结果 （六） 其他处理 2、申请人逾期未按 收费通知要求缴纳费用、 行政机关不再处理其政府 信息 公开申请"
    assert len(label) == 60
    rep = import_text(huaian(replace={"\t\t2、申请人逾期未按": label + " 6 0 0 0 0 0 6"})).report
    assert [rep.value(f"t3.o2.{c}") for c in ("natural", "business", "total")] == [6, 0, 6]
    assert not any("申请人逾期未按" in p for p in rep.sections.get("s3", []))


def test_a_long_note_between_rows_of_table_three_is_text_and_the_rows_keep_their_labels():
    """A line of more than 60 characters without a full stop between two rows of table 三 (a note
    of the publisher): kept as text of 三, not taken as the first line of the next row's label."""
    note = "本表数据来源于市政府信息公开申请办理系统，包括市本级及各县区人民政府和市级部门受理的全部申请，统计口径与上一年度的做法保持一致"
    assert len(note) > 60
    rep = import_text(huaian(after={"二、上年结转": [note]})).report
    assert rep.sections["s3"] == [note]
    assert [rep.value(f"t3.r_open.{c}") for c in ("natural", "total")] == [1288, 1362]
    assert [rep.value(f"t3.carried_in.{c}") for c in ("natural", "total")] == [34, 34]


def test_a_numbered_point_of_section_five_named_like_an_earlier_section_stays_in_five():
    """In 五 (problems and improvements) the points are numbered 一、二、…; 「二、主动公开政府信息
    方面」 reads like heading 二 but comes after 五: it is text of 五, and so is what follows."""
    point, text = "二、主动公开政府信息方面", "部分栏目更新不够及时，下一步将加强日常巡查。"
    rep = import_text(huaian(after={"五、存在的主要问题": [point, text]})).report
    assert rep.sections["s5"][:2] == [point, text]
    assert rep.sections.get("s2", []) == []


def test_a_numbered_point_of_section_one_is_not_taken_for_the_next_heading():
    """「二、加强政策解读工作」 in 一: numbered like heading 二 but worded unlike it — text of 一."""
    point = "二、加强政策解读工作"
    rep = import_text(huaian(after={"（一）主动公开情况": [point]})).report
    assert any(p.startswith(point) for p in rep.sections["s1"])
    assert rep.sections.get("s2", []) == []


def test_a_small_table_in_section_one_is_kept_as_text():
    """A table in 一 (two figures of the year, not a form table) is part of the text of 一; only
    tables outside the report's own sections and tables 二–四 are judged as page furniture."""
    rows = ["政策解读\t21个", "新闻发布会\t12场"]
    res = import_text(huaian(after={"（一）主动公开情况": rows}))
    s1 = " ".join(res.report.sections["s1"])
    assert "政策解读" in s1 and "新闻发布会" in s1
    assert not [i for i in res.by_kind(INTERPRETED) if "无关的" in i.message]


def test_a_title_printed_as_nianbao_keeps_the_preface_apart():
    """A title that says 年报 (not 报告): the lines after the first preface paragraph stay preface,
    even a short one that ends with an organisation's name."""
    contact = "政府信息公开工作机构：淮安市人民政府办公室"
    res = import_text(huaian(replace={"2024 年政府信息公开工作年度报告": "2024年政府信息公开工作年报"},
                             after={"本报告由淮安市人民政府办公室": [contact]}))
    rep = res.report
    assert rep.title == "淮安市人民政府2024年政府信息公开工作年报"
    assert rep.preface[-1] == contact


def test_a_long_first_header_line_of_table_three_is_still_the_header():
    """The header line with the 勾稽关系 note, 119 characters long without the tab: a header line
    of table 三 (not text of 三), and the table is read under it."""
    note = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和。其中第三项“本年度办理结果”的（七）总计"
            "等于（一）至（六）各项之和，各栏数字均为本年度实际办理的件数，申请人情况按申请人类型分列统计，法人或其他组织按五类分别统计）")
    rep = import_text(huaian(replace={"（本列数据的勾稽关系": note + "\t申请人情况"})).report
    assert rep.sections.get("s3", []) == []
    assert [rep.value(f"t3.new.{c}") for c in ("natural", "business", "total")] == [3001, 53, 3119]


def test_a_misprinted_xinxi_neirong_does_not_stop_the_header():
    """「信息类容」 for 「信息内容」 (one character wrong) at the head of a table-二 header: the
    header is read, the figures land in their columns."""
    res = import_text(huaian(replace={T2_HEADER_1: T2_HEADER_1.replace("信息内容", "信息类容")}))
    assert t2_row(res.report, "regulation") == REGULATION
    assert t2_row(res.report, "normative") == NORMATIVE


def _seed_without_hubei_row() -> list[str]:
    seed = (SHARED / "seed" / "hanyang-2020-report.txt").read_text(encoding="utf-8")
    lines = [x for x in seed.split("\n") if not x.startswith("其他主动公开文件")]
    assert len(lines) == len(seed.split("\n")) - 1 and any("（指 2019 年事项数）" in x for x in lines)
    return lines


def test_a_hubei_report_without_its_extra_row_is_told_by_the_glosses_of_its_headers():
    """汉阳 2020 (the seed) with the row 「其他主动公开文件」 left out: its column labels still carry
    the Hubei glosses 「（指 2019 年事项数）」…, so the report is read as the Hubei form."""
    res = import_text("\n".join(_seed_without_hubei_row()))
    assert res.report.variant == "hubei"
    assert any("识别为湖北省地方格式" in i.message for i in res.issues)


def test_a_2019_form_report_without_hubei_row_or_glosses_is_the_national_form():
    """The same report with the glosses taken out of its column labels too: the national form."""
    lines = [re.sub(r"\s*（指[^）]*）", "", x) if x.startswith("信息内容") else x for x in _seed_without_hubei_row()]
    assert not any("（指" in x for x in lines if x.startswith("信息内容"))
    res = import_text("\n".join(lines))
    assert (res.report.format, res.report.variant) == ("2019", None)
    assert not any("湖北" in i.message for i in res.issues)


def test_a_point_numbered_beyond_the_six_sections_is_text():
    """「七、加强政务公开培训」 in 一 (points numbered past 六, which no section heading has): text
    of 一, and the import goes on."""
    point = "七、加强政务公开培训"
    rep = import_text(huaian(after={"（一）主动公开情况": [point]})).report
    assert any(p.startswith(point) for p in rep.sections["s1"])
    assert rep.value("t3.new.total") == 3119


def test_a_text_line_of_table_three_whose_words_run_past_sixty_characters_fills_its_row():
    """The same line with one more space (61 characters before the figures, 55 without the
    spaces): still a row label followed by its figures. The figures land in 2. of （六）, and the
    import report does not say the line has no figures (it used to: the line, figures and all,
    was taken for a label without figures and 「只有行标签、没有数字」 was told)."""
    label = "三、本年度办理结果 （六） 其他处理 2、申请人逾期未按 收费通知要求缴纳费用、 行政机关不再处理其政府 信息 公开 申请"
    assert len(label) == 61
    res = import_text(huaian(replace={"\t\t2、申请人逾期未按": label + " 6 0 0 0 0 0 6"}))
    assert [res.report.value(f"t3.o2.{c}") for c in ("natural", "total")] == [6, 6]
    assert [res.report.value(f"t3.o3.{c}") for c in ("natural", "total")] == [108, 110]
    assert [i.message for i in res.issues if "t3.o2.total" in i.cells or "没有数字" in i.message] == []


def test_a_title_of_45_characters_is_the_title():
    """An organisation with a second name in brackets makes a long title line (45 characters):
    still the title, not the first paragraph of the preface."""
    title = "淮安市清江浦区住房和城乡建设局（清江浦区人民防空办公室）2024年政府信息公开工作年度报告"
    assert len(title) == 45
    rep = import_text(huaian(replace={"淮安市人民政府": title, "2024 年政府信息公开工作年度报告": ""})).report
    assert rep.title == title
    assert rep.preface[0].startswith("本报告由")
