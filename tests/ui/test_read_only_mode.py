"""只读 mode is shown where the officer looks — a bar above the tabs, in Chinese, saying why and
what to do (另存为) — and the report cannot be changed in that window (issue 10)."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog

from gaic_desktop.core import load
from tests.ui.test_sharing import REF, choose_calls


def read_only_second_window(make_window, seed_path, dialogs):
    make_window(load(seed_path), seed_path)
    second = make_window()
    dialogs.choice = 0  # 只读打开
    assert second.open_file(str(seed_path), ask=False)
    dialogs.calls.clear()
    return second


def bar_text(window) -> str:
    bar = getattr(window, "read_only_bar", None)
    assert bar is not None and bar.isVisible(), "no 只读 bar shown"
    return bar.label.text()


def test_a_window_opened_read_only_says_so_above_the_tabs(qtbot, make_window, seed_path, dialogs):
    w = read_only_second_window(make_window, seed_path, dialogs)
    text = bar_text(w)
    assert text.startswith("只读：") and seed_path.name in text and "另存为" in text
    bar = w.read_only_bar
    assert bar.mapTo(w, bar.rect().topLeft()).y() < w.tabs.mapTo(w, w.tabs.rect().topLeft()).y()
    assert bar.save_as_button.text() == "另存为…"


def test_nothing_can_be_changed_in_a_read_only_window(qtbot, make_window, seed_path, dialogs):
    w = read_only_second_window(make_window, seed_path, dialogs)
    before = w.report.stored(REF)
    # typing into a cell opens no editor
    view = w.table_view("t3")
    w.tabs.setCurrentWidget(w.section_tab_for_table("t3"))
    view.setCurrentIndex(view.table_model.index_of(REF))
    view.setFocus()
    qtbot.keyClicks(view, "9")
    assert view.state() != QAbstractItemView.State.EditingState
    assert view.cell_hint().isVisible() and "另存为" in view.cell_hint().text()  # said where typed
    assert w.report.stored(REF) == before
    # the text editors and fields are read-only
    assert w.section_tabs["s3"].narrative.isReadOnly()
    assert all(e.isReadOnly() for e in w.basic_tab.findChildren(type(w.basic_tab.preface)))
    # any other way (paste, a menu, the findings panel) is refused with the way out offered
    w.document.set_cells({REF: 5})
    assert w.report.stored(REF) == before and not w.is_modified()
    (title, text), = choose_calls(dialogs, "只读")
    assert "另存为" in text
    assert w.document.set_field("sections.s5", ["新的一段。"], "编辑") is False
    assert not w.is_modified()


def test_save_as_ends_read_only_mode(qtbot, make_window, seed_path, dialogs, tmp_path, monkeypatch):
    w = read_only_second_window(make_window, seed_path, dialogs)
    target = tmp_path / "mine.gaic.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(w.read_only_bar.save_as_button, Qt.MouseButton.LeftButton)
    assert target.exists() and w.current_path == str(target)
    assert not w.read_only and not w.read_only_bar.isVisible()
    assert not w.section_tabs["s3"].narrative.isReadOnly()
    w.document.set_cells({REF: 5})
    assert w.report.stored(REF) == 5


@pytest.mark.skipif(os.name != "posix", reason="chmod semantics (mode bits count for root too)")
def test_a_read_only_file_opens_read_only(qtbot, make_window, seed_path, dialogs):
    os.chmod(seed_path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        w = make_window(load(seed_path), seed_path)
        assert w.read_only and "只读文件" in bar_text(w)
    finally:
        os.chmod(seed_path, 0o644)


def test_the_text_fix_buttons_are_disabled_in_a_read_only_window(qtbot, make_window, seed_path, dialogs):
    """The seed's typing slips (X-8) are listed, but 修正 / 全部修正… cannot change a 只读 file."""
    w = read_only_second_window(make_window, seed_path, dialogs)
    panel = w.findings_panel
    panel.set_group_open("sections.s1", True)
    row = next(i for i in range(panel.list.count()) if "空格应删去" in panel.list.item(i).text())
    panel.list.setCurrentRow(row)
    fix_button, all_button = w.lint_buttons
    assert fix_button.isVisible() and not fix_button.isEnabled() and not all_button.isEnabled()
