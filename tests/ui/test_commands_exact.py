"""Undo puts the report back exactly (model_dump equal), and no-op typing leaves no step."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt


def test_totals_mode_undo_restores_cells_exactly(window):
    rep, doc = window.report, window.document
    orig = copy.deepcopy(rep.model_dump())
    doc.set_totals_mode("printed")
    total = next(r for r, i in rep.cells().items() if i.auto_total)
    doc.set_cells({total: "999"})
    doc.set_totals_mode("auto")
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert rep.model_dump() == orig


def test_totals_mode_undo_uses_core_snapshot(window, monkeypatch):
    rep, doc = window.report, window.document
    calls = []
    real = type(rep).restore_cells
    monkeypatch.setattr(type(rep), "restore_cells", lambda self, snap: calls.append(snap) or real(self, snap))
    snap = rep.cells_snapshot()
    doc.set_totals_mode("printed")
    doc.undo_stack.undo()
    assert calls == [snap]


def test_undo_of_narrative_keeps_absent_and_empty_apart(window):
    rep, doc = window.report, window.document
    rep.sections.pop("s6", None)
    rep.sections["s5"] = []
    orig = copy.deepcopy(rep.model_dump())
    doc.set_field("sections.s6", ["新段落"], "编辑", merge=False)
    doc.set_field("sections.s5", ["另一段"], "编辑", merge=False)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert "s6" not in rep.sections
    assert rep.sections["s5"] == []
    assert rep.model_dump() == orig


def test_typing_then_deleting_leaves_no_step(window, qtbot):
    window.tabs.setCurrentWidget(window.basic_tab)
    f = window.basic_tab.fields["contact.person"]
    f.setFocus()
    f.end(False)
    count = window.document.undo_stack.count()
    qtbot.keyClicks(f, "ab")
    assert window.is_modified()
    qtbot.keyClick(f, Qt.Key.Key_Backspace)
    qtbot.keyClick(f, Qt.Key.Key_Backspace)
    assert window.document.undo_stack.count() == count
    assert not window.is_modified()
    assert not window.isWindowModified()
