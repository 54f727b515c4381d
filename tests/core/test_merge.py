"""汇总 in core: exact sums, blank and "/" rules, refusals, sources, breakdown, changes."""

from __future__ import annotations

import copy
import json
import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaic_desktop.core.merge import (MergeRefused, blank_units, breakdown, breakdown_text, check_units,
                                     compare, make_unit, merge, unit_values)
from gaic_desktop.core.report import Report
from gaic_desktop.core.rules import evaluate
from gaic_desktop.core.storage import dumps, loads
from gaic_desktop.core.values import NA
from tests.merge_gen import consistent_report

AT = dt.datetime(2025, 1, 15, 9, 30)
seeds = st.lists(st.integers(0, 2 ** 32), min_size=1, max_size=6)


def units_from(seed_list, year=2024):
    return [make_unit(f"单位{i}.gaic.json", consistent_report(random.Random(s), f"单位{i}", year=year))
            for i, s in enumerate(seed_list)]


def unit(name: str, cells: dict | None = None, *, year=2024, file=None) -> "object":
    r = Report(format="2021" if year >= 2021 else "2019", year=year, organisation=name)
    for ref, v in (cells or {}).items():
        r.set_cell(ref, v)
    return make_unit(file or f"{name}.gaic.json", r)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeds)
def test_sum_of_consistent_units_has_no_table_error(seed_list):
    units = units_from(seed_list)
    assert all(u.errors == 0 for u in units)
    result = merge(units, merged_at=AT)
    bad = [f for f in evaluate(result.report) if f.is_error and f.rule_id.startswith(("T3-", "T4-"))]
    assert bad == []
    # every cell is the plain sum of the units' cells (totals calculated from their terms)
    total = result.report.effective_values()
    for ref in result.report.cells():
        vals = [u.report.effective_values()[ref] for u in units]
        assert total[ref] == sum(vals), ref


@settings(max_examples=15, deadline=None)
@given(seeds)
def test_summing_with_itself_doubles_every_cell(seed_list):
    (a,) = units_from(seed_list[:1])
    b = copy.deepcopy(a.report)
    b.organisation = "另一单位"
    result = merge([a, make_unit("b.gaic.json", b)], merged_at=AT)
    mine = a.report.effective_values()
    for ref, v in result.report.effective_values().items():
        assert v == (None if mine[ref] is None else mine[ref] if mine[ref] == NA else 2 * mine[ref]), ref


@settings(max_examples=15, deadline=None)
@given(seeds, st.randoms(use_true_random=False))
def test_order_of_units_does_not_matter(seed_list, rnd):
    units = units_from(seed_list)
    shuffled = list(units)
    rnd.shuffle(shuffled)
    a = merge(units, merged_at=AT).report
    b = merge(shuffled, merged_at=AT).report
    assert a.tables == b.tables
    assert a.effective_values() == b.effective_values()


CELL = "t2.regulation.made"  # a plain count cell


@pytest.mark.parametrize("values, expected, blanks", [
    ([None, None, None], None, []),
    ([NA, NA, NA], NA, []),
    ([3, None, 4], 7, ["乙"]),
    ([NA, 2, None], 2, ["丙"]),
    ([NA, None, None], None, []),
    ([0, 0, NA], 0, []),
])
def test_blank_and_not_applicable_rules(values, expected, blanks):
    units = [unit(n, {CELL: v} if v is not None else {}) for n, v in zip("甲乙丙", values)]
    result = merge(units, merged_at=AT)
    assert result.report.value(CELL) == expected
    assert result.blanks.get(CELL, []) == blanks
    assert blank_units(result.report, CELL) == blanks


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 10 ** 10), min_size=1, max_size=12))
def test_money_is_exact_to_the_cent(cents):
    ref = "t2.fee.amount"
    units = [unit(f"单位{i}", {ref: Decimal(c) / 100}) for i, c in enumerate(cents)]
    value = merge(units, merged_at=AT).report.value(ref)
    assert isinstance(value, Decimal)
    assert value == Decimal(sum(cents)) / 100


def test_auto_mode_recalculates_totals_and_printed_mode_sums_them():
    a = unit("甲", {"t3.new.natural": 2})
    b = unit("乙", {"t3.new.natural": 5})
    b.report.set_totals_mode("printed")
    b.report.set_cell("t3.new.total", 9)  # a printed total that is wrong
    auto = merge([a, b], merged_at=AT).report
    assert auto.value("t3.new.total") == 7
    assert auto.value("t3.new.natural") == 7
    printed = merge([a, b], merged_at=AT, totals_mode="printed").report
    assert printed.totals_mode == "printed"
    assert printed.value("t3.new.total") == 11


@pytest.mark.parametrize("make, words", [
    (lambda: [unit("甲"), unit("乙", year=2023)], ["乙.gaic.json", "2023年度", "不是同一年度"]),
    (lambda: [unit("甲"), unit("乙", year=2020)], ["乙.gaic.json", "格式"]),
    (lambda: [unit("甲"), unit(" 甲 ", {CELL: 1}, file="copy.gaic.json")], ["copy.gaic.json", "甲", "只能汇总一次"]),
    (lambda: [unit("", file="noname.gaic.json")], ["noname.gaic.json", "机关名称"]),
    (lambda: [], ["没有可汇总"]),
])
def test_refusals_name_the_file(make, words):
    with pytest.raises(MergeRefused) as exc:
        check_units(make())
    for w in words:
        assert w in str(exc.value)


def test_variant_with_other_rows_is_refused():
    a = unit("甲", year=2020)
    b = unit("乙", year=2020)
    b.report.variant = "hubei"
    with pytest.raises(MergeRefused, match="乙.gaic.json.*表格行不同"):
        check_units([a, b])


def test_same_report_twice_is_refused_by_fingerprint():
    a = unit("甲", {CELL: 1})
    b = make_unit("副本.gaic.json", a.report)
    b.__dict__["fingerprint"] = a.fingerprint
    b.report = copy.deepcopy(a.report)
    b.report.organisation = "甲 "  # the same unit, the name typed with a space
    with pytest.raises(MergeRefused, match="副本.gaic.json"):
        check_units([a, b])
    c = make_unit("复制.gaic.json", copy.deepcopy(a.report))
    c.report.organisation = "丙"
    c.__dict__["fingerprint"] = a.fingerprint  # only the fingerprint left to tell
    with pytest.raises(MergeRefused, match="复制.gaic.json.*数据指纹相同"):
        check_units([a, c])


def test_consolidated_report_is_refused_as_a_unit():
    total = merge([unit("甲", {CELL: 1}), unit("乙", {CELL: 2})], merged_at=AT).report
    total.organisation = "某区人民政府"
    with pytest.raises(MergeRefused, match="汇总.gaic.json.*汇总后的报告"):
        check_units([unit("丙"), make_unit("汇总.gaic.json", total)])


def test_sources_round_trip_and_breakdown_after_loading():
    units = [unit("甲", {CELL: 3, "t2.fee.amount": Decimal("1.25")}), unit("乙", {CELL: 4}), unit("丙")]
    units[2].include = False
    result = merge(units, organisation="某某区人民政府", merged_at=AT)
    loaded = loads(dumps(result.report))
    assert [(s.unit, s.file, s.excluded, s.merged_at) for s in loaded.sources] == [
        ("甲", "甲.gaic.json", False, "2025-01-15T09:30:00"), ("乙", "乙.gaic.json", False, "2025-01-15T09:30:00"),
        ("丙", "丙.gaic.json", True, "2025-01-15T09:30:00")]
    assert loaded.sources[0].fingerprint == units[0].report.fingerprint()
    assert breakdown(loaded, CELL) == [("甲", 3), ("乙", 4)]
    assert breakdown(loaded, "t2.fee.amount") == [("甲", Decimal("1.25")), ("乙", None)]
    assert blank_units(loaded, "t2.fee.amount") == ["乙"]
    text = breakdown_text(loaded, CELL)
    assert "甲：3" in text and "乙：4" in text
    assert loaded.value(CELL) == 7


def test_plain_report_file_has_no_sources_key():
    assert '"sources"' not in dumps(unit("甲").report)


def test_damaged_sources_are_refused_on_load():
    result = merge([unit("甲", {CELL: 3})], merged_at=AT)
    text = dumps(result.report).replace('"t2.regulation.made": 3', '"t2.nope.made": 3')
    with pytest.raises(Exception, match="汇总来源"):
        loads(text)


def test_resubmitted_unit_replaces_its_contribution_and_changes_are_listed():
    a1, b = unit("甲", {CELL: 3}), unit("乙", {CELL: 4})
    before = merge([a1, b], merged_at=AT).report
    a2 = unit("甲", {CELL: 10})
    after = merge([a2, b, unit("丙", {CELL: 1})], merged_at=AT).report
    assert after.value(CELL) == 15
    changes = compare(before, after)
    assert changes.resubmitted == ["甲"] and changes.added == ["丙"] and changes.removed == []
    assert (CELL, 7, 15) in changes.cells
    assert any("重新报送的单位：甲" == line for line in changes.lines(after))
    assert compare(after, after).empty


def test_all_units_excluded_is_refused():
    a = unit("甲")
    a.include = False
    with pytest.raises(MergeRefused, match="排除"):
        merge([a], merged_at=AT)


def test_draft_narrative_is_written_for_the_area_with_the_split():
    units = units_from([1, 2, 3])
    units[0].report.organisation = "区政府办公室"
    result = merge(units, organisation="某某区人民政府", merged_at=AT, own_unit="区政府办公室")
    s3 = result.report.sections["s3"][0]
    total = result.report.value("t3.new.total")
    own = units[0].report.effective_values()["t3.new.total"]
    assert s3.startswith(f"2024年，全区共收到政府信息公开申请{total}件，其中区政府办公室{own}件，"
                         f"各部门、各街道（乡镇）共{total - own}件；")
    assert not [f for f in result.findings if f.rule_id == "X-1"]


def test_unit_values_leave_the_unit_unchanged():
    a = unit("甲", {"t3.new.natural": 2})
    a.report.set_totals_mode("printed")
    a.report.set_cell("t3.new.total", 5)
    assert unit_values(a.report, "auto")["t3.new.total"] == 2
    assert a.report.totals_mode == "printed" and a.report.value("t3.new.total") == 5


@settings(max_examples=10, deadline=None)
@given(seeds)
def test_breakdown_of_every_cell_sums_to_the_total_after_loading(seed_list):
    units = units_from(seed_list)
    units[0].report.set_cell("t3.d1.natural", None)  # a blank term
    loaded = loads(dumps(merge(units, merged_at=AT).report))
    values = loaded.effective_values()
    for ref in loaded.cells():
        parts = breakdown(loaded, ref)
        assert [v for _, v in parts] == [u.report.effective_values()[ref] for u in units], ref
        numbers = [v for _, v in parts if v is not None]
        assert values[ref] == (sum(numbers) if numbers else None), ref


cell_values = st.one_of(st.none(), st.just(NA), st.integers(0, 10 ** 6))


@settings(max_examples=60, deadline=None)
@given(st.lists(cell_values, min_size=1, max_size=8))
def test_blank_and_not_applicable_rules_hold_for_any_mix(values):
    names = [f"单位{i}" for i in range(len(values))]
    units = [unit(n, {} if v is None else {CELL: v}) for n, v in zip(names, values)]
    result = merge(units, merged_at=AT)
    numbers = [v for v in values if isinstance(v, int)]
    if numbers:
        expected = sum(numbers)
        blanks = [n for n, v in zip(names, values) if v is None]
    else:
        expected = NA if all(v == NA for v in values) else None
        blanks = []
    assert result.report.value(CELL) == expected
    assert result.blanks.get(CELL, []) == blanks


def test_merge_modules_import_no_qt_and_core_no_openpyxl_or_importer():
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys; import gaic_desktop.core.merge, gaic_desktop.merge_io, gaic_desktop.merge_cli, "
            "gaic_desktop.merge_xlsx; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gaic_desktop.ui', 'openpyxl', "
            "'gaic_desktop.importer'))]; print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    core = (ROOT / "gaic_desktop" / "core" / "merge.py").read_text(encoding="utf-8")
    import re
    assert not re.search(r"^\s*(from|import)\s+(openpyxl|\.\.importer|gaic_desktop\.importer)", core, re.M)


def test_overlong_source_name_is_refused_on_load():
    result = merge([unit("甲", {CELL: 3})], merged_at=AT)
    text = dumps(result.report).replace('"unit": "甲"', '"unit": "' + "甲" * 600 + '"')
    with pytest.raises(Exception, match="汇总来源的单位名称过长"):
        loads(text)


def test_sources_are_written_one_line_per_unit():
    """A consolidated file stays readable and a resubmitted unit is a one-line change."""
    units = [unit("甲", {CELL: 3}), unit("乙", {CELL: 4}), unit("丙", {CELL: 5})]
    text = dumps(merge(units, merged_at=AT).report)
    source_lines = [line for line in text.splitlines() if line.lstrip().startswith('{"unit"')]
    assert [json.loads(line.strip().rstrip(","))["unit"] for line in source_lines] == ["甲", "乙", "丙"]
    assert dumps(loads(text)) == text  # and what is written loads back to the same text
    units[1] = unit("乙", {CELL: 6})
    changed = dumps(merge(units, merged_at=AT).report)
    diff = [a for a, b in zip(text.splitlines(), changed.splitlines()) if a != b]
    assert len(text.splitlines()) == len(changed.splitlines())
    # the unit's own line, the total cell (and its totals) — never the other units' lines
    assert sum(1 for line in diff if line.lstrip().startswith('{"unit"')) == 1


def test_merge_shares_one_computation_of_values_between_findings_and_fingerprint():
    r = unit("甲", {CELL: 3}).report
    u = make_unit("甲.gaic.json", r)
    assert u.fingerprint == r.fingerprint()
    assert [(f.rule_id, f.cells, f.message) for f in u.findings] == [
        (f.rule_id, f.cells, f.message) for f in evaluate(r)]
