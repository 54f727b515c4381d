"""How printed cell text and printed labels are read (importer/normalize.py): the figure a cell
gives, the message a user sees for text that is no number, and the misprints that are reported.
Expected figures and texts are typed by hand (the huaian-2024 report prints 96171.6 万元 of fees)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gaic_desktop.importer import import_text
from gaic_desktop.importer.normalize import CellTextError, label_parts, near_misses, norm, parse_cell, similarity
from tests.importer.printed import huaian


@pytest.mark.shared
@pytest.mark.parametrize("printed", ["9.61716亿", "9.61716亿元"])
def test_fees_printed_in_yi_are_converted_to_wan_yuan(printed):
    """1 亿 = 10 000 万: the fees of huaian printed as 「9.61716亿」 are 96171.6 万元, and the
    cell note says so."""
    res = import_text(huaian(replace={"行政事业性收费\t": f"行政事业性收费\t{printed}"}))
    rep = res.report
    assert rep.value("t2.fee.amount") == Decimal("96171.6")
    assert rep.cell_notes["t2.fee.amount"] == f"原文为“{printed}”，折合96171.6万元"


@pytest.mark.parametrize("printed,unit,want", [
    ("3亿", "万元", Decimal("30000")), ("3亿元", "万元", Decimal("30000")),
    ("3亿", "元", Decimal("300000000")), ("0.5亿元", None, Decimal("50000000")),
])
def test_money_in_yi(printed, unit, want):
    assert parse_cell(printed, "money", unit).value == want


def test_text_that_is_no_number_is_quoted_whole_when_short_and_cut_at_forty_characters():
    with pytest.raises(CellTextError) as exc:
        parse_cell("见附件", "count", None)
    assert str(exc.value) == "“见附件”不是数字"
    forty = "详见附件一" * 8  # 40 characters: still quoted whole
    with pytest.raises(CellTextError) as exc:
        parse_cell(forty, "count", None)
    assert str(exc.value) == f"“{forty}”不是数字"
    with pytest.raises(CellTextError) as exc:
        parse_cell(forty + "。", "count", None)
    assert str(exc.value) == f"“{forty}…”不是数字"


def test_two_misprinted_header_words_printed_without_a_gap_are_both_found():
    """A PDF header cell run together: 「商业企叶科研机木」 holds two misprints side by side."""
    words = ["商业企业", "科研机构", "社会公益组织"]
    assert near_misses("商业企叶科研机木", words) == [(0, 4, "商业企业"), (4, 8, "科研机构")]
    # the longer word is looked for first: the shorter one after it must still be found
    assert near_misses("社会公益组只科研机木", words) == [(0, 6, "社会公益组织"), (6, 10, "科研机构")]
    assert near_misses("社会公益组只\t科研机木", words) == [(0, 6, "社会公益组织"), (7, 11, "科研机构")]
    # overlapping windows: only the first misprint of the same place is taken
    assert near_misses("商业企叶业", ["商业企业"]) == [(0, 4, "商业企业")]


def test_an_empty_label_is_like_no_label():
    assert similarity("", "不予公开") == 0.0
    assert similarity("其他处理", "") == 0.0
    assert similarity("", "") == 1.0


def test_a_label_joined_from_two_group_lines_belongs_to_the_last_group():
    """「（五）不予处理」 printed as a line of its own and joined to the single 「（六）其他处理」 row
    below it: the row is （六）."""
    parts = label_parts(norm("（五）不予处理（六）其他处理"))
    assert (parts.main, parts.group, parts.num, parts.leaf) == (None, "六", None, "其他处理")


@pytest.mark.parametrize("printed,kind,want", [("１２３", "count", 123), ("－３", "signed", -3), ("１２．５", "money", Decimal("12.5"))])
def test_full_width_figures_are_read_without_a_note(printed, kind, want):
    """Full-width digits are the same figure: read as printed, nothing to report."""
    cell = parse_cell(printed, kind, None)
    assert (cell.value, cell.note, cell.interpretation) == (want, None, None)


def test_a_figure_with_its_unit_or_a_comma_is_read_and_the_reading_is_told():
    assert parse_cell("12件", "count", None).interpretation == "原文为“12件”，按12录入"
    assert parse_cell("1,234", "count", None).interpretation == "原文为“1,234”，按1234录入"


def test_a_sum_of_fifty_terms_is_added_up_and_fifty_one_are_refused():
    cell = parse_cell("+".join(["2"] * 50), "count", None)
    assert cell.value == 100
    with pytest.raises(CellTextError) as exc:
        parse_cell("+".join(["2"] * 51), "count", None)
    assert str(exc.value) == "“2+2+2+2+2+2+2+2+2+2+2+2+2+2+2+2+2+2+2+2+…”的分项超过50个，无法按合计录入"
