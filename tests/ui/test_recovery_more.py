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
