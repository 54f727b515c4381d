"""What a published report's tables print unlike the official form (issue 14): rows left out,
a 2021 table with a single （六） row, the table of another format, misprinted labels and headers,
「-」 for 0. The import reads them as the form means them; each is also recorded in the report
(``Report.import_deviations``), where the checker lists it as a warning (X-7), and listed in the
import report."""

from __future__ import annotations

from collections import Counter

from ..core.limits import MAX_DEVIATIONS, MAX_SHORT_TEXT
from ..core.report import Report
from .issues import INTERPRETED, ImportIssue
from .normalize import near_misses
from .structure import RawDoc
from .tables import table_no

# Header words of tables 三 and 四 as the form prints them (misprints are looked for near these).
_T3_HEADER_WORDS = ["勾稽关系", "申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织",
                    "法律服务机构"]
_T4_HEADER_WORDS = ["行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
                    "尚未审结"]


def record(report: Report, doc: RawDoc, issues: list[ImportIssue], missing: dict[tuple[str, str], list[str]]) -> None:
    """Store the deviations in ``report`` and list them, all together, in ``issues``.

    ``missing``: (table, row) -> refs of the cells not found in the source."""
    fmt = report.fmt
    found: list[str] = list(doc.deviations)
    for table, lines, words in (("表三", doc.t3_header, _T3_HEADER_WORDS), ("表四", doc.t4_header, _T4_HEADER_WORDS)):
        text = "".join(lines)
        found += [f"{table}表头“{label}”印为“{text[a:b]}”" for a, b, label in near_misses(text, words)]
    counted = Counter(i.deviation for i in issues if i.deviation)
    found += [d if n == 1 or "“-”" not in d else f"{d}，共{n}处" for d, n in counted.items()]
    by_row: dict[tuple[str, str], list[str]] = {}
    for ref, info in report.cells().items():
        by_row.setdefault((info.table, info.row), []).append(ref)
    for t in ("t2", "t3", "t4"):
        rows = [(r, refs) for (t2, r), refs in by_row.items() if t2 == t]
        absent = [refs for r, refs in rows if len(missing.get((t, r), ())) == len(refs)]
        if absent and len(absent) == len(rows):
            found.append(f"原文没有{table_no(fmt, t)}")
        elif t != "t4":
            found += [f"{table_no(fmt, t)}没有“{report.cell_info(refs[0]).row_label}”行" for refs in absent]
    found = list(dict.fromkeys(d[:MAX_SHORT_TEXT] for d in found))
    if found:
        issues.append(ImportIssue(
            INTERPRETED, f"原文的表格与{fmt.document}格式不一致（{len(found)}处，检查结果中列为警告）："
                         + "；".join(f"{n}. {d}" for n, d in enumerate(found, 1))))
    if len(found) > MAX_DEVIATIONS:  # a garbled source: the file keeps what it can hold
        found = found[:MAX_DEVIATIONS - 1] + [f"另有{len(found) - MAX_DEVIATIONS + 1}处不一致（见导入说明）"]
    report.import_deviations = found
