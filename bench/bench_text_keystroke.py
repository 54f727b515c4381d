"""What telling "typed back to the saved content" costs per keystroke in a narrative.

    QT_QPA_PLATFORM=offscreen python bench/bench_text_keystroke.py [--keys 200] [--runs 5]

Each keystroke in a narrative is an undo step. ``is_modified()`` now compares a SHA-256 of the
file content with the saved one (cached per change); the title's * uses the cheap undo-stack
test at once and the exact one once typing pauses (300 ms), so a keystroke should not pay for
the hash. Baseline in the same run: the previous ``is_modified`` (undo stack clean or not)
everywhere. Runs alternate; prints the median time per keystroke (insert, rules, views, title,
events processed) of each and their ratio. Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SEED = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"


def per_key(window, app, keys: int) -> float:
    editor = window.section_tabs["s1"].narrative
    times = []
    for i in range(keys):
        t = time.perf_counter()
        editor.insertPlainText("字" if i % 2 == 0 else "，")
        app.processEvents()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from PySide6.QtCore import QSettings, QStandardPaths

    from gaic_desktop.core import load
    from gaic_desktop.ui.app import make_app
    from gaic_desktop.ui.main_window import MainWindow

    QStandardPaths.setTestModeEnabled(True)
    app = make_app()
    settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "bench_text_keystroke.ini"),
                         QSettings.Format.IniFormat)

    def old_is_modified(w):
        return lambda: w._force_modified or not w.document.undo_stack.isClean()

    results = {"content key (new)": [], "undo stack only (baseline)": []}
    for run in range(args.runs):
        for name in (list(results) if run % 2 == 0 else list(results)[::-1]):
            w = MainWindow(load(SEED), None, settings=settings, autosave=False)
            w.show()
            app.processEvents()
            if name.startswith("undo"):
                w.is_modified = old_is_modified(w)
            results[name].append(per_key(w, app, args.keys))
            w._force_modified = False
            w.document.undo_stack.setClean()
            w.close()
            w.deleteLater()
            app.processEvents()
    new, base = (statistics.median(v) * 1000 for v in results.values())
    for name, v in results.items():
        print(f"{name}: median {statistics.median(v) * 1000:.2f} ms per keystroke "
              f"(runs: {', '.join(f'{x * 1000:.2f}' for x in v)})")
    print(f"ratio new/baseline: {new / base:.2f}")


if __name__ == "__main__":
    main()
