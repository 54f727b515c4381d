"""Benchmark: PDF export of the seed sample, in fresh subprocesses.

Prints, over several runs each:
* export time of resources/samples/hanyang-2020.gaic.json (font loading + layout +
  atomic write; measured inside a fresh interpreter after the imports), and the whole
  subprocess wall time;
* the same for a bare ReportLab document of the same paragraphs with the same fonts
  (plain Paragraphs, wordWrap='CJK', no tables/furniture) — the baseline;
* their ratio and the size of the PDF.

Targets: export ≤ 1.0 s median, PDF ≤ 2 MB.

    .venv/bin/python bench/bench_pdf.py [--runs 7]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"

EXPORT = r"""
import json, sys, time
sys.path.insert(0, {root!r})
t_imp = time.perf_counter()
from gaic_desktop.core import load
from gaic_desktop.pdf import export_pdf, ExportOptions
t0 = time.perf_counter()
report = load({sample!r})
res = export_pdf(report, {out!r}, ExportOptions(variant={variant!r}))
t1 = time.perf_counter()
print(json.dumps({{"export": t1 - t0, "imports": t0 - t_imp, "size": res.size,
                   "pages": res.pages}}))
"""

BARE = r"""
import json, sys, time
sys.path.insert(0, {root!r})
from gaic_desktop.core import load
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from xml.sax.saxutils import escape
t0 = time.perf_counter()
report = load({sample!r})
fonts = {root!r} + "/resources/fonts/"
for name, f in (("S", "GAICSong-Regular.ttf"), ("H", "GAICHei-Medium.ttf"),
                ("K", "GAICKai-Regular.ttf"), ("T", "GAICSongTitle-Bold.ttf")):
    pdfmetrics.registerFont(TTFont(name, fonts + f))
body = ParagraphStyle("b", fontName="S", fontSize=16, leading=28.99, wordWrap="CJK",
                      firstLineIndent=31.6)
head = ParagraphStyle("h", parent=body, fontName="H")
title = ParagraphStyle("t", parent=body, fontName="T", fontSize=22, leading=33)
story = [Paragraph(escape(report.display_title()), title)]
story += [Paragraph(escape(p), body) for p in report.preface]
for sec in report.fmt.sections:
    story.append(Paragraph(escape(sec.heading), head))
    story += [Paragraph(escape(p), body) for p in report.section_text(sec.key)]
doc = SimpleDocTemplate({out!r}, pagesize=A4, initialFontName="S")
doc.build(story)
t1 = time.perf_counter()
import os
print(json.dumps({{"export": t1 - t0, "size": os.path.getsize({out!r})}}))
"""


def run(code: str) -> tuple[dict, float]:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    wall = time.perf_counter() - t
    return json.loads(out.strip().splitlines()[-1]), wall


def summary(xs: list[float]) -> str:
    med = statistics.median(xs)
    return f"median {med:.3f} s  (min {min(xs):.3f}, max {max(xs):.3f}, n={len(xs)})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--variant", default="公开版")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out_a = str(Path(tmp) / "export.pdf")
        out_b = str(Path(tmp) / "bare.pdf")
        exp, exp_wall, bare, bare_wall = [], [], [], []
        size = bare_size = pages = 0
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            r, w = run(EXPORT.format(root=str(ROOT), sample=str(SAMPLE), out=out_a,
                                     variant=args.variant))
            exp.append(r["export"]); exp_wall.append(w); size = r["size"]; pages = r["pages"]
            r, w = run(BARE.format(root=str(ROOT), sample=str(SAMPLE), out=out_b))
            bare.append(r["export"]); bare_wall.append(w); bare_size = r["size"]
    print(f"PDF export of {SAMPLE.name} ({args.variant}, {pages} pages), fresh subprocess each run")
    print(f"  export (fonts + layout + write): {summary(exp)}")
    print(f"  whole subprocess (incl. Python start-up and imports): {summary(exp_wall)}")
    print(f"  baseline, bare ReportLab document of the same paragraphs, same fonts: {summary(bare)}")
    print(f"  baseline whole subprocess: {summary(bare_wall)}")
    ratio = statistics.median(exp) / statistics.median(bare)
    print(f"  ratio export / baseline: {ratio:.2f}")
    print(f"  PDF size: {size / 1024:.0f} KiB (baseline {bare_size / 1024:.0f} KiB); target ≤ 2048 KiB")
    ok = statistics.median(exp) <= 1.0 and size <= 2 * 1024 * 1024
    print("  targets (≤ 1.0 s median, ≤ 2 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
