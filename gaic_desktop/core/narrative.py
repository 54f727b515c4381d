"""Figures stated in the narrative, checked against the tables (rule X-1); standard sentences.

``narrative_findings`` is called by the rule engine on every evaluation (every keystroke in the
editor). The text is parsed into statements once per distinct text (``lru_cache`` keyed by the
tuple of paragraphs); with unchanged text an evaluation only compares a few dozen cached
statements with the cell values (a few microseconds, see ``bench/bench_import.py``).

A statement is a figure the prose gives for something the tables count: applications received,
carried over, handled, each outcome category, reviews and lawsuits and their outcomes, documents
made / repealed / in force, decisions, fees — in digits or Chinese numerals (「一百零五件」), or as
words (「未收到政府信息公开申请」: 0). Also shares (「占37.5%」: the cell ratio), claims (「均获维持」
against table 四's other outcomes, 「均已按期答复」 against 结转下年度继续办理) and 「未发生…行政复议」.
Figures about a part of the organisation (「区政府办受理…」「各街道、各部门共受理…」), approximate
figures (「5500余条」「约150件」), other years and plans for the next (「2025年将…」) are not compared.
``standard_paragraphs`` writes the usual sentences from the tables for the officer to insert.

Reading the text is in ``narrative_text`` (normalisation, figures) and ``narrative_read``
(statements: which table figure a figure of the prose names); this module resolves statements to
cells and words the findings.
"""

from __future__ import annotations

import gc
import hashlib
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from .narrative_read import _D, _N, _U, Statement, parse_statements
from .narrative_text import T2S, norm_offsets
from .values import NA, fmt_value, num

__all__ = ["T2S", "Statement", "narrative_findings", "parse_statements", "standard_paragraphs"]

if TYPE_CHECKING:  # pragma: no cover
    from .formats import NarrativeRule
    from .report import Report
    from .rules import Finding


# --------------------------------------------------------------------------- topics

_ORG_COLS = ["business", "research", "public_interest", "legal_service", "other"]
_T4_GROUPS = {"rv": "行政复议", "ld": "行政诉讼（未经复议直接起诉）", "lr": "行政诉讼（复议后起诉）"}
_OUTCOMES = {"keep": "结果维持", "fix": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}


@dataclass(frozen=True)
class _Topic:
    refs: tuple[str, ...]  # summed
    what: str  # the cell(s), in Chinese, for the message
    alt: tuple[str, ...] = ()  # another reading that is also accepted (e.g. 办理 = 新收 + 结转)


def _t3(rows, col="total"):
    return tuple(f"t3.{r}.{col}" for r in rows)


def _group(fmt, row: str) -> str:
    """The group label printed left of a row (「（三）不予公开」 for 1.属于国家秘密)."""
    placed = fmt.placed("t3", None)
    grid_row = next(p.row for p in placed if p.is_value and p.cell.cell.startswith(row + "."))
    labels = sorted((p for p in placed if not p.is_value and p.cell.role == "label"
                     and p.row <= grid_row < p.row + p.rowspan), key=lambda p: p.col)
    return _short(labels[1].cell.text if len(labels) > 1 else labels[0].cell.text)


def _short(label: str) -> str:
    """A row label without its printed note: 「（二）部分公开（区分处理的，…）」 -> 「（二）部分公开」."""
    return re.sub(r"(?<=.)（[^（）]*）$", "", label)


@lru_cache(maxsize=None)
def _topics(format_id: str) -> dict[str, _Topic]:
    from .formats import get_format

    fmt = get_format(format_id)  # labels come from the format definition, as printed on the form
    rows3 = [r.key for r in fmt.table("t3").data_rows]
    o_rows = [r for r in rows3 if r.startswith("o")]

    def item(row: str) -> str:
        return _short(fmt.item_label("t3", row))

    t: dict[str, _Topic] = {
        "new": _Topic(_t3(["new"]), f"表三“{item('new')}”的总计"),
        "carried_in": _Topic(_t3(["carried_in"]), f"表三“{item('carried_in')}”的总计"),
        "carried_out": _Topic(_t3(["carried_out"]), f"表三“{item('carried_out')}”的总计"),
        "handled": _Topic(_t3(["r_total"]), f"表三“{item('r_total')}”的总计栏", alt=_t3(["new", "carried_in"])),
        "r_open": _Topic(_t3(["r_open"]), f"表三“{item('r_open')}”的总计"),
        "r_partial": _Topic(_t3(["r_partial"]), f"表三“{item('r_partial')}”的总计"),
        "open_partial": _Topic(_t3(["r_open", "r_partial"]),
                               f"表三“{item('r_open')}”与“{item('r_partial')}”总计之和"),
        "d_sum": _Topic(_t3(_D), f"表三“{_group(fmt, 'd1')}”各项总计之和"),
        "u_sum": _Topic(_t3(_U), f"表三“{_group(fmt, 'u1')}”各项总计之和"),
        "n_sum": _Topic(_t3(_N), f"表三“{_group(fmt, 'n1')}”各项总计之和"),
        "o_sum": _Topic(_t3(o_rows), f"表三“{_group(fmt, o_rows[0])}”"
                        + ("的总计" if len(o_rows) == 1 else "各项总计之和")),
        "natural": _Topic(("t3.new.natural",), f"表三“本年新收”的“{fmt.cell('t3.new.natural').col_label}”栏"),
        "org": _Topic(tuple(f"t3.new.{c}" for c in _ORG_COLS), "表三“本年新收”的法人或其他组织各栏之和"),
    }
    for k in _D + _U + _N:
        t[k] = _Topic(_t3([k]), f"表三“{item(k)}”的总计")
    if len(o_rows) > 1:
        for k in o_rows[:2]:
            lab = item(k)
            t[k] = _Topic(_t3([k]), f"表三“{_group(fmt, k)} {lab[:16]}{'…' if len(lab) > 16 else ''}”的总计")
    for g in _T4_GROUPS:
        for o in _OUTCOMES:
            t[f"{g}_{o}"] = _Topic((f"t4.cases.{g}_{o}",), f"表四“{fmt.cell(f't4.cases.{g}_{o}').col_label}”")
    for o, oname in _OUTCOMES.items():
        t[f"lit_{o}"] = _Topic((f"t4.cases.ld_{o}", f"t4.cases.lr_{o}"),
                               f"表四行政诉讼“{oname}”（未经复议直接起诉与复议后起诉之和）")
    for g in ("rv", "ld", "lr", "lit"):  # 驳回: 结果维持, or 其他结果 where the office counts it so
        keep, other = t[f"{g}_keep"], t[f"{g}_other"]
        t[f"{g}_dismiss"] = _Topic(keep.refs, keep.what, alt=other.refs)
    t2_cols = ["made", "repealed", "effective"]
    for r in ("regulation", "normative"):
        for c in t2_cols:
            ref = f"t2.{r}.{c}"
            if ref in fmt.cells():
                info = fmt.cell(ref)
                t[f"{r}_{c}"] = _Topic((ref,), f"表二“{info.row_label}”的“{info.col_label}”")
    for r in ("licensing", "penalty", "coercion"):
        info = fmt.cell(f"t2.{r}.decisions")
        t[f"{r}_decisions"] = _Topic((info.ref,), f"表二“{info.row_label}”的“{info.col_label}”")
    if "t2.fee.amount" in fmt.cells():
        info = fmt.cell("t2.fee.amount")
        t["fee_amount"] = _Topic((info.ref,), f"表二“{info.row_label}”的“{info.col_label}”")
    return t


def _texts(report: "Report") -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (("preface", tuple(report.preface)),) + tuple(
        (k, tuple(report.sections.get(k, ()))) for k in ("s1", "s2", "s3", "s4", "s5", "s6"))


# --------------------------------------------------------------------------- the rule


@lru_cache(maxsize=256)
def _plan(format_id: str, statements: tuple[Statement, ...]) -> tuple:
    """Statements resolved to their cells once: (statement, refs, other readings, stated value).
    For a share the other readings are the wholes it may be of."""
    topics = _topics(format_id)
    out = []
    for st in statements:
        if st.kind in ("all_kept", "all_kept_done"):
            out.append((st, (), (), 0))
            continue
        topic = topics.get(st.topic)
        if topic is None:
            continue
        if st.kind == "share":
            # the whole is what the table totals (办理 is （七）总计, not 新收 + 结转)
            out.append((st, topic.refs, tuple(topics[w].refs for w in st.alt), st.value))
            continue
        # 元 in the prose, 万元 in the table: exactly /10000 (Decimal, no rounding)
        stated = st.value / 10000 if (st.unit == "元" and st.topic == "fee_amount") else st.value
        if stated == stated.to_integral_value():
            stated = int(stated)
        alts = ([topic.alt] if topic.alt else []) + [topics[a].refs for a in st.alt if a in topics]
        out.append((st, topic.refs, tuple(alts), stated))
    return tuple(out)


def narrative_findings(report: "Report", values: dict, rule: "NarrativeRule") -> list["Finding"]:
    """X-1's findings. The cyclic garbage collector is paused meanwhile: statements, plan and
    findings hold no cycles, and a long text makes tens of thousands of them, each collection
    scanning the whole heap again (a 1 MB paragraph of figures: ~0.4 s of 2 s in collections)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _narrative_findings(report, values, rule)
    finally:
        if enabled:
            gc.enable()


def _narrative_findings(report: "Report", values: dict, rule: "NarrativeRule") -> list["Finding"]:
    texts = _texts(report)
    statements = parse_statements(texts, report.year)
    if not statements:
        return []
    plan = _plan(report.format, statements)
    sections = dict(texts)
    placed: dict = {}  # (section, paragraph) -> where it starts, its offsets (_span)
    out: list = []
    seen: dict[str, int] = {}
    for st, refs, alts, stated in plan:
        if st.kind in ("all_kept", "all_kept_done"):
            f = _check_all_kept(st, values, rule)
        else:
            # the cells' sum, inline (_sum): this loop runs on every keystroke
            actual = 0
            filled = False
            try:
                for r in refs:
                    v = values[r]
                    if v is not None and v != NA:
                        actual += v
                        filled = True
            except KeyError:
                continue  # a cell this report does not have
            if not filled:
                continue  # blank cells are not compared
            if st.kind == "share":
                f = _check_share(st, report.format, values, refs, actual, alts)
            elif actual == stated or any(sum(num(values.get(r)) for r in a) == stated for a in alts):
                continue
            else:
                f = _message(st, _topics(report.format)[st.topic], actual, refs)
        if f is None:
            continue
        out.append(_finding(rule, st, f, seen, sections, placed))
    return out


def _sum(values: dict, refs) -> Decimal | int | None:
    """The cells' sum; None when all are blank or "/" or one is not in this report."""
    actual = 0
    filled = False
    for r in refs:
        if r not in values:
            return None
        v = values[r]
        if v is not None and v != NA:
            actual += v
            filled = True
    return actual if filled else None


def _check_share(st: Statement, format_id: str, values: dict, refs, part, wholes):
    """「占37.5%」: the stated percentage equals part / whole × 100 rounded half up to the places it
    is stated to (37.5% ⇔ [37.45, 37.55); 37% ⇔ [36.5, 37.5); 「三成」 ⇔ [25, 35)). Any of the
    wholes the text may mean is accepted; a whole that is blank or 0 is not compared."""
    tried = []
    for whole_refs in wholes:
        whole = _sum(values, whole_refs)
        if not whole:
            continue
        ratio = Decimal(part) * 100 / Decimal(whole)
        step = Decimal(10) if st.places < 0 else Decimal(1).scaleb(-st.places)
        shown = (ratio / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
        if shown == st.value:
            return None
        tried.append((whole_refs, whole, ratio))
    if not tried:
        return None
    whole_refs, whole, ratio = tried[0]
    topics = _topics(format_id)
    whole_what = next(t.what for t in topics.values() if t.refs == whole_refs)
    stated = f"{_n(st.value)}%" if st.places >= 0 else f"{'一二三四五六七八九'[int(st.value) // 10 - 1]}成"
    return (f"正文“{st.text}”称占{stated}，但{topics[st.topic].what}（{_n(part)}件）占{whole_what}"
            f"（{_n(whole)}件）的{_n(ratio.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP))}%",
            tuple(refs) + tuple(whole_refs))


def _message(st: Statement, topic: _Topic, actual, refs):
    if st.kind == "zero":
        return f"正文“{st.text}”，但{topic.what}为{_n(actual)}件", refs
    if st.kind == "all_done":
        return f"正文“{st.text}”称均已办结，但{topic.what}为{_n(actual)}件", refs
    unit = "万元" if st.topic == "fee_amount" else "件"  # the table counts in 件, whatever the prose says
    return f"正文“{st.text}”与{topic.what}（{_n(actual)}{unit}）不一致", refs


def _finding(rule, st: Statement, f, seen: dict, sections: dict, placed: dict):
    global _Finding
    if _Finding is None:  # rules imports this module
        from .rules import Finding as _Finding

    msg, refs = f
    # The clause's own hash, not its order: acknowledging one sentence must not move to another
    # when a sentence is inserted or deleted before it.
    base = f"{rule.id}:{st.section}:{st.topic}:{_n(st.value)}:{hashlib.sha1(st.text.encode('utf-8')).hexdigest()[:6]}"
    if st.kind in ("share", "all_done"):
        base = f"{base}:{st.kind}"
    n = seen.get(base, 0)
    seen[base] = n + 1
    key = base if n == 0 else f"{base}:{n + 1}"
    return _Finding(rule.id, rule.severity, key, tuple(refs), msg, section=st.section,
                    span=_span(st, sections, placed))


_Finding = None


def _span(st: Statement, sections: dict, placed: dict) -> tuple[int, int] | None:
    """Where the statement's text is in its section's narrative as the editor shows it (paragraphs
    joined by "\n"): the normalised positions mapped back to the typed text. ``placed`` keeps, per
    paragraph, where it starts and its offsets (a paragraph may have many findings)."""
    where = placed.get((st.section, st.para))
    if where is None:
        paras = sections.get(st.section, ())
        if not 0 <= st.para < len(paras):
            return None
        where = placed[(st.section, st.para)] = (sum(len(p) + 1 for p in paras[:st.para]),
                                                    norm_offsets(paras[st.para]))
    base, offsets = where
    if offsets is None or st.end >= len(offsets):
        return None
    end = offsets[st.end - 1] + 1 if st.end > st.start else offsets[st.start]
    return base + offsets[st.start], base + end


def _check_all_kept(st: Statement, values: dict, rule):
    groups = ["rv"] if st.topic == "rv" else ["ld", "lr"]
    refs, bad = [], []
    for g in groups:
        total = num(values.get(f"t4.cases.{g}_total"))
        keep = num(values.get(f"t4.cases.{g}_keep"))
        not_kept = ("fix", "other") if st.kind == "all_kept_done" else ("fix", "other", "pending")
        others = [(o, num(values.get(f"t4.cases.{g}_{o}"))) for o in not_kept]
        refs += [f"t4.cases.{g}_{o}" for o in ("keep", "fix", "other", "pending", "total")]
        for o, v in others:
            if v:
                bad.append(f"{_T4_GROUPS[g]}“{_OUTCOMES[o]}”为{_n(v)}件")
        if st.kind == "all_kept_done":
            total -= num(values.get(f"t4.cases.{g}_pending"))
        if total and keep != total and not any(v for _, v in others):
            bad.append(f"{_T4_GROUPS[g]}“结果维持”{_n(keep)}件少于总计{_n(total)}件")
    if not bad:
        return None
    return (f"正文“{st.text}”称均获维持，但表四{'，'.join(bad)}", tuple(refs))


def _n(v) -> str:
    if isinstance(v, Decimal) and (not v.is_finite() or abs(v.adjusted()) > 30):
        return fmt_value(v)  # never expanded (figures are bounded when read; this is a guard)
    if isinstance(v, Decimal):
        return str(int(v)) if v == v.to_integral_value() else fmt_value(v)
    return str(v)


# --------------------------------------------------------------------------- standard sentences


def standard_paragraphs(report: "Report", values: dict | None = None) -> dict[str, list[str]]:
    """The usual sentences about the tables, written from the cell values, by section key.

    s3: applications (received, by applicant, carried over, handled by outcome, carried forward);
    s4: reviews and lawsuits with their outcomes. For 2021 reports s2 also states the documents
    made / repealed / in force. The officer inserts them where they fit; X-1 finds no difference.
    """
    v = values if values is not None else report.effective_values()

    def g(*refs) -> int:
        return int(sum((num(v.get(r)) for r in refs), 0))

    y = report.year
    o_rows = ["o1", "o2", "o3"] if report.format != "2019" else ["o"]
    t = "t3.{}.total"
    org = g(*(f"t3.new.{c}" for c in _ORG_COLS))
    s3 = (f"{y}年，本机关共收到政府信息公开申请{g(t.format('new'))}件，其中自然人{g('t3.new.natural')}件，"
          f"法人或其他组织{org}件；上年结转政府信息公开申请{g(t.format('carried_in'))}件。"
          f"本年度办理完毕{g(t.format('r_total'))}件，其中予以公开{g(t.format('r_open'))}件，"
          f"部分公开{g(t.format('r_partial'))}件，不予公开{g(*(t.format(r) for r in _D))}件，"
          f"无法提供{g(*(t.format(r) for r in _U))}件，不予处理{g(*(t.format(r) for r in _N))}件，"
          f"其他处理{g(*(t.format(r) for r in o_rows))}件；结转下年度继续办理{g(t.format('carried_out'))}件。")
    c = "t4.cases.{}"
    rv = [g(c.format(f"rv_{o}")) for o in ("total", "keep", "fix", "other", "pending")]
    lit = [g(c.format(f"ld_{o}"), c.format(f"lr_{o}")) for o in ("total", "keep", "fix", "other", "pending")]
    if rv[0] == 0 and lit[0] == 0:
        s4 = f"{y}年，本机关未发生因政府信息公开工作引起的行政复议、行政诉讼案件。"
    else:
        parts = []
        for name, (tot, keep, fix, other, pending) in (("被申请行政复议", rv), ("被提起行政诉讼", lit)):
            if tot == 0:
                parts.append(f"未{name}")
            else:
                parts.append(f"{name}{tot}件，其中结果维持{keep}件，结果纠正{fix}件，其他结果{other}件，"
                             f"尚未审结{pending}件")
        s4 = f"{y}年，本机关因政府信息公开工作" + "；".join(parts) + "。"
    def filled(prefix: str) -> bool:  # a table left blank gets no sentence ("0件" would be a claim)
        return any(v.get(ref) is not None for ref in v if ref.startswith(prefix))

    out = {}
    if filled("t3."):
        out["s3"] = [s3]
    if filled("t4."):
        out["s4"] = [s4]
    if report.format != "2019" and filled("t2.normative."):
        out["s2"] = [f"{y}年，本机关制发行政规范性文件{g('t2.normative.made')}件，废止{g('t2.normative.repealed')}件，"
                     f"现行有效行政规范性文件{g('t2.normative.effective')}件。"]
    return out
