"""UI test fixtures. Headless (offscreen), no real settings or app data touched, and no modal
dialog can block: QMessageBox and QInputDialog are replaced by recorders in every test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

import gaic_desktop.ui  # noqa: F401  (applies the binding work-arounds first)
from gaic_desktop.ui import messages
from gaic_desktop.core import load

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"

QStandardPaths.setTestModeEnabled(True)


class Dialogs:
    """Records every message box; answers with ``answer`` (a StandardButton) for questions
    (``QMessageBox.question`` and the program's own ``messages.ask``), with ``choice`` (a
    button's index; None = closed) for ``messages.choose``."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Cancel
        self.input: tuple[str, bool] = ("", False)
        self.choice: int | None = None  # messages.choose: the index of the button clicked

    def _record(self, kind):
        def f(parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            if kind == "question":
                return self.answer
            return QMessageBox.StandardButton.Ok
        return f

    def texts(self, kind: str | None = None) -> list[str]:
        return [t for k, _, t in self.calls if kind is None or k == kind]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    d = Dialogs()
    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(d._record(kind)))
    monkeypatch.setattr(messages, "ask", d._record("question"))
    d.real_choose = messages.choose
    monkeypatch.setattr(messages, "choose", lambda parent, title, text, buttons, *a, **k:
                        d.calls.append(("choose", title, text)) or d.choice)
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: d.calls.append(("about", "", ""))))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: d.calls.append(("exec", self.windowTitle(), self.text())) or 0)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: d.input))
    from gaic_desktop.ui import explain_dialog  # 添加说明 answers as the other input dialogs do

    d.real_ask_explanation = explain_dialog.ask_explanation
    monkeypatch.setattr(explain_dialog, "ask_explanation", lambda *a, **k: d.input)
    d.real_get_open_file_name = QFileDialog.getOpenFileName  # for a test that shows Qt's dialog
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    return d


@pytest.fixture(autouse=True)
def guard_log(tmp_path, monkeypatch):
    """The guard's error log goes to the test's folder; no message is left over from another test."""
    from gaic_desktop.ui import guard

    monkeypatch.setattr(guard, "log_path_override", tmp_path / "logs" / "errors.log")
    monkeypatch.setattr(guard._State, "pending", [])
    monkeypatch.setattr(guard._State, "showing", False)
    monkeypatch.setattr(guard._State, "told", 0)
    return guard.log_path_override


@pytest.fixture
def seed_path(tmp_path) -> Path:
    p = tmp_path / "hanyang-2020.gaic.json"
    shutil.copy(SEED, p)
    return p


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings, tmp_path):
    from gaic_desktop.ui.app import setup_fonts
    from gaic_desktop.ui.main_window import MainWindow
    from PySide6.QtWidgets import QApplication

    setup_fonts(QApplication.instance())
    made = []

    def make(report=None, path=None, *, autosave=False):
        w = MainWindow(report, str(path) if path else None, settings=settings, autosave=autosave,
                       recovery_folder=tmp_path / "recovery")
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:
        w._force_modified = False
        w.document.undo_stack.setClean()
        if w.autosaver is not None:
            w.autosaver.release()
        w.release_file()


@pytest.fixture
def window(make_window, seed_path):
    return make_window(load(seed_path), seed_path)


@pytest.fixture
def t3(window):
    """The window's table 三, on screen."""
    view = window.table_view("t3")
    window.tabs.setCurrentWidget(window.section_tab_for_table("t3"))
    return view


def run_in_own_process(code: str, tmp_path) -> dict:
    """Run ``code`` (a program start with its own QApplication) in a fresh interpreter, offscreen,
    with its data folder under ``tmp_path``; returns the JSON object its last output line prints."""
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         encoding="utf-8", env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])
