"""Backups are reachable: 「从备份恢复」 in the damaged-file message and in the 文件 menu."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from gaic_desktop.core import load, save, storage
from gaic_desktop.ui import messages

REF = "t3.new.natural"


def test_menu_has_restore_from_backup(qtbot, window):
    act = window.actions["restore_backup"]
    assert act in window.file_menu.actions() and act.text() == "从备份恢复(&B)…"


def _two_versions(seed_path):
    older = load(seed_path)
    older.set_cell(REF, 101)
    save(older, seed_path)
    newer = load(seed_path)
    newer.set_cell(REF, 202)
    save(newer, seed_path)  # keeps the version with 101 as .bak
    bak = storage.backup_path(seed_path)
    assert load(bak).stored(REF) == 101
    return bak


def test_restore_from_backup_via_menu(qtbot, make_window, seed_path, dialogs, monkeypatch):
    bak = _two_versions(seed_path)
    w = make_window(load(seed_path), seed_path)
    seen = {}

    def fake_open(parent, caption, start, flt, **k):
        seen.update(caption=caption, start=start, filter=flt)
        return str(bak), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake_open))
    asked = []
    monkeypatch.setattr(messages, "choose", lambda parent, title, text, buttons, *a, **k:
                        asked.append((title, text, buttons)) or 0)
    w.actions["restore_backup"].trigger()
    assert seen["caption"] == "从备份恢复" and seen["start"] == str(bak) and "*.bak" in seen["filter"]
    title, text, buttons = asked[0]
    assert title == "从备份恢复" and buttons == ["从备份恢复", "取消"] and bak.name in text
    assert w.report.stored(REF) == 101 and w.current_path == str(seed_path) and w.is_modified()
    assert load(seed_path).stored(REF) == 202  # nothing written yet
    assert w.save()
    assert load(seed_path).stored(REF) == 101
    assert load(bak).stored(REF) == 202  # the replaced version is the new backup


def test_restore_cancelled_changes_nothing(qtbot, make_window, seed_path, dialogs, monkeypatch):
    bak = _two_versions(seed_path)
    w = make_window(load(seed_path), seed_path)
    dialogs.choice = 1
    assert not w.restore_from_backup(str(bak))
    assert w.report.stored(REF) == 202 and not w.is_modified()


def test_restore_refuses_a_file_that_is_not_a_backup(qtbot, window, seed_path, dialogs):
    assert not window.restore_from_backup(str(seed_path))
    assert "以“.bak”结尾" in dialogs.texts("warning")[-1]


def test_damaged_file_message_offers_restore(qtbot, make_window, seed_path, dialogs):
    bak = _two_versions(seed_path)
    seed_path.write_text("{", encoding="utf-8")
    w = make_window()
    dialogs.choice = 0
    assert w.open_file(str(seed_path), ask=False)
    title, text = [(t, x) for k, t, x in dialogs.calls if k == "choose"][0]
    assert "可以从上次保存前的备份恢复" in text and bak.name in text
    assert w.report.stored(REF) == 101 and w.current_path == str(seed_path)
    assert w.save()
    assert load(bak).stored(REF) == 101  # the good backup is kept, not replaced by the damaged file
