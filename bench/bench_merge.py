"""汇总 benchmark: 1,000 unit files merged through the ``merge`` command's code path.

Run: .venv/bin/python bench/bench_merge.py [N]
Target: ≤ 2 s median for 1,000 units, and ≤ 2× the baseline measured in the same run:
  baseline  json-load + validate of the same 1,000 files, read two ways:
            (a) ``storage.load`` (JSON parse + model validation) only,
            (b) what ``gaic_desktop validate FILE`` does: ``storage.load`` + ``rules.evaluate``
  merge     ``gaic_desktop merge DIR -o TOTAL.gaic.json`` (read, check each unit, sum, sources,
            evaluate the total, save), output to /dev/null
The unit files are generated consistent reports of the 2021 form (tests/merge_gen.py): every
table cell filled, realistic magnitudes, each file ~8 KB like a real unit's report.
"""

from __future__ import annotations

import contextlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _util import measure, ratio, summary  # noqa: E402

from gaic_desktop.cli import main as cli_main  # noqa: E402
from gaic_desktop.core.rules import evaluate  # noqa: E402
from gaic_desktop.core.storage import load, save  # noqa: E402
from tests.merge_gen import consistent_report  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        units = Path(tmp) / "units"
        units.mkdir()
        rng = random.Random(2025)
        for i in range(n):
            r = consistent_report(rng, f"第{i + 1:04d}号单位")
            r.sections = {"s1": ["本单位认真贯彻落实《中华人民共和国政府信息公开条例》，" * 6]}
            save(r, units / f"{i + 1:04d}.gaic.json", keep_backup=False)
        files = sorted(units.iterdir())
        size = sum(f.stat().st_size for f in files) / len(files)
        out = Path(tmp) / "total.gaic.json"

        def baseline():
            for f in files:
                load(f)

        def baseline_rules():
            for f in files:
                evaluate(load(f))

        def merge():
            if out.exists():
                out.unlink()
            with contextlib.redirect_stdout(io.StringIO()):
                code = cli_main(["merge", str(units), "-o", str(out), "--quiet"])
            assert code in (0, 1), code

        base = measure(baseline, repeat=5)
        base_rules = measure(baseline_rules, repeat=5)
        merged = measure(merge, repeat=5)
        cpu_base = measure(baseline, repeat=5, clock=time.process_time)
        cpu_merged = measure(merge, repeat=5, clock=time.process_time)
        print(f"{n} unit files, {size / 1024:.1f} KB each; total file {out.stat().st_size / 1024:.0f} KB")
        print(f"(a) json-load + model validation : {summary(base, 's')}")
        print(f"(b) load + rules (= validate)    : {summary(base_rules, 's')}")
        print(f"merge (CLI code path)            : {summary(merged, 's')}")
        print(f"ratio merge / (a): {ratio(merged, base):.2f}×   merge / (b): {ratio(merged, base_rules):.2f}×"
              "   (target ≤ 2×, ≤ 2 s)")
        print(f"CPU time of this process (steadier when other jobs share the machine): (a) {summary(cpu_base, 's')}")
        print(f"                                                                merge {summary(cpu_merged, 's')}"
              f"   ratio {ratio(cpu_merged, cpu_base):.2f}×")


if __name__ == "__main__":
    main()
