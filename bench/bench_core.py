"""Core benchmarks: rule evaluation of a complete report, save and load.

Run: .venv/bin/python bench/bench_core.py
Targets: full evaluation ≤ 1 ms median. Baselines measured in the same run:
  evaluation  vs. a bare Python loop that reads every cell of the report once
  save / load vs. json.dumps + plain write / read + json.loads of the same document
  evaluation with 128 KB / 1 MB of narrative text in one paragraph (text parsed afresh, as after
              each keystroke in it) vs. one regular-expression scan of the same text for figures;
              linear parsing keeps the ratio about the same at both sizes
  narrative   (CPU time) a 1 MB paragraph of nearly only figures (82,000 figures, most of them
              differing from the table, so also 55,000 findings) vs. one regular-expression scan of
              it; a keystroke in the seed's narrative (the window's re-check after an edit: the
              changed paragraph read again) vs. the same evaluation with the text unchanged (cached)

Run only the narrative cases: bench/bench_core.py --narrative
"""

from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _util import measure, ratio, summary  # noqa: E402

from gaic_desktop.core import evaluate, load, previous_from, save  # noqa: E402
from gaic_desktop.core.narrative import parse_statements  # noqa: E402
from gaic_desktop.core.storage import dumps, loads  # noqa: E402


def main() -> None:
    samples = ROOT / "resources" / "samples"
    reports = {
        "hanyang-2020 (2019 format, auto totals)": load(samples / "hanyang-2020.gaic.json"),
        "sample-2021 (2021 format, auto totals)": load(samples / "sample-2021.gaic.json"),
    }
    printed = copy.deepcopy(reports["sample-2021 (2021 format, auto totals)"])
    printed.set_totals_mode("printed")
    reports["sample-2021, as printed (all sum rules checked)"] = printed
    crossed = copy.deepcopy(printed)
    last = copy.deepcopy(printed)
    last.year -= 1
    crossed.previous = previous_from(last)
    reports["sample-2021, as printed, with last year attached"] = crossed

    print("Rule evaluation (evaluate(report), every rule of the format):")
    for name, r in reports.items():
        refs = list(r.cells())

        def bare(r=r, refs=refs):
            t = r.tables
            n = 0
            for ref in refs:
                a, b, c = ref.split(".")
                v = t.get(a, {}).get(b, {}).get(c)
                if isinstance(v, int):
                    n += v
            return n

        ev = measure(lambda r=r: evaluate(r), repeat=41, number=50)
        base = measure(bare, repeat=41, number=50)
        print(f"  {name:52s} {summary(ev)}   baseline {summary(base)}   ratio {ratio(ev, base):.1f}x")
        typing = measure(lambda r=r: evaluate(r, overrides={"t3.new.natural": 5}), repeat=41, number=50)
        print(f"  {'  … with a value being typed (overrides)':52s} {summary(typing)}")

    r = reports["hanyang-2020 (2019 format, auto totals)"]
    text = dumps(r)
    doc = json.loads(text)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "r.gaic.json"
        q = Path(d) / "plain.json"
        save(r, p)

        def plain_write():
            with open(q, "w", encoding="utf-8") as f:
                f.write(json.dumps(doc, ensure_ascii=False, indent=1))

        sv = measure(lambda: save(r, p), repeat=21)
        base_w = measure(plain_write, repeat=21)
        ld = measure(lambda: load(p), repeat=21)
        base_r = measure(lambda: json.loads(q.read_text(encoding="utf-8")), repeat=21)
        size = os.path.getsize(p)
    print(f"\nSave (atomic: temp file, fsync, backup, replace) of the seed ({size / 1024:.0f} KB):")
    print(f"  save  {summary(sv)}   baseline json.dumps+write {summary(base_w)}   ratio {ratio(sv, base_w):.1f}x")
    print(f"  load  {summary(ld)}   baseline read+json.loads  {summary(base_r)}   ratio {ratio(ld, base_r):.1f}x")
    lo = measure(lambda: loads(text), repeat=21)
    print(f"  parse+validate only (loads) {summary(lo)}")
    long_text(r)
    narrative(r)


def long_text(r) -> None:
    """Rule evaluation with a long narrative paragraph (issue 9: it was quadratic)."""
    import re

    unit = "2020年本机关收到政府信息公开申请12件，其中自然人10件，上年结转3件，"
    figures = re.compile(r"\d+件")
    print("\nRule evaluation with one long narrative paragraph (parsed afresh each time):")
    for size in (128 * 1024, 1024 * 1024):
        para = unit * (size // len(unit))
        r = copy.deepcopy(r)
        r.sections["s3"] = [para]

        def fresh(r=r):
            parse_statements.cache_clear()
            return evaluate(r)

        ev = measure(fresh, repeat=5)
        base = measure(lambda para=para: figures.findall(para), repeat=5)
        print(f"  {len(para):>8} characters  {summary(ev, 's')}   baseline one regex scan {summary(base, 's')}"
              f"   ratio {ratio(ev, base):.0f}x")


def narrative(r) -> None:
    """X-1's reading cost, in CPU time (the wall clock moves with other jobs on a shared machine)."""
    import itertools
    import re
    import time

    cpu = time.process_time
    unit = "2020年本机关收到政府信息公开申请12件，其中自然人10件，上年结转3件，"
    figures = re.compile(r"\d+件")
    para = unit * (1024 * 1024 // len(unit))
    big = copy.deepcopy(r)
    big.sections["s3"] = [para]

    def fresh():
        parse_statements.cache_clear()
        return evaluate(big)

    ev = measure(fresh, repeat=5, clock=cpu)
    base = measure(lambda: figures.findall(para), repeat=5, clock=cpu)
    n = len(evaluate(big))
    print(f"\nNarrative (X-1), CPU time:\n  1 MB paragraph of figures ({len(para)} characters, {n} findings)"
          f"  {summary(ev, 's')}   baseline one regex scan {summary(base, 's')}   ratio {ratio(ev, base):.0f}x")

    # A keystroke in the seed's narrative: the text differs from every earlier one; its changed
    # paragraph is read again (parse_statements caches whole texts and single paragraphs).
    typed = copy.deepcopy(r)
    paras = list(typed.sections["s3"])
    counter = itertools.count()

    def keystroke():
        k = next(counter)
        typed.sections["s3"] = paras[:-1] + [paras[-1] + "字" * (k % 500) + str(k)]
        return evaluate(typed)

    def unchanged():
        return evaluate(typed)

    ks = measure(keystroke, repeat=41, number=20, clock=cpu)
    warm = measure(unchanged, repeat=41, number=20, clock=cpu)
    chars = sum(len(p) for v in typed.sections.values() for p in v) + sum(len(p) for p in typed.preface)
    print(f"  keystroke in the seed's narrative ({chars} characters)  {summary(ks)}"
          f"   baseline same text unchanged {summary(warm)}   ratio {ratio(ks, warm):.1f}x")


if __name__ == "__main__":
    if "--narrative" in sys.argv[1:]:
        narrative(load(ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"))
    else:
        main()
