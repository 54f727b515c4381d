"""No exception escapes a Qt slot: the guard tells the user in Chinese, the window stays, the
data stays; a failing undo step is put back as a whole."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from tests.ui.conftest import run_in_own_process
from gaic_desktop.core import load
from gaic_desktop.ui import document as document_module
from gaic_desktop.ui import guard

REF = "t3.new.natural"


def guard_messages(dialogs):
    return [t for k, title, t in dialogs.calls if k == "exec" and title == guard.TITLE]


def break_evaluate_when(monkeypatch, bad):
    """The rules fail (as for a figure of 4,301 digits) whenever ``bad(report)`` holds."""
    real = document_module.evaluate

    def evaluate(report, overrides=None, **kw):
        if bad(report):
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real(report, overrides, **kw)

    monkeypatch.setattr(document_module, "evaluate", evaluate)


def test_failing_cell_step_is_rolled_back_and_told(qtbot, window, dialogs, monkeypatch, guard_log):
    before = window.report.fingerprint()
    old = window.report.stored(REF)
    count = window.document.undo_stack.count()
    break_evaluate_when(monkeypatch, lambda r: r.stored(REF) == 666)
    window.document.set_cells({REF: 666})  # no exception reaches the caller (or pytest-qt)
    assert window.report.stored(REF) == old
    assert window.report.fingerprint() == before
    assert window.document.undo_stack.count() == count  # the failed step is not kept
    assert not window.is_modified()
    assert window.document.values[REF] == old  # the views show the stored state
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    text = guard_messages(dialogs)[0]
    assert text.startswith("程序内部出错，您的数据已保留。刚才的操作没有完成，已撤回。")
    assert "填写数字：ValueError: Exceeds the limit" in text
    assert f"详细记录已写入：{guard_log}" in text
    assert "Traceback" in guard_log.read_text(encoding="utf-8")
    assert window.isVisible()
    window.document.set_cells({REF: 5})  # and the window goes on working
    assert window.report.stored(REF) == 5


def test_typing_into_a_narrative_that_breaks_the_rules(qtbot, window, dialogs, monkeypatch):
    """textChanged -> set_field -> SetFieldCommand.redo -> evaluate raises: the paragraph
    stays as it was, the editor shows it again, and nothing escapes."""
    tab = window.section_tabs["s1"]
    window.tabs.setCurrentWidget(tab)
    editor = tab.narrative.editor if hasattr(tab.narrative, "editor") else tab.narrative
    text_before = editor.toPlainText()
    stored_before = list(window.report.sections.get("s1", []))
    break_evaluate_when(monkeypatch, lambda r: any("炸" in p for p in r.sections.get("s1", [])))
    editor.setFocus()
    editor.insertPlainText("炸")  # as an input method commits it
    assert window.report.sections.get("s1", []) == stored_before
    assert editor.toPlainText() == text_before
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    assert window.isVisible() and not window.is_modified()


def test_failing_totals_switch_leaves_mode_and_cells(qtbot, window, dialogs, monkeypatch):
    snapshot = window.report.cells_snapshot()
    break_evaluate_when(monkeypatch, lambda r: r.totals_mode == "printed")
    window.actions["printed_mode"].trigger()
    assert window.report.cells_snapshot() == snapshot
    assert window.report.totals_mode == "auto"
    assert not window.actions["printed_mode"].isChecked()
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)


def test_failing_undo_puts_the_state_back(qtbot, window, dialogs, monkeypatch):
    window.document.set_cells({REF: 777})
    break_evaluate_when(monkeypatch, lambda r: r.stored(REF) != 777)
    window.document.undo_stack.undo()
    assert window.report.stored(REF) == 777  # as before the failed undo, consistent with the views
    assert window.document.values[REF] == 777
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    assert "撤销填写数字" in guard_messages(dialogs)[0]


def test_report_that_cannot_be_shown_keeps_the_open_one(qtbot, window, dialogs, monkeypatch, seed_path):
    shown = window.report
    other = load(seed_path)
    other.organisation = "会出错的机关"
    break_evaluate_when(monkeypatch, lambda r: r.organisation == "会出错的机关")
    assert window.load_report(other, "/tmp/x.gaic.json") is False
    assert window.report is shown and window.current_path == str(seed_path)
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)


@pytest.mark.qt_no_exception_capture
def test_excepthook_contains_a_failing_slot_and_timer(qtbot, window, dialogs, monkeypatch, guard_log):
    """PySide6 hands exceptions escaping slots/timers to sys.excepthook: the installed guard
    logs them, autosaves and tells the user; the window and the data stay."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    guard.install()
    assert sys.excepthook is guard.excepthook
    before = window.report.fingerprint()

    def bad_slot():
        raise RuntimeError("故意的错误")

    window.actions["about"].triggered.disconnect()
    window.actions["about"].triggered.connect(bad_slot)
    window.actions["about"].trigger()
    window.actions["about"].trigger()  # before the box shows: one box for both
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    texts = guard_messages(dialogs)
    assert len(texts) == 1
    assert "刚才的操作可能没有完成" in texts[0] and "RuntimeError: 故意的错误" in texts[0]
    assert "（此后又出错 1 次）" in texts[0]
    QTimer.singleShot(0, bad_slot)  # a timer callback
    qtbot.waitUntil(lambda: len(guard_messages(dialogs)) == 2, timeout=3000)
    assert guard_log.read_text(encoding="utf-8").count("RuntimeError: 故意的错误") == 3
    assert window.isVisible() and window.report.fingerprint() == before


@pytest.mark.qt_no_exception_capture
def test_failing_slot_attempts_an_autosave(qtbot, make_window, seed_path, dialogs, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", guard.excepthook)
    w = make_window(load(seed_path), seed_path, autosave=True)
    w.document.set_cells({REF: 4242})
    QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    assert "已自动保存了一份恢复副本" in guard_messages(dialogs)[0]
    assert load(w.autosaver.file).stored(REF) == 4242


def test_contained_decorator(qtbot, dialogs):
    calls = []

    @guard.contained("导出")
    def slot(x):
        calls.append(x)
        raise OSError("disk")

    assert slot(1) is None and calls == [1]
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    assert "导出：OSError: disk" in guard_messages(dialogs)[0]


def test_message_box_screenshot(qtbot, tmp_path, dialogs):
    """The box as the user sees it (looked at when written)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, guard.TITLE,
                      guard.message_text("填写数字：ValueError: Exceeds the limit", tmp_path / "errors.log", True,
                                         reverted=True), QMessageBox.StandardButton.Ok)
    guard.messages.chinese_buttons(box)
    qtbot.addWidget(box)
    box.show()
    assert box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    box.grab().save(str(tmp_path / "guard.png"))
    assert (tmp_path / "guard.png").stat().st_size > 0


def test_undo_command_subclass_failure_in_push_is_dropped(qtbot, window, dialogs, monkeypatch):
    """``guarded`` makes a failed step obsolete: QUndoStack.push drops it."""
    from gaic_desktop.ui.commands import guarded

    class Failing(QUndoCommand):
        def redo(self):
            guarded(self, lambda: 1 / 0, lambda: None, "测试")

    n = window.document.undo_stack.count()
    window.document.undo_stack.push(Failing("测试"))
    assert window.document.undo_stack.count() == n


def test_a_4301_digit_figure_in_a_narrative_does_not_escape(qtbot, window, dialogs):
    """The case from the field (issue 9): a huge figure pasted into a narrative box. Whatever
    the rules make of it, nothing escapes the slot and the window keeps a consistent report."""
    tab = window.section_tabs["s3"]
    window.tabs.setCurrentWidget(tab)
    tab.narrative.insertPlainText("本年度共收到申请" + "9" * 4301 + "件。")
    stored = "".join(window.report.sections.get("s3", []))
    shown = tab.narrative.toPlainText().replace("\n", "")
    assert stored == shown  # stored and shown agree (kept, or rolled back and told)
    if "9" * 4301 not in stored:
        qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    assert window.isVisible()


def test_run_installs_the_guard_and_starts_even_if_the_report_cannot_be_shown(seed_path, tmp_path):
    """``run()`` in a process of its own: the guard is sys.excepthook, and a report whose rules
    fail (as a file holding a 4,301-digit figure did) gives an empty window and the message
    instead of no window at all."""
    code = f"""
import json, sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from gaic_desktop.ui.app import make_app, run
from gaic_desktop.ui import document, guard
from gaic_desktop.ui.main_window import MainWindow
make_app()
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path / "cfg")!r})
guard.log_path_override = {str(tmp_path / "errors.log")!r}
real = document.evaluate
def evaluate(report, overrides=None, **kw):
    if report.organisation and report.year == 2020:
        raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
    return real(report, overrides, **kw)
document.evaluate = evaluate
boxes = []
QMessageBox.exec = lambda box: boxes.append(box.text()) or 0
seen = {{}}
waited = []
def check_and_quit():
    # the rules are evaluated right after the first paint: wait for the message (10 s at most)
    if not boxes and len(waited) < 100:
        waited.append(1)
        QTimer.singleShot(100, check_and_quit)
        return
    win = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()][-1]
    seen.update(path=win.current_path, hook=sys.excepthook is guard.excepthook, boxes=boxes)
    win.close()
    QApplication.instance().quit()
QTimer.singleShot(500, check_and_quit)
rc = run({str(seed_path)!r})
print(json.dumps(dict(seen, rc=rc), ensure_ascii=False))
"""
    seen = run_in_own_process(code, tmp_path)
    assert seen["hook"] and seen["rc"] == 0
    assert seen["path"] is None  # an empty window, not none at all
    assert any(t.startswith("程序内部出错，您的数据已保留。") and "hanyang-2020" in t for t in seen["boxes"])


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_worker_thread_is_told_in_the_gui_thread(qtbot, window, dialogs, monkeypatch):
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(guard._State, "relay", None)
    guard.install()

    def work():
        raise RuntimeError("导入线程出错")

    t = threading.Thread(target=work)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(guard_messages(dialogs)), timeout=3000)
    assert "RuntimeError: 导入线程出错" in guard_messages(dialogs)[0]
    assert window.isVisible()
