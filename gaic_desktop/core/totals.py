"""Auto totals: cells the form defines as sums, calculated from their terms.

The sums come from the format's ``compare`` rules marked ``auto``. They are resolved once per
format into an ordered list (a total whose terms include another total comes after it, e.g.
（七）总计 × 总计), so evaluation is a flat loop.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .formats import CompareRule, cell_ref, get_format, strip_term
from .values import CellValue

if TYPE_CHECKING:  # pragma: no cover
    from .report import Report

# (target ref, ((sign, term ref), ...)) in dependency order
TotalPlan = tuple[tuple[str, tuple[tuple[int, str], ...]], ...]


@lru_cache(maxsize=None)
def total_plan(format_id: str) -> TotalPlan:
    fmt = get_format(format_id)
    sums: dict[str, tuple[tuple[int, str], ...]] = {}
    for rule in fmt.rules:
        if not (isinstance(rule, CompareRule) and rule.auto):
            continue
        for other in rule.over:
            for chk in rule.checks:
                (target,) = chk.left
                tref = cell_ref(rule.table, rule.axis, other, target)
                terms = []
                for term in chk.right:
                    sign, _, key = strip_term(term)
                    terms.append((sign, cell_ref(rule.table, rule.axis, other, key)))
                # A cell defined as a sum twice (（七）总计 × 总计 is both a row and a column
                # total) keeps the first definition; the other one is then a check that holds.
                sums.setdefault(tref, tuple(terms))
    ordered: list[tuple[str, tuple[tuple[int, str], ...]]] = []
    done: set[str] = set()

    def visit(ref: str, stack: tuple[str, ...] = ()) -> None:
        if ref in done or ref not in sums:
            return
        if ref in stack:
            raise ValueError(f"circular total definition at {ref}")
        for _, term in sums[ref]:
            visit(term, stack + (ref,))
        done.add(ref)
        ordered.append((ref, sums[ref]))

    for ref in sums:
        visit(ref)
    return tuple(ordered)



# (table, ((row, ((col, ref), ...)), ...)) for every cell of a format (and variant), in the
# format's cell order: gathering the stored values is then two lookups per row, not three per cell.
CellLayout = tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]], ...]


@lru_cache(maxsize=None)
def cell_layout(format_id: str, variant: str | None) -> CellLayout:
    fmt = get_format(format_id)
    tables: list[tuple[str, list[tuple[str, list[tuple[str, str]]]]]] = []
    for ref, info in fmt.cells().items():
        if info.variant is not None and info.variant != variant:
            continue
        t, r, c = ref.split(".")
        if not tables or tables[-1][0] != t:
            tables.append((t, []))
        rows = tables[-1][1]
        if not rows or rows[-1][0] != r:
            rows.append((r, []))
        rows[-1][1].append((c, ref))
    return tuple((t, tuple((r, tuple(cols)) for r, cols in rows)) for t, rows in tables)


def stored_values(report: "Report") -> dict[str, CellValue]:
    """Every cell's stored value by ref (blank cells None), in the format's order."""
    values: dict[str, CellValue] = {}
    empty: dict = {}
    for t, rows in cell_layout(report.format, report.variant):
        table = report.tables.get(t, empty)
        for r, cols in rows:
            row = table.get(r)
            if row is None:
                for _, ref in cols:
                    values[ref] = None
            else:
                for c, ref in cols:
                    values[ref] = row.get(c)
    return values


def apply_totals(values: dict[str, CellValue], format_id: str) -> dict[str, CellValue]:
    """Calculate the auto totals of ``values`` in place (and return it)."""
    get = values.get
    for target, terms in total_plan(format_id):
        if target not in values:
            continue  # a variant row that this report does not have
        total = 0
        any_value = False
        for sign, term in terms:
            v = get(term)
            if v is None:
                continue
            any_value = True
            if v.__class__ is not str:  # "/" counts as 0 (see values.num)
                total += v if sign > 0 else -v
        values[target] = total if any_value else None
    return values


def effective_values(report: "Report", overrides: dict[str, CellValue] | None = None) -> dict[str, CellValue]:
    """Every cell's value by ref; auto totals calculated in auto mode.

    A calculated total is blank when all of its terms are blank, else their sum (blank and "/"
    count as 0).
    """
    values = stored_values(report)
    if overrides:
        values.update(overrides)
    if report.totals_mode == "auto":
        apply_totals(values, report.format)
    return values


@lru_cache(maxsize=None)
def dependent_totals(format_id: str) -> dict[str, frozenset[str]]:
    """For each cell, the calculated totals whose value it feeds (directly or through another
    total), so a change is checked against exactly those."""
    direct: dict[str, set[str]] = {}
    for target, terms in total_plan(format_id):
        for _, term in terms:
            direct.setdefault(term, set()).add(target)
    out: dict[str, frozenset[str]] = {}
    for ref in direct:
        seen: set[str] = set()
        todo = [ref]
        while todo:
            for t in direct.get(todo.pop(), ()):
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        out[ref] = frozenset(seen)
    return out
