"""Pass 2 of the import, table 四: the printed column order read from the header lines (the three
groups and five outcomes may be printed in another order), the one row of figures placed by it."""

from __future__ import annotations

from ..core.report import Report
from .issues import INTERPRETED, UNREADABLE, ImportIssue
from .structure import RawDoc, RawRow
from .tables import _fit_fields, _labels_in, _set

_T4_OUTCOME_LABELS = [("结果维持", "keep"), ("结果纠正", "fix"), ("其他结果", "other"), ("尚未审结", "pending"),
                      ("总计", "total"), ("其他", "other")]


def _t4_header_cols(lines: list[str]) -> tuple[list[str] | None, str | None]:
    """(column keys as printed, refusal) from the header lines of table 四; (None, None): no header."""
    joined = "".join(lines)  # the header may be split over lines (PDF text, merged cells)
    outcomes = _labels_in(joined.replace("未经复议直接起诉", "").replace("复议后起诉", ""), _T4_OUTCOME_LABELS)
    if not outcomes:
        return None, None
    if len(outcomes) > 15 and len(outcomes) % 15 == 0 and outcomes == outcomes[:15] * (len(outcomes) // 15):
        outcomes = outcomes[:15]  # header repeated on the next page
    groups_line = joined if "行政复议" in joined and "行政诉讼" in joined else ""
    lit_line = joined if "未经复议直接起诉" in joined and "复议后起诉" in joined else ""
    review_first = not groups_line or groups_line.index("行政复议") < groups_line.index("行政诉讼")
    direct_first = not lit_line or lit_line.index("未经复议直接起诉") < lit_line.index("复议后起诉")
    lit = ["ld", "lr"] if direct_first else ["lr", "ld"]
    groups = ["rv"] + lit if review_first else lit + ["rv"]
    if len(outcomes) != 15:
        return None, f"表四的栏目标题有{len(outcomes)}个结果栏（应为3组各5栏），无法按栏目名称对应"
    cols = []
    for i, g in enumerate(groups):
        chunk = outcomes[5 * i: 5 * i + 5]
        if sorted(chunk) != sorted(["keep", "fix", "other", "pending", "total"]):
            return None, "表四的栏目标题中每组应有结果维持、结果纠正、其他结果、尚未审结、总计各一栏，原文不是这样，无法按栏目名称对应"
        cols += [f"{g}_{o}" for o in chunk]
    return cols, None


def _fill_t4(report: Report, doc: RawDoc, issues, filled) -> None:
    form = [c.key for c in report.fmt.table("t4").data_columns]
    cols, refusal = _t4_header_cols(doc.t4_header)
    rows = [r for r in doc.rows if r.table == "t4"]
    src_hdr = " / ".join(doc.header_src.get("t4", doc.t4_header))
    refs_all = tuple(f"t4.cases.{c}" for c in form)
    if refusal:
        issues.append(ImportIssue(UNREADABLE, refusal + "，表四保持空白",
                                  source=src_hdr + (" / " + rows[0].source if rows else ""), cells=refs_all))
        for r in refs_all:
            filled.setdefault(r, src_hdr)
        return
    if cols is not None and cols != form:
        names = {c.key: c.label for c in report.fmt.table("t4").data_columns}
        order = "、".join(names.get(c, c) for c in cols)
        issues.append(ImportIssue(INTERPRETED, "表四的栏目顺序与本格式不同，已按栏目名称读取：" + order,
                                  source=src_hdr, cells=refs_all, deviation="表四的栏目顺序为" + order))
    cols = cols or form
    for raw in _joined_rows(rows, issues):
        fields, padded = _fit_fields(raw.fields, 15)
        if len(fields) != 15 or padded:
            issues.append(ImportIssue(UNREADABLE, f"表四的数字行有{len([f for f in raw.fields if f])}个数字（应为15个），未导入",
                                      source=raw.source))
            continue
        for c, text in zip(cols, fields):
            _set(report, f"t4.cases.{c}", text, raw.source, issues, filled)
        break


def _joined_rows(rows: list[RawRow], issues: list[ImportIssue]) -> list[RawRow]:
    """The rows of figures of table 四, those printed over two or three lines (PDF text of a wide
    table: 「72 64 178 37 351 13 4 8」 / 「1 26 12 1 1 6 20」) joined into one — only lines of
    figures without a label, none blank, that make exactly 15 together; each join is listed."""
    out: list[RawRow] = []
    i = 0
    while i < len(rows):
        j, n = i, 0
        while j < len(rows) and j - i < 3 and not rows[j].label and all(rows[j].fields) and n < 15:
            n += len(rows[j].fields)
            j += 1
        if j - i > 1 and n == 15:
            parts = rows[i:j]
            src = " / ".join(r.source for r in parts)
            out.append(RawRow("t4", "", [f for r in parts for f in r.fields], src))
            counts = "＋".join(str(len(r.fields)) for r in parts)
            issues.append(ImportIssue(INTERPRETED, f"表四的15个数字分{len(parts)}行印出（{counts}个），按原文顺序合为一行读取",
                                      source=src))
            i = j
        else:
            out.append(rows[i])
            i += 1
    return out
