"""Text still being typed in a cell (editor open, Enter not pressed) counts for save, close,
open, export, import and autosave: ``MainWindow.commit_pending_edits``."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gaic_desktop.core import load


def type_without_enter(qtbot, view, text):
    view.select_first_input()
    ref = view._ref(view.currentIndex())
    view.setFocus()
    qtbot.keyClick(view, text[0])  # opens the editor
    assert view.state() == view.State.EditingState
    editor = view.open_editor()
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    assert editor.text() == text
    return ref


def test_ctrl_s_saves_text_still_being_typed(window, t3, qtbot, seed_path):
    ref = type_without_enter(qtbot, t3, "77")
    qtbot.keyClick(t3.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load(seed_path).value(ref) == 77
    assert not window.is_modified()
    assert t3.state() != t3.State.EditingState


def test_close_asks_about_text_still_being_typed(window, t3, qtbot, dialogs):
    type_without_enter(qtbot, t3, "55")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert dialogs.texts("question") and "尚未保存" in dialogs.texts("question")[0]
    assert window.isVisible()


def test_invalid_text_being_typed_blocks_save(window, t3, qtbot, seed_path):
    ref = type_without_enter(qtbot, t3, "1.5")
    before = seed_path.read_bytes()
    assert window.save() is False
    assert seed_path.read_bytes() == before
    assert t3.state() == t3.State.EditingState
    assert t3.open_editor().text() == "1.5"
    assert window.report.stored(ref) != 1.5


def test_open_other_file_keeps_text_being_typed(window, t3, qtbot, seed_path, tmp_path, dialogs):
    other = tmp_path / "other.gaic.json"
    shutil.copy(seed_path, other)
    ref = type_without_enter(qtbot, t3, "9")
    dialogs.answer = QMessageBox.StandardButton.Save
    assert window.open_file(str(other))
    assert load(seed_path).value(ref) == 9


def test_autosave_tick_includes_text_being_typed(make_window, seed_path, qtbot):
    w = make_window(load(seed_path), seed_path, autosave=True)
    view = w.table_view("t3")
    w.tabs.setCurrentWidget(w.section_tab_for_table("t3"))
    ref = type_without_enter(qtbot, view, "42")
    assert w.autosaver.autosave() is True
    assert load(w.autosaver.file).value(ref) == 42


def test_autosave_tick_skips_invalid_text(make_window, seed_path, qtbot):
    w = make_window(load(seed_path), seed_path, autosave=True)
    view = w.table_view("t3")
    w.tabs.setCurrentWidget(w.section_tab_for_table("t3"))
    type_without_enter(qtbot, view, "1.5")
    assert w.autosaver.autosave() is False
    assert view.state() == view.State.EditingState


def test_year_typed_without_enter_is_saved(window, qtbot, seed_path):
    spin = window.basic_tab.year
    window.tabs.setCurrentWidget(window.basic_tab)
    spin.setFocus()
    spin.lineEdit().selectAll()
    year = window.report.year
    other = year - 1 if year - 1 >= spin.minimum() else year + 1
    qtbot.keyClicks(spin.lineEdit(), str(other))
    assert window.report.year == year
    assert window.save()
    assert load(seed_path).year == other


def test_export_dialog_sees_text_being_typed(window, t3, qtbot):
    ref = type_without_enter(qtbot, t3, "31")
    window.actions["export_pdf"].trigger()
    assert window.report.stored(ref) == 31
    for dlg in window.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QDialog):
        dlg.close()
