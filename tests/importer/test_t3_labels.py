"""The row of table 三 a printed label lands in when it is not the form's label (importer/tables.py
label matching): the words of the label decide, its numbering helps, and a label that is close to
no row is reported, never put in a row of another group. Each test changes one label of the
printed huaian-2024 report; the expected figures are typed from that report."""

from __future__ import annotations

import pytest

from gaic_desktop.importer import BLANK, INTERPRETED, UNREADABLE, import_text
from tests.importer.printed import huaian

pytestmark = pytest.mark.shared

COLS = ("natural", "business", "research", "public_interest", "legal_service", "other", "total")
# as printed in huaian-2024
NEW = [3001, 53, 0, 0, 61, 4, 3119]
CARRIED_IN = [34, 0, 0, 0, 0, 0, 34]
OPEN = [1288, 21, 0, 0, 50, 3, 1362]
PARTIAL = [447, 7, 0, 0, 0, 0, 454]
OTHER_OTHER = [108, 2, 0, 0, 0, 0, 110]  # （六）3、其他


def row(rep, key: str) -> list:
    return [rep.value(f"t3.{key}.{c}") for c in COLS]


def split_line(start: str, first: str, second: str) -> str:
    """The printed report with the line starting with ``start`` printed as two lines."""
    return huaian(replace={start: first}, after={start: [second]})


def twice(res) -> list[str]:
    return [i.message for i in res.by_kind(UNREADABLE) if "出现两次" in i.message]


def test_a_misnumbered_main_row_is_read_by_its_words():
    """「二、本年新收…」 (二 for 一): the row is 本年新收, not 上年结转, and the real 上年结转 row
    keeps its own figures."""
    res = import_text(huaian(replace={"一、本年新收": "二、本年新收政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t3119"}))
    assert row(res.report, "new") == NEW
    assert row(res.report, "carried_in") == CARRIED_IN
    assert twice(res) == []


def test_a_main_row_whose_words_are_as_close_to_two_rows_goes_by_its_number():
    """「一、本年结转…」 (新收 misprinted as 结转): as close in words to 本年新收 as to 上年结转;
    its number 一 decides — 本年新收 — and 上年结转 keeps its own figures."""
    res = import_text(huaian(replace={"一、本年新收": "一、本年结转政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t3119"}))
    assert row(res.report, "new") == NEW
    assert row(res.report, "carried_in") == CARRIED_IN
    assert twice(res) == []
    assert any("本年结转" in i.message for i in res.by_kind(INTERPRETED) if "t3.new.total" in i.cells)


def test_a_reworded_group_row_goes_to_the_row_its_group_number_names():
    """「（二）部分予以公开」 is as close in words to （一）予以公开 as to （二）部分公开: the group
    number decides, and the row is reported as reworded."""
    res = import_text(huaian(replace={"\t（二）部分公开": "\t（二）部分予以公开\t447\t7\t0\t0\t0\t0\t454"}))
    assert row(res.report, "r_partial") == PARTIAL
    assert row(res.report, "r_open") == OPEN
    assert twice(res) == []
    assert any("部分予以公开" in i.message for i in res.by_kind(INTERPRETED))


def test_a_label_cut_short_is_reported_and_not_put_in_another_group():
    """「2.其他法」 (the rest of 「2.其他法律行政法规禁止公开」 lost): too far from any row to be
    read. It is reported; its figures go nowhere — not to （六）「3.其他」, which keeps its own."""
    res = import_text(huaian(replace={"\t\t2.其他法律": "\t\t2.其他法\t30\t1\t0\t0\t0\t0\t31"}))
    rep = res.report
    assert row(rep, "o3") == OTHER_OTHER
    assert row(rep, "d2") == [None] * 7
    said = [i for i in res.by_kind(UNREADABLE) if "无法识别的行“" in i.message and "其他法" in i.message]
    assert [i.source for i in said] == ["2.其他法\t30\t1\t0\t0\t0\t0\t31"]  # the printed line, as printed
    assert twice(res) == []


def test_a_label_printed_over_two_lines_is_joined_and_its_source_shows_both():
    """「（二）部分公开（区分处理的，只计这一情形，」 on a line of its own, the rest of the label with
    the figures on the next: one row, read into （二）部分公开, and the note quotes both lines."""
    res = import_text(split_line("\t（二）部分公开", "\t（二）部分公开（区分处理的，只计这一情形，",
                                 "\t不计其他情形）\t447\t7\t0\t0\t0\t0\t454"))
    assert row(res.report, "r_partial") == PARTIAL
    joined = [i for i in res.by_kind(INTERPRETED) if "拼接而成" in i.message]
    assert [i.source for i in joined] == ["（二）部分公开（区分处理的，只计这一情形， 不计其他情形）\t447\t7\t0\t0\t0\t0\t454"]
    assert "“（二）部分公开（区分处理的，只计这一情形，”＋“不计其他情形）”" in joined[0].message


REORDERED_HEADER = "\t\t科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他"  # 科研机构 printed before 商业企业


def test_a_spurious_zero_under_a_header_in_another_order_leaves_each_figure_under_its_label():
    """Header with 科研机构 before 商业企业, and a row with the spurious 「0」 of a PDF (8 numbers):
    the 0 is dropped and the figures are then placed by the printed labels — 5 under 科研机构,
    0 under 商业企业 — as the 7-number rows are."""
    carried = "二、上年结转政府信息公开申请数量"
    res = import_text(huaian(replace={"\t\t商业企业": REORDERED_HEADER,
                                      "一、本年新收": "一、本年新收政府信息公开申请数量\t3001\t7\t53\t9\t61\t4\t3135",
                                      carried: f"{carried}\t34\t0\t5\t0\t0\t0\t0\t39"}))
    rep = res.report
    assert row(rep, "new") == [3001, 53, 7, 9, 61, 4, 3135]
    assert row(rep, "carried_in") == [34, 0, 5, 0, 0, 0, 39]
    assert any("多出的“0”已去掉" in i.message for i in res.by_kind(INTERPRETED) if "t3.carried_in.total" in i.cells)



SUBTOTAL_HEADER = "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计"


def test_a_row_without_its_subtotal_under_a_subtotal_header_is_read_when_it_adds_up():
    """Header with a 小计 column (8 columns); the row 二、上年结转 printed with 7 numbers (its 小计
    left out) whose total is the sum of the others: read as the form's 7 columns."""
    res = import_text(huaian(replace={"\t\t商业企业": SUBTOTAL_HEADER,
                                      "一、本年新收": "一、本年新收政府信息公开申请数量\t3001\t53\t0\t0\t61\t4\t118\t3119"}))
    assert row(res.report, "new") == NEW
    assert row(res.report, "carried_in") == CARRIED_IN


def test_a_label_split_over_two_lines_matching_no_row_is_reported_and_places_nothing():
    """Two lines that join into a label of no row of the form (「本机关另行统计的」+「特殊申请」,
    5 in 自然人 and 总计): reported as a row that cannot be read; no figure lands anywhere."""
    plain = import_text(huaian()).report
    res = import_text(huaian(after={"二、上年结转": ["\t\t本机关另行统计的", "\t\t特殊申请\t5\t0\t0\t0\t0\t0\t5"]}))
    t3 = [ref for ref in plain.cells() if ref.startswith("t3.")]
    assert {r: res.report.value(r) for r in t3} == {r: plain.value(r) for r in t3}
    assert [i.message for i in res.by_kind(UNREADABLE) if "特殊申请" in i.message] == [
        "表三中无法识别的行“本机关另行统计的特殊申请”，未导入"]
    assert [i.message for i in res.issues if "特殊申请" in i.message] == [  # no note that it was joined into a row
        "表三中无法识别的行“本机关另行统计的特殊申请”，未导入"]


def test_a_blank_row_with_its_label_over_two_lines_is_told_as_joined_from_two_lines():
    """A table printing 0 as blank: 「1.属于国家」/「秘密」 over two lines with empty cells, then
    2. with figures. 1.属于国家秘密 is a row of blanks (joined from 2 lines, and said so), and the
    figures stay with 2.其他法律行政法规禁止公开."""
    res = import_text(split_line("\t（三）不予公开", "\t（三）不予公开\t1.属于国家", "\t\t秘密\t\t\t\t\t\t\t"))
    rep = res.report
    assert row(rep, "d1") == [None] * 7
    assert row(rep, "d2") == [30, 1, 0, 0, 0, 0, 31]
    joined = [i.message for i in res.by_kind(INTERPRETED) if "t3.d1.total" in i.cells]
    assert joined == ["表三“1.属于国家秘密”行的标签由原文相邻的2行拼接而成：“（三）不予公开 1.属于国家”＋“秘密”"]


def test_a_blank_row_printed_with_its_group_and_without_its_number_is_that_row():
    """A table printing 0 as blank: 「（四）无法提供　本机关不掌握相关政府信息」 with empty cells (its
    「1.」 lost). It is the row 1.本机关不掌握相关政府信息, printed blank — not a group heading — so
    its cells are reported as printed blank, not as missing from the source."""
    res = import_text(huaian(replace={"\t（四）无法提供": "\t（四）无法提供\t本机关不掌握相关政府信息\t\t\t\t\t\t\t"}))
    assert row(res.report, "u1") == [None] * 7
    blank = {c for i in res.by_kind(BLANK) for c in i.cells}
    assert {f"t3.u1.{c}" for c in COLS} <= blank
    assert not [i for i in res.issues if "原文中没有找到" in i.message and "t3.u1.total" in i.cells]


def test_two_printed_lines_joining_into_a_label_close_to_two_rows_are_not_imported():
    """PDF text that interleaved two wrapped labels: 「1.信访举报投诉类申」 + 「求行政机关确认或重新
    出具已获取信息」 is as close to 1.信访举报投诉类申请 as to 5.要求行政机关确认…: nothing is
    guessed, both rows are named, and 5. keeps its own figures."""
    res = import_text(split_line("\t（五）不予处理", "\t（五）不予处理\t1.信访举报投诉类申",
                                 "\t\t求行政机关确认或重新出具已获取信息\t56\t6\t0\t0\t0\t0\t62"))
    rep = res.report
    assert row(rep, "n1") == [None] * 7
    assert row(rep, "n5") == [1, 0, 0, 0, 0, 0, 1]
    said = [i.message for i in res.by_kind(UNREADABLE) if "都相近" in i.message]
    assert len(said) == 1
    assert "“1.信访举报投诉类申请”" in said[0] and "“5.要求行政机关确认或重新出具已获取信息”" in said[0]


def test_a_misnumbered_sub_row_is_read_by_its_words():
    """「2.属于国家秘密」 (2 for 1): the words name 1.属于国家秘密 exactly; the row is read there,
    and 2.其他法律行政法规禁止公开 keeps its own figures."""
    res = import_text(huaian(replace={"\t（三）不予公开\t1.属于国家秘密": "\t（三）不予公开\t2.属于国家秘密\t2\t0\t0\t0\t0\t0\t2"}))
    assert row(res.report, "d1") == [2, 0, 0, 0, 0, 0, 2]
    assert row(res.report, "d2") == [30, 1, 0, 0, 0, 0, 31]
    assert twice(res) == []


def test_a_blank_row_only_loosely_like_a_row_of_the_form_is_not_taken_for_it():
    """A row of blanks 「（四）无法提供　4.本机关不掌握」 (a row the form does not have, a little like
    1.本机关不掌握相关政府信息): not imported and said so; row 1. keeps its printed figures.
    The label is quoted as printed (full-width brackets), so that it can be found in the original."""
    extra = "\t（四）无法提供\t4.本机关不掌握\t\t\t\t\t\t\t"
    res = import_text(huaian(before={"\t（四）无法提供": [extra]}))
    assert row(res.report, "u1") == [746, 12, 0, 0, 10, 1, 769]
    assert twice(res) == []
    assert [i.message for i in res.by_kind(UNREADABLE) if "4.本机关不掌握" in i.message] == [
        "表三中无法识别的行“（四）无法提供4.本机关不掌握”（各栏均为空白），未导入"]


def test_table_three_without_its_applicant_header_line_is_read_in_the_forms_order():
    """The header line 「自然人　法人或其他组织　总计」 lost, the one with 商业企业 … 其他 kept:
    the columns are the form's, every row read as printed."""
    res = import_text(huaian(replace={"\t自然人\t法人或其他组织": ""}))
    assert row(res.report, "new") == NEW
    assert row(res.report, "r_open") == OPEN
