"""Benchmark: PDF export of the seed sample — the first export of a process and the exports after
it in the same process (the window exporting again while it stays open), against a bare ReportLab
document with the same four fonts measured the same way in the same run.

Each run is a fresh subprocess that exports the seed ``--exports`` times (default 4) and reports
every time. Printed, over ``--runs`` runs (default 7, interleaved with the baseline's):

* first export (font parsing + layout + atomic write), median over runs;
* second export, and the later ones, in the same process (target: second <= 0.25 s);
* the baseline: the same paragraphs as plain ``Paragraph(wordWrap='CJK')`` in a
  ``SimpleDocTemplate`` with the four bundled faces registered as ``TTFont`` on first use (no
  tables, no furniture), first and second build in one process;
* the ratios export / baseline, and the size of the PDF.

    .venv/bin/python bench/bench_pdf.py [--runs 7] [--exports 4]

Also printed: the command line export (``python -m gaic_desktop export``, start-up and imports
included), wall and CPU, and the peak RSS of the exporting process.

Issue 14, second session (branch pdfspeed), 2-core machine shared with four other helpers (load
average ~5: wall times are 2.5-3x the CPU times, for the bare baseline too); 7 runs each, the
code before (1c3dff8) and after benched one after the other with this script:

                       CPU first  CPU second  wall second  ratio 2nd (CPU)  CLI CPU  CLI wall
    before (1c3dff8)    0.499 s    0.290 s     0.732 s       3.86x          1.048 s  2.65 s
    after               0.380 s    0.171 s     0.428 s       2.27x          0.870 s  2.19 s
    bare ReportLab      0.229 s    0.076 s     0.198 s

Peak RSS 116 -> 117 MiB (bare ReportLab 107 MiB); the PDFs are byte-identical before and after
(seed, 2021 sample, the three real reports' imports, both variants). What moved it:

* ``pdf/layoutcache.py``: a paragraph's parsed fragments, its lines (per width; the rest of a
  paragraph split across pages per cut) and a font set's markup are kept across exports in
  bounded tables, emptied when a font is registered again -- the second export parses and
  breaks no paragraph it has seen;
* widths per (font, size, character), lines built one fragment run at a time (first export too);
* ``pdf/fontparse.py``: the four bundled faces are read in ~0.055 s instead of ~0.11 s.

Session 1 (bbdf1b4, load average 18): CPU first 0.50 s, second 0.28 s; bare 0.25 s / 0.085 s.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
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
times, cpu = [], []
for i in range({exports}):
    t, c = time.perf_counter(), time.process_time()
    res = export_pdf(report, {out!r}, ExportOptions(variant={variant!r}))
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
import resource
print(json.dumps({{"times": times, "cpu": cpu, "imports": t0 - t_imp, "size": res.size,
                  "pages": res.pages, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""

BARE = r"""
import json, os, sys, time
sys.path.insert(0, {root!r})
from gaic_desktop.core import load
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
from xml.sax.saxutils import escape
report = load({sample!r})
fonts = {root!r} + "/resources/fonts/"

def build():
    if "S" not in pdfmetrics.getRegisteredFontNames():
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

times, cpu = [], []
for i in range({exports}):
    t, c = time.perf_counter(), time.process_time()
    build()
    times.append(time.perf_counter() - t)
    cpu.append(time.process_time() - c)
import resource
print(json.dumps({{"times": times, "cpu": cpu, "size": os.path.getsize({out!r}),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def run_cli(out: str) -> tuple[float, float]:
    """(wall, CPU) seconds of ``python -m gaic_desktop export SAMPLE -o out``: the whole command,
    start-up and imports included."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gaic_desktop", "export", str(SAMPLE), "-o", out],
                   capture_output=True, check=True, cwd=ROOT, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(code: str) -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules load from bytecode caches
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def summary(xs: list[float]) -> str:
    med = statistics.median(xs)
    return f"median {med:.3f} s  (min {min(xs):.3f}, max {max(xs):.3f}, n={len(xs)})"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--exports", type=int, default=4, help="exports per process (>= 2)")
    ap.add_argument("--variant", default="公开版")
    args = ap.parse_args()
    exports = max(args.exports, 2)
    with tempfile.TemporaryDirectory() as tmp:
        out_a = str(Path(tmp) / "export.pdf")
        out_b = str(Path(tmp) / "bare.pdf")
        kw = dict(root=str(ROOT), sample=str(SAMPLE), exports=exports)
        run(EXPORT.format(out=out_a, variant=args.variant, **kw))  # warm caches and bytecode
        first, second, later, b_first, b_second = [], [], [], [], []
        c_first, c_second, cb_first, cb_second = [], [], [], []
        cli_wall, cli_cpu, rss, bare_rss = [], [], [], []
        size = bare_size = pages = 0
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            r = run(EXPORT.format(out=out_a, variant=args.variant, **kw))
            first.append(r["times"][0]); second.append(r["times"][1]); later += r["times"][2:]
            c_first.append(r["cpu"][0]); c_second.append(r["cpu"][1])
            size, pages = r["size"], r["pages"]
            rss.append(r["rss"] / 1024)
            r = run(BARE.format(out=out_b, **kw))
            b_first.append(r["times"][0]); b_second.append(r["times"][1]); bare_size = r["size"]
            cb_first.append(r["cpu"][0]); cb_second.append(r["cpu"][1])
            bare_rss.append(r["rss"] / 1024)
            w, c = run_cli(out_a)
            cli_wall.append(w); cli_cpu.append(c)
    med = statistics.median
    print(f"PDF export of {SAMPLE.name} ({args.variant}, {pages} pages), {args.runs} fresh processes, "
          f"{exports} exports each")
    print(f"  first export in a process:   {summary(first)}")
    print(f"  second export, same process: {summary(second)}   (target <= 0.25 s)")
    if later:
        print(f"  later exports, same process: {summary(later)}")
    print(f"  baseline, bare ReportLab document of the same paragraphs, same four fonts:")
    print(f"    first build:  {summary(b_first)}")
    print(f"    second build: {summary(b_second)}")
    print(f"  ratio export / baseline: first {med(first) / med(b_first):.2f}x, "
          f"second {med(second) / med(b_second):.2f}x")
    print(f"  CPU time (robust on a loaded machine): export first {med(c_first):.3f} s, second "
          f"{med(c_second):.3f} s; baseline first {med(cb_first):.3f} s, second {med(cb_second):.3f} s; "
          f"ratios {med(c_first) / med(cb_first):.2f}x, {med(c_second) / med(cb_second):.2f}x")
    print(f"  second export, same process, CPU: median {med(c_second):.3f} s (target <= 0.25 s); "
          f"bare ReportLab second build {med(cb_second):.3f} s; ratio {med(c_second) / med(cb_second):.2f}x")
    print(f"  command line, python -m gaic_desktop export (start-up, imports, fonts, layout, write):")
    print(f"    wall: {summary(cli_wall)}")
    print(f"    CPU:  {summary(cli_cpu)}")
    print(f"  peak RSS of the process after {exports} exports: median {med(rss):.0f} MiB "
          f"(bare ReportLab {med(bare_rss):.0f} MiB)")
    print(f"  PDF size: {size / 1024:.0f} KiB (baseline {bare_size / 1024:.0f} KiB); target <= 2048 KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
