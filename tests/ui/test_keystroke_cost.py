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


def test_tabs_built_in_any_order_keep_the_focus_order_of_the_form(window, qtbot):
    """Tab moves through 基本信息, then the sections 一 … 六 in order, then the findings panel,
    whichever order the section tabs were first shown in (their widgets are created then)."""
    for i in (4, 2, 6, 1, 3, 5, 0):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(1)
    tabs = list(window.section_tabs.values())
    assert all(tab.is_built for tab in tabs)
    order = []
    w = window.nextInFocusChain()
    while w is not window:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None:
            owner = next((k for k, tab in enumerate(tabs) if tab.isAncestorOf(w)), None)
            if owner is not None:
                order.append(owner)
            elif w is window.findings_panel.list:
                order.append("findings")
        w = w.nextInFocusChain()
    sections = [k for k in order if k != "findings"]
    assert sections == sorted(sections) and set(sections) == set(range(6))
    assert order[-1] == "findings"  # the panel comes after every section


def _type_in_t3(qtbot, t3, keys: str) -> None:
    from test_typing import editor_of, start_at  # tests/ui is on sys.path

    start_at(qtbot, t3, "t3.new.natural")
    qtbot.keyClick(t3, Qt.Key.Key_F2)
    editor = editor_of(t3)
    editor.end(False)
    for key in keys:
        qtbot.keyClicks(editor, key) if key != "\b" else qtbot.keyClick(editor, Qt.Key.Key_Backspace)


def test_a_keystroke_in_a_cell_does_not_lint_the_text_again(window, t3, qtbot, monkeypatch):
    """Every keystroke evaluates the rules again; the text lint (X-8, ~1 ms of the ~1.7 ms the
    rules took per keystroke on the seed) is only run when the text changed."""
    from gaic_desktop.core import lint

    calls = []
    real = lint.lint_paragraphs
    monkeypatch.setattr(lint, "lint_paragraphs", lambda paras, field: calls.append(field) or real(paras, field))
    _type_in_t3(qtbot, t3, "5\b5\b")
    assert window.document.states.get("t3.new.natural") is None  # the last key put it back
    assert calls == []
    # the text changed: linted again, and its new slip is listed
    before = sum(1 for f in window.document.findings if f.rule_id == "X-8")
    window.document.report.sections["s6"].append("新增一段,带半角逗号。")
    window.document.changed(field="sections.s6")
    assert calls
    assert sum(1 for f in window.document.findings if f.rule_id == "X-8") == before + 1


def test_a_keystroke_replaces_only_the_findings_entries_it_changes(window, t3, qtbot):
    """The findings list is not rebuilt on every keystroke: the entries that stay keep their
    items (rebuilding laid out and painted every entry again), and the list reads as a list
    built afresh would."""
    from gaic_desktop.ui.findings import FindingsPanel

    panel = window.findings_panel
    items = {panel.list.item(i).text(): panel.list.item(i) for i in range(panel.list.count())}
    _type_in_t3(qtbot, t3, "5")  # 一+二＝三+四 breaks: two errors and a warning come
    assert window.document.states.get("t3.new.natural") == "error"
    after = [panel.list.item(i) for i in range(panel.list.count())]
    assert len(after) == len(items) + 3
    kept = [it for it in after if it.text() in items]
    assert len(kept) == len(items) and all(it is items[it.text()] for it in kept)
    fresh = FindingsPanel(window.document)
    assert [it.text() for it in after] == [fresh.list.item(i).text() for i in range(fresh.list.count())]
    assert [it.foreground().color().name() for it in after] == \
        [fresh.list.item(i).foreground().color().name() for i in range(fresh.list.count())]
    fresh.deleteLater()
    # a selected entry stays selected while others come and go
    panel.list.setCurrentRow(len(after) - 1)
    selected = panel.current_finding() or panel.list.currentItem().text()
    _type_in_t3(qtbot, t3, "\b")
    assert panel.list.count() == len(items)
    now = panel.current_finding() or panel.list.currentItem().text()
    assert getattr(now, "key", now) == getattr(selected, "key", selected)


def test_entries_are_measured_once_for_their_text_and_width(window, t3, qtbot, monkeypatch):
    """Inserting an entry makes the list lay out every entry again; the wrapped height of a text
    already measured at this width is not measured again (it was, for every entry, every time)."""
    from PySide6.QtWidgets import QStyledItemDelegate

    def type_and_lay_out(keys: str) -> None:
        for key in keys:
            _type_in_t3(qtbot, t3, key)
            window.findings_panel.list.doItemsLayout()

    type_and_lay_out("5\b")  # the entries of both states have been laid out once
    measured = []
    real = QStyledItemDelegate.sizeHint
    monkeypatch.setattr(QStyledItemDelegate, "sizeHint",
                        lambda self, option, index: measured.append(index.row()) or real(self, option, index))
    type_and_lay_out("5\b5")
    assert window.document.states.get("t3.new.natural") == "error"
    assert measured == []
