"""X-8 in the window: 修正 changes exactly the slip (one undo step), 全部修正… lists what it will
change and changes nothing unless confirmed, the editor's context menu offers the same."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from gaic_desktop.ui import lint_fix


def lint_findings(window, path=None):
    return [f for f in window.document.findings if f.rule_id == "X-8" and (path is None or f.fix.field == path)]


def comma_in_s2(window):
    return next(f for f in lint_findings(window, "sections.s2") if f.fix.found.strip() == ",")


def test_fix_one_changes_exactly_that_place_and_undo_restores(qtbot, window):
    doc = window.document
    before = doc.report.model_copy(deep=True)
    f = comma_in_s2(window)
    panel = window.findings_panel
    assert panel.select_finding(f)  # (it opens the slips' group of 二)
    fix_button, all_button = window.lint_buttons
    assert fix_button.isVisible() or not window.isVisible()
    assert fix_button.isEnabled() and all_button.isEnabled()
    fix_button.click()
    para = doc.report.sections["s2"][f.fix.para]
    old = before.sections["s2"][f.fix.para]
    assert para == old[:f.fix.start] + "，" + old[f.fix.end:]
    # nothing else in the report changed
    assert {k: v for k, v in doc.report.sections.items() if k != "s2"} == \
           {k: v for k, v in before.sections.items() if k != "s2"}
    assert [p for i, p in enumerate(doc.report.sections["s2"]) if i != f.fix.para] == \
           [p for i, p in enumerate(before.sections["s2"]) if i != f.fix.para]
    assert len(lint_findings(window)) == 35
    assert doc.undo_stack.undoText() == lint_fix.FIX_STEP
    # the editor shows the change
    assert "，" in window.section_tabs["s2"].narrative.toPlainText().split("\n")[f.fix.para][f.fix.start]
    doc.undo_stack.undo()
    assert doc.report.sections == before.sections
    assert len(lint_findings(window)) == 36


def test_fix_all_lists_the_changes_and_needs_confirming(qtbot, window, dialogs):
    doc = window.document
    before = dict(doc.report.sections)
    shown = []
    assert not lint_fix.fix_all(window, "sections.s2", confirm=lambda text: shown.append(text) or False)
    assert doc.report.sections == before  # cancelled: nothing changed
    n = len(lint_findings(window, "sections.s2"))
    assert n == 30  # all 22 commas and 8 list numbers 「1. 」 are in 二
    text = shown[0]
    assert f"将修改以下 {n} 处" in text and text.count("半角逗号“,” → “，”") == 22
    assert "第4段“…、联系方式等,并及时更新人…”：半角逗号“,” → “，”" in text
    # the real dialog: closed without 修正 -> nothing changes
    lint_fix.fix_all(window, "sections.s2")
    assert doc.report.sections == before and dialogs.calls[-1][1] == "全部修正"
    assert lint_fix.fix_all(window, "sections.s2", confirm=lambda text: True)
    assert lint_findings(window, "sections.s2") == []
    assert len(lint_findings(window)) == 36 - n  # the other parts are untouched
    s2 = doc.report.sections["s2"]
    assert "," not in "".join(s2) and s2[1].startswith("1.决策公开")
    assert "".join(before["s2"]).replace(",", "，").replace(". ", ".") == "".join(s2)
    doc.undo_stack.undo()  # one step
    assert doc.report.sections == before


def test_fix_all_through_the_dialog(qtbot, window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Ok)
    assert lint_fix.fix_all(window, "sections.s1")
    assert lint_findings(window, "sections.s1") == []


def test_editor_menu_offers_the_fix_under_the_cursor(qtbot, window):
    editor = window.section_tabs["s2"].narrative
    f = comma_in_s2(window)
    start, end = lint_fix.editor_span(editor.toPlainText(), f.fix)
    assert editor.toPlainText()[start] == ","
    menu = lint_fix.editor_menu(window, editor, start)
    names = [a.text() for a in menu.actions()]
    assert names[0] == "修正：半角逗号“,” → “，”" and names[1].startswith("全部修正本部分（30 处）")
    assert len(names) > 3  # the editor's own actions stay
    menu.actions()[0].trigger()
    assert editor.toPlainText()[start] == "，"
    assert window.document.undo_stack.undoText() == lint_fix.FIX_STEP
    # not on a slip: only the editor's own menu
    plain = lint_fix.editor_menu(window, editor, 0 if editor.toPlainText()[0] != "," else 1)
    assert not any(a.text().startswith("修正") for a in plain.actions())


def test_activating_a_slip_selects_it(qtbot, window):
    f = comma_in_s2(window)
    window.go_to_finding(f)
    lint_fix.select_slip(window, f)
    editor = window.section_tabs["s2"].narrative
    assert window.tabs.currentWidget() is window.section_tabs["s2"]
    assert editor.textCursor().selectedText() == f.fix.found


def test_a_stale_fix_changes_nothing(qtbot, window, dialogs):
    f = comma_in_s2(window)
    doc = window.document
    paras = list(doc.report.sections["s2"])
    paras[f.fix.para] = "改过的段落。"
    doc.set_field("sections.s2", paras, "编辑", merge=False)
    assert not lint_fix.fix_one(window, f)
    assert doc.report.sections["s2"] == paras and "已经改动" in dialogs.texts("information")[-1]
