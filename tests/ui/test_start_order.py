"""The start-up shows the window first: the rules are evaluated right after its first paint
(``MainWindow(check_later=True)``, as ``app.run`` opens it), the window's shortcuts work from
then on, and what the first paint does not need is not loaded before it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from PySide6.QtCore import Qt

from gaic_desktop.core import evaluate, load
from gaic_desktop.ui.findings import CHECKING, counts_text

from test_shortcuts import ClaimsKey, record_exports  # tests/ui is on sys.path (rootdir conftest)


def make_started(qtbot, settings, tmp_path, seed_path, *, show=True):
    from gaic_desktop.ui.main_window import MainWindow

    w = MainWindow(load(seed_path), str(seed_path), settings=settings, autosave=False,
                   recovery_folder=tmp_path / "recovery", check_later=True)
    qtbot.addWidget(w)
    if show:
        w.resize(1366, 768)
        w.show()
    return w


def test_findings_follow_the_first_paint(qtbot, settings, tmp_path, seed_path):
    w = make_started(qtbot, settings, tmp_path, seed_path, show=False)
    try:
        assert not w.document.checked and w.document.findings == []
        assert w.counts_label.text() == CHECKING
        assert w.findings_panel.placeholder.text() == CHECKING  # not 「未发现错误或警告。」
        w.resize(1366, 768)
        w.show()
        qtbot.waitUntil(lambda: w.document.checked, timeout=5000)
        expected = evaluate(w.report)
        assert [f.key for f in w.document.findings] == [f.key for f in expected] and expected
        assert w.counts_label.text() == counts_text(expected)
        assert [f.key for f in w.findings_panel.findings()] == [f.key for f in expected]
    finally:
        w.release_file()


def test_a_window_never_painted_is_checked_all_the_same(qtbot, settings, tmp_path, seed_path):
    w = make_started(qtbot, settings, tmp_path, seed_path, show=False)
    try:
        qtbot.waitUntil(lambda: w.document.checked, timeout=5000)
        assert w.document.findings == evaluate(w.report)
    finally:
        w.release_file()


def test_an_edit_before_the_check_is_checked_at_once(qtbot, settings, tmp_path, seed_path):
    w = make_started(qtbot, settings, tmp_path, seed_path, show=False)
    try:
        w.document.set_cells({"t3.new.natural": "999"})
        assert w.document.checked
        assert w.document.findings == evaluate(w.report)
    finally:
        w.document.undo_stack.setClean()
        w.release_file()


def test_window_shortcuts_work_after_the_first_paint(qtbot, settings, tmp_path, seed_path, monkeypatch):
    hits = record_exports(monkeypatch)
    w = make_started(qtbot, settings, tmp_path, seed_path)
    try:
        qtbot.waitUntil(lambda: w.document.checked, timeout=5000)
        field = next(iter(w.basic_tab.fields.values()))
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        claim = ClaimsKey()
        field.installEventFilter(claim)
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert hits == [w]
    finally:
        w.release_file()


PROBE = r"""
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
import gaic_desktop.ui
from gaic_desktop.core.storage import load
from gaic_desktop.ui.app import make_app
from gaic_desktop.ui.main_window import MainWindow
app = make_app()
path = sys.argv[1]
win = MainWindow(load(path), path, settings=QSettings(sys.argv[2], QSettings.Format.IniFormat),
                 autosave=False, check_later=True)
seen = {}
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen["modules"] = sorted(sys.modules)
            seen["checked"] = win.document.checked
            from PySide6 import QtWidgets
            seen["widget_types"] = sorted(k for k in vars(QtWidgets) if k.startswith("Q"))
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe()
win.installEventFilter(probe)
win.show()
app.exec()
print(json.dumps(seen))
os._exit(0)
"""


def test_the_first_paint_loads_neither_the_text_checks_nor_the_dialogs(seed_path, tmp_path):
    """X-1 / X-8 (core/narrative*, core/lint), 汇总 (core/merge, merge_io, the dialog), the
    PDF/import/publish packages and the table views load after the first paint."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run([sys.executable, "-c", PROBE, str(seed_path), str(tmp_path / "s.ini")],
                         capture_output=True, text=True, env=env, timeout=120)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["checked"] is False
    loaded = set(seen["modules"])
    for name in ("gaic_desktop.core.narrative", "gaic_desktop.core.narrative_read", "gaic_desktop.core.lint",
                 "gaic_desktop.core.merge", "gaic_desktop.merge_io", "gaic_desktop.ui.merge_dialog",
                 "gaic_desktop.ui.table_view", "gaic_desktop.ui.explain_dialog", "gaic_desktop.ui.help", "gaic_desktop.pdf",
                 "gaic_desktop.importer", "gaic_desktop.publish", "reportlab"):
        assert name not in loaded, name
    assert "gaic_desktop.ui.main_window" in loaded  # (the probe saw the real window)
    # pydantic's plugin discovery (core/no_plugins.py)
    assert "importlib.metadata" not in loaded
    # PySide6 makes a widget class's Python type (and its enums) when it is first used; a widget
    # that Python did not create, handed to Python (``view.viewport()``), made it build the types
    # of every widget class that could be it (~25 ms): none of these is in the window
    built = set(seen["widget_types"])
    assert "QTableView" in built and "QDockWidget" in built
    assert not built & {"QMdiArea", "QWizard", "QLCDNumber", "QGraphicsView", "QFontDialog"}, built


def test_the_date_popup_is_made_on_first_use_and_is_the_chinese_one(qtbot, window):
    from PySide6.QtCore import QPoint

    from gaic_desktop.ui.basic_info import ChineseCalendarWidget, SignoffDateEdit

    date = window.findChild(SignoffDateEdit)
    assert date._calendar is None  # not made for the first paint
    window.tabs.setCurrentIndex(0)
    qtbot.waitExposed(date)
    qtbot.mouseClick(date, Qt.MouseButton.LeftButton, pos=QPoint(date.width() - 6, date.height() // 2))
    cal = date.calendarWidget()
    assert isinstance(cal, ChineseCalendarWidget) and cal is date._calendar
    qtbot.waitUntil(cal.isVisible)
    assert cal.year_button.text().endswith("年")
    cal.window().hide()


def test_run_asks_its_questions_once_the_window_is_painted(seed_path, tmp_path):
    """``run()``: the lock warning, recovery offer and 'reopen last file' (``after_show``) come
    after the first paint, and the cyclic GC stays paused until then."""
    from conftest import run_in_own_process

    code = f"""
import gc, json
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from gaic_desktop.ui import app as app_module
from gaic_desktop.ui.app import make_app, run
from gaic_desktop.ui.main_window import MainWindow
make_app()
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path / "cfg")!r})
seen = {{"paints": 0}}
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, MainWindow):
            seen["paints"] += 1
        return False
probe = Probe()
QApplication.instance().installEventFilter(probe)
real = app_module.after_show
def after_show(win, path, error_path):
    seen.update(paints_before=seen["paints"], gc_before=gc.isenabled())
    real(win, path, error_path)
    QTimer.singleShot(0, QApplication.instance().quit)
app_module.after_show = after_show
gc.disable()  # as cli._cmd_open does
rc = run({str(seed_path)!r})
print(json.dumps(dict(seen, rc=rc)))
"""
    seen = run_in_own_process(code, tmp_path)
    assert seen["rc"] == 0
    assert seen["paints_before"] >= 1 and seen["gc_before"] is False
