"""Narrative and 基本信息 edits go through the undo stack like cell edits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def test_narrative_edit_is_undoable(qtbot, window):
    tab = window.section_tabs["s6"]
    window.tabs.setCurrentWidget(tab)
    ed = tab.narrative
    ed.setFocus()
    cur = ed.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    ed.setTextCursor(cur)
    before = list(window.report.sections.get("s6", []))
    qtbot.keyClicks(ed, "ABC")
    assert window.report.sections["s6"][-1].endswith("ABC")
    stack = window.document.undo_stack
    assert stack.count() == 1  # typing merges into one step
    stack.undo()
    assert window.report.sections.get("s6", []) == before
    assert not ed.toPlainText().endswith("ABC")
    stack.redo()
    assert ed.toPlainText().endswith("ABC")


def test_basic_info_fields_are_undoable(qtbot, window):
    tab = window.basic_tab
    field = tab.fields["contact.person"]
    qtbot.keyClicks(field, "Li")
    assert window.report.contact.person == "Li"
    qtbot.keyClicks(tab.fields["people.approver"], "Wang")
    assert window.report.people.approver == "Wang"
    stack = window.document.undo_stack
    stack.undo()
    assert window.report.people.approver == ""
    assert tab.fields["people.approver"].text() == ""
    stack.undo()
    assert window.report.contact.person == ""


def test_signoff_date_and_title(qtbot, window):
    tab = window.basic_tab
    tab.date.setDate(QDate(2021, 1, 20))
    assert window.report.signoff.date == dt.date(2021, 1, 20)
    window.document.undo_stack.undo()
    assert window.report.signoff.date is None
    assert tab.date.specialValueText() == tab.date.text()


def test_undo_across_cells_and_text(qtbot, window):
    d = window.document
    d.set_cells({"t3.new.natural": 1})
    d.set_field("title", "新标题", "修改标题")
    assert window.basic_tab.fields["title"].text() == "新标题"
    d.undo_stack.undo()
    assert window.basic_tab.fields["title"].text() == "汉阳区2020年度政府信息公开工作年度报告"
    d.undo_stack.undo()
    assert window.report.stored("t3.new.natural") == 204
    assert not window.isWindowModified()


def test_edit_menu_clear_and_copy_paste_route_to_table(qtbot, window, t3):
    t3.select_refs(["t3.new.natural"])
    window.actions["copy"].trigger()
    t3.select_refs(["t3.new.business"])
    window.actions["paste"].trigger()
    assert window.report.stored("t3.new.business") == 204
    window.actions["clear"].trigger()
    assert window.report.stored("t3.new.business") is None
