"""A finding about the text shown in its narrative editor: the sentence selected and underlined
(``sentence_locate`` finds it). Used by the window when a finding is clicked."""

from __future__ import annotations

from ..core.rules import Finding
from .commands import get_path
from .sentence_locate import finding_sentence


def editor_for(window, section: str):
    """The editor of ``section``'s text and the tab it is on (the preface is on 基本信息)."""
    if section == "preface" and window.basic_tab is not None:
        return window.basic_tab.preface, window.basic_tab
    tab = window.section_tabs.get(section)
    return (tab.narrative, tab) if tab is not None else (None, None)


def show_sentence(window, finding: Finding) -> bool:
    """Select and underline the finding's sentence. When the finding's cells are on the same tab
    they keep the focus (the sentence is underlined above them); otherwise the sentence's tab is
    shown with the cursor in the sentence. False if the sentence is not in the text."""
    editor, tab = editor_for(window, finding.section or "")
    if editor is None:
        return False
    span = finding_sentence(editor.toPlainText(), list(get_path(window.report, editor.path)), finding)
    if span is None:
        return False
    if window.tabs.currentWidget() is not tab:
        window.tabs.setCurrentWidget(tab)
        editor.setFocus()
    editor.show_passage(*span)
    return True


def clear_sentence(window) -> None:
    """Another finding was clicked: the sentence shown before is neither underlined nor selected."""
    editors = [tab.narrative for tab in window.built_section_tabs()]  # (an unbuilt tab shows nothing)
    if window.basic_tab is not None:
        editors.append(window.basic_tab.preface)
    for ed in editors:
        if ed.finding_passage() is not None:
            ed.clear_passage()
