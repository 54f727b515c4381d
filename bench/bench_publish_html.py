"""Web page (.html) export of the seed and the 2021 sample: median time, against baselines
measured in the same run.

Run: .venv/bin/python bench/bench_publish_html.py

* export  — ``export_html(report, path)``: render + atomic write (target ≤ 0.5 s for the seed);
* render  — ``render_html(report)`` alone (what 复制为网页 pays, with the fragment);
* baseline 1 — ``storage.load`` of the same report file (JSON parse + pydantic validation):
  what opening the report costs;
* baseline 2 — ``storage.save`` of the same report (atomic write of the JSON): a write of a
  file of similar size by the same kind of atomic replace.
The ratios say how the export compares with opening and saving the same report.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._util import measure, ratio, summary  # noqa: E402
from gaic_desktop.core.storage import load, save  # noqa: E402
from gaic_desktop.publish.html import export_html, render_html  # noqa: E402

SAMPLES = ROOT / "resources" / "samples"
TARGET = 0.5


def main() -> int:
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("hanyang-2020.gaic.json", "sample-2021.gaic.json"):
            path = SAMPLES / name
            report = load(path)
            out = Path(tmp) / "r.html"
            copy = Path(tmp) / name
            exp = measure(lambda: export_html(report, out), repeat=31)
            ren = measure(lambda: render_html(report, fragment=True), repeat=31)
            base_load = measure(lambda: load(path), repeat=31)
            base_save = measure(lambda: save(report, copy, keep_backup=False), repeat=31)
            worst = max(worst, sorted(exp)[len(exp) // 2])
            print(f"{name}（网页 {out.stat().st_size / 1024:.0f} KB，年报文件 {path.stat().st_size / 1024:.0f} KB）")
            print(f"  导出网页 export_html   {summary(exp)}")
            print(f"  生成片段 render(片段)  {summary(ren)}")
            print(f"  基准：打开 load        {summary(base_load)}")
            print(f"  基准：保存 save        {summary(base_save)}")
            print(f"  比值：导出/打开 {ratio(exp, base_load):.2f}，导出/保存 {ratio(exp, base_save):.2f}")
    verdict = "达到" if worst <= TARGET else "未达到"
    print(f"\n导出网页中位数最长 {worst * 1000:.1f} ms，{verdict}目标（≤ {TARGET} s）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
