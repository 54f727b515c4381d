"""汇总: the reports of subordinate units summed into one consolidated report, exactly.

Qt-free and file-free: the units come in as ``Unit`` objects (a loaded ``Report`` plus where it
came from); reading files and published documents is the caller's job (``gaic_desktop.merge_io``).

* ``check_units`` refuses what cannot be summed (another year, another format, a variant whose
  rows differ, the same unit twice by name or by fingerprint, a consolidated report, no name),
  raising ``MergeRefused`` with a Chinese message naming the file.
* ``merge`` sums every cell: counts as ``int``, money as ``Decimal`` in the form's unit; a cell
  blank in every unit stays blank, "/" in every unit stays "/", a mix sums the numbers and
  the units that left it blank are listed (``MergeResult.blanks``). In auto-total mode the
  totals of the result are calculated from its terms (each unit contributes its terms, not its
  printed totals); in "as printed" mode (照印刷录入) the units' totals are summed as shown.
* The result records its sources (``Report.sources``): unit, file, fingerprint, time and the
  values each unit contributed, so ``breakdown(report, ref)`` works on the saved file alone.
* ``compare`` says what changed against a previous consolidated report (units resubmitted,
  added, removed; cells whose totals changed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal

from .merge_sources import MergeSource
from .narrative import standard_paragraphs
from .report import Report, TotalsMode
from .rules import Finding, evaluate
from .totals import total_plan
from .values import NA, CellValue, CellValueError, check_value, fmt_value, num


class MergeRefused(Exception):
    """The units cannot be summed. ``str(exc)`` is a Chinese message naming the file."""


@dataclass
class Unit:
    """One unit's report as it takes part in a merge."""

    file: str  # file name, as shown to the user
    report: Report
    findings: list[Finding] = field(default_factory=list)
    include: bool = True  # the office may leave a unit with errors out (send it back)
    import_summary: str | None = None  # a published document: the importer's summary …
    import_issues: list[str] = field(default_factory=list)  # … and its notes, kept per unit
    # carried over from a previous consolidated report (not resubmitted): its record there
    recorded: MergeSource | None = None

    @property
    def name(self) -> str:
        return self.report.organisation.strip()

    @cached_property
    def fingerprint(self) -> str:
        return self.report.fingerprint()

    def values(self, totals_mode: TotalsMode) -> dict[str, CellValue]:
        """What this unit adds to the sum (computed once per mode): in auto mode the cells it
        filled that are not totals (the totals of the result are calculated from them); as
        printed, every cell as the unit shows it, totals included."""
        cache = self.__dict__.setdefault("_values", {})
        if totals_mode not in cache:
            if totals_mode == "auto":
                fmt_cells = self.report.fmt.cells()
                cache[totals_mode] = {
                    ref: v for t, rows in self.report.tables.items() for r, cols in rows.items()
                    for c, v in cols.items() if not fmt_cells[ref := f"{t}.{r}.{c}"].auto_total}
            else:
                cache[totals_mode] = unit_values(self.report, totals_mode)
        return cache[totals_mode]

    @property
    def errors(self) -> int:
        if self.recorded is not None:
            return self.recorded.errors
        return sum(1 for f in self.findings if f.is_error)

    @property
    def warnings(self) -> int:
        if self.recorded is not None:
            return self.recorded.warnings
        return sum(1 for f in self.findings if not f.is_error)


def make_unit(file: str, report: Report, *, import_summary: str | None = None,
              import_issues: list[str] | None = None) -> Unit:
    """A unit with its own findings evaluated (and its fingerprint, from the same values)."""
    values = report.effective_values()
    unit = Unit(file=file, report=report, findings=evaluate(report, values=values),
                import_summary=import_summary, import_issues=list(import_issues or []))
    unit.__dict__["fingerprint"] = report.fingerprint(values)  # the cached_property's slot
    return unit


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def check_units(units: list[Unit]) -> None:
    """Raise ``MergeRefused`` for the first unit that cannot be summed with the others."""
    if not units:
        raise MergeRefused("没有可汇总的下级单位报告（所选文件夹中没有年报文件）。")
    first = units[0]
    ref_cells = set(first.report.cells())  # variants differ only where they add rows
    names: dict[str, Unit] = {}
    prints: dict[str, Unit] = {}
    for u in units:
        r = u.report
        if r.sources:
            raise MergeRefused(f"“{u.file}”是汇总后的报告（已汇总{len(r.sources)}个单位），"
                               "不能再作为下级单位报告参加汇总。")
        if not u.name:
            raise MergeRefused(f"“{u.file}”没有填写机关名称，无法确定是哪个单位的报告。")
        if r.format != first.report.format:
            raise MergeRefused(f"“{u.file}”使用{r.fmt.document}格式，与“{first.file}”"
                               f"（{first.report.fmt.document}格式）不同，不能汇总。")
        if r.year != first.report.year:
            raise MergeRefused(f"“{u.file}”是{r.year}年度的报告，与“{first.file}”（{first.report.year}年度）"
                               "不是同一年度，不能汇总。")
        if (r.format, r.variant) != (first.report.format, first.report.variant) and set(r.cells()) != ref_cells:
            raise MergeRefused(f"“{u.file}”的地方格式（{_variant_name(r)}）与“{first.file}”"
                               f"（{_variant_name(first.report)}）的表格行不同，不能汇总。")
        other = names.get(_key(u.name))
        if other is not None:
            raise MergeRefused(f"“{u.file}”与“{other.file}”都是“{u.name}”的报告，同一单位只能汇总一次。")
        names[_key(u.name)] = u
        fp = u.fingerprint
        other = prints.get(fp)
        if other is not None:
            raise MergeRefused(f"“{u.file}”与“{other.file}”的数据指纹相同（{fp}），是同一份报告。")
        prints[fp] = u


def _variant_name(r: Report) -> str:
    return r.fmt.variant_names().get(r.variant or "", "通用格式")


def unit_values(report: Report, totals_mode: TotalsMode) -> dict[str, CellValue]:
    """What a unit contributes to each cell (blank cells absent). In auto mode its totals are
    calculated from its own terms, whatever mode the unit's file is in."""
    if totals_mode == "auto" and report.totals_mode != "auto":
        report.totals_mode = "auto"
        try:
            values = report.effective_values()
        finally:
            report.totals_mode = "printed"
    else:
        values = report.effective_values()
    return {ref: v for ref, v in values.items() if v is not None}


@dataclass
class MergeResult:
    report: Report  # the consolidated report (unsaved)
    units: list[Unit]  # every unit read, included or not
    blanks: dict[str, list[str]]  # ref -> units that left blank a cell the others filled
    findings: list[Finding]  # the consolidated report evaluated like any report

    @property
    def included(self) -> list[Unit]:
        return [u for u in self.units if u.include]


def merge(units: list[Unit], *, organisation: str = "", totals_mode: TotalsMode = "auto",
          merged_at: dt.datetime | None = None, own_unit: str | None = None) -> MergeResult:
    """Sum the included units (``check_units`` first). ``own_unit``: the unit that is the
    government's own office, named in the 「其中…」 sentence of the draft narrative."""
    check_units(units)
    included = [u for u in units if u.include]
    if not included:
        raise MergeRefused("所有单位都被排除在汇总之外，没有可汇总的报告。")
    first = included[0].report
    cells = first.cells()
    stamp = (merged_at or dt.datetime.now()).replace(microsecond=0).isoformat()
    contrib = [u.values(totals_mode) for u in included]
    names = [u.name for u in included]
    tables: dict = {}
    blanks: dict[str, list[str]] = {}
    for ref, info in cells.items():
        total: int | Decimal = 0
        numbers = na = 0
        for vals in contrib:
            v = vals.get(ref)
            if v is None:
                continue
            if v == NA:
                na += 1
            else:
                numbers += 1
                total += v  # type: ignore[operator]
        if numbers:
            value: CellValue = total
            if numbers + na < len(contrib):
                blanks[ref] = [n for n, vals in zip(names, contrib) if ref not in vals]
        elif na == len(contrib):
            value = NA
        else:
            value = None
        if value is None or (totals_mode == "auto" and info.auto_total):
            continue
        try:
            value = check_value(info.kind, value)
        except CellValueError as exc:
            raise MergeRefused(f"汇总后「{info.row_label}」的「{info.col_label}」{exc}") from None
        t, r, c = ref.split(".")
        tables.setdefault(t, {}).setdefault(r, {})[c] = value
    sources = []
    for u in units:
        vals = u.values(totals_mode) if u.include else {}
        # In auto mode a unit's totals are derived from its terms: not stored (see breakdown).
        kept = {k: _jv(v) for k, v in vals.items()}
        sources.append(MergeSource(unit=u.name, file=u.file, fingerprint=u.fingerprint,
                                   merged_at=u.recorded.merged_at if u.recorded else stamp, excluded=not u.include, errors=u.errors,
                                   warnings=u.warnings, cells=kept))
    report = Report(format=first.format, variant=first.variant, year=first.year,
                    organisation=organisation, totals_mode=totals_mode, tables=tables)
    report.signoff.organisation = organisation
    report.sources = sources
    report.sections = draft_sections(report, own_unit)
    return MergeResult(report=report, units=list(units), blanks=blanks, findings=evaluate(report))


def _jv(v: CellValue) -> int | str:
    return fmt_value(v) if isinstance(v, Decimal) else v  # type: ignore[return-value]


# --------------------------------------------------------------------------- tracing


def breakdown(report: Report, ref: str) -> list[tuple[str, CellValue]]:
    """(unit, value) of every unit summed into a consolidated report's cell (blank is None)."""
    fmt = report.fmt
    fmt.cell(ref)  # KeyError for a cell the format does not have
    sources = [s for s in report.sources if not s.excluded]
    if not report.is_auto(ref):
        return [(s.unit, s.value(ref, fmt)) for s in sources]
    sums = dict(total_plan(report.format))
    return [(s.unit, _derived(ref, sums, lambda r, s=s: s.value(r, fmt))) for s in sources]


def _derived(ref: str, sums: dict, stored) -> CellValue:
    """A unit's calculated total from its stored terms, as ``totals.effective_values`` does it:
    blank when every term is blank, else the sum ("/" counts as 0)."""
    if ref not in sums:
        return stored(ref)
    total: int | Decimal = 0
    any_value = False
    for sign, term in sums[ref]:
        v = _derived(term, sums, stored)
        if v is not None:
            any_value = True
            total += sign * num(v)
    return total if any_value else None


def blank_units(report: Report, ref: str) -> list[str]:
    """The units that left a cell blank while others gave a number."""
    parts = breakdown(report, ref)
    if not any(v not in (None, NA) for _, v in parts):
        return []
    return [unit for unit, v in parts if v is None]


def breakdown_text(report: Report, ref: str) -> str:
    """The breakdown as a few lines for a tooltip (Chinese)."""
    parts = breakdown(report, ref)
    if not parts:
        return ""
    lines = [f"由{len(parts)}个单位汇总（合计 {fmt_value(report.value(ref)) or '空白'}）："]
    shown = [(u, v) for u, v in parts if v is not None]
    for unit, v in shown[:30]:
        lines.append(f"{unit}：{fmt_value(v)}")
    if len(shown) > 30:
        lines.append(f"……另有{len(shown) - 30}个单位")
    blank = blank_units(report, ref)
    if blank:
        lines.append("未填写：" + "、".join(blank[:20]) + ("等" if len(blank) > 20 else ""))
    return "\n".join(lines)


def updated_units(previous: Report, resubmitted: list[Unit]) -> list[Unit]:
    """The units of a new merge that replaces only ``resubmitted`` in ``previous`` (a consolidated
    report): every other unit summed there is carried over with the figures recorded in its
    source (same fingerprint, file and time); new units are appended."""
    fmt = previous.fmt
    fresh = {_key(u.name): u for u in resubmitted}
    out: list[Unit] = []
    for s in previous.sources:
        if s.excluded:
            continue
        u = fresh.pop(_key(s.unit), None)
        if u is None:
            tables: dict = {}
            for ref in s.cells:
                t, r, c = ref.split(".")
                tables.setdefault(t, {}).setdefault(r, {})[c] = s.value(ref, fmt)
            report = Report(format=previous.format, variant=previous.variant, year=previous.year,
                            organisation=s.unit, totals_mode=previous.totals_mode, tables=tables)
            u = Unit(file=s.file, report=report, recorded=s)
            u.__dict__["fingerprint"] = s.fingerprint
        out.append(u)
    return out + list(fresh.values())


@dataclass
class MergeChanges:
    """What a new consolidated report changes against the previous one."""

    added: list[str]  # units not in the previous total
    removed: list[str]  # units no longer summed
    resubmitted: list[str]  # units whose data fingerprint changed
    cells: list[tuple[str, CellValue, CellValue]]  # (ref, before, after) for every changed cell

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.resubmitted or self.cells)

    def lines(self, report: Report) -> list[str]:
        out = []
        for title, names in (("新增单位", self.added), ("不再汇总的单位", self.removed),
                             ("重新报送的单位", self.resubmitted)):
            if names:
                out.append(f"{title}：" + "、".join(names))
        for ref, before, after in self.cells:
            info = report.cell_info(ref)
            out.append(f"「{info.row_label}」「{info.col_label}」：{fmt_value(before) or '空白'} → "
                       f"{fmt_value(after) or '空白'}")
        return out


def compare(previous: Report, current: Report) -> MergeChanges:
    if previous.format != current.format:
        raise MergeRefused("上次的汇总报告与本次使用的格式不同，无法比较。")
    before = {s.unit: s.fingerprint for s in previous.sources if not s.excluded}
    after = {s.unit: s.fingerprint for s in current.sources if not s.excluded}
    old, new = previous.effective_values(), current.effective_values()
    changed = [(ref, old.get(ref), new[ref]) for ref in current.cells() if old.get(ref) != new[ref]]
    return MergeChanges(added=[u for u in after if u not in before],
                        removed=[u for u in before if u not in after],
                        resubmitted=[u for u in after if u in before and before[u] != after[u]],
                        cells=changed)


# --------------------------------------------------------------------------- narrative draft


def draft_sections(report: Report, own_unit: str | None = None) -> dict[str, list[str]]:
    """The standard sentences of the consolidated tables, as a draft of sections 二–四, said
    of the whole area (「全区…」); with ``own_unit`` the applications received are split
    「其中区政府办公室…件，各部门、各街道（乡镇）…件」."""
    area = _area(report.organisation)
    out = {k: [p.replace("本机关", area) for p in paras] for k, paras in standard_paragraphs(report).items()}
    split = split_clause(report, own_unit) if own_unit else None
    if split and "s3" in out:
        out["s3"] = [p.replace("件，其中自然人", f"件，其中{split}；按申请人分，自然人", 1) for p in out["s3"]]
    return out


def _area(organisation: str) -> str:
    m = re.search(r"([区县市州旗盟])(?:人民政府)?(?:办公室)?$", organisation.strip())
    return f"全{m.group(1)}" if m else "各单位"


def split_clause(report: Report, own_unit: str) -> str | None:
    """「区政府办公室a件，各部门、各街道（乡镇）共b件」 for the applications received."""
    parts = breakdown(report, "t3.new.total")
    if not any(u == own_unit for u, _ in parts):
        return None
    total = sum((v for _, v in parts if isinstance(v, int)), 0)
    own = sum((v for u, v in parts if u == own_unit and isinstance(v, int)), 0)
    return f"{own_unit}{own}件，各部门、各街道（乡镇）共{total - own}件"


__all__ = ["MergeRefused", "Unit", "make_unit", "check_units", "unit_values", "merge", "MergeResult",
           "breakdown", "blank_units", "breakdown_text", "compare", "MergeChanges", "updated_units", "draft_sections",
           "split_clause"]
