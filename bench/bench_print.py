"""Benchmark: 打印 — painting the exported PDF's pages on a printer, per page.

Prints, over several runs (interleaved, in this process):
* the export itself (``render_pdf`` of the seed, the step both 导出PDF and 打印 start with) —
  the baseline;
* painting every page on a QPrinter writing a PDF file (Qt's PDF engine, which is also what
  Qt hands to CUPS on Linux) at 300 dpi and at the 600 dpi cap, and the print preview's
  150 dpi rasterising alone;
* per-page medians and the ratio of a whole print job to the export.

The window stays responsive between pages (the progress dialog processes events after
each page), so the per-page time is the longest the window waits.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_print.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"


def summary(xs: list[float]) -> str:
    return f"median {statistics.median(xs):.3f} s  (min {min(xs):.3f}, max {max(xs):.3f}, n={len(xs)})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from gaic_desktop.core import load
    from gaic_desktop.pdf.render import ExportOptions, render_pdf
    from gaic_desktop.ui import print_job

    app = QApplication.instance() or QApplication([])  # noqa: F841 - QPrinter needs it
    report = load(SAMPLE)
    export, jobs, raster = [], {300: [], 600: []}, []
    pages_n = size = 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            t = time.perf_counter()
            data, result = render_pdf(report, ExportOptions())
            export.append(time.perf_counter() - t)
            pages = print_job.PdfPages(data)
            pages_n = len(pages)
            for dpi in (300, 600):
                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                out = Path(tmp) / f"p{dpi}.pdf"
                printer.setOutputFileName(str(out))
                printer.setResolution(dpi)
                print_job.prepare_printer(printer, pages, "bench")
                t = time.perf_counter()
                print_job.paint_pages(printer, pages)
                jobs[dpi].append(time.perf_counter() - t)
                if dpi == 600:
                    size = out.stat().st_size
            t = time.perf_counter()
            for i in range(pages_n):
                pages.image(i, print_job.PREVIEW_MAX_DPI, for_print=False)
            raster.append(time.perf_counter() - t)
            pages.close()
    print(f"打印 of {SAMPLE.name} (公开版, {pages_n} pages), {args.runs} runs")
    print(f"  baseline, the export (render_pdf): {summary(export)}")
    for dpi, xs in jobs.items():
        per_page = [x / pages_n for x in xs]
        print(f"  print job at {dpi} dpi (rasterise + paint to a PDF printer): {summary(xs)}; "
              f"per page median {statistics.median(per_page):.3f} s; "
              f"ratio job / export {statistics.median(xs) / statistics.median(export):.2f}")
    print(f"  preview rasterising at {print_job.PREVIEW_MAX_DPI} dpi, all pages: {summary(raster)}")
    print(f"  size of the 600 dpi print job's PDF: {size / 1024 / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
