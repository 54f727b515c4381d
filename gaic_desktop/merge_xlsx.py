"""汇总明细 (.xlsx, openpyxl): every unit's figures beside the totals, and every unit's findings.

Sheets: 汇总来源 (units, files, fingerprints, status, 未报送); one sheet per table of the form —
per row of the form one line per unit and a 合计 line, under the official row and column labels;
各单位检查结果 (each unit's errors, warnings and import notes; the consolidated report's own).
Written with openpyxl's write-only workbook (fast for a thousand units); opens in WPS and Excel.
"""

from __future__ import annotations

import io
import re

from .core.merge import breakdown
from .core.rules import evaluate

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
TABLE_NUMBERS = "一二三四五六七八九"


def detail_workbook_bytes(report, *, units=None, missing=(), unknown=()) -> bytes:
    """The detail workbook of a consolidated report as .xlsx bytes (written by the caller).

    The units' figures come from the report's sources (so a saved consolidated report alone is
    enough); ``units`` (``core.merge.Unit``, when the merge has just run) adds each unit's
    findings in full, otherwise the findings sheet gives the counts recorded at the merge."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    fmt = report.fmt
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    total_fill = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")

    def styled(ws, value, *, font=None, fill=None, align=None):
        c = WriteOnlyCell(ws, value=value)
        if font is not None:
            c.font = font
        if fill is not None:
            c.fill = fill
        if align is not None:
            c.alignment = align
        return c

    # -- sources
    ws = wb.create_sheet("汇总来源")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 36
    ws.append([styled(ws, f"{report.display_title()}（汇总，{fmt.document}格式）", font=bold)])
    ws.append([f"合计方式：{'自动计算合计' if report.totals_mode == 'auto' else '照印刷录入（合计栏按各单位填报数相加）'}"])
    ws.append([])
    ws.append([styled(ws, h, font=bold) for h in ("单位名称", "文件", "数据指纹", "汇总时间", "参加汇总", "错误", "警告")])
    for s in report.sources:
        ws.append([s.unit, s.file, s.fingerprint, s.merged_at, "否（退回修改）" if s.excluded else "是",
                   s.errors, s.warnings])
    for title, names in ((f"未报送（{len(missing)}个）", missing), (f"不在单位名单中（{len(unknown)}个）", unknown)):
        if names:
            ws.append([])
            ws.append([styled(ws, title, font=bold)])
            for name in names:
                ws.append([name])

    # -- one sheet per table (money as Decimal: openpyxl writes its exact digits; "/" as text)
    total = report.effective_values()
    cells = report.cells()
    names = [s.unit for s in report.sources if not s.excluded]
    for table in fmt.tables:
        n = _table_number(table.key)
        ws = wb.create_sheet(_sheet_name(f"表{n} {table.title}"))
        ws.column_dimensions["A"].width = 40
        ws.column_dimensions["B"].width = 24
        cols = [c for c in table.data_columns if any(f"{table.key}.{r.key}.{c.key}" in cells for r in table.data_rows)]
        ws.freeze_panes = "C3"
        ws.append([styled(ws, f"{n}、{table.title}", font=bold)])
        ws.append([styled(ws, h, font=bold, align=wrap) for h in
                   ["项目", "单位"] + [c.label + (f"（{c.unit}）" if c.unit else "") for c in cols]])
        for row in table.data_rows:
            refs = [f"{table.key}.{row.key}.{c.key}" for c in cols]
            if not any(r in cells for r in refs):
                continue
            parts = [[v for _, v in breakdown(report, r)] if r in cells else [None] * len(names) for r in refs]
            for i, name in enumerate(names):
                ws.append([row.label, name] + [p[i] for p in parts])
            ws.append([styled(ws, row.label, font=bold, fill=total_fill), styled(ws, "合计", font=bold, fill=total_fill)]
                      + [styled(ws, total.get(r), font=bold, fill=total_fill) for r in refs])

    # -- findings
    ws = wb.create_sheet("各单位检查结果")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["E"].width = 90
    ws.append([styled(ws, h, font=bold) for h in ("单位名称", "文件", "类别", "规则", "内容")])
    for u in units or ():
        if not u.findings and not u.import_issues:
            ws.append([u.name, u.file, "通过", "", "没有发现错误或警告"])
        for f in u.findings:
            ws.append([u.name, u.file, _tag(f), f.rule_id, f.message])
        for line in u.import_issues:
            ws.append([u.name, u.file, "导入说明", "", line])
    if units is None:
        for s in report.sources:
            ws.append([s.unit, s.file, "错误" if s.errors else "通过", "",
                       f"汇总时有 {s.errors} 处错误、{s.warnings} 处警告（详见该单位的年报文件）"])
    for f in evaluate(report):
        ws.append([f"汇总报告（{report.organisation or '未填写机关名称'}）", "", _tag(f), f.rule_id, f.message])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _tag(f) -> str:
    return "错误" if f.is_error else ("警告（已说明）" if f.acknowledged else "警告")


def _table_number(key: str) -> str:
    """「二」 for t2: the number the form prints before the table's title."""
    m = re.fullmatch(r"t(\d)", key)
    return TABLE_NUMBERS[int(m.group(1)) - 1] if m else key


def _sheet_name(name: str) -> str:
    return _BAD_SHEET_CHARS.sub("", name)[:31]
