"""The findings panel: click to jump, acknowledge warnings with an explanation."""

from __future__ import annotations

from PySide6.QtCore import Qt


def click_item(qtbot, panel, row):
    lst = panel.list
    item = lst.item(row)
    lst.scrollToItem(item)
    rect = lst.visualItemRect(item)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_click_finding_lands_on_its_cells(qtbot, window):
    window.tabs.setCurrentIndex(0)
    window.document.set_cells({"t3.new.natural": 205})
    panel = window.findings_panel
    assert panel.list.count() >= 2  # 一+二＝三+四 in 自然人 and in 总计 (and the narrative check)
    assert "相差 1" in panel.list.item(0).text()
    assert "错误 0 处" not in window.counts_label.text()
    click_item(qtbot, panel, 0)
    view = window.table_view("t3")
    assert window.tabs.currentWidget() is window.section_tab_for_table("t3")
    f = window.document.findings[0]
    assert view.currentIndex() == view.table_model.index_of(f.cells[0])
    selected = {view.table_model.ref_at(i.row(), i.column()) for i in view.selectionModel().selectedIndexes()}
    assert selected == set(f.cells)


def test_text_finding_goes_to_its_section(qtbot, window):
    window.document.set_field("sections.s5", [], "清空")
    f = next(f for f in window.document.findings if f.section == "s5")
    window.go_to_finding(f)
    assert window.tabs.currentWidget() is window.section_tabs["s5"]


def blank_warning(window):
    window.document.set_cells({"t3.new.research": None})
    return next(f for f in window.document.findings if not f.is_error)


def test_acknowledge_rejects_thin_explanation_with_core_message(qtbot, window, dialogs):
    f = blank_warning(window)
    panel = window.findings_panel
    row = window.document.findings.index(f)
    click_item(qtbot, panel, row)
    assert panel.ack_button.isEnabled()
    dialogs.input = ("核实无误", True)  # (past the dialog's own check: the core refuses it too)
    panel.ack_button.click()
    assert f.key not in window.report.acknowledgements
    assert "说明过于简单" in dialogs.texts("warning")[-1]


def explanation_dialog(qtbot, window, text=""):
    from gaic_desktop.ui.explain_dialog import ExplanationDialog

    f = blank_warning(window)
    dlg = ExplanationDialog(f, text, window)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return f, dlg


def test_explanation_box_wraps_and_says_what_a_good_explanation_gives(qtbot, window):
    """The box wraps long reasons (no sideways scrolling) and, before anything is refused, says
    what a 说明 must give with an example for this warning's rule — from the rules data."""
    from PySide6.QtWidgets import QPlainTextEdit

    from gaic_desktop.core.rules import explanation_rules

    f, dlg = explanation_dialog(qtbot, window)
    assert dlg.edit.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    long = "因科研机构的申请" + "在原始台账中登记为其他组织，" * 12 + "已于2021年1月更正。"
    dlg.edit.setPlainText(long)
    qtbot.wait(10)
    assert dlg.edit.horizontalScrollBar().maximum() == 0
    assert dlg.edit.document().blockCount() == 1 and dlg.edit.document().lineCount() > 2
    rules = explanation_rules()
    assert rules.hint in dlg.hint_label.text()
    assert rules.example(f.rule_id) in dlg.hint_label.text()
    assert dlg.check_label.text() == "已写明：原因、文件、数字"  # what it gives, while typing
    dlg.edit.setPlainText("经核实，以上数据准确无误。")
    assert "尚未写出" in dlg.check_label.text()


def test_refused_explanation_stays_in_the_dialog_with_the_reason(qtbot, window, monkeypatch):
    f, dlg = explanation_dialog(qtbot, window, "核实无误")
    dlg.ok_button.click()
    assert dlg.isVisible() and dlg.result() == 0  # not closed
    assert "说明过于简单" in dlg.check_label.text()
    assert dlg.text() == "核实无误"  # the typed text stays to be completed
    good = "核实无误，科研机构的申请数在原始台账中缺失"
    dlg.edit.setPlainText(good)
    dlg.ok_button.click()
    assert not dlg.isVisible() and dlg.text() == good


def explain_blank_warning(qtbot, window, dialogs):
    """Explain the blank-cell warning through the panel's button; returns the finding."""
    f = blank_warning(window)
    panel = window.findings_panel
    click_item(qtbot, panel, window.document.findings.index(f))
    dialogs.input = ("科研机构的申请数在原始台账中缺失，已向上级报备", True)
    panel.ack_button.click()
    return f


def test_acknowledge_warning_then_undo(qtbot, window, dialogs):
    f = explain_blank_warning(qtbot, window, dialogs)
    ack = window.report.acknowledgements[f.key]
    assert getattr(ack, "explanation", ack).startswith("科研机构")
    assert "t3.new.research" not in window.document.states  # acknowledged: no longer amber
    assert "已说明" in window.counts_label.text()
    window.document.undo_stack.undo()
    assert f.key not in window.report.acknowledgements
    assert window.document.states.get("t3.new.research") == "blank"  # a blank cell's 未填写 warning


def test_errors_cannot_be_acknowledged(qtbot, window):
    window.document.set_cells({"t3.new.natural": 205})
    panel = window.findings_panel
    click_item(qtbot, panel, 0)
    assert not panel.ack_button.isEnabled()


def test_acknowledge_is_validated_without_touching_the_report(qtbot, window, monkeypatch):
    import pytest

    from gaic_desktop.core.rules import ExplanationError

    f = blank_warning(window)
    acks = window.report.acknowledgements
    writes = []

    class Watched(dict):
        def __setitem__(self, k, v):
            writes.append(k)
            super().__setitem__(k, v)

        def __delitem__(self, k):
            writes.append(k)
            super().__delitem__(k)

    window.report.acknowledgements = Watched(acks)
    with pytest.raises(ExplanationError):
        window.document.acknowledge(f, "核实无误")
    errors = next(e for e in window.document.findings if e.is_error) if any(
        e.is_error for e in window.document.findings) else None
    if errors is not None:
        with pytest.raises(ExplanationError):
            window.document.acknowledge(errors, "科研机构的申请数在原始台账中缺失，已向上级报备")
    assert writes == [] and window.document.undo_stack.count() == 1


def test_acknowledgement_undo_restores_the_previous_value_exactly(qtbot, window, monkeypatch):
    import copy

    from gaic_desktop.ui import commands, document

    f = blank_warning(window)
    doc = window.document
    doc.acknowledge(f, "科研机构的申请数在原始台账中缺失，已向上级报备")
    first = copy.deepcopy(window.report.acknowledgements[f.key])
    real = commands.acknowledge if hasattr(commands, "acknowledge") else document.acknowledge

    def in_place(report, finding, text):
        # a core that updates the stored object in place must not defeat undo
        ack = report.acknowledgements.get(finding.key)
        if ack is not None and hasattr(ack, "explanation"):
            ack.explanation = text
        else:
            real(report, finding, text)

    monkeypatch.setattr(commands, "acknowledge", in_place, raising=False)
    monkeypatch.setattr(document, "acknowledge", in_place, raising=False)
    f = next(x for x in doc.findings if x.key == f.key)
    doc.acknowledge(f, "科研机构一栏原始台账缺失，已书面报告上级机关")
    second = copy.deepcopy(window.report.acknowledgements[f.key])
    assert second != first
    doc.undo_stack.undo()
    assert window.report.acknowledgements[f.key] == first
    doc.undo_stack.undo()
    assert f.key not in window.report.acknowledgements
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    assert window.report.acknowledgements[f.key] == second
    doc.remove_acknowledgement(f.key)
    assert f.key not in window.report.acknowledgements
    doc.undo_stack.undo()
    assert window.report.acknowledgements[f.key] == second


def test_empty_findings_list_shows_a_calm_placeholder(qtbot, window):
    import datetime as dt

    panel = window.findings_panel
    from gaic_desktop.ui import lint_fix

    window.document.set_field("signoff.date", dt.date(2021, 1, 28), "修改落款日期")
    for path in ("sections.s1", "sections.s2"):  # its typing slips corrected
        assert lint_fix.fix_all(window, path, confirm=lambda text: True)
    assert window.document.findings == []  # the seed report, dated and corrected, is clean
    assert panel.list.count() == 0
    assert panel.stack.currentWidget() is panel.placeholder and panel.placeholder.isVisible()
    assert panel.placeholder.text() == "未发现错误或警告。"
    window.document.set_cells({"t3.new.natural": 205})
    assert panel.stack.currentWidget() is panel.list and panel.list.count() >= 1
    window.document.undo_stack.undo()
    assert panel.stack.currentWidget() is panel.placeholder


def test_panel_and_status_bar_count_warnings_the_same_after_an_explanation(qtbot, window, dialogs):
    """One definition of the counts: every warning counts, the explained ones named in brackets."""
    f = explain_blank_warning(qtbot, window, dialogs)
    panel = window.findings_panel
    assert f.key in window.report.acknowledgements
    fs = window.document.findings
    warnings = sum(1 for x in fs if not x.is_error)
    explained = sum(1 for x in fs if x.acknowledged)
    assert explained == 1 and warnings >= 2
    expected = f"警告 {warnings} 处（已说明 {explained} 处）"
    assert expected in window.counts_label.text()
    assert expected in panel.summary.text()
    assert window.counts_label.text() in panel.summary.text()
