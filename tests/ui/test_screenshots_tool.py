"""tools/screenshots.py ends by itself: after the shot of a cell being edited, closing the window
asks nothing (it used to commit the typed text on close, find the report modified and wait
forever for an answer to 「是否保存？」 — offscreen, after the 1366×768 shots)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtWidgets import QApplication

TOOL = Path(__file__).resolve().parents[2] / "tools" / "screenshots.py"


def _tool():
    spec = importlib.util.spec_from_file_location("gaic_screenshots_tool", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_closing_after_the_editing_shot_asks_nothing(window, dialogs, capsys):
    tool = _tool()
    app = QApplication.instance()
    window.document.set_cells({"t3.new.natural": "205"})  # the "error" scenario
    tool.type_into_cell(app, window, "t3.carried_in.natural", "7")
    tool.close_unsaved(app, window)
    # (the test's message boxes answer 「取消」 at once instead of waiting: the window would stay)
    assert dialogs.calls == []
    assert "unanswered" not in capsys.readouterr().err
    assert not window.isVisible()
