"""Import time of each real report, what the import limits cost, and the cost of the narrative
rule (X-1) per evaluate().

Run: .venv/bin/python bench/bench_import.py  (medians over several runs)

The limits (importer/limits.py, importer/pdf_limits.py) are measured against a baseline in the
same run: the same import with every limit out of reach (``NO_LIMITS``) and pdfminer exactly as
shipped (``pdf_limits.disabled()``), the two alternating run by run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gaic_desktop.core import rules  # noqa: E402
from gaic_desktop.core.narrative import parse_statements  # noqa: E402
from gaic_desktop.core.storage import load  # noqa: E402
from gaic_desktop.importer import NO_LIMITS, import_file, pdf_limits  # noqa: E402
from tests.importer.helpers import to_docx, to_html  # noqa: E402

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

    print("\n导入限制的代价（中位数；基准：同一次运行中关闭全部限制、pdfminer 不加改动，交替测量）")
    tmp = Path(tempfile.mkdtemp())
    sample = load(ROOT / "resources" / "samples" / "sample-2021.gaic.json")
    (tmp / "sample-2021.docx").write_bytes(to_docx(sample))
    (tmp / "sample-2021.html").write_text(to_html(sample), encoding="utf-8")
    for f in files + [tmp / "sample-2021.docx", tmp / "sample-2021.html"]:
        runs = 7 if f.suffix == ".pdf" else 31
        limited, bare = [], []
        for _ in range(runs):
            limited.append(median_time(lambda: import_file(f), 1))
            with pdf_limits.disabled():
                bare.append(median_time(lambda: import_file(f, limits=NO_LIMITS), 1))
        a, b = statistics.median(limited), statistics.median(bare)
        print(f"  {f.name:32s} 有限制 {a * 1000:8.1f} ms   无限制 {b * 1000:8.1f} ms   比值 {a / b:5.3f}  ({runs} 次)")

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
