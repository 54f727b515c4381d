"""Typing stays cheap: no work on a keystroke that cannot change its result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from gaic_desktop.ui import section_tab
from gaic_desktop.ui.table_model import EDITING_FRAME, ERROR_BG


def count_standard(monkeypatch):
    calls = []
    real = section_tab.standard_paragraphs
    monkeypatch.setattr(section_tab, "standard_paragraphs", lambda r: calls.append(1) or real(r))
    return calls


def test_typing_text_does_not_recompute_standard_sentences(window, qtbot, monkeypatch):
    calls = count_standard(monkeypatch)
    window.tabs.setCurrentWidget(window.basic_tab)
    f = window.basic_tab.fields["contact.person"]
    f.setFocus()
    qtbot.keyClicks(f, "abc")
    nar = window.section_tabs["s1"].narrative
    nar.setFocus()
    nar.textCursor().insertText("新段落")
    assert calls == []


def test_standard_button_follows_stored_cells_not_preview(window, t3, qtbot, monkeypatch):
    for tab in window.section_tabs.values():  # tabs build when first shown: build them all
        tab.ensure_built()
    calls = count_standard(monkeypatch)
    t3.setCurrentIndex(t3.table_model.index_of("t3.new.research"))
    t3.setFocus()
    qtbot.keyClick(t3, "1")
    qtbot.keyClicks(t3.focusWidget(), "23")
    assert calls == []  # previewed, not stored
    qtbot.keyClick(t3.focusWidget(), Qt.Key.Key_Return)
    assert len(calls) == 3  # stored: once per section with standard sentences (二, 三, 四)


def test_a_tab_not_yet_shown_does_no_work_and_shows_the_cells_stored_meanwhile(window, monkeypatch):
    calls = count_standard(monkeypatch)
    tab = window.section_tabs["s3"]
    assert not tab.is_built
    window.document.set_cells({r: None for r in window.report.cells()
                               if r.startswith("t3.") and not window.report.is_auto(r)})
    assert calls == []  # no section tab is built yet: nothing to update
    window.tabs.setCurrentWidget(tab)
    assert tab.is_built and tab.isVisible() and not tab.standard_button.isEnabled()
    view = window.table_view("t3")
    assert view.isVisible() and view.table_model.index_of("t3.new.natural").data() in (None, "")


def test_standard_button_disabled_for_blank_table(window):
    tab = window.section_tabs["s3"]
    assert tab.standard_button.isEnabled()
    window.document.set_cells({r: None for r in window.report.cells()
                               if r.startswith("t3.") and not window.report.is_auto(r)})
    assert not tab.standard_button.isEnabled()


def test_editor_style_sheet_set_only_when_state_changes(window, t3, qtbot, monkeypatch):
    sheets = []
    real = QLineEdit.setStyleSheet
    monkeypatch.setattr(QLineEdit, "setStyleSheet", lambda self, css: sheets.append(css) or real(self, css))
    t3.setCurrentIndex(t3.table_model.index_of("t3.new.research"))
    t3.setFocus()
    qtbot.keyClick(t3, "1")  # 一+二＝三+四 no longer holds: the error colour
    qtbot.keyClicks(t3.focusWidget(), "1111")  # still an error: no new style sheet
    assert sheets == [f"QLineEdit {{ background: {ERROR_BG.name()}; border: 2px solid {EDITING_FRAME.name()}; }}"]
