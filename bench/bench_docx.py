"""Benchmark: Word (.docx) export of the seed sample.

Prints medians over several runs, in this process after one warm-up (imports excluded):
* export_docx of resources/samples/hanyang-2020.gaic.json (styles, page, paragraphs, the three
  official tables, atomic write);
* the baseline: a bare python-docx document of the same paragraphs (``add_paragraph`` with the
  default template, no tables or styles), saved to memory;
* their ratio; and, in fresh interpreters, the first export including the imports (what the
  window's 导出Word and the command line pay).

Target: export ≤ 0.5 s median.

    .venv/bin/python bench/bench_docx.py [--runs 15]
"""
from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"

from bench._util import measure, ratio, summary  # noqa: E402

COLD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
from gaic_desktop.core.storage import load
from gaic_desktop.publish.docx import export_docx
export_docx(load({sample!r}), {out!r})
print(json.dumps({{"cold": time.perf_counter() - t0}}))
"""


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=15)
    args = p.parse_args()
    from docx import Document

    from gaic_desktop.core.storage import load
    from gaic_desktop.publish.docx import export_docx

    report = load(SAMPLE)
    texts = [report.display_title(), *report.preface]
    for s in report.fmt.sections:
        texts += [s.heading, *report.section_text(s.key)]

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "seed.docx"

        def bare() -> None:
            doc = Document()
            for t in texts:
                doc.add_paragraph(t)
            doc.save(io.BytesIO())

        export = measure(lambda: export_docx(report, out), repeat=args.runs)
        base = measure(bare, repeat=args.runs)
        size = out.stat().st_size
        cold = []
        for _ in range(3):
            code = COLD.format(root=str(ROOT), sample=str(SAMPLE), out=str(Path(tmp) / "cold.docx"))
            res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            cold.append(json.loads(res.stdout.strip().splitlines()[-1])["cold"])
    print(f"export_docx (seed, {len(texts)} paragraphs + 3 tables): {summary(export)}")
    print(f"baseline: bare python-docx, same paragraphs:        {summary(base)}")
    print(f"ratio export / baseline: {ratio(export, base):.2f}x")
    print(f"first export in a fresh interpreter, with imports: median {statistics.median(cold) * 1e3:.0f} ms"
          f" (runs {', '.join(f'{c * 1e3:.0f}' for c in cold)})")
    print(f".docx size: {size / 1024:.1f} KB; target: export <= 500 ms median")


if __name__ == "__main__":
    main()
