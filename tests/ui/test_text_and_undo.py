"""Narrative and 基本信息 edits go through the undo stack like cell edits."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt


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


def test_empty_title_shows_the_derived_title_and_follows_the_year(qtbot, window):
    r = window.report
    d = window.document
    d.set_field("title", "", "清空标题")
    field = window.basic_tab.fields["title"]
    assert field.text() == "" and field.placeholderText() == r.display_title()
    assert "2020年" in field.placeholderText()
    window.basic_tab.year.setValue(2019)
    assert r.year == 2019 and r.title == ""  # still derived: nothing stored
    assert field.placeholderText() == r.display_title() and "2019年" in field.placeholderText()
    qtbot.keyClicks(window.basic_tab.fields["organisation"], "X")
    assert field.placeholderText() == r.display_title() and r.title == ""


def test_hubei_glosses_follow_the_report_year(qtbot, window):
    view = window.table_view("t2")
    model = view.table_model
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), a.column())))
    header = model.index(6, 1)  # 上一年项目数量（指2019年事项数）
    assert "指2019年" in model.data(header)
    window.basic_tab.year.setValue(2019)
    assert "指2018年" in model.data(header)
    assert "指2019年" in model.data(model.index(6, 3))  # 处理决定数量（指2019年办件量）
    assert (6, 1) in changed
    window.document.undo_stack.undo()
    assert window.report.year == 2020 and "指2019年" in model.data(header)


def test_insert_standard_sentences_is_one_undo_step(qtbot, window):
    from gaic_desktop.core.narrative import standard_paragraphs

    tab = window.section_tabs["s3"]
    window.tabs.setCurrentWidget(tab)
    button = tab.standard_button
    assert button is not None and button.text() == "插入标准表述"
    assert button.toolTip() == "根据表格数字生成标准表述，插入到正文末尾"
    before = list(window.report.sections.get("s3", []))
    stack = window.document.undo_stack
    ed = tab.narrative
    ed.setFocus()
    cur = ed.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    ed.setTextCursor(cur)
    qtbot.keyClicks(ed, "X")  # typing just before: not merged with the insertion
    typed = list(window.report.sections["s3"])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    generated = standard_paragraphs(window.report)["s3"]
    assert window.report.sections["s3"] == typed + generated
    assert ed.toPlainText().endswith(generated[-1])
    assert stack.count() == 2 and stack.undoText() == "插入标准表述"
    stack.undo()
    assert window.report.sections["s3"] == typed
    stack.undo()
    assert window.report.sections.get("s3", []) == before
    # sections 二 and 四 have the button too; 二 has no standard sentences in the 2019 format
    assert window.section_tabs["s4"].standard_button is not None
    assert not window.section_tabs["s2"].standard_button.isEnabled()
    assert window.section_tabs["s1"].standard_button is None


def test_standard_sentences_button_follows_the_tables(qtbot, make_window):
    from gaic_desktop.core import new_report

    window = make_window(new_report(2024, "某区人民政府"))
    button = window.section_tabs["s4"].standard_button
    assert not button.isEnabled()  # table 四 blank: no sentence to insert
    window.document.set_cells({"t4.cases.rv_keep": 1})
    assert button.isEnabled()
    assert window.section_tabs["s4"].insert_standard()
    assert "行政复议1件" in window.report.sections["s4"][-1]
