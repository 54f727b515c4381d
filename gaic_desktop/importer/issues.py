"""What an import found: every cell it could not fill or had to interpret (``ImportIssue``), and
the result (``ImportResult``: the report plus its issues)."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.report import Report

MISSING = "missing"  # a cell of the form not found in the source
UNREADABLE = "unreadable"  # source text that could not be read as a value / row
INTERPRETED = "interpreted"  # read, but not literally (a sum, a unit, a misprinted label, ...)
BLANK = "blank"  # printed blank (kept blank)
INFO = "info"  # detected metadata (format, organisation, ...)

KIND_NAMES = {MISSING: "未找到", UNREADABLE: "无法读取", INTERPRETED: "已解释", BLANK: "原文空白", INFO: "识别结果"}


@dataclass(frozen=True)
class ImportIssue:
    kind: str
    message: str  # Chinese
    source: str = ""  # the source text concerned
    cells: tuple[str, ...] = ()
    # what the source prints unlike the official form (a finding of its own: Report.import_deviations)
    deviation: str = ""

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


@dataclass
class ImportResult:
    report: Report
    issues: list[ImportIssue]
    source_kind: str = ""

    def by_kind(self, kind: str) -> list[ImportIssue]:
        return [i for i in self.issues if i.kind == kind]

    def summary(self) -> str:
        filled = sum(1 for ref in self.report.cells() if self.report.stored(ref) is not None)
        total = len(self.report.cells())
        parts = [f"已填 {filled}/{total} 个单元格"]
        for k in (MISSING, UNREADABLE, INTERPRETED, BLANK):
            n = len(self.by_kind(k))
            if n:
                parts.append(f"{KIND_NAMES[k]} {n} 处")
        return "，".join(parts)

    def printed_errors(self) -> list[str]:
        """The errors printed in the source, named: 「原文表四“案件数”的“行政复议·总计”印为0，
        应为11」 for a printed total that is not the sum of its items, the rule's message for any
        other error."""
        from ..core.rules import evaluate
        from ..core.values import fmt_value

        from ..core.totals import total_plan
        from ..core.values import NA

        report = self.report
        numbers = {t: sec.heading.split("、")[0] for sec in report.fmt.sections for t in sec.tables}
        terms = dict(total_plan(report.format))
        values = report.effective_values()
        out, named = [], set()
        for ref, typed, calculated in report.typed_totals_differing():
            if typed == NA and all(values.get(t) == NA for _, t in terms.get(ref, ())):
                continue  # a row printed "/" throughout (not applicable): its total is "/" too
            info = report.cell_info(ref)
            out.append(f"原文表{numbers.get(info.table, '')}“{info.row_label}”的“{info.col_label}”"
                       f"印为{fmt_value(typed)}，应为{fmt_value(calculated)}")
            named.add(ref)
        for f in evaluate(report):
            if f.is_error and not named.intersection(f.cells):
                out.append(f"原文{f.message}")
        return out
