"""Run inside the build chroot by build.sh: the frozen bundle against the venv it was frozen
from (same interpreter, same pinned wheels).

    compare.py VENV_COMMAND BUNDLE_COMMAND SAMPLE WORKDIR

1. ``export`` of SAMPLE and ``import`` of that PDF with each: the PDFs' text (pdfminer) and the
   imported ``.gaic.json`` files must be identical, else exit 1.
2. Start-up to the first paint (``--selftest --first-paint``, offscreen): one warm-up run each,
   then 5 alternating runs; the medians and their ratio are printed (target <= 1.2x).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pdfminer.high_level import extract_text

RUNS = 5
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run(*argv: str) -> str:
    done = subprocess.run(argv, env=ENV, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit {done.returncode}\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return done.stdout


def export_import(command: str, sample: str, out: Path) -> tuple[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    pdf, imported = out / "sample.pdf", out / "imported.gaic.json"
    run(command, "export", sample, "-o", str(pdf))
    run(command, "import", str(pdf), "-o", str(imported), "--force", "--quiet")
    return extract_text(str(pdf)), imported.read_bytes()


def first_paint(command: str) -> float:
    t0 = time.time()
    lines = [line for line in run(command, "--selftest", "--first-paint").splitlines()
             if line.startswith("first-paint ")]
    if not lines:
        sys.exit(f"{command}: no first-paint line")
    return float(lines[0].split()[1]) - t0


def main() -> int:
    venv, bundle, sample, work = sys.argv[1:5]
    results = {name: export_import(cmd, sample, Path(work) / name)
               for name, cmd in (("venv", venv), ("bundle", bundle))}
    same_text = results["venv"][0] == results["bundle"][0]
    same_json = results["venv"][1] == results["bundle"][1]
    print(f"exported PDF text, bundle vs venv:   {'identical' if same_text else 'DIFFERENT'}"
          f" ({len(results['bundle'][0])} characters)")
    print(f"imported .gaic.json, bundle vs venv: {'identical' if same_json else 'DIFFERENT'}"
          f" ({len(results['bundle'][1])} bytes)")

    first_paint(venv), first_paint(bundle)  # warm the file cache for both
    times: dict[str, list[float]] = {"venv": [], "bundle": []}
    for _ in range(RUNS):
        times["venv"].append(first_paint(venv))
        times["bundle"].append(first_paint(bundle))
    median = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"first paint, {name:6s} median {median[name]:.3f} s  {[round(v, 3) for v in values]}")
    print(f"start-up ratio bundle/venv: {median['bundle'] / median['venv']:.2f}x (target <= 1.2x)")
    return 0 if same_text and same_json else 1


if __name__ == "__main__":
    sys.exit(main())
