"""Typing into the tables like Excel/WPS, with errors shown while typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gaic_desktop.core import NA


def type_chars(widget, text):
    """Key events carrying any text (QTest.keyClicks only handles Latin-1), as an IME sends."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            target = QApplication.focusWidget() or widget
            QApplication.sendEvent(target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def type_over(qtbot, view, text):
    """Type over the current cell: the first key opens the editor, the rest go to it (as focus does)."""
    qtbot.keyClicks(view, text[0])
    if text[1:]:
        qtbot.keyClicks(editor_of(view), text[1:])


def start_at(qtbot, view, ref):
    idx = view.table_model.index_of(ref)
    view.setCurrentIndex(idx)
    view.setFocus()
    return idx


def editor_of(view):
    w = view.focusWidget()
    return w if isinstance(w, QLineEdit) else None


def test_type_number_changes_core_and_highlight_follows_keystrokes(qtbot, window, t3):
    view = t3
    doc = window.document
    start_at(qtbot, view, "t3.new.natural")
    assert doc.states.get("t3.new.natural") is None
    qtbot.keyClicks(view, "2")  # opens the editor, replaces the content
    ed = editor_of(view)
    assert ed is not None and ed.text() == "2"
    # every keystroke re-evaluates: 2 != 204 breaks 一+二＝三+四 before Enter is pressed
    assert doc.states.get("t3.new.natural") == "error"
    assert window.report.stored("t3.new.natural") == 204  # not stored yet
    qtbot.keyClicks(ed, "04")
    assert doc.states.get("t3.new.natural") is None  # 204 again: highlight gone while typing
    qtbot.keyClicks(ed, "5")
    assert doc.states.get("t3.new.natural") == "error"
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert window.report.stored("t3.new.natural") == 2045
    assert doc.states["t3.new.natural"] == "error"
    m = view.table_model
    assert m.data(m.index_of("t3.new.natural"), Qt.ItemDataRole.BackgroundRole).color().name() == "#f6c9c9"
    assert "相差" in m.tooltip("t3.new.natural")
    # Enter moved down to the next input cell
    assert view.currentIndex() == m.index_of("t3.carried_in.natural")
    # fix it: error disappears
    start_at(qtbot, view, "t3.new.natural")
    type_over(qtbot, view, "204")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    assert window.report.stored("t3.new.natural") == 204
    assert "t3.new.natural" not in doc.states
    # only the sample's own remarks are left: its published text carries no 落款 date, and the
    # typing slips of that text (X-8: half-width commas, 「1. 」)
    assert [f.rule_id for f in window.document.findings if f.rule_id != "X-8"] == ["X-6"]


def test_totals_recalculate_while_typing(qtbot, window, t3):
    view = t3
    start_at(qtbot, view, "t3.new.business")
    type_over(qtbot, view, "20")
    assert window.document.values["t3.new.total"] == 204 + 20


def test_fullwidth_digits_are_accepted(qtbot, window, t3):
    view = t3
    start_at(qtbot, view, "t3.new.research")
    type_chars(view, "１２")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Enter)
    assert window.report.stored("t3.new.research") == 12


def test_delete_gives_blank_not_zero(qtbot, window, t3):
    view = t3
    start_at(qtbot, view, "t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.report.stored("t3.new.natural") is None
    m = view.table_model
    assert m.data(m.index_of("t3.new.natural")) == ""
    window.document.undo_stack.undo()
    assert window.report.stored("t3.new.natural") == 204


def test_slash_marks_not_applicable(qtbot, window, t3):
    view = t3
    start_at(qtbot, view, "t3.new.other")
    qtbot.keyClicks(view, "/")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    assert window.report.stored("t3.new.other") == NA


def test_letter_is_refused_with_a_hint(qtbot, window, t3):
    view = t3
    hints = []
    view.hintRequested.connect(hints.append)
    start_at(qtbot, view, "t3.new.natural")
    qtbot.keyClicks(view, "a")
    assert editor_of(view) is None  # no editor opened for a letter
    assert window.report.stored("t3.new.natural") == 204
    assert hints and "不能输入“a”" in hints[-1]
    assert "不能输入" in window.statusBar().currentMessage()
    # inside the editor too: the validator refuses the letter, digits go in
    qtbot.keyClicks(view, "1")
    ed = editor_of(view)
    qtbot.keyClicks(ed, "x2")
    assert ed.text() == "12"
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert window.report.stored("t3.new.natural") == 12


def test_auto_total_is_read_only_and_printed_mode_makes_it_editable(qtbot, window, t3):
    view = t3
    start_at(qtbot, view, "t3.new.total")
    qtbot.keyClicks(view, "9")
    assert editor_of(view) is None
    assert window.report.value("t3.new.total") == 221
    window.basic_tab.printed_radio.click()
    assert window.report.totals_mode == "printed"
    start_at(qtbot, view, "t3.new.total")
    qtbot.keyClicks(view, "9")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    assert window.report.stored("t3.new.total") == 9
    assert window.document.states["t3.new.total"] == "error"
    stack = window.document.undo_stack
    stack.undo()
    stack.undo()
    assert window.report.totals_mode == "auto"
    assert window.basic_tab.auto_radio.isChecked()


def test_f2_edits_and_escape_cancels(qtbot, window, t3):
    view = t3
    start_at(qtbot, view, "t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_F2)
    ed = editor_of(view)
    assert ed.text() == "204"
    ed.deselect()
    ed.end(False)
    qtbot.keyClicks(ed, "1")
    assert window.document.states.get("t3.new.natural") == "error"
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert window.report.stored("t3.new.natural") == 204
    assert window.document.states.get("t3.new.natural") is None  # preview dropped


def test_arrows_tab_and_enter_navigation(qtbot, window, t3):
    view = t3
    m = view.table_model
    start_at(qtbot, view, "t3.new.other")
    qtbot.keyClick(view, Qt.Key.Key_Tab)  # skips the calculated 总计 to the next row's first input
    assert view.currentIndex() == m.index_of("t3.carried_in.natural")
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex() == m.index_of("t3.carried_in.business")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex() == m.index_of("t3.r_open.business")
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex() == m.index_of("t3.new.business")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex() == m.index_of("t3.carried_in.business")
    # Tab inside the editor commits and moves right
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Tab)
    assert window.report.stored("t3.carried_in.business") == 5
    assert view.currentIndex() == m.index_of("t3.carried_in.research")


def test_only_changed_cells_are_repainted(qtbot, window, t3):
    view = t3
    m = view.table_model
    changed = []
    m.dataChanged.connect(lambda a, b: changed.append((a.row(), a.column())))
    start_at(qtbot, view, "t3.new.research")
    qtbot.keyClicks(view, "0")  # same value as stored: nothing changes
    assert changed == []
    qtbot.keyClicks(view.focusWidget(), "1")  # "01" -> 1
    # once each: the cell and its row total, and the cells of 一+二＝三+四 in both columns
    # (their error state changes)
    assert sorted(m.ref_at(r, c) for r, c in changed) == sorted(
        f"t3.{row}.{col}" for row in ("new", "carried_in", "r_total", "carried_out")
        for col in ("research", "total"))


def test_invalid_text_keeps_the_editor_open_with_a_hint(qtbot, window, t3):
    view = t3
    doc = window.document
    start_at(qtbot, view, "t3.new.natural")
    type_over(qtbot, view, "12,34")  # not a thousands separator: not a number
    ed = editor_of(view)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Tab):
        qtbot.keyClick(ed, key)
        assert view.state() == view.State.EditingState and editor_of(view) is ed
        assert ed.text() == "12,34"  # nothing typed is lost
        assert window.report.stored("t3.new.natural") == 204
        assert "按 Esc 放弃输入" in window.statusBar().currentMessage()
        assert "按 Esc 放弃输入" in ed.toolTip()
    assert doc.undo_stack.count() == 0
    # focus leaves the table: the editor stays with its text
    window.findings_panel.list.setFocus()
    qtbot.wait(10)
    assert ed.isVisible() and ed.text() == "12,34"
    assert window.report.stored("t3.new.natural") == 204
    # clicking another cell does not drop it either: the cell stays current, the editor open
    other = view.table_model.index_of("t3.new.business")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(other).center())
    qtbot.wait(10)
    assert ed.isVisible() and ed.text() == "12,34"
    assert view.currentIndex() == view.table_model.index_of("t3.new.natural")
    # corrected, it is stored
    ed.setFocus()
    ed.setText("1234")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert window.report.stored("t3.new.natural") == 1234


def test_lone_minus_then_escape_cancels(qtbot, window):
    view = window.table_view("t2")
    window.tabs.setCurrentWidget(window.section_tab_for_table("t2"))
    before = window.report.stored("t2.licensing.delta")
    start_at(qtbot, view, "t2.licensing.delta")
    type_over(qtbot, view, "-")
    ed = editor_of(view)
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert editor_of(view) is ed and ed.text() == "-"
    assert window.report.stored("t2.licensing.delta") == before
    qtbot.keyClick(ed, Qt.Key.Key_Escape)
    assert view.state() != view.State.EditingState
    assert window.report.stored("t2.licensing.delta") == before
    assert window.document.undo_stack.count() == 0


def test_allowed_characters_follow_the_core_normalisation():
    from gaic_desktop.ui.table_view import allowed_char

    assert allowed_char("count", "５") and allowed_char("count", "，") and allowed_char("count", "　")
    assert allowed_char("signed", "－") and allowed_char("signed", "—")
    assert allowed_char("money", "．") and allowed_char("money", "万") and not allowed_char("money", "x")
    # signs and separators reach the core's parse for every numeric kind; letters never do
    for kind in ("count", "signed", "money"):
        for ch in ".-+,．－＋，":
            assert allowed_char(kind, ch), (kind, ch)
        assert not allowed_char(kind, "a") and not allowed_char(kind, "Ｘ")
    assert not allowed_char("count", "万")


def test_decimal_or_negative_in_a_count_cell_is_never_stored_changed(qtbot, window, t3):
    """Typing 1.5 once stored 15 (the "." was refused on the spot, the rest accepted) and -3
    stored 3: the whole text now reaches the core, which refuses it; the editor stays open."""
    view = t3
    doc = window.document
    for text, reason in (("1.5", "不是整数"), ("-3", "负数"), ("１．５", "不是整数"), ("－3", "负数")):
        start_at(qtbot, view, "t3.new.natural")
        qtbot.keyClicks(view, "1")  # opens the editor (over the old 204)
        ed = editor_of(view)
        ed.clear()
        type_chars(ed, text)
        assert ed.text() == text
        qtbot.keyClick(ed, Qt.Key.Key_Return)
        assert view.state() == view.State.EditingState and editor_of(view) is ed, text
        assert ed.text() == text
        assert window.report.stored("t3.new.natural") == 204
        assert reason in window.statusBar().currentMessage() and "按 Esc 放弃输入" in ed.toolTip()
        qtbot.keyClick(ed, Qt.Key.Key_Escape)
        assert view.state() != view.State.EditingState
    assert window.report.stored("t3.new.natural") == 204 and doc.undo_stack.count() == 0
    # a minus as the first key opens the editor too; a valid text with separators is stored
    start_at(qtbot, view, "t3.new.natural")
    qtbot.keyClicks(view, "-")
    ed = editor_of(view)
    assert ed is not None and ed.text() == "-"
    ed.clear()
    type_chars(ed, "1,234")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert window.report.stored("t3.new.natural") == 1234


def test_plus_sign_in_a_signed_cell(qtbot, window):
    view = window.table_view("t2")
    window.tabs.setCurrentWidget(window.section_tab_for_table("t2"))
    start_at(qtbot, view, "t2.licensing.delta")
    type_over(qtbot, view, "+5")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    assert window.report.stored("t2.licensing.delta") == 5


def hint_rect_in_window(window, view):
    from PySide6.QtCore import QRect

    hint = view.cell_hint()
    assert hint.parentWidget() is window
    return QRect(hint.pos(), hint.size())


def cell_rect_in_window(window, view, ref):
    from PySide6.QtCore import QRect

    r = view.visualRect(view.table_model.index_of(ref))
    return QRect(view.viewport().mapTo(window, r.topLeft()), r.size())


def test_refusal_bubble_never_covers_the_next_cells_and_goes_when_the_cell_is_left(qtbot, window, t3):
    """The 「不能输入…」 bubble sits above the cell (the cells below — Enter — and to the right —
    Tab — stay visible) and disappears when the cell is left or its text fixed."""
    view = t3
    start_at(qtbot, view, "t3.new.natural")
    qtbot.keyClicks(view, "a")
    hint = view.cell_hint()
    assert hint.isVisible() and "不能输入“a”" in hint.text()
    bubble = hint_rect_in_window(window, view)
    for ref in ("t3.new.natural", "t3.carried_in.natural", "t3.new.business"):
        assert not bubble.intersects(cell_rect_in_window(window, view, ref)), ref
    qtbot.keyClick(view, Qt.Key.Key_Down)  # the cell is left
    assert not hint.isVisible()
    # in an editor: a refused letter shows it, the next valid keystroke ends it
    qtbot.keyClicks(view, "1")
    ed = editor_of(view)
    qtbot.keyClicks(ed, "x")
    assert hint.isVisible()
    qtbot.keyClicks(ed, "2")
    assert not hint.isVisible()
    # a value refused on commit (a fraction in a count cell): shown until the text is fixed
    qtbot.keyClicks(ed, ".5")
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert editor_of(view) is ed and hint.isVisible()
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    qtbot.keyClick(ed, Qt.Key.Key_Backspace)
    assert not hint.isVisible()
    qtbot.keyClick(ed, Qt.Key.Key_Return)
    assert window.report.stored("t3.carried_in.natural") == 12 and not hint.isVisible()
