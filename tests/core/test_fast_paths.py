"""The fast paths taken when reading many files (汇总 of 1,000 units) give exactly what the full
checks give: stored counts, and auto totals gathered through the format's cell layout."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from gaic_desktop.core.formats import get_format
from gaic_desktop.core.totals import effective_values, total_plan
from gaic_desktop.core.values import NA, CellValueError, check_value, coerce_stored, num
from tests.merge_gen import consistent_report


@given(st.one_of(st.integers(min_value=-2, max_value=2), st.integers(min_value=999_999_990, max_value=1_000_000_010),
                 st.integers(), st.booleans()))
def test_stored_counts_read_as_check_value_reads_them(x):
    try:
        expected = ("ok", check_value("count", x))
    except CellValueError:
        expected = ("refused",)
    try:
        got = ("ok", coerce_stored("count", x))
    except CellValueError:
        got = ("refused",)
    assert got == expected
    if got[0] == "ok":
        assert type(got[1]) is int


def _plain_effective_values(report):
    """The definition, written out cell by cell (the pre-layout implementation)."""
    values = {}
    for ref in report.cells():
        t, r, c = ref.split(".")
        values[ref] = report.tables.get(t, {}).get(r, {}).get(c)
    if report.totals_mode == "auto":
        for target, terms in total_plan(report.format):
            if target in values:
                present = [(s, values.get(term)) for s, term in terms if values.get(term) is not None]
                values[target] = sum(s * num(v) for s, v in present) if present else None
    return values


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([2020, 2024]),
       st.sampled_from(["auto", "printed"]), st.floats(min_value=0, max_value=1))
def test_effective_values_equal_the_cell_by_cell_definition(seed, year, mode, blank_share):
    rng = random.Random(seed)
    r = consistent_report(rng, "某单位", year=year)
    if mode == "printed":
        r.set_totals_mode("printed")
    for ref in list(r.cells()):  # blanks and "/" anywhere, rows and tables left empty
        if not r.is_auto(ref) and rng.random() < blank_share:
            r.set_cell(ref, None if rng.random() < 0.7 else NA)
    got = effective_values(r)
    assert got == _plain_effective_values(r)
    assert list(got) == list(r.cells())  # the format's order
    assert set(got) <= set(get_format(r.format).cells())
