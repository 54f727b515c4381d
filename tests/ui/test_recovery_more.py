"""Autosave/recovery details: undone edits, a file changed after the autosave, odd meta files."""

from __future__ import annotations

import json
import os

from PySide6.QtWidgets import QMessageBox

from gaic_desktop.core import load


def test_undo_back_to_saved_state_discards_recovery_file(make_window, seed_path):
    w = make_window(load(seed_path), seed_path, autosave=True)
    w.document.set_cells({"t3.new.natural": 1234})
    assert w.autosaver.autosave()
    assert w.autosaver.file.exists()
    w.document.undo_stack.undo()
    assert not w.is_modified()
    assert not w.autosaver.file.exists()


def crash_with_autosave(make_window, seed_path, value=4321):
    w = make_window(load(seed_path), seed_path, autosave=True)
    w.document.set_cells({"t3.new.natural": value})
    assert w.autosaver.autosave()
    w.autosaver.release()  # a crash: the lock goes, the recovery file stays
    return w


def test_recovery_after_original_changed_opens_unnamed(make_window, seed_path, dialogs):
    crash_with_autosave(make_window, seed_path)
    newer = seed_path.read_bytes() + b"\n"
    seed_path.write_bytes(newer)  # saved elsewhere after the autosave
    st = os.stat(seed_path)
    os.utime(seed_path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    w2 = make_window(None, None, autosave=True)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w2.offer_recovery()
    assert "原文件在自动保存之后又被修改过" in dialogs.texts("question")[-1]
    assert w2.current_path is None
    assert w2.report.stored("t3.new.natural") == 4321
    assert w2.is_modified()
    assert w2.save() is False  # asks for a name (the fixture's dialog cancels) ...
    assert seed_path.read_bytes() == newer  # ... and the newer file is untouched


def test_recovery_of_unchanged_original_keeps_its_path(make_window, seed_path, dialogs):
    crash_with_autosave(make_window, seed_path)
    w2 = make_window(None, None, autosave=True)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w2.offer_recovery()
    text = dialogs.texts("question")[-1]
    assert "原文件在自动保存之后又被修改过" not in text
    assert f"原文件：{seed_path.name}\n所在文件夹：{seed_path.parent}" in text and "自动保存于：" in text
    assert w2.current_path == str(seed_path)


def test_meta_that_is_not_an_object_means_no_recovery_info(make_window, seed_path, dialogs):
    crashed = crash_with_autosave(make_window, seed_path)
    crashed.autosaver.meta.write_text(json.dumps(["not", "an", "object"]), encoding="utf-8")
    w2 = make_window(None, None, autosave=True)
    orphan, = w2.autosaver.orphans()
    assert orphan.info() == {}
    orphan.release()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w2.offer_recovery()
    assert w2.current_path is None
