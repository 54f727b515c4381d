"""Font benchmarks (moved here from timed assertions in tests/pdf/test_fonts.py).

Run: .venv/bin/python bench/bench_fonts.py
Prints medians; baselines measured in the same run:
  FontSet() (register the 4 bundled faces)   vs. reading the same .ttf files' bytes
  discover_system_fonts(a folder of 6 files) vs. listing that folder and opening each file
Target (the project's rule): opening the export dialog stays well under a second.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _util import measure, ratio, summary  # noqa: E402

from gaic_desktop.pdf import fonts as F  # noqa: E402

FONT_DIR = ROOT / "resources" / "fonts"


def main() -> None:
    ttfs = sorted(FONT_DIR.glob("*.ttf"))

    def load_set():
        F.clear_caches()
        return F.FontSet(system=[])

    def read_bytes():
        return [p.read_bytes() for p in ttfs]

    fs = measure(load_set, repeat=9)
    base = measure(read_bytes, repeat=9)
    print(f"FontSet() with {len(ttfs)} bundled files  {summary(fs)}   baseline read bytes {summary(base)}"
          f"   ratio {ratio(fs, base):.1f}x")

    with tempfile.TemporaryDirectory() as d:
        win = Path(d) / "Fonts"
        win.mkdir()
        # bundled faces under the names of the official system fonts (found by name, checked)
        for name, src in zip(["simhei.ttf", "simfang.ttf", "simkai.ttf", "方正小标宋简体.ttf"], ttfs):
            shutil.copy(src, win / name)
        (win / "unrelated.ttf").write_bytes(ttfs[0].read_bytes())
        (win / "broken.ttf").write_bytes(b"not a font")

        def discover():
            F.clear_caches()
            return F.discover_system_fonts([win])

        def listing():
            return [p.open("rb").read(12) for p in sorted(win.iterdir())]

        ds = measure(discover, repeat=9)
        base = measure(listing, repeat=9)
        print(f"discover_system_fonts ({len(list(win.iterdir()))} files, {len(discover())} found) {summary(ds)}   baseline list+open {summary(base)}"
              f"   ratio {ratio(ds, base):.1f}x")


if __name__ == "__main__":
    main()
