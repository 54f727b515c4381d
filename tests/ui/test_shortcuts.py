"""Shortcuts that work everywhere: Ctrl+E / Ctrl+S while typing in 基本信息 or a cell, undo and
redo (Ctrl+Y and Ctrl+Shift+Z) in the narratives, Alt mnemonics in the unsaved-changes prompt,
and the right-click menu of the table cells."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence

from gaic_desktop.core import NA, load
from gaic_desktop.ui import cell_menu, file_actions

from test_typing import editor_of, start_at  # tests/ui is on sys.path (rootdir conftest)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class ClaimsKey(QObject):
    """What a line edit does on Linux desktops (Ctrl+E = end of line): it claims the key in its
    ShortcutOverride, so a window shortcut never sees it."""

    def __init__(self, key: str = "Ctrl+E"):
        super().__init__()
        self.key = QKeySequence(key)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.ShortcutOverride and QKeySequence(event.keyCombination()) == self.key:
            event.accept()
        return False


def focus_narrative(qtbot, window):
    tab = window.section_tabs["s1"]
    window.tabs.setCurrentWidget(tab)
    tab.narrative.setFocus()
    qtbot.waitUntil(tab.narrative.hasFocus)
    return tab.narrative


def record_exports(monkeypatch):
    hits = []
    monkeypatch.setattr(file_actions, "_show_export", lambda w: hits.append(w))
    return hits


def test_ctrl_e_from_inside_a_cell_editor_exports(qtbot, window, t3, monkeypatch):
    hits = record_exports(monkeypatch)
    start_at(qtbot, t3, "t3.new.natural")
    qtbot.keyClicks(t3, "5")
    editor = editor_of(t3)
    assert editor is not None
    claim = ClaimsKey()
    editor.installEventFilter(claim)
    qtbot.keyClick(editor, Qt.Key.Key_E, CTRL)
    assert hits == [window]


def test_ctrl_e_and_ctrl_s_from_basic_info(qtbot, window, seed_path, monkeypatch):
    hits = record_exports(monkeypatch)
    window.tabs.setCurrentIndex(0)
    field = window.basic_tab.fields["organisation"] if "organisation" in window.basic_tab.fields \
        else next(iter(window.basic_tab.fields.values()))
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    claim = ClaimsKey()
    field.installEventFilter(claim)
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    assert hits == [window]
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, "X")
    assert window.is_modified()
    qtbot.keyClick(field, Qt.Key.Key_S, CTRL)
    assert not window.is_modified()
    assert load(seed_path).organisation.endswith("X")


def test_ctrl_s_from_a_cell_editor_saves_the_typed_value(qtbot, window, t3, seed_path):
    start_at(qtbot, t3, "t3.new.natural")
    qtbot.keyClicks(t3, "4")
    qtbot.keyClicks(editor_of(t3), "21")
    qtbot.keyClick(editor_of(t3), Qt.Key.Key_S, CTRL)
    assert load(seed_path).stored("t3.new.natural") == 421


def test_undo_and_both_redo_keys_inside_a_narrative(qtbot, window):
    editor = focus_narrative(qtbot, window)
    before = editor.toPlainText()
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor, "abc")
    typed = editor.toPlainText()
    assert typed == before + "abc"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == before
    qtbot.keyClick(editor, Qt.Key.Key_Y, CTRL)
    assert editor.toPlainText() == typed
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == before
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.toPlainText() == typed


def test_copy_paste_keys_stay_with_the_editor(qtbot, window):
    editor = focus_narrative(qtbot, window)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_C, CTRL)
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == editor.toPlainText()


def test_unsaved_prompt_buttons_have_mnemonics(qtbot):
    from PySide6.QtWidgets import QMessageBox

    from gaic_desktop.ui import messages

    SB = QMessageBox.StandardButton
    box = messages.question_box(None, "t", "x", SB.Save | SB.Discard | SB.Cancel, SB.Save)
    assert [box.button(b).text() for b in (SB.Save, SB.Discard, SB.Cancel)] == ["保存(&S)", "不保存(&N)", "取消"]
    box.deleteLater()


# ---------------------------------------------------------------- right-click menu

def test_cell_context_menu_uses_the_window_actions(qtbot, window, t3):
    start_at(qtbot, t3, "t3.new.natural")
    rect = t3.visualRect(t3.table_model.index_of("t3.new.business"))
    menu = cell_menu.popup(window, t3, rect.center(), run=False)
    acts = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.text() for a in acts] == ["复制(&C)", "粘贴(&P)", "清除(&D)", "标记不适用“/”", "添加批注(&M)…",
                                        "查看相关规则"]
    assert acts[0] is window.actions["copy"] and acts[3] is window.actions["mark_na"]
    # the right-clicked cell became the current one
    assert t3.currentIndex() == t3.table_model.index_of("t3.new.business")
    assert t3.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_mark_na_from_the_menu_is_one_undo_step(qtbot, window, t3):
    start_at(qtbot, t3, "t3.new.natural")
    window.actions["mark_na"].trigger()
    assert window.report.stored("t3.new.natural") == NA
    window.document.undo_stack.undo()
    assert window.report.stored("t3.new.natural") != NA


def test_add_note_and_undo(qtbot, window, t3, dialogs):
    ref = "t3.new.natural"
    start_at(qtbot, t3, ref)
    dialogs.input = ("数字取自登记台账", True)
    window.actions["note"].trigger()
    assert window.report.cell_notes[ref] == "数字取自登记台账"
    assert "批注：数字取自登记台账" in t3.table_model.data(t3.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    assert window.is_modified()
    window.document.undo_stack.undo()
    assert ref not in window.report.cell_notes


def test_related_rules_selects_the_findings_of_the_cell(qtbot, window, t3):
    ref = "t3.new.natural"
    window.document.set_cells({ref: 1})  # breaks T3-1 (新收 + 上年结转 = 办理结果合计)
    assert [f.rule_id for f in window.document.messages[ref]] == ["T3-1"]
    window.findings_dock.hide()
    start_at(qtbot, t3, ref)
    window.actions["related"].trigger()
    assert window.findings_dock.isVisible()
    current = window.findings_panel.current_finding()
    assert current.rule_id == "T3-1" and ref in current.cells
    start_at(qtbot, t3, "t3.new.business")  # a cell no finding concerns
    window.actions["related"].trigger()
    assert "没有涉及该单元格" in window.statusBar().currentMessage()


def test_context_menu_opens_on_right_click(qtbot, window, t3, monkeypatch):
    shown = []
    monkeypatch.setattr(cell_menu, "exec_menu", lambda menu, pos: shown.append([x.text() for x in menu.actions()]))
    rect = t3.visualRect(t3.table_model.index_of("t3.new.natural"))
    t3.customContextMenuRequested.emit(rect.center())
    assert shown and "查看相关规则" in shown[0]


def test_ctrl_p_prints_from_inside_a_narrative(qtbot, window):
    """Actions other helpers add (打印, Ctrl+P) win inside the editors too, with no list to keep."""
    hits = []
    act = window.actions["print"]
    act.triggered.disconnect()
    act.triggered.connect(lambda: hits.append("print"))
    editor = focus_narrative(qtbot, window)
    claim = ClaimsKey("Ctrl+P")
    editor.installEventFilter(claim)
    qtbot.keyClick(editor, Qt.Key.Key_P, CTRL)
    assert hits == ["print"]
