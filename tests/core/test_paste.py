"""core.paste without Qt: a block copied from Excel/WPS mapped onto a form table's grid
(the cases of tests/ui/test_paste.py, plus a property over random blocks)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaic_desktop.core import load
from gaic_desktop.core.paste import PasteError, PasteGrid, label_key, plan_paste, split_tsv

from ..conftest import SAMPLES

SEED = SAMPLES / "hanyang-2020.gaic.json"
SAMPLE_2021 = SAMPLES / "sample-2021.gaic.json"


@pytest.fixture
def report():
    return load(SEED)


def at(report, ref: str) -> tuple[int, int]:
    """The grid position (top-left) of a value cell, as in ``fmt.placed``."""
    table = ref.split(".")[0]
    for p in report.fmt.placed(table, report.variant):
        if p.is_value and f"{table}.{p.cell.cell}" == ref:
            return p.row, p.col
    raise KeyError(ref)


def plan(report, ref: str, text: str):
    return plan_paste(report, ref.split(".")[0], *at(report, ref), split_tsv(text))


def snapshot(report):
    return {ref: report.stored(ref) for ref in report.cells()}


def refused(report, ref: str, text: str) -> str:
    before = snapshot(report)
    with pytest.raises(PasteError) as exc:
        plan(report, ref, text)
    assert snapshot(report) == before  # nothing decided, nothing changed
    msg = str(exc.value)
    assert msg.startswith("粘贴未执行："), msg
    return msg


def test_paste_error_is_a_value_error():
    assert issubclass(PasteError, ValueError)


def test_split_tsv_and_label_key():
    assert split_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert split_tsv("1\t\t3\n\n4") == [["1", "", "3"], [""], ["4"]]
    assert split_tsv("5\n\n") == [["5"], [""]]
    assert label_key('"本年\n新收 "') == label_key("本年新收")


def test_block_3x4(report):
    got = plan(report, "t3.r_open.natural", "1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t12\r\n")
    rows = ["r_open", "r_partial", "d1"]
    cols = ["natural", "business", "research", "public_interest"]
    assert got == {f"t3.{r}.{c}": 1 + i * 4 + j for i, r in enumerate(rows) for j, c in enumerate(cols)}
    assert snapshot(report) == snapshot(load(SEED))  # a plan only: nothing stored


def test_pieces_land_on_the_grid_like_excel(report):
    got = plan(report, "t3.new.natural", "1\t2\t3\t4\t5\t6\n7\t8\t9\t10\t11\t12\n")
    assert got["t3.new.other"] == 6 and got["t3.carried_in.natural"] == 7
    assert "t3.new.total" not in got  # a calculated total is never planned


def test_down_table_two_across_caption_and_header_rows(report):
    assert "第二十条第（五）项" in refused(report, "t2.other_docs.made", "1\n2\n3\n")
    grid = PasteGrid(report, "t2")
    header = grid.label_text(grid.at(6, 1))
    got = plan(report, "t2.other_docs.made", f"1\n\n{header}\n2\n3\n")
    assert (got["t2.other_docs.made"], got["t2.licensing.prev_items"], got["t2.other_services.prev_items"]) == (1, 2, 3)


T3_ROWS = ["r_open", "r_partial"] + [f"d{i}" for i in range(1, 9)] + ["u1", "u2", "u3"] + \
    [f"n{i}" for i in range(1, 6)] + ["o"]
T3_COLS = ["natural", "business", "research", "public_interest", "legal_service", "other"]


def t3_outcome_block(total_row_fix: int = 0) -> tuple[str, list[list[int]]]:
    nums = [[(i * 7 + j) % 5 for j in range(6)] for i in range(len(T3_ROWS))]
    lines = ["\t".join(map(str, row + [sum(row)])) for row in nums]
    col_sums = [sum(row[j] for row in nums) for j in range(6)]
    col_sums[0] += total_row_fix
    lines.append("\t".join(map(str, col_sums + [sum(map(sum, nums))])))
    return "\r\n".join(lines) + "\r\n", nums


def test_outcome_rows_with_correct_total_row(report):
    text, nums = t3_outcome_block()
    got = plan(report, "t3.r_open.natural", text)
    assert [[got[f"t3.{row}.{c}"] for c in T3_COLS] for row in T3_ROWS] == nums
    assert not any(ref.startswith("t3.carried_out.") for ref in got)  # 总计 row checked, not written


def test_outcome_rows_with_wrong_total_row(report):
    text, nums = t3_outcome_block(total_row_fix=2)
    want = sum(row[0] for row in nums)
    assert refused(report, "t3.r_open.natural", text) == (
        f"粘贴未执行：粘贴内容与自动计算的合计不符，“（七）总计”的“自然人”应为{want}，粘贴的是{want + 2}。")


def test_table_four_row_with_totals(report):
    groups = {"rv": [1, 0, 0, 0], "ld": [2, 1, 0, 1], "lr": [0, 0, 1, 0]}
    row = []
    for nums in groups.values():
        row += [*map(str, nums), str(sum(nums))]
    got = plan(report, "t4.cases.rv_keep", "\t".join(row) + "\n")
    for g, nums in groups.items():
        assert [got[f"t4.cases.{g}_{o}"] for o in ["keep", "fix", "other", "pending"]] == nums
        assert f"t4.cases.{g}_total" not in got
    assert refused(report, "t4.cases.rv_keep", "1\t0\t0\t0\t1\t5\t0\t0\t0\t4\n") == (
        "粘贴未执行：粘贴内容与自动计算的合计不符，“案件数”的“行政诉讼·未经复议直接起诉·总计”应为5，粘贴的是4。")


def test_on_a_label_it_must_match(report):
    grid = PasteGrid(report, "t3")
    label = grid.label_text(grid.at(3, 0))
    got = plan_paste(report, "t3", 3, 0, split_tsv(f"{label}\t\t\t1\t2\t3\t4\t5\t6\t21\n"))
    assert [got[f"t3.new.{c}"] for c in T3_COLS] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(PasteError, match="“上年结转”"):
        plan_paste(report, "t3", 3, 0, split_tsv("上年结转\t\t\t1\n"))


def test_two_numbers_on_one_merged_cell():
    report = load(SAMPLE_2021)
    assert plan(report, "t2.licensing.decisions", "7\t\t\n") == {"t2.licensing.decisions": 7}
    assert "同一个合并单元格" in refused(report, "t2.licensing.decisions", "8\t9\n")


def test_invalid_piece_rejects_the_whole_block(report):
    msg = refused(report, "t3.new.natural", "1\t2\n3\tabc\n")
    assert "“abc”" in msg and "上年结转" in msg


def test_beyond_the_edge(report):
    assert "超出" in refused(report, "t3.new.other", "1\t\t3\n")  # "3" beyond the table
    assert plan(report, "t3.new.other", "1\t\t\t\n") == {"t3.new.other": 1}  # blanks beyond: fine


def test_fullwidth_and_blank_pieces(report):
    assert plan(report, "t3.new.natural", "２０４\t\t/\n") == {
        "t3.new.natural": 204, "t3.new.business": None, "t3.new.research": "/"}


# ---------------------------------------------------------------------------- property

_REPORT = load(SEED)
INPUT_CELLS = [(t.key, p.row, p.col) for t in _REPORT.fmt.tables
               for p in _REPORT.fmt.placed(t.key, _REPORT.variant)
               if p.is_value and not _REPORT.is_auto(f"{t.key}.{p.cell.cell}")]
number = st.one_of(st.integers(0, 9999).map(str), st.just(""))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=st.sampled_from(INPUT_CELLS),
       block=st.lists(st.lists(number, min_size=1, max_size=5), min_size=1, max_size=5))
def test_plan_is_all_or_nothing_and_idempotent(start, block):
    report = load(SEED)
    table, row, col = start
    before = snapshot(report)
    try:
        got = plan_paste(report, table, row, col, block)
    except PasteError as exc:
        assert str(exc).startswith("粘贴未执行：")
        assert snapshot(report) == before  # nothing decided
        return
    assert snapshot(report) == before  # planning changes nothing
    cells = report.cells()
    for ref in got:
        assert ref.startswith(f"{table}.") and ref in cells and not report.is_auto(ref)
    for ref, value in got.items():
        report.set_cell(ref, value)
    again = plan_paste(report, table, row, col, block)  # the same block once more: a no-op
    assert again == {ref: report.stored(ref) for ref in again}
    assert set(again) == set(got)
