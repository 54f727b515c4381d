"""Autosave within seconds of an edit; one recovery slot per window and process; recovery
offers every orphaned slot and never a live one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QMessageBox

from gaic_desktop.core import load
from gaic_desktop.ui.recovery import DEBOUNCE_MS, Slot

REF = "t3.new.natural"


def test_recovery_file_present_soon_after_an_edit(qtbot, make_window, seed_path):
    w = make_window(load(seed_path), seed_path, autosave=True)
    assert w.autosaver.timer.interval() >= 60_000  # the periodic one alone would be far too late
    assert DEBOUNCE_MS <= 1000
    assert not w.autosaver.file.exists()
    w.document.set_cells({REF: 4711})
    qtbot.waitUntil(lambda: w.autosaver.file.exists(), timeout=2000)
    assert load(w.autosaver.file).stored(REF) == 4711


def test_typing_in_a_narrative_is_autosaved(qtbot, make_window, seed_path):
    w = make_window(load(seed_path), seed_path, autosave=True)
    editor = w.section_tabs["s1"].narrative
    editor.insertPlainText("新增一句。")
    qtbot.waitUntil(lambda: w.autosaver.file.exists(), timeout=2000)
    assert "新增一句。" in "".join(load(w.autosaver.file).sections["s1"])


def test_two_windows_two_recovery_files(qtbot, make_window, seed_path, tmp_path):
    other = tmp_path / "other.gaic.json"
    shutil.copy(seed_path, other)
    w1 = make_window(load(seed_path), seed_path, autosave=True)
    w2 = make_window(load(other), other, autosave=True)
    w3 = make_window(None, None, autosave=True)  # an unnamed report too
    w1.document.set_cells({REF: 1})
    w2.document.set_cells({REF: 2})
    w3.document.set_cells({REF: 3})
    files = [w.autosaver.file for w in (w1, w2, w3)]
    qtbot.waitUntil(lambda: all(f.exists() for f in files), timeout=3000)
    assert len(set(files)) == 3
    assert [load(f).stored(REF) for f in files] == [1, 2, 3]
    # none of them is an orphan while its window runs
    w4 = make_window(None, None, autosave=True)
    assert w4.autosaver.orphans() == []
    assert not w4.offer_recovery()


def crash(make_window, path, value):
    w = make_window(load(path), path, autosave=True)
    w.document.set_cells({REF: value})
    assert w.autosaver.autosave()
    w.autosaver.release()  # a crash: the lock goes, the recovery file stays
    w.release_file()
    return w


def test_recovery_offers_every_orphan(qtbot, make_window, seed_path, tmp_path, dialogs):
    other = tmp_path / "other.gaic.json"
    shutil.copy(seed_path, other)
    crash(make_window, seed_path, 11)
    crash(make_window, other, 22)
    w = make_window(None, None, autosave=True)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w.offer_recovery()
    asked = dialogs.texts("question")
    assert len(asked) == 2 and "（共 2 份，这是第 1 份）" in asked[0] and "这是第 2 份" in asked[1]
    shown = [w, *w.spawned]
    assert len(shown) == 2
    assert sorted(x.report.stored(REF) for x in shown) == [11, 22]
    assert {x.current_path for x in shown} == {str(seed_path), str(other)}
    for x in shown:
        assert x.is_modified() and x.autosaver.file.exists()  # adopted: still protected
        assert x.save()
        assert not x.autosaver.file.exists()
    for x in w.spawned:
        x._force_modified = False
        x.close()


def test_refused_orphan_is_deleted_and_not_offered_again(qtbot, make_window, seed_path, dialogs):
    crashed = crash(make_window, seed_path, 5)
    w = make_window(None, None, autosave=True)
    dialogs.answer = QMessageBox.StandardButton.No
    assert not w.offer_recovery()
    assert not crashed.autosaver.file.exists()
    assert w.autosaver.orphans() == []


def _other_process(folder, kill_itself: bool):
    code = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        from gaic_desktop.ui.recovery import Slot
        slot = Slot.new(Path({str(folder)!r}))
        assert slot.take()
        slot.file.write_text("{{}}", encoding="utf-8")
        print(slot.stem, flush=True)
        if {kill_itself!r}:
            os._exit(9)  # dies holding the lock: it goes stale
        sys.stdin.readline()
    """)
    return subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))


def test_slot_of_a_live_process_is_not_offered_a_dead_ones_is(qtbot, make_window, tmp_path):
    folder = tmp_path / "recovery"
    folder.mkdir(exist_ok=True)
    live = _other_process(folder, kill_itself=False)
    try:
        live_stem = live.stdout.readline().strip()
        dead = _other_process(folder, kill_itself=True)
        dead_stem = dead.stdout.readline().strip()
        dead.wait()
        w = make_window(None, None, autosave=True)
        stems = [s.stem for s in w.autosaver.orphans()]
        assert dead_stem in stems and live_stem not in stems
    finally:
        live.kill()
        live.wait()


def test_slot_names_are_unique_per_window(tmp_path):
    a, b = Slot.new(tmp_path), Slot.new(tmp_path)
    assert a.stem != b.stem and str(os.getpid()) in a.stem


def test_recovery_does_not_replace_a_file_the_window_shows(qtbot, make_window, seed_path, tmp_path, dialogs):
    other = tmp_path / "other.gaic.json"
    shutil.copy(seed_path, other)
    crash(make_window, other, 33)
    w = make_window(load(seed_path), seed_path, autosave=True)  # started with a file
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w.offer_recovery()
    assert w.current_path == str(seed_path) and not w.is_modified()
    (restored,) = w.spawned
    assert restored.current_path == str(other) and restored.report.stored(REF) == 33
    restored._force_modified = False
    restored.document.undo_stack.setClean()
    restored.close()


def test_recovery_of_the_file_the_window_was_started_with_uses_that_window(qtbot, make_window, seed_path,
                                                                            dialogs):
    """Started again with the file after a crash: the recovered edits replace the unchanged copy
    in the same window, never a second window on the same file (found in the X walkthrough)."""
    crash(make_window, seed_path, 44)
    w = make_window(load(seed_path), seed_path, autosave=True)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w.offer_recovery()
    assert w.spawned == []
    assert w.current_path == str(seed_path) and w.report.stored(REF) == 44 and w.is_modified()
    assert w.file_lock is not None
    w._force_modified = False
    w.document.undo_stack.setClean()
