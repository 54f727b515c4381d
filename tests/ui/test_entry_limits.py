"""The window applies the file's limits where a value enters (issue: whatever can be saved can
be loaded): a refused value is told in Chinese and changes nothing, no undo step."""
from __future__ import annotations

import pytest

from gaic_desktop.core.limits import MAX_NARRATIVE_CHARS, MAX_SHORT_TEXT
from gaic_desktop.core.values import MAX_COUNT, CellValueError


def refusals(dialogs):
    return [text for kind, title, text in dialogs.calls if kind == "choose" and title == "未能修改"]


def test_an_organisation_over_the_limit_is_refused_where_it_is_typed(qtbot, window, dialogs):
    field = window.basic_tab.fields["organisation"]
    before, steps = window.report.organisation, window.document.undo_stack.count()
    field.setText("某" * (MAX_SHORT_TEXT + 1))  # as a paste into the line edit
    field.textEdited.emit(field.text())
    assert window.report.organisation == before
    assert window.document.undo_stack.count() == steps
    assert field.text() == before  # the editor shows the stored value again
    (message,) = refusals(dialogs)
    assert "机关名称" in message and str(MAX_SHORT_TEXT) in message
    field.setText("某某区人民政府")  # within the limit: accepted
    field.textEdited.emit(field.text())
    assert window.report.organisation == "某某区人民政府"


def test_narrative_over_the_limit_is_refused(qtbot, window, dialogs):
    before, steps = list(window.report.sections["s1"]), window.document.undo_stack.count()
    assert not window.document.set_field("sections.s1", ["字" * (MAX_NARRATIVE_CHARS + 1)], "编辑")
    assert window.report.sections["s1"] == before and window.document.undo_stack.count() == steps
    assert refusals(dialogs) and "正文" in refusals(dialogs)[0]


def test_cells_whose_calculated_total_would_be_out_of_range_are_refused_together(qtbot, window):
    values = {"t3.new.natural": MAX_COUNT, "t3.new.business": MAX_COUNT}  # each alone is legal
    steps = window.document.undo_stack.count()
    with pytest.raises(CellValueError, match="999999999"):
        window.document.set_cells(values)
    assert window.report.stored("t3.new.natural") != MAX_COUNT
    assert window.document.undo_stack.count() == steps


def test_switching_to_printed_totals_out_of_range_changes_nothing(qtbot, window, dialogs):
    report = window.report
    report.set_cell("t3.new.natural", MAX_COUNT)  # e.g. an import: the core does not refuse it
    report.set_cell("t3.new.business", MAX_COUNT)
    steps = window.document.undo_stack.count()
    assert not window.document.set_totals_mode("printed")
    assert report.totals_mode == "auto" and window.document.undo_stack.count() == steps
    assert any("照印刷录入" in text for text in refusals(dialogs))
