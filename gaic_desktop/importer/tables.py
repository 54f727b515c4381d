"""Pass 2 of the import, the tables: every raw row mapped to its data row by its label
(tolerantly; see ``normalize.py``), every value to its column, the printed text parsed into the
"as printed" report. Nothing is placed by guessing; every interpretation becomes an ``ImportIssue``.
Tables 二 and 三 here; table 四 in ``t4.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..core.formats import FormatDef
from ..core.report import Report
from ..core.values import NA, CellValueError, fmt_value
from .issues import BLANK, INTERPRETED, UNREADABLE, ImportIssue
from .normalize import (DASHES, GROUP_NAMES, CellTextError, LabelParts, bounded_decimal, clean_cell, group_of,
                        label_parts, norm, parse_cell, quoted, similarity, strip_parens)
from .structure import RawDoc, RawRow

@dataclass
class _Cand:
    key: str
    parts: LabelParts


def _t3_candidates(fmt: FormatDef) -> list[_Cand]:
    return [_Cand(r.key, label_parts(norm(r.label))) for r in fmt.table("t3").data_rows]


DASH_DEVIATION = "{table}中0或不适用印为“-”（应印为0或“/”）"


def table_no(fmt: FormatDef, table: str) -> str:
    """「表三」: a table by its number in the form."""
    return "表" + next(s.heading.split("、")[0] for s in fmt.sections if table in s.tables)


_SAME_WORDS = {"合计": "总计"}  # 「（七）合计」 printed for 「（七）总计」


def _ranked_t3(p: LabelParts, label: str, cands: list[_Cand],
               last_group: str | None) -> list[tuple[float, float, str]]:
    """(score, similarity, key) of every candidate row for a label, best first."""
    out = []
    group = p.group or group_of(label) or last_group
    for c in cands:
        sim = similarity(p.leaf, c.parts.leaf)
        if p.leaf in _SAME_WORDS and _SAME_WORDS[p.leaf] == c.parts.leaf:
            sim = max(sim, 0.9)  # the same row under another word: read there, and told as a deviation
        score = sim
        if p.num is not None and c.parts.num is not None:
            score += 0.15 if p.num == c.parts.num else -0.15
        elif (p.num is None) != (c.parts.num is None):
            score -= 0.25
        if c.parts.num is not None and group is not None:
            score += 0.1 if group == c.parts.group else -0.05
        elif c.parts.num is None and p.group is not None and c.parts.group is not None:
            score += 0.1 if p.group == c.parts.group else -0.1
        if p.main is not None and c.parts.main is not None and c.parts.group is None and c.parts.num is None:
            score += 0.1 if p.main == c.parts.main else -0.1
        out.append((score, sim, c.key))
    out.sort(key=lambda x: -x[0])  # stable: the first of equal scores wins, as before
    return out


def _match_t3(label: str, cands: list[_Cand], last_group: str | None) -> tuple[str | None, float, LabelParts]:
    p = label_parts(label)
    ranked = _ranked_t3(p, label, cands, last_group)
    if not ranked or ranked[0][1] < 0.55:
        return None, ranked[0][1] if ranked else 0.0, p
    return ranked[0][2], ranked[0][1], p


def _is_t3_heading(p: LabelParts, cands: list[_Cand], next_label: str | None) -> bool:
    """A label that only heads rows below it: 「三、本年度办理结果」 or a group such as
    「（三）不予公开」 whose rows are numbered, followed by one of those numbered rows."""
    if p.num is not None:
        return False
    if p.group is None:
        return p.main == "三" and similarity(p.leaf, "本年度办理结果") >= 0.7
    if not any(c.parts.group == p.group and c.parts.num is not None for c in cands):
        return False  # a row of its own (2019: （六）其他处理)
    if p.leaf and similarity(p.leaf, GROUP_NAMES.get(p.group, "")) < 0.7:
        return False
    nxt = label_parts(next_label) if next_label is not None else None
    return nxt is not None and nxt.num is not None and nxt.group in (None, p.group)


def _official_leaf(fmt: FormatDef, table: str, key: str) -> str:
    row = next(r for r in fmt.table(table).data_rows if r.key == key)
    if table != "t3":
        return row.label
    m = re.search(r"\d+\..*$", row.label)
    if m:
        return m.group(0)
    return "（" + row.label.split("（")[-1] if "（" in row.label else row.label


def _fit_fields(fields: list[str], n: int) -> tuple[list[str], bool]:
    """Exactly n fields: drop layout padding (leading, then trailing empty cells); pad short rows."""
    f = list(fields)
    while len(f) > n and f and f[0] == "":
        f.pop(0)
    while len(f) > n and f and f[-1] == "":
        f.pop()
    padded = False
    if len(f) < n:
        f = f + [""] * (n - len(f))
        padded = True
    return f, padded


def _nums(fields: list[str]) -> list[Decimal] | None:
    """The fields as numbers, or None when one is blank or not a plain number (of bounded size)."""
    out = [bounded_decimal(clean_cell(x)) for x in fields]
    return None if None in out else out


def _drop_spurious(fields: list[str]) -> tuple[list[str], str | None]:
    """Table 三 rows with 8 numbers where 7 belong: drop the spurious 0 (format-spec §4.4) — only
    when exactly that makes the total the sum of the other columns; otherwise nothing is guessed."""
    nums = _nums(fields)
    if nums is None:
        return fields, None
    for i in range(1, 7):
        if nums[i] != 0:
            continue
        rest = nums[:i] + nums[i + 1:]
        if sum(rest[:6]) == rest[6]:
            return fields[:i] + fields[i + 1:], "多出的“0”已去掉（标签跨两栏的行在PDF转文字时常多出一个0，去掉后总计等于各栏之和）"
    return fields, None


_T3_MAIN_LABELS = [("自然人", "natural"), ("法人或其他组织", "ORG"), ("小计", "subtotal"), ("合计", "subtotal"),
                   ("总计", "total")]
_T3_SUB_LABELS = [("商业企业", "business"), ("科研机构", "research"), ("社会公益组织", "public_interest"),
                  ("法律服务机构", "legal_service"), ("小计", "subtotal"), ("合计", "subtotal"), ("其他", "other")]


def _labels_in(n: str, labels: list[tuple[str, str]]) -> list[str]:
    found: list[tuple[int, int, str]] = []
    for lab, key in labels:
        for m in re.finditer(re.escape(lab), n):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), key))
    return [k for _, _, k in sorted(found)]


def _t3_header_cols(lines: list[str], form: list[str]) -> list[str] | None:
    """The columns of table 三 in the order printed in its header lines (None: no header read)."""
    main = next((_labels_in(x, _T3_MAIN_LABELS) for x in lines if "自然人" in x), None)
    sub = next((_labels_in(x.replace("法人或其他组织", ""), _T3_SUB_LABELS) for x in lines if "商业企业" in x), None)
    if main is None and sub is None:
        return None
    if main is None:
        main = ["natural", "ORG", "total"]
    org = sub if sub is not None else [c for c in form if c not in ("natural", "total")]
    cols: list[str] = []
    for k in main:
        cols += org if k == "ORG" else [k]
    if "ORG" not in main:
        cols = org + cols if sub is not None and "natural" not in cols else cols
    if "total" not in cols and any("总计" in x for x in lines):
        cols.append("total")  # printed on the line above (「申请人情况 … 总计」)
    return cols


def _t3_header_issue(doc: RawDoc, fmt: FormatDef, issues: list[ImportIssue]) -> list[str] | None:
    """The printed column order of table 三 when it differs from the form's (reported once)."""
    form = [c.key for c in fmt.table("t3").data_columns]
    hdr = _t3_header_cols(doc.t3_header, form)
    if hdr is None or hdr == form:
        return None
    names = {c.key: c.label for c in fmt.table("t3").data_columns} | {"subtotal": "小计"}
    shown = "、".join(names.get(c, c) for c in hdr)
    src = " / ".join(doc.header_src.get("t3", doc.t3_header))
    if len(set(hdr)) != len(hdr):
        issues.append(ImportIssue(UNREADABLE, f"表三的栏目标题（{shown}）有重复的栏目，无法按栏目名称对应；"
                                              "数字个数与本格式不同的行不导入", source=src))
        return None
    extra = "；“小计”栏不导入，只用来核对" if "subtotal" in hdr else ""
    missing = [names[c] for c in form if c not in hdr]
    miss = f"；原文没有“{'、'.join(missing)}”栏，该栏留空" if missing else ""
    issues.append(ImportIssue(INTERPRETED, f"表三的栏目（{shown}）与本格式不同，按栏目名称读取{extra}{miss}", source=src,
                              deviation=f"表三的栏目为{shown}"))
    return hdr


def _set(report: Report, ref: str, text: str, row_src: str, issues: list[ImportIssue],
         filled: dict[str, str]) -> None:
    info = report.cell_info(ref)
    where = f"「{info.row_label}」的「{info.col_label}」" if info.table != "t4" else f"表四「{info.col_label}」"
    if ref in filled:
        issues.append(ImportIssue(UNREADABLE, f"{where}在原文中出现两次，保留第一次的数字", source=row_src,
                                  cells=(ref,)))
        return
    try:
        parsed = parse_cell(text, info.kind, info.unit)
        report.set_cell(ref, parsed.value)
    except (CellTextError, CellValueError) as exc:
        issues.append(ImportIssue(UNREADABLE, f"{where}：{exc}，保持空白", source=text, cells=(ref,)))
        filled[ref] = row_src
        return
    filled[ref] = row_src
    if parsed.note:
        report.cell_notes[ref] = parsed.note
    if parsed.interpretation:
        dash = DASH_DEVIATION.format(table=table_no(report.fmt, info.table)) if clean_cell(text) in DASHES else ""
        issues.append(ImportIssue(INTERPRETED, f"{where}：{parsed.interpretation}", source=text, cells=(ref,),
                                  deviation=dash))
    if parsed.value is None:
        issues.append(ImportIssue(BLANK, f"{where}原文为空白，保持空白", source=row_src, cells=(ref,)))


def _t2_rows(fmt: FormatDef) -> list[tuple[str, str]]:
    out = [(r.key, strip_parens(norm(r.label))) for r in fmt.table("t2").data_rows]
    extra = {"normative": ["规范性文件", "行政规范性文件"]}
    for key, names in extra.items():
        if any(k == key for k, _ in out):
            out += [(key, n) for n in names]
    return out


def _fill_t2(report: Report, doc: RawDoc, issues, filled, check=lambda: None) -> None:
    fmt = report.fmt
    rows = _t2_rows(fmt)
    present = report.cells()
    for raw in (r for r in doc.rows if r.table == "t2"):
        check()
        lab = strip_parens(raw.label)
        best, sim = None, 0.0
        for key, name in rows:
            s = similarity(lab, name)
            if lab.startswith(name) and len(name) >= 2:
                s = max(s, 0.9 + 0.1 * len(name) / max(len(lab), 1))
            if s > sim:
                best, sim = key, s
        if best is None or sim < 0.6:
            issues.append(ImportIssue(UNREADABLE, f"表二中无法识别的行“{raw.shown}”，未导入", source=raw.source))
            continue
        row_refs = [ref for ref in present if ref.startswith(f"t2.{best}.")]
        if len(raw.pieces) > 1:  # the label on a line of its own (structure.first_pass)
            official = next(r.label for r in fmt.table("t2").data_rows if r.key == best)
            said = (f"的数字印在行标签“{raw.pieces[0]}”的下一行" if not raw.pieces[1] else
                    "的标签由原文相邻的2行拼接而成：" + "＋".join(f"“{x}”" for x in raw.pieces))
            issues.append(ImportIssue(INTERPRETED, f"表二“{official}”行{said}", source=raw.source, cells=tuple(row_refs)))
        if sim < 0.99:
            official = next(r.label for r in fmt.table("t2").data_rows if r.key == best)
            issues.append(ImportIssue(INTERPRETED, f"表二行标签“{raw.shown}”按“{official}”读取", source=raw.source,
                                      cells=tuple(row_refs), deviation=f"表二行标签“{official}”印为“{raw.shown}”"))
        cols = raw.header
        if cols and not all(f"t2.{best}.{c}" in present for c in cols):
            # The printed columns are not this format's (e.g. a 2019-format table in a 2021
            # report): reading by position would store e.g. 上一年项目数量 as 处理决定数量.
            _t2_refuse_row(report, raw, best, row_refs, issues, filled)
            continue
        if not cols:
            cols = [ref.split(".")[2] for ref in row_refs]
            issues.append(ImportIssue(INTERPRETED, f"表二“{raw.shown}”行前没有栏目标题，按本格式的栏目顺序"
                                                   f"（{'、'.join(_t2_col_label(report, r) for r in row_refs)}）读取，请核对",
                                      source=raw.source, cells=tuple(row_refs)))
        fields, padded = _fit_fields(raw.fields, len(cols))
        if len(fields) > len(cols):
            issues.append(ImportIssue(UNREADABLE, f"表二“{raw.shown}”行的数字多于栏目，多出的未导入", source=raw.source))
            fields = fields[: len(cols)]
        for c, text in zip(cols, fields):
            ref = f"t2.{best}.{c}"
            if ref in present:
                _set(report, ref, text, raw.source, issues, filled)


def _t2_col_label(report: Report, ref: str) -> str:
    return report.cell_info(ref).col_label


def _t2_refuse_row(report: Report, raw: RawRow, key: str, row_refs: list[str], issues, filled) -> None:
    """A table-二 row under column labels that are not this format's: every cell stays blank."""
    printed = "、".join(f"{lab}={(raw.fields[i] if i < len(raw.fields) else '') or '空白'}"
                        for i, lab in enumerate(raw.header_labels))
    extra = [f for f in raw.fields[len(raw.header):] if f]
    if extra:
        printed += "、（无栏目）" + "、".join(extra)
    row_label = report.cell_info(row_refs[0]).row_label if row_refs else raw.shown
    for ref in row_refs:
        issues.append(ImportIssue(
            UNREADABLE, f"「{row_label}」的「{_t2_col_label(report, ref)}」：原文表二该行的栏目"
                        f"（{printed}）不是本格式的栏目，无法对应，保持空白",
            source=raw.source, cells=(ref,)))
        filled.setdefault(ref, raw.source)


def _t3_fields(raw: RawRow, fields_in: list[str], cols: list[str], hdr: list[str] | None,
               what: str) -> tuple[list[str | None] | None, str | None, str | None]:
    """The row's texts in the form's column order (None: not in the source).

    Returns (fields, interpretation, refusal): a row whose numbers cannot be placed with
    certainty gives fields None and the reason; nothing is placed by guessing.
    """
    fields = list(fields_in)
    while len(fields) > 7 and fields and fields[0] == "":
        fields.pop(0)
    n_hdr = len(hdr) if hdr else None
    while len(fields) > max(7, n_hdr or 0) and fields and fields[-1] == "":
        fields.pop()
    nv = len(fields)
    if hdr and nv == n_hdr:  # printed columns differ from the form: map by their labels
        by = dict(zip(hdr, fields))
        if "subtotal" in by:
            org = [by[c] for c in cols if c not in ("natural", "total") and c in by]
            nums, sub = _nums(org), _nums([by["subtotal"]])
            if nums is None or sub is None or sum(nums) != sub[0]:
                return None, None, (f"“小计”栏（{by['subtotal'] or '空白'}）不等于法人或其他组织各栏之和，"
                                    "无法确认各数字所属的栏目")
        return [by.get(c) for c in cols], None, None
    if nv == 7:
        if hdr and n_hdr != 7:
            nums = _nums(fields)
            if nums is None or sum(nums[:6]) != nums[6]:
                return None, None, f"有7个数字，而栏目标题有{n_hdr}栏，且总计不等于其余各栏之和，无法确认各数字所属的栏目"
        return list(fields), None, None
    if nv == 8:
        fixed, note = _drop_spurious(fields)
        if note:  # the 7 left are read like any 7-number row (by the printed labels, if any)
            placed, _, refusal = _t3_fields(raw, fixed, cols, hdr, what)
            return placed, note if placed is not None else None, refusal
        return None, None, "有8个数字（应为7个），去掉任何一个“0”后总计都不等于各栏之和，无法确认各数字所属的栏目"
    if nv == 6:
        nums = _nums(fields)
        if nums is not None and sum(nums[:5]) == nums[5]:
            return [None] * 6 + [fields[5]], None, \
                "只有6个数字（应为7个），最后一个等于其余之和，只按“总计”导入；其余数字无法确认所属的栏目，保持空白"
        return None, None, "只有6个数字（应为7个），且最后一个不等于其余之和，无法确认各数字所属的栏目"
    return None, None, f"有{nv}个数字（应为7个），无法确认各数字所属的栏目"


def _fill_t3(report: Report, doc: RawDoc, issues, filled, check=lambda: None) -> None:
    fmt = report.fmt
    cands = _t3_candidates(fmt)
    cols = [c.key for c in fmt.table("t3").data_columns]
    hdr = _t3_header_issue(doc, fmt, issues)
    has_sub6 = any(c.key == "o1" for c in cands)
    last_group: str | None = None
    rows = _reattach_tails([r for r in doc.rows if r.table == "t3"], cands)
    for i, raw in enumerate(rows):
        check()
        p = label_parts(raw.label)
        if raw.blank and _is_t3_heading(p, cands, rows[i + 1].label if i + 1 < len(rows) else None):
            last_group = p.group or last_group  # 「（三）不予公开」 printed on a row of its own
            continue
        if len(raw.pieces) > 1:
            joined = _checked_join(raw, report, cands, last_group, issues, filled)
            if joined is None:
                continue
            raw, p = joined, label_parts(joined.label)
        g = p.group or group_of(raw.label)
        # A single （六）其他处理 row (the 2019 shape) in a 2021 table.
        single_six = has_sub6 and p.num is None and (p.group == "六" or p.leaf.startswith("其他处理")) and \
            similarity(p.leaf, "其他处理") > 0.7
        key = None
        if single_six:
            refs = tuple(f"t3.{o}.{c}" for o in ("o1", "o2", "o3") for c in cols)
            what = "（六）其他处理"
            last_group = "六"
        else:
            key, sim, parts = _match_t3(raw.label, cands, last_group)
            if key is None or raw.blank and sim < _BLANK_ROW_SIM:
                blank = "（各栏均为空白）" if raw.blank else ""
                what = f"表三中无法识别的行“{raw.shown}”{blank}" if raw.shown else \
                    f"原文表三中的“{quoted(raw.source)}”一行只有数字、没有行标签"
                issues.append(ImportIssue(UNREADABLE, f"{what}，未导入", source=raw.source))
                continue
            if parts.num is not None:
                last_group = next(c.parts.group for c in cands if c.key == key)
            elif g:
                last_group = g
            refs = tuple(f"t3.{key}.{c}" for c in cols)
            what = _official_leaf(fmt, "t3", key)
            if sim < 0.99:
                issues.append(ImportIssue(INTERPRETED, f"表三行标签“{raw.shown}”与官方标签“{what}”不完全一致，按后者读取",
                                          source=raw.source, cells=refs, deviation=f"表三行标签“{what}”印为“{raw.shown}”"))
        if raw.blank:  # every printed cell empty: each cell of the row is blank, whatever its column
            fields, note, refusal = [""] * len(cols), None, None
        else:
            fields, note, refusal = _t3_fields(raw, raw.fields, cols, hdr, what)
        if fields is None:
            issues.append(ImportIssue(UNREADABLE, f"表三“{what}”行{refusal}，整行保持空白", source=raw.source,
                                      cells=refs))
            for r in refs:
                filled.setdefault(r, raw.source)
            continue
        if refusal:  # partly placed (only the total): the others are listed, not "not found"
            blank = tuple(r for r in refs if fields[cols.index(r.rsplit(".", 1)[1])] is None)
            issues.append(ImportIssue(UNREADABLE, f"表三“{what}”行{refusal}", source=raw.source, cells=blank))
            for r in blank:
                filled.setdefault(r, raw.source)
        if note:
            issues.append(ImportIssue(INTERPRETED, f"表三“{what}”行：{note}", source=raw.source, cells=refs))
        if single_six:
            _single_six(report, raw, fields, issues, filled)
            continue
        for c, text in zip(cols, fields):
            if text is not None:
                _set(report, f"t3.{key}.{c}", text, raw.source, issues, filled)


def _reattach_tails(rows: list[RawRow], cands: list[_Cand]) -> list[RawRow]:
    """Give back to a row the end of its label printed on the line after its figures.

    Text taken from a PDF often prints a label of two lines with the figures on its first line
    (「5.要求行政机关确认或重新出具 1 0 0 0 0 0 1」 / 「已获取信息」); the second line was read as the
    start of the next row's label. A leading line of a joined label that carries no number of its
    own (no 「一、」, 「（三）」, 「1.」, no group name) goes back to the row above when that makes the
    row above closer to a row of the form (or closes its note in brackets) and leaves a label of its
    own below. The moved line is
    then listed as a join of the row above (``_checked_join``)."""
    out: list[RawRow] = []
    for raw in rows:
        prev = out[-1] if out else None
        if prev is not None and len(raw.pieces) > 1 and not prev.blank and any(prev.fields) and prev.pieces:
            tail = raw.pieces[0]
            t = norm(tail)
            p = label_parts(t)
            rest = "".join(norm(x) for x in raw.pieces[1:])
            if p.main is None and p.group is None and p.num is None and group_of(t) is None:
                key0, sim0, _ = _match_t3(prev.label, cands, None)
                key1, sim1, _ = _match_t3(prev.label + t, cands, None)
                closes = prev.label.count("(") > prev.label.count(")") and ")" in t  # the end of a note
                if key1 is not None and (sim1 > sim0 or closes and key1 == key0) and \
                        _match_t3(rest, cands, None)[0] is not None:
                    out[-1] = RawRow("t3", prev.label + t, prev.fields, f"{prev.source} {tail}", pieces=prev.pieces + [tail],
                                     blank_pieces=prev.blank_pieces, printed=prev.printed + tail)
                    src = raw.source[len(tail):].strip() if raw.source.startswith(tail) else raw.source
                    raw = RawRow("t3", rest, raw.fields, src, pieces=raw.pieces[1:], blank=raw.blank,
                                 blank_pieces={i - 1 for i in raw.blank_pieces if i > 0},
                                 printed="".join(raw.pieces[1:]))
        out.append(raw)
    return out


_BLANK_ROW_SIM = 0.75  # a row of blanks is taken only for a label this close to a row of the form
_JOIN_PIECE_SIM = 0.85  # a printed line this close to a row's label is that row, not a piece of the next


def _own_row(label: str, cands: list[_Cand], last_group: str | None, next_label: str | None) -> str | None:
    """The row of the form a numbered label is on its own (not a heading, not a piece)."""
    p = label_parts(label)
    if (p.num is None and p.group is None and p.main is None) or _is_t3_heading(p, cands, next_label):
        return None
    key, sim, _ = _match_t3(label, cands, last_group)
    return key if sim >= _JOIN_PIECE_SIM else None


def _checked_join(raw: RawRow, report: Report, cands: list[_Cand], last_group: str | None,
                  issues: list[ImportIssue], filled: dict[str, str]) -> RawRow | None:
    """A row whose label was joined from printed lines (a label split over lines), used only when
    the joined label is one row of the form and nothing else; every join is listed.

    Leading lines that are on their own the label of another row were a row printed without
    figures: they are not joined to the rest (that row stays blank, and is listed), so the
    figures stay with the label they were printed with. A joined label close to two rows is not
    imported."""
    fmt = report.fmt
    cols = [c.key for c in fmt.table("t3").data_columns]
    pieces = raw.pieces
    start = 0
    for j in range(len(pieces) - 1):
        k2 = _own_row("".join(norm(x) for x in pieces[start:j + 1]), cands, last_group, norm(pieces[j + 1]))
        k3 = _own_row("".join(norm(x) for x in pieces[j + 1:]), cands, last_group, None)
        if k2 is None or k3 is None or k2 == k3:
            continue
        refs = tuple(f"t3.{k2}.{c}" for c in cols)
        shown = "＋".join(f"“{x}”" for x in pieces[start:j + 1])
        name = _official_leaf(fmt, "t3", k2)
        if j in raw.blank_pieces:  # printed with empty cells: a row of blanks
            if j > start:
                issues.append(ImportIssue(INTERPRETED, f"表三“{name}”行的标签由原文相邻的{j + 1 - start}行拼接而成："
                                                       f"{shown}", source=shown, cells=refs))
            for r in refs:
                _set(report, r, "", shown, issues, filled)
        else:
            issues.append(ImportIssue(UNREADABLE, f"原文表三{shown}一行只有行标签、没有数字，不与下一行拼接；"
                                                  f"“{name}”行保持空白", source=shown, cells=refs))
            for r in refs:
                filled.setdefault(r, shown)
        start = j + 1
    if start:
        rest = pieces[start:]
        raw = RawRow("t3", "".join(norm(x) for x in rest), raw.fields, " ".join(rest) if raw.blank else raw.source,
                     pieces=rest, blank=raw.blank, printed="".join(rest))
        if len(rest) == 1:
            return raw
    ranked = _ranked_t3(label_parts(raw.label), raw.label, cands, last_group)
    if not ranked or ranked[0][1] < 0.55:
        return raw  # not a row of the form: reported as such by the caller
    best = ranked[0]
    second = next((r for r in ranked[1:] if r[2] != best[2]), None)
    shown = "＋".join(f"“{x}”" for x in raw.pieces)
    if second is not None and second[0] > best[0] - 0.05:
        names = "、".join(f"“{_official_leaf(fmt, 't3', k)}”" for k in (best[2], second[2]))
        issues.append(ImportIssue(UNREADABLE, f"原文表三相邻的{len(raw.pieces)}行（{shown}）拼接成的行标签与{names}都相近，"
                                              "无法确定所属的行，未导入", source=raw.source))
        return None
    refs = tuple(f"t3.{best[2]}.{c}" for c in cols)
    issues.append(ImportIssue(INTERPRETED, f"表三“{_official_leaf(fmt, 't3', best[2])}”行的标签由原文相邻的"
                                           f"{len(raw.pieces)}行拼接而成：{shown}", source=raw.source, cells=refs))
    return raw


def _single_six(report: Report, raw: RawRow, fields: list[str], issues, filled) -> None:
    """A 2019-shape （六）其他处理 row in a 2021 table: its figures go to 3.其他; the two sub-rows
    the publisher did not print (1.逾期不补正 / 2.逾期未缴费) are "/" (not applicable), not 0."""
    t3 = report.fmt.table("t3")
    cols = [c.key for c in t3.data_columns]
    put = []
    for c, text in zip(cols, fields):
        if text is None:
            continue
        try:
            parsed = parse_cell(text, "count", None)
        except CellTextError as exc:
            issues.append(ImportIssue(UNREADABLE, f"「（六）其他处理」的「{c}」：{exc}", source=text))
            continue
        v = parsed.value
        for o in ("o1", "o2"):
            report.set_cell(f"t3.{o}.{c}", NA)
            filled[f"t3.{o}.{c}"] = raw.source
        filled[f"t3.o3.{c}"] = raw.source
        if v is not None:
            report.set_cell(f"t3.o3.{c}", v)
        if v not in (None, 0):
            report.cell_notes[f"t3.o3.{c}"] = f"原文“（六）其他处理”只印一行（2019年格式），该栏为{fmt_value(v)}，记入“3.其他”"
            put.append(c)
    labels = {c.key: c.label for c in t3.data_columns}
    names = {r.key: _official_leaf(report.fmt, "t3", r.key) for r in t3.data_rows if r.key in ("o1", "o2", "o3")}
    msg = (f"原文“（六）其他处理”只印了一行（2019年格式的表三），本格式分为三项：原文的数字记入“{names['o3']}”，"
           f"原文没有印的“{names['o1']}”“{names['o2']}”两项按“不适用”（/）录入")
    if put:
        msg += "；不为0的栏（" + "、".join(labels[c] for c in put) + "）请按实际情况拆分"
    issues.append(ImportIssue(INTERPRETED, msg, source=raw.source,
                              cells=tuple(f"t3.{o}.{c}" for o in ("o1", "o2", "o3") for c in cols),
                              deviation="表三“（六）其他处理”只印一行，没有分为三项"))
