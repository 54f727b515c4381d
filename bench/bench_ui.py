"""UI benchmarks. Prints medians and spread; asserts nothing.

    QT_QPA_PLATFORM=offscreen python bench/bench_ui.py [--runs 7] [--keys 400]

1. Start-up: time from launching a fresh Python process to the main window shown with the seed
   report loaded, as a ratio to a bare PySide6 window with six tabs started the same way in the
   same run (runs interleaved; each in a fresh subprocess). Target <= 1.5x.
2. Keystroke -> highlight: in one process, the time from a key press in a table 三 cell editor
   to the rules re-evaluated, the models notified and the view repainted (events processed).
   Keys alternate between breaking and restoring 一+二＝三+四. Target <= 16 ms.
3. Peak memory (ru_maxrss) of the start-up processes and of the keystroke process.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"

BARE = r"""
import sys, resource
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QLabel
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow()
tabs = QTabWidget()
for i in range(6):
    tabs.addTab(QLabel(f"第{i + 1}部分"), f"第{i + 1}部分")
w.setCentralWidget(tabs)
w.resize(1366, 768)
w.show()
def done():
    print("SHOWN", flush=True)
    print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

APP = r"""
import sys, resource
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
QStandardPaths.setTestModeEnabled(True)
from gaic_desktop.ui.app import make_app
app = make_app()
from gaic_desktop.ui.main_window import MainWindow
from gaic_desktop.core.storage import load
import tempfile, os
settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
w = MainWindow(load({seed!r}), {seed!r}, settings=settings, autosave=False)
w.resize(1366, 768)
w.show()
def done():
    print("SHOWN", flush=True)
    print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def launch(code: str) -> tuple[float, int]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True, env=env)
    shown = None
    rss = 0
    for line in p.stdout:
        if line.startswith("SHOWN") and shown is None:
            shown = time.perf_counter() - t0
        elif line.startswith("RSS"):
            rss = int(line.split()[1])
    p.wait()
    if shown is None:
        raise RuntimeError("the window did not show")
    return shown, rss


def spread(xs: list[float]) -> str:
    return f"median {statistics.median(xs) * 1000:.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"


def bench_startup(runs: int) -> None:
    bare, app, bare_rss, app_rss = [], [], [], []
    launch(BARE)  # warm the file cache
    launch(APP.format(root=str(ROOT), seed=str(SEED)))
    for _ in range(runs):
        t, r = launch(BARE)
        bare.append(t)
        bare_rss.append(r)
        t, r = launch(APP.format(root=str(ROOT), seed=str(SEED)))
        app.append(t)
        app_rss.append(r)
    ratios = [a / b for a, b in zip(app, bare)]
    print(f"start-up, bare PySide6 window with six tabs: {spread(bare)}")
    print(f"start-up, GAIC window with the seed loaded:  {spread(app)}")
    print(f"start-up ratio: median {statistics.median(ratios):.2f}x "
          f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x; target <= 1.5x; {runs} runs)")
    print(f"peak RSS at window shown: bare {statistics.median(bare_rss) / 1024:.0f} MB, "
          f"GAIC {statistics.median(app_rss) / 1024:.0f} MB")


BREAKDOWN = r"""
import sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
import PySide6.QtWidgets
t1 = time.perf_counter()
import gaic_desktop.core.storage
t2 = time.perf_counter()
import gaic_desktop.ui.main_window
t3 = time.perf_counter()
heavy = sorted(m for m in sys.modules if m.startswith(("reportlab", "pdfplumber", "gaic_desktop.pdf",
                                                       "gaic_desktop.importer")))
print(f"{{t1 - t0}} {{t2 - t1}} {{t3 - t2}} {{len(heavy)}}")
"""


def bench_breakdown(runs: int) -> None:
    """Where the start-up time goes: imports measured one after the other in fresh processes."""
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", BREAKDOWN.format(root=str(ROOT))], capture_output=True,
                             text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen")).stdout.split()
        rows.append([float(x) for x in out])
    med = [statistics.median(col) * 1000 for col in zip(*rows)]
    print(f"start-up breakdown (median of {runs}): import PySide6.QtWidgets {med[0]:.0f} ms, "
          f"core (pydantic models, formats) {med[1]:.0f} ms, the ui package itself {med[2]:.0f} ms; "
          f"PDF/import modules loaded at start-up: {med[3] / 1000:.0f} (they load on first use)")


def bench_keystrokes(keys: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import tempfile

    from PySide6.QtCore import QEvent, QSettings, QStandardPaths, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    QStandardPaths.setTestModeEnabled(True)
    from gaic_desktop.core.storage import load
    from gaic_desktop.ui.app import make_app
    from gaic_desktop.ui.main_window import MainWindow

    app = make_app([sys.argv[0]])
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(load(SEED), str(SEED), settings=settings, autosave=False)
    w.resize(1366, 768)
    w.show()
    app.processEvents()
    view = w.table_view("t3")
    w.tabs.setCurrentWidget(w.section_tab_for_table("t3"))
    idx = view.table_model.index_of("t3.new.natural")
    view.setCurrentIndex(idx)
    view.edit(idx)
    app.processEvents()
    editor = view.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.end(False)
    doc = w.document
    times = []
    wrong = 0
    for i in range(keys):
        if i % 2 == 0:
            key, text, expect = Qt.Key.Key_5, "5", "error"
        else:
            key, text, expect = Qt.Key.Key_Backspace, "", None
        t0 = time.perf_counter()
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text))
        app.processEvents()  # dataChanged -> repaint of the changed cells
        times.append(time.perf_counter() - t0)
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier, text))
        if doc.states.get("t3.new.natural") != expect:
            wrong += 1
    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(f"keystroke -> highlight updated: median {statistics.median(times) * 1000:.2f} ms, "
          f"p95 {p95 * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms over {keys} keys "
          f"(target <= 16 ms; highlight wrong after {wrong} keys)")
    print(f"peak RSS of the keystroke process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    w.document.undo_stack.setClean()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keys", type=int, default=400)
    args = ap.parse_args()
    bench_startup(args.runs)
    bench_breakdown(args.runs)
    bench_keystrokes(args.keys)
    return 0


if __name__ == "__main__":
    sys.exit(main())
