"""Auto totals, with the expected figures written from the printed form (2021 format, table 三:
the （七）总计 row sums the 21 result rows, the 总计 column sums the 6 applicant columns), not
taken from the code under test."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gaic_desktop.core.report import new_report
from gaic_desktop.core.totals import dependent_totals, effective_values

APPLICANTS = ["natural", "business", "research", "public_interest", "legal_service", "other"]
RESULT_ROWS = ["r_open", "r_partial", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8",
               "u1", "u2", "u3", "n1", "n2", "n3", "n4", "n5", "o1", "o2", "o3"]


def blank_2021():
    rep = new_report(2023, "某某区人民政府办公室")
    assert rep.format == "2021" and rep.totals_mode == "auto"
    return rep


def test_a_total_whose_terms_are_all_blank_stays_blank():
    rep = blank_2021()
    values = effective_values(rep)
    assert values["t3.r_total.natural"] is None
    assert values["t3.o1.total"] is None
    assert values["t3.r_total.total"] is None


def test_a_not_applicable_term_makes_the_total_zero_not_blank():
    rep = blank_2021()
    rep.set_cell("t3.o1.natural", "/")
    values = effective_values(rep)
    assert values["t3.o1.total"] == 0 and values["t3.r_total.natural"] == 0
    assert values["t3.o2.total"] is None  # a row with nothing in it is still blank


def test_printed_mode_keeps_the_typed_totals():
    rep = blank_2021()
    rep.set_totals_mode("printed")
    rep.set_cell("t3.o1.natural", 4)
    rep.set_cell("t3.o1.total", 9)
    values = effective_values(rep)
    assert values["t3.o1.total"] == 9 and values["t3.r_total.natural"] is None


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.tuples(st.sampled_from(RESULT_ROWS), st.sampled_from(APPLICANTS)),
                       st.integers(0, 10_000), min_size=1, max_size=30))
def test_row_column_and_grand_totals_are_the_sums_of_the_form(figures):
    rep = blank_2021()
    for (row, col), v in figures.items():
        rep.set_cell(f"t3.{row}.{col}", v)
    values = effective_values(rep)
    for row in RESULT_ROWS:
        typed = [figures[(row, c)] for c in APPLICANTS if (row, c) in figures]
        assert values[f"t3.{row}.total"] == (sum(typed) if typed else None)
    for col in APPLICANTS:
        typed = [figures[(r, col)] for r in RESULT_ROWS if (r, col) in figures]
        assert values[f"t3.r_total.{col}"] == (sum(typed) if typed else None)
    assert values["t3.r_total.total"] == sum(figures.values())


def test_an_override_is_summed_instead_of_the_stored_value():
    rep = blank_2021()
    rep.set_cell("t3.d1.business", 2)
    values = effective_values(rep, {"t3.d1.business": 7, "t3.d2.business": 1})
    assert values["t3.r_total.business"] == 8 and values["t3.d1.total"] == 7


def test_each_cell_feeds_exactly_its_row_total_column_total_and_grand_total():
    deps = dependent_totals("2021")
    assert deps["t3.o1.natural"] == {"t3.o1.total", "t3.r_total.natural", "t3.r_total.total"}
    assert deps["t3.d5.other"] == {"t3.d5.total", "t3.r_total.other", "t3.r_total.total"}
    # a row total feeds the grand total only
    assert deps["t3.o1.total"] == {"t3.r_total.total"}
    assert "t3.r_total.total" not in deps  # the grand total feeds nothing

