"""Import time of each real report, and the cost of the narrative rule (X-1) per evaluate().

Run: .venv/bin/python bench/bench_import.py  (medians over several runs)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gaic_desktop.core import rules  # noqa: E402
from gaic_desktop.core.narrative import parse_statements  # noqa: E402
from gaic_desktop.core.storage import load  # noqa: E402
from gaic_desktop.importer import import_file  # noqa: E402

SHARED = ROOT.parent / "shared"


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def pages(path: Path) -> int:
    if path.suffix != ".pdf":
        return 0
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return len(pdf.pages)


def main() -> None:
    files = [SHARED / "seed" / "hanyang-2020-report.txt"] + sorted((SHARED / "realreports").glob("*.txt")) + \
        sorted((SHARED / "realreports").glob("*.pdf"))
    print("导入耗时（中位数）")
    for f in files:
        runs = 5 if f.suffix == ".pdf" else 20
        t = median_time(lambda: import_file(f), runs)
        n = pages(f)
        per10 = f"，折合每10页 {t / n * 10:.2f} s" if n else ""
        print(f"  {f.name:32s} {t * 1000:8.1f} ms  ({runs} 次{('，' + str(n) + ' 页') if n else ''}{per10})")

    print("\n每次 evaluate() 的耗时（中位数，正文不变）")
    for name in ("sample-2021", "hanyang-2020"):
        rep = load(ROOT / "resources" / "samples" / f"{name}.gaic.json")
        rules.evaluate(rep)
        n = 2000
        with_rule = median_time(lambda: [rules.evaluate(rep) for _ in range(n)], 7) / n
        # the same evaluation with the narrative check replaced by a no-op
        comp = rules._compile(rep.format, rep.variant, rep.totals_mode)
        saved = list(comp.checks)
        comp.checks[:] = [c for c in saved if "narrative" not in getattr(c, "__qualname__", "")]
        try:
            without = median_time(lambda: [rules.evaluate(rep) for _ in range(n)], 7) / n
        finally:
            comp.checks[:] = saved
        parse_statements.cache_clear()
        cold = median_time(lambda: (parse_statements.cache_clear(), rules.evaluate(rep)), 50)
        print(f"  {name:14s} 含X-1 {with_rule * 1e6:7.1f} µs，不含X-1 {without * 1e6:7.1f} µs，"
              f"X-1（缓存命中）{(with_rule - without) * 1e6:6.1f} µs；正文改动后首次 {cold * 1e6:7.1f} µs")


if __name__ == "__main__":
    main()
