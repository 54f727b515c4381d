"""The rule engine: evaluates every rule of a report's format and returns findings.

Rules are data (``resources/formats/*.json``). Each rule kind is compiled once per
(format, variant, totals mode) into flat checks over cell refs, so evaluating a whole report is a
loop of small sums (well under a millisecond; see ``bench/bench_core.py``).

A finding carries the rule id, the severity, the cells involved, a Chinese message with the
actual numbers, and a stable ``key`` by which a warning can be acknowledged with an explanation.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable

from .formats import (BlankTotalsRule, BlanksRule, CompareRule, DeviationsRule, EmptyTableRule, FormatDef,
                      MentionsRule, NarrativeRule, SignoffDateRule, SameAsLastRule, SectionsPresentRule, TextLintRule,
                      YearRule, ZeroIfZeroRule, cell_ref, get_format, strip_term)
from .report import Acknowledgement, Report
from .limits import MAX_ACKNOWLEDGEMENTS, MAX_EXPLANATION_CHARS, TextValueError, check_text
from .values import MAX_COUNT, NA, CellValue, CellValueError, check_value, fmt_value, num

if TYPE_CHECKING:
    from .lint import Fix

# X-1 and X-8 (core/narrative*.py, core/lint.py) are imported by their checks: compiling their
# patterns is a good part of the program's start-up, and the window checks the report only once
# it is shown (ui/document.py).

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: str  # "error" | "warning"
    key: str  # stable id of this instance, e.g. "T3-1:natural" (used for acknowledgement)
    cells: tuple[str, ...]  # refs "table.row.col" of the cells involved
    message: str
    acknowledged: str | None = None  # the explanation, if the warning was acknowledged
    section: str | None = None  # section key for findings about text
    fix: Fix | None = None  # the exact replacement the window can apply (core/lint.py)
    # (start, end) of the quoted text in the section's narrative as the editor shows it
    # (paragraphs joined by "\n"; the preface for section "preface"); None where not known
    span: tuple[int, int] | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class _Compiled:
    """Checks for one (format, variant, mode): each a closure over refs."""

    checks: list[Callable[[dict, Report], Iterable[Finding]]] = field(default_factory=list)


def evaluate(report: Report, overrides: dict[str, CellValue] | None = None,
             *, extra: Iterable[Callable[[Report, dict], Iterable[Finding]]] = (),
             values: dict[str, CellValue] | None = None) -> list[Finding]:
    """Evaluate every rule of the report's format. ``overrides`` (ref -> value) lets the editor
    check a value that is being typed without storing it. ``values``: the report's
    ``effective_values(overrides)`` when the caller has them already (with the same
    ``overrides``). Errors first, then warnings, each in the order of the form."""
    if values is None:
        values = report.effective_values(overrides)
    compiled = _compile(report.format, report.variant, report.totals_mode)
    out: list[Finding] = []
    for check in compiled.checks:
        out.extend(check(values, report))
    for fn in extra:
        out.extend(fn(report, values))
    acks = report.acknowledgements
    if acks:
        out = [_with_ack(f, acks.get(f.key)) for f in out]
    out.sort(key=lambda f: 0 if f.severity == ERROR else 1)
    return out


def _with_ack(f: Finding, ack) -> Finding:
    """An explanation covers a warning only while the warning says the same thing: once its
    numbers change (the message shows them), the explanation no longer applies."""
    if ack is None or f.severity != WARNING or ack.message != f.message:
        return f
    return replace(f, acknowledged=ack.explanation)


def error_count(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity == ERROR)


def cell_states(findings: Iterable[Finding]) -> dict[str, str]:
    """ref -> worst severity among unacknowledged findings that involve the cell."""
    states: dict[str, str] = {}
    for f in findings:
        if f.acknowledged:
            continue
        for ref in f.cells:
            if states.get(ref) != ERROR:
                states[ref] = f.severity
    return states


# --------------------------------------------------------------------------- acknowledgement

@dataclass(frozen=True)
class _ExplanationRules:
    """How a 说明 is judged (data: ``resources/rules/explanations.json``)."""

    min_chars: int
    min_beyond: int
    assertions: re.Pattern  # phrases that only assert correctness
    reasons: tuple[tuple[str, re.Pattern], ...]  # (kind, pattern): marks of a specific reason
    refusal: str
    hint: str = ""  # what a good 说明 gives, shown before one is written
    examples: tuple[tuple[str, str], ...] = ()  # (rule id or "*", a good 说明 for its warnings)

    def example(self, rule_id: str) -> str:
        """A good 说明 for a warning of ``rule_id`` (the general one if the rule has none)."""
        found = dict(self.examples)
        return found.get(rule_id) or found.get("*", "")


_PUNCT_RE = re.compile(r"[\s，。、；：！？,.;:!?“”\"'‘’（）()【】\[\]〔〕《》<>—\-…·/]+")
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def explanation_rules() -> _ExplanationRules:
    import json  # (imported here: this block of rules.py is self-contained)

    from .formats import resources_dir

    data = json.loads((resources_dir() / "rules" / "explanations.json").read_text(encoding="utf-8"))
    phrases = sorted(data["assertions"], key=len, reverse=True)  # the longest phrase first
    return _ExplanationRules(
        min_chars=int(data["min_chars"]), min_beyond=int(data["min_chars_beyond_assertions"]),
        assertions=re.compile("|".join(f"(?:{p})" for p in phrases)),
        reasons=tuple((r["kind"], re.compile(r["pattern"])) for r in data["reasons"]),
        refusal=data["refusal"], hint=data.get("hint", ""),
        examples=tuple((k, v) for k, v in data.get("examples", {}).items() if not k.startswith("_")))


MIN_EXPLANATION_CHARS = 8  # the default of explanations.json's min_chars


class ExplanationError(ValueError):
    """An explanation too thin to acknowledge a warning (Chinese message)."""


def explanation_reasons(text: str) -> list[str]:
    """The kinds of specific content (原因/文件/数字/日期) that ``text`` gives, in the order of
    the rules; empty if it only asserts that the figures are right."""
    import unicodedata

    rules = explanation_rules()
    norm = _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))
    core = _PUNCT_RE.sub("", norm)
    beyond = rules.assertions.sub("", core)
    if len(core) < rules.min_chars or len(beyond) < rules.min_beyond:
        return []
    kinds: list[str] = []
    for kind, pattern in rules.reasons:
        if kind not in kinds and pattern.search(norm):
            kinds.append(kind)
    return kinds


def validate_explanation(text: str) -> str:
    """Accept an explanation only if it gives a reason specific to the warning — a cause, a
    document, a number or a date — beyond asserting that the figures are correct (「经核实，
    以上数据准确无误」 is refused). Returns the stripped text; raises ExplanationError."""
    text = text.strip()
    try:
        check_text(text, "说明", MAX_EXPLANATION_CHARS)  # before the reason patterns run on it
    except TextValueError as exc:
        raise ExplanationError(str(exc)) from None
    if not explanation_reasons(text):
        raise ExplanationError(explanation_rules().refusal)
    return text


def acknowledge(report: Report, finding: Finding, explanation: str) -> None:
    """Store an explanation for a warning. Errors cannot be acknowledged."""
    if finding.severity != WARNING:
        raise ExplanationError("错误必须改正，不能以说明代替；只有提示性的警告可以附说明。")
    if finding.key not in report.acknowledgements and len(report.acknowledgements) >= MAX_ACKNOWLEDGEMENTS:
        raise ExplanationError(f"本报告已有 {MAX_ACKNOWLEDGEMENTS} 条警告说明，不能再添加；请先删除不再需要的说明。")
    report.acknowledgements[finding.key] = Acknowledgement(
        explanation=validate_explanation(explanation), message=finding.message)


# --------------------------------------------------------------------------- compilation



def _labels(fmt: FormatDef, table: str, axis: str, other: str) -> dict[str, str]:
    t = fmt.table(table)
    if axis == "row":
        row = next(r for r in t.data_rows if r.key == other)
        return {"row": row.label, "col": ""}
    col = next(c for c in t.data_columns if c.key == other)
    return {"row": "", "col": col.label}


def _fmt_num(x) -> str:
    return fmt_value(x) if isinstance(x, Decimal) else str(x)


@lru_cache(maxsize=None)
def _compile(format_id: str, variant: str | None, mode: str) -> _Compiled:
    fmt = get_format(format_id)
    present = {ref for ref, info in fmt.cells().items() if info.variant is None or info.variant == variant}
    comp = _Compiled()
    for rule in fmt.rules:
        if isinstance(rule, CompareRule):
            if rule.auto and mode == "auto":
                continue  # calculated totals satisfy their own sums by construction
            _compile_compare(comp, fmt, rule, present)
        elif isinstance(rule, ZeroIfZeroRule):
            _compile_zero(comp, fmt, rule, present)
        elif isinstance(rule, BlankTotalsRule):
            if mode == "printed":
                _compile_blank_totals(comp, fmt, rule, present)
        elif isinstance(rule, BlanksRule):
            _compile_blanks(comp, fmt, rule, present, mode)
        elif isinstance(rule, EmptyTableRule):
            _compile_empty_table(comp, fmt, rule, present)
        elif isinstance(rule, SignoffDateRule):
            comp.checks.append(_signoff_check(rule))
        elif isinstance(rule, MentionsRule):
            _compile_mentions(comp, fmt, rule)
        elif isinstance(rule, YearRule):
            comp.checks.append(_year_check(rule))
        elif isinstance(rule, SectionsPresentRule):
            comp.checks.append(_sections_check(fmt, rule))
        elif isinstance(rule, SameAsLastRule):
            comp.checks.append(_same_as_last_check(fmt, rule, present))
        elif isinstance(rule, NarrativeRule):
            comp.checks.append(_narrative_check(rule))
        elif isinstance(rule, DeviationsRule):
            comp.checks.append(_deviations_check(fmt, rule))
        elif isinstance(rule, TextLintRule):
            comp.checks.append(_lint_check(rule))
    if mode == "auto":
        comp.checks.append(_totals_range_check(fmt, present))
    return comp


RANGE_RULE_ID = "V-1"


def _totals_range_check(fmt: FormatDef, present: set[str]):
    """V-1: a calculated total beyond what a cell can hold. Entry refuses values that would get
    there (``Report.check``); this error covers reports built otherwise (an import, a script).
    Such a total is not written to the file (it is derived), so the file still opens."""
    totals = tuple((ref, info) for ref, info in fmt.cells().items() if ref in present and info.auto_total)

    def check(values, report: Report):
        out = []
        for ref, info in totals:
            v = values[ref]
            if v is None or v == NA:
                continue
            try:
                check_value(info.kind, v)
            except CellValueError:
                out.append(Finding(RANGE_RULE_ID, ERROR, f"{RANGE_RULE_ID}:{info.row}:{info.col}", (ref,),
                                   f"「{info.row_label}」的「{info.col_label}」（自动计算的合计）为 {_fmt_num(v)}，"
                                   f"超出可填写的范围（最大 {MAX_COUNT}），请核对各项数字。"))
        return out

    return check


def _deviations_check(fmt: FormatDef, rule: DeviationsRule):
    """X-7: one warning per deviation from the official form the import found in the original."""
    sections = {f"表{s.heading.split('、')[0]}": s.key for s in fmt.sections if s.tables}

    def finding(d: str) -> Finding:
        table = re.search(r"表[一二三四五六]", d)
        return Finding(rule.id, rule.severity, f"{rule.id}:{hashlib.sha1(d.encode('utf-8')).hexdigest()[:8]}", (),
                       rule.message.format(document=fmt.document, deviation=d),
                       section=sections.get(table.group(0)) if table else None)

    def check(values, report: Report):
        return tuple(finding(d) for d in report.import_deviations)

    return check


def _narrative_check(rule: NarrativeRule):
    def check(values, report: Report):
        from .narrative import narrative_findings

        return narrative_findings(report, values, rule)

    return check


def _lint_check(rule: TextLintRule):
    """X-8: one warning per slip, carrying its fix; keyed by field, paragraph and excerpt (so a
    说明 stays while other text is edited)."""

    # The text rarely changes between two evaluations (every keystroke in a table cell evaluates
    # the rules again): the findings of the last text are kept, keyed by the text itself. One
    # entry, replaced as a whole (safe when an export evaluates in a worker thread).
    last: list = [None]

    def check(values, report: Report):
        fields = [("preface", "开头", tuple(report.preface))]
        fields += [(f"sections.{s.key}", s.heading, tuple(report.section_text(s.key)))
                   for s in report.fmt.sections]
        key = tuple(fields)
        memo = last[0]
        if memo is not None and memo[0] == key:
            return list(memo[1])
        out = _lint_findings(rule, fields)
        last[0] = (key, tuple(out))
        return out

    return check


def _lint_findings(rule: TextLintRule, fields) -> list[Finding]:
    """The X-8 findings of ``fields``: (path, heading, paragraphs)."""
    from .lint import context, lint_paragraphs

    out = []
    for path, heading, paras in fields:
        seen: dict[str, int] = {}
        for fix in lint_paragraphs(paras, path):
            excerpt = context(paras[fix.para], fix)
            where = f"{heading}第{fix.para + 1}段"
            template = rule.message_remove if fix.replacement == "" else rule.message
            msg = template.format(where=where, context=excerpt, slip=fix.what, replacement=fix.replacement)
            base = f"{rule.id}:{path}:{fix.para}:{excerpt}"
            n = seen[base] = seen.get(base, 0) + 1
            section = path.split(".", 1)[1] if path.startswith("sections.") else None
            out.append(Finding(rule.id, rule.severity, base if n == 1 else f"{base}#{n}", (), msg,
                               section=section, fix=fix))
    return out


def _compile_compare(comp: _Compiled, fmt: FormatDef, rule: CompareRule, present: set[str]) -> None:
    uses_last = any(strip_term(t)[1] for chk in rule.checks for t in chk.left + chk.right)
    op = rule.op
    multi = len(rule.checks) > 1
    for other in rule.over:
        labels = _labels(fmt, rule.table, rule.axis, other)
        for chk in rule.checks:
            left = [(s, last, cell_ref(rule.table, rule.axis, other, k))
                    for s, last, k in map(strip_term, chk.left)]
            right = [(s, last, cell_ref(rule.table, rule.axis, other, k))
                     for s, last, k in map(strip_term, chk.right)]
            this_refs = tuple(r for _, last, r in left + right if not last)
            if any(r not in present for r in this_refs):
                continue
            key = f"{rule.id}:{other}" + (f":{strip_term(chk.left[0])[2]}" if multi else "")
            names = ([_term_name(fmt, rule, k, last) for _, last, k in map(strip_term, chk.left)],
                     [_term_name(fmt, rule, k, last) for _, last, k in map(strip_term, chk.right)])
            comp.checks.append(_compare_check(rule, op, left, right, this_refs, key, labels,
                                              chk.label, uses_last, names))


def _term_name(fmt: FormatDef, rule: CompareRule, key: str, last: bool) -> str:
    """How a term is named in a message: the column (axis row) or row (axis col) label."""
    t = fmt.table(rule.table)
    items = t.data_columns if rule.axis == "row" else t.data_rows
    label = next(i.label for i in items if i.key == key)
    return ("上年报告" + label) if last else label


def _detail(terms, names, values, prev) -> str:
    """The terms with their values: 「上年现行有效件数8＋本年制发件数2－本年废止件数0」."""
    out = []
    for i, ((s, last, r), name) in enumerate(zip(terms, names)):
        sign = "－" if s < 0 else ("＋" if i else "")
        out.append(f"{sign}{name}{_fmt_num(num(_get(values, prev, r, last)))}")
    return "".join(out) or "0"


def _compare_check(rule, op, left, right, this_refs, key, labels, label, uses_last, names):
    last_formats = rule.last_formats

    def check(values: dict, report: Report):
        prev = report.previous
        if uses_last:
            if prev is None or (last_formats and prev.format not in last_formats):
                return ()
            if prev.year != report.year - 1:
                return ()
        if all(values[r] is None for r in this_refs):
            return ()  # nothing entered yet
        lsum = 0
        for s, last, r in left:
            lsum += s * num(_get(values, prev, r, last))
        rsum = 0
        for s, last, r in right:
            if last:
                v = _get(values, prev, r, True)
                if v is None:
                    return ()  # last year's figure unknown: nothing to compare with
                rsum += s * num(v)
            else:
                rsum += s * num(values[r])
        if (op == "==" and lsum == rsum) or (op == "<=" and lsum <= rsum) or (op == ">=" and lsum >= rsum):
            return ()
        msg = rule.message.format(left=_fmt_num(lsum), right=_fmt_num(rsum),
                                  diff=_fmt_num(abs(lsum - rsum)), label=label or "",
                                  left_detail=_detail(left, names[0], values, prev),
                                  right_detail=_detail(right, names[1], values, prev), **labels)
        return (Finding(rule.id, rule.severity, key, this_refs, msg),)

    return check


def _get(values: dict, prev, ref: str, last: bool) -> CellValue:
    if not last:
        return values[ref]
    t, r, c = ref.split(".")
    return prev.value(t, r, c)


def _compile_zero(comp: _Compiled, fmt: FormatDef, rule: ZeroIfZeroRule, present: set[str]) -> None:
    t = fmt.table(rule.table)
    row_labels = {r.key: r.label for r in t.data_rows}
    for other in rule.over:
        labels = _labels(fmt, rule.table, rule.axis, other)
        cond = tuple(cell_ref(rule.table, rule.axis, other, k) for k in rule.condition)
        targets = tuple((k, cell_ref(rule.table, rule.axis, other, k)) for k in rule.targets)

        def check(values, report, cond=cond, targets=targets, labels=labels, other=other):
            if all(values[r] is None for r in cond):
                return ()
            if sum(num(values[r]) for r in cond) != 0:
                return ()
            out = []
            for k, r in targets:
                v = num(values[r])
                if v != 0:
                    msg = rule.message.format(row=row_labels[k], value=_fmt_num(v), col=labels["col"])
                    # the cell the message names comes first: the editor scrolls to it
                    out.append(Finding(rule.id, rule.severity, f"{rule.id}:{other}:{k}", (r,) + cond, msg))
            return out

        comp.checks.append(check)


def _compile_blank_totals(comp: _Compiled, fmt: FormatDef, rule: BlankTotalsRule, present: set[str]) -> None:
    totals = [(ref, fmt.cell(ref)) for ref in sorted(present, key=list(fmt.cells()).index)
              if ref.startswith(rule.table + ".") and fmt.cell(ref).auto_total]
    table_refs = _filling_refs(fmt, rule.table, present)

    def check(values, report):
        if all(values[r] is None for r in table_refs):
            return ()
        out = []
        for ref, info in totals:
            if values[ref] is None:
                msg = rule.message.format(row=info.row_label, col=info.col_label)
                out.append(Finding(rule.id, rule.severity, f"{rule.id}:{info.row}:{info.col}", (ref,), msg))
        return out

    comp.checks.append(check)


def _compile_blanks(comp: _Compiled, fmt: FormatDef, rule: BlanksRule, present: set[str], mode: str) -> None:
    cells = fmt.cells()
    inputs = tuple(r for r in cells if r in present and r.startswith(rule.table + ".")
                   and not (cells[r].auto_total))
    table_refs = _filling_refs(fmt, rule.table, present)

    def check(values, report):
        blanks = [r for r in inputs if values[r] is None]
        if not blanks or all(values[r] is None for r in table_refs):
            return ()
        info = cells[blanks[0]]
        msg = rule.message.format(count=len(blanks), row=info.row_label, col=info.col_label)
        return (Finding(rule.id, rule.severity, f"{rule.id}", tuple(blanks), msg),)

    comp.checks.append(check)


def _table_section(fmt: FormatDef, table: str) -> str | None:
    return next((s.key for s in fmt.sections if table in s.tables), None)


def _filling_refs(fmt: FormatDef, table: str, present: set[str]) -> tuple[str, ...]:
    """The cells of ``table`` whose figures count as having filled it in (all but the rows the
    table's empty-table rule names as carried over from last year)."""
    carried = next((r.carried_rows for r in fmt.rules
                    if isinstance(r, EmptyTableRule) and r.table == table), ())
    return tuple(r for r in fmt.cells() if r in present and r.startswith(table + ".")
                 and r.split(".")[1] not in carried)


def _compile_empty_table(comp: _Compiled, fmt: FormatDef, rule: EmptyTableRule, present: set[str]) -> None:
    # One behaviour for every table, chosen for the officer: a table nobody has filled in is an
    # error (one line per table, no cell coloured — a fresh report is three red lines, not a red
    # wall), because a blank table must never export as a clean copy (「不能遗漏」). Figures only
    # carried over from last year's file (上年结转, ``carried_rows``) do not count as filling it in:
    # a report made from last year's file flags its blank 表三 exactly as a new report does (it
    # used to get the 138-cell 未填写 warning instead of the error 表二 and 表四 got).
    refs = _filling_refs(fmt, rule.table, present)
    section = _table_section(fmt, rule.table)

    def check(values, report):
        if any(values[r] is not None for r in refs):
            return ()
        return (Finding(rule.id, rule.severity, rule.id, (), rule.message, section=section),)

    comp.checks.append(check)


def _signoff_check(rule: SignoffDateRule):
    def check(values, report: Report):
        d = report.signoff.date
        if d is None:
            return (Finding(rule.id, rule.severity, f"{rule.id}:missing", (), rule.message_missing),)
        if d.year != report.year + 1:
            return (Finding(rule.id, rule.severity, f"{rule.id}:year", (),
                            rule.message.format(date=f"{d.year}年{d.month}月{d.day}日", next=report.year + 1)),)
        return ()

    return check


def _compile_mentions(comp: _Compiled, fmt: FormatDef, rule: MentionsRule) -> None:
    ref = f"{rule.table}.{rule.cell}"

    def check(values, report):
        v = num(values.get(ref))
        if v <= 0:
            return ()
        text = "".join(report.section_text(rule.section))
        if any(w in text for w in rule.words):
            return ()
        return (Finding(rule.id, rule.severity, rule.id, (ref,), rule.message.format(value=_fmt_num(v)),
                        section=rule.section),)

    comp.checks.append(check)


_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年")
# 「自2024年1月1日至2024年12月31日」, also 「2024年1月1日至12月31日」 (second year implied)
_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?(?:至|到|—|-|～|~)\s*"
                     r"(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日")
_PARA_START_YEAR = re.compile(r"^\s*(\d{4})\s*年度?\s*[，,]")


def _year_check(rule: YearRule):
    def texts(report: Report):
        yield "开头", None, report.preface
        for s in report.fmt.sections:
            yield s.heading, s.key, report.section_text(s.key)

    def check(values, report: Report):
        out = []
        y = report.year

        def bad(where, found, section=None):
            out.append(Finding(rule.id, rule.severity, f"{rule.id}:{where}", (),
                               rule.message.format(where=where, found=found, year=y), section=section))

        if rule.scope == "title_period":
            for m in _YEAR_IN_TITLE.finditer(report.display_title()):
                if int(m.group(1)) != y:
                    bad("报告标题", m.group(1))
                    break
            for where, sec, paras in texts(report):
                for p in paras:
                    m = _PERIOD.search(p)
                    if m:
                        found = [g for g in m.groups() if g and int(g) != y]
                        if found:
                            bad(f"统计期限（{where}）", found[0], sec)
        else:
            for where, sec, paras in texts(report):
                for p in paras:
                    m = _PARA_START_YEAR.match(p)
                    if m and int(m.group(1)) != y:
                        bad(f"正文（{where}：“{p.strip()[:16]}…”）", m.group(1), sec)
        return out

    return check


def _sections_check(fmt: FormatDef, rule: SectionsPresentRule):
    heads = {s.key: s.heading for s in fmt.sections}

    def check(values, report: Report):
        return [Finding(rule.id, rule.severity, f"{rule.id}:{k}", (), rule.message.format(section=heads[k]),
                        section=k)
                for k in rule.sections if not "".join(report.section_text(k)).strip()]

    return check


def _same_as_last_check(fmt: FormatDef, rule: SameAsLastRule, present: set[str]):
    by_table = {t.key: tuple(r for r in fmt.cells() if r in present and r.startswith(t.key + "."))
                for t in fmt.tables}
    numbers = {s_tab: sec.heading.split("、")[0] for sec in fmt.sections for s_tab in sec.tables}

    def check(values, report: Report):
        prev = report.previous
        if prev is None or prev.format != report.format:
            return ()
        out = []
        for t, refs in by_table.items():
            if all(values[r] is None for r in refs):
                continue
            if all(values[r] == prev.value(*r.split(".")) for r in refs):
                what = f"表{numbers.get(t, '')}（{fmt.table(t).title}）"
                out.append(Finding(rule.id, rule.severity, f"{rule.id}:{t}", refs, rule.message.format(what=what)))
        return out

    return check

