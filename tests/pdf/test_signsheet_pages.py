"""The 审签单 is numbered on its own (「审签单 第N页」), consecutively however long it is — here
longer than the report itself (four warnings, each explained at length)."""

from __future__ import annotations

import io

import pdfplumber

from gaic_desktop.core import acknowledge, evaluate
from gaic_desktop.core.report import new_report
from gaic_desktop.pdf.render import ExportOptions, render_pdf


def test_a_long_sign_sheet_numbers_its_pages_one_to_n():
    report = new_report(2024, "某县人民政府")
    reason = "因系统升级，数据在2024年3月1日重新统计，相关文件为某府办〔2024〕12号。" * 30
    warnings = [f for f in evaluate(report) if not f.is_error]
    assert len(warnings) == 4
    for f in warnings:
        acknowledge(report, f, reason)
    data, result = render_pdf(report, ExportOptions(variant="审签版"))
    feet = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = (page.extract_text() or "").splitlines()
            feet.append(next((ln.strip() for ln in reversed(lines)
                              if ln.strip().startswith(("审签单 第", "— "))), ""))
    report_pages = [f for f in feet if f.startswith("— ")]
    sheet = [f for f in feet if f.startswith("审签单")]
    assert report_pages == [f"— {n} —" for n in range(1, len(report_pages) + 1)]
    assert len(sheet) > len(report_pages)  # longer than the report: numbering must not wrap
    assert sheet == [f"审签单 第{n}页" for n in range(1, len(sheet) + 1)]
    assert result.pages == len(feet)
