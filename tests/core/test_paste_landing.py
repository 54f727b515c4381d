"""Where pasted pieces land and what the user is told when a paste is refused: every label
position of the form (spans included), the edges of the table, totals of any size, the text of
the refusal. Expected texts are written out here (the form's labels, as the user sees them)."""

from __future__ import annotations

import pytest

from gaic_desktop.core import load
from gaic_desktop.core.paste import PasteError, plan_paste, split_tsv

from ..conftest import SAMPLES

HANYANG = SAMPLES / "hanyang-2020.gaic.json"  # the 2019 form: 表三 26 rows × 10 columns
SAMPLE_2021 = SAMPLES / "sample-2021.gaic.json"
NEW = ["natural", "business", "research", "public_interest", "legal_service", "other", "total"]


@pytest.fixture(scope="module")
def report():
    return load(HANYANG)


def refused(report, table: str, row: int, col: int, text: str) -> str:
    with pytest.raises(PasteError) as exc:
        plan_paste(report, table, row, col, split_tsv(text))
    return str(exc.value)


def label_positions(report, table: str):
    """Every grid position a label cell covers, from the form's layout rectangles."""
    for p in report.fmt.placed(table, report.variant):
        if not p.is_value:
            text = p.cell.text_for(report.variant, report.year).replace("\n", "")
            for r in range(p.row, p.row + p.rowspan):
                for c in range(p.col, p.col + p.colspan):
                    yield r, c, text


@pytest.mark.parametrize("table", ["t2", "t3", "t4"])
def test_a_number_on_any_label_position_names_that_label(report, table):
    """Including the lower rows of a label spanning several rows (「三、本年度办理结果」 spans
    20 rows of 表三): the message says which label the number fell on."""
    seen = 0
    for r, c, text in label_positions(report, table):
        msg = refused(report, table, r, c, "5")
        assert msg.startswith(f"粘贴未执行：“5”落在表格的文字栏“{text[:30]}”上"), (r, c, msg)
        seen += 1
    assert seen > 20


def test_the_long_caption_is_named_by_its_first_thirty_characters(report):
    caption = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert len(caption) > 30
    assert refused(report, "t3", 2, 2, "5") == (
        f"粘贴未执行：“5”落在表格的文字栏“{caption[:30]}”上，位置与表格不对应。"
        "请从Excel中只复制数字区域，并在对应的第一个数字单元格粘贴。")


def test_a_total_of_any_size_that_matches_is_accepted(report):
    """The pasted 总计 is compared by value with the total after the paste (3119, 257 are not
    the same object as the computed ones)."""
    for row in ([200, 50, 7, 0, 0, 0, 257], [3001, 53, 0, 0, 61, 4, 3119]):
        got = plan_paste(report, "t3", 3, 3, split_tsv("\t".join(map(str, row)) + "\n"))
        assert [got[f"t3.new.{c}"] for c in NEW[:-1]] == row[:-1]
        assert "t3.new.total" not in got  # calculated: checked, never set
    msg = refused(report, "t3", 3, 3, "3001\t53\t0\t0\t61\t4\t3120\n")
    assert msg == ("粘贴未执行：粘贴内容与自动计算的合计不符，“一、本年新收政府信息公开申请数量”的"
                   "“总计”应为3119，粘贴的是3120。")


def test_text_on_a_calculated_total_is_refused_naming_the_cell(report):
    msg = refused(report, "t3", 3, 9, "abc")
    assert msg.startswith("粘贴未执行：“abc”不能填入「一、本年新收政府信息公开申请数量」的「总计」（")


def test_a_piece_two_columns_beyond_the_right_edge_is_refused(report):
    # start at 其他 (col 8): 总计 blank, one blank beyond the edge, then “3” two columns beyond
    assert refused(report, "t3", 3, 8, "1\t\t\t3\n") == \
        "粘贴未执行：粘贴的内容有 1 行、4 列，超出表格范围（“3”）。"


def test_a_piece_one_row_below_the_last_row_is_refused(report):
    # 四、结转下年度继续办理 is the last row (25) of 表三
    assert refused(report, "t3", 25, 3, "1\n2\n") == "粘贴未执行：粘贴的内容有 2 行、1 列，超出表格范围（“2”）。"
    assert plan_paste(report, "t3", 25, 3, split_tsv("1\n\n")) == {"t3.carried_out.natural": 1}


def test_two_pieces_on_one_merged_cell_are_both_named():
    report = load(SAMPLE_2021)
    pos = next((p.row, p.col) for p in report.fmt.placed("t2", report.variant)
               if p.is_value and p.cell.cell == "licensing.decisions")
    assert refused(report, "t2", *pos, "8\t9\n") == (
        "粘贴未执行：“8”和“9”落在同一个合并单元格「行政许可」的「本年处理决定数量」上，位置与表格不对应。")


def test_a_copied_blank_cell_is_one_blank_piece():
    # Excel puts a newline after a copied cell; with or without it, one empty cell is pasted
    assert split_tsv("\n") == [[""]]
    assert split_tsv("") == [[""]]
    assert split_tsv("7") == [["7"]]


def test_a_row_copied_from_the_national_form_fits_the_hubei_form():
    """The Hubei form prints 「规章（设区的市、自治州人民政府应提供相关数据）」 where the national
    form prints 「规章」: a row copied with either label lands on the figures."""
    from gaic_desktop.core.report import new_report

    rep = new_report(2020, "湖北省某县人民政府", variant="hubei")
    assert rep.variant == "hubei"
    row, col = next((p.row, p.col) for p in rep.fmt.placed("t2", "hubei")
                    if not p.is_value and p.cell.text == "规章")
    for label in ("规章", "规章（设区的市、自治州人民政府应提供相关数据）"):
        got = plan_paste(rep, "t2", row, col, split_tsv(f"{label}\t1\t2\n"))
        assert got["t2.regulation.made"] == 1 and got["t2.regulation.published"] == 2
    assert "“规章制度”" in refused(rep, "t2", row, col, "规章制度\t1\t2\n")


def test_a_piece_two_rows_below_the_last_row_is_refused(report):
    # the row just below the table is blank (nothing lost), the next one holds “3”
    assert refused(report, "t3", 25, 3, "1\n\n3\n") == "粘贴未执行：粘贴的内容有 3 行、1 列，超出表格范围（“3”）。"


def test_pasted_figures_whose_calculated_total_is_too_large_are_refused_as_a_whole(report):
    """Each figure alone is fine (600000000 + hanyang's other 新收 figures); together they make
    the 总计 1200000000, over the largest count: the whole paste is refused, nothing set."""
    assert refused(report, "t3", 3, 3, "600000000\t600000000\n") == (
        "粘贴未执行：填写后「一、本年新收政府信息公开申请数量」的「总计」（自动计算的合计）将为 1200000000，"
        "超出可填写的范围（最大 999999999），请核对所填数字。")
