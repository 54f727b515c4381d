"""Lost updates: a file changed on disk since it was opened, a file open in another window or
process (lock naming who), read-only files."""

from __future__ import annotations

import getpass
import os
import socket
import stat
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QFileDialog

from gaic_desktop.core import load
from gaic_desktop.ui.file_lock import DiskStamp, ReportLock, changed_since, lock_path

REF = "t3.new.natural"


def choose_calls(dialogs, title=None):
    return [(t, x) for k, t, x in dialogs.calls if k == "choose" and (title is None or t == title)]


def someone_else_saves(path, value=999):
    other = load(path)
    other.set_cell(REF, value)
    from gaic_desktop.core import storage

    storage.save(other, path)
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_changed_on_disk_asks_and_cancel_keeps_both(qtbot, window, seed_path, dialogs):
    window.document.set_cells({REF: 11})
    someone_else_saves(seed_path)
    theirs = seed_path.read_bytes()
    dialogs.choice = 2  # 取消
    assert window.save() is False
    (title, text), = choose_calls(dialogs, "文件已被修改")
    assert "已被其他人或其他程序修改" in text and "您打开时：" in text and "现在的文件：" in text
    assert seed_path.read_bytes() == theirs and window.is_modified()


def test_changed_on_disk_overwrite(qtbot, window, seed_path, dialogs):
    window.document.set_cells({REF: 11})
    someone_else_saves(seed_path)
    dialogs.choice = 1  # 覆盖
    assert window.save()
    assert load(seed_path).stored(REF) == 11
    dialogs.calls.clear()
    window.document.set_cells({REF: 12})  # our own save is the new reference: no question now
    assert window.save() and not choose_calls(dialogs)


def test_changed_on_disk_save_as(qtbot, window, seed_path, dialogs, tmp_path, monkeypatch):
    window.document.set_cells({REF: 11})
    someone_else_saves(seed_path)
    theirs = seed_path.read_bytes()
    target = tmp_path / "mine.gaic.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialogs.choice = 0  # 另存为…
    assert window.save()
    assert seed_path.read_bytes() == theirs
    assert load(target).stored(REF) == 11 and window.current_path == str(target)


def test_touched_but_same_content_is_not_a_conflict(qtbot, window, seed_path, dialogs):
    window.document.set_cells({REF: 11})
    st = os.stat(seed_path)
    os.utime(seed_path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    assert window.save() and not choose_calls(dialogs)


def test_disk_stamp_detects_same_size_same_time_edits_only_by_content(tmp_path):
    p = tmp_path / "a.gaic.json"
    p.write_text("abc", encoding="utf-8")
    stamp = DiskStamp.of(p)
    assert changed_since(p, stamp) is None
    p.write_text("abd", encoding="utf-8")
    os.utime(p, ns=(stamp.mtime_ns, stamp.mtime_ns + 1))
    assert changed_since(p, stamp) is not None


def test_second_window_is_told_who_has_the_file(qtbot, make_window, seed_path, dialogs):
    first = make_window(load(seed_path), seed_path)
    assert first.file_lock is not None and first.file_lock.held
    assert lock_path(seed_path).exists()
    second = make_window()
    dialogs.choice = 0  # 只读打开
    assert second.open_file(str(seed_path), ask=False)
    (title, text), = choose_calls(dialogs, "文件已被打开")
    assert f"已由 {getpass.getuser()}@{socket.gethostname()}（进程 {os.getpid()}，自 " in text and "起）打开" in text
    assert second.read_only and "（只读）" in second.windowTitle()
    # 保存 in the read-only window asks for a new name (the fixture's dialog cancels)
    second.document.set_cells({REF: 5})
    before = seed_path.read_bytes()
    assert second.save() is False
    assert seed_path.read_bytes() == before


def test_second_window_cancel_and_open_anyway(qtbot, make_window, seed_path, dialogs):
    make_window(load(seed_path), seed_path)
    second = make_window()
    dialogs.choice = 2
    assert not second.open_file(str(seed_path), ask=False)
    assert second.current_path is None
    dialogs.choice = 1  # 仍然打开
    assert second.open_file(str(seed_path), ask=False)
    assert not second.read_only and second.file_lock is None


def test_closing_releases_the_lock(qtbot, make_window, seed_path, dialogs):
    first = make_window(load(seed_path), seed_path)
    first.close()
    assert not lock_path(seed_path).exists()
    second = make_window()
    assert second.open_file(str(seed_path), ask=False)
    assert not choose_calls(dialogs) and second.file_lock.held


def test_lock_of_a_live_other_process_and_a_dead_one(qtbot, make_window, seed_path, dialogs, tmp_path):
    code = textwrap.dedent(f"""
        import sys, time
        from gaic_desktop.ui.file_lock import ReportLock
        lock = ReportLock({str(seed_path)!r})
        assert lock.acquire()
        print("locked", flush=True)
        sys.stdin.readline()
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        assert proc.stdout.readline().strip() == "locked"
        w = make_window()
        dialogs.choice = 2
        assert not w.open_file(str(seed_path), ask=False)
        (title, text), = choose_calls(dialogs, "文件已被打开")
        assert f"（进程 {proc.pid}，自 " in text
    finally:
        proc.kill()
        proc.wait()
    # the process is gone, its lock file stays: stale, taken over without a question
    assert lock_path(seed_path).exists()
    dialogs.calls.clear()
    assert w.open_file(str(seed_path), ask=False)
    assert not choose_calls(dialogs) and w.file_lock.held


def test_save_as_onto_a_file_open_elsewhere_is_refused(qtbot, make_window, seed_path, dialogs, tmp_path,
                                                        monkeypatch):
    make_window(load(seed_path), seed_path)
    w = make_window(load(seed_path), None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(seed_path), "")))
    before = seed_path.read_bytes()
    w.document.set_cells({REF: 3})
    assert w.save() is False
    assert "不能覆盖" in choose_calls(dialogs, "文件已被打开")[0][1]
    assert seed_path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="chmod semantics")
def test_read_only_file_is_not_overwritten(qtbot, window, seed_path, dialogs, tmp_path, monkeypatch):
    window.document.set_cells({REF: 11})
    os.chmod(seed_path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 0444
    before = seed_path.read_bytes()
    dialogs.choice = 1  # 取消
    assert window.save() is False
    (title, text), = choose_calls(dialogs, "文件是只读的")
    assert "只读文件" in text
    assert seed_path.read_bytes() == before
    target = tmp_path / "copy.gaic.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    dialogs.choice = 0  # 另存为…
    assert window.save()
    assert load(target).stored(REF) == 11 and seed_path.read_bytes() == before
    os.chmod(seed_path, 0o644)


def test_save_error_from_the_core_is_shown(qtbot, window, dialogs, monkeypatch):
    from gaic_desktop.core import storage

    def refuse(*a, **k):
        raise storage.ReportFileError("“x”是只读文件，未保存。")

    monkeypatch.setattr(storage, "save", refuse)
    window.document.set_cells({REF: 11})
    assert window.save() is False
    assert "只读文件，未保存" in dialogs.texts("warning")[-1]
    assert window.is_modified()


def test_lock_owner_file_names_user_host_and_time(tmp_path):
    p = tmp_path / "r.gaic.json"
    p.write_text("{}", encoding="utf-8")
    a, b = ReportLock(p), ReportLock(p)
    assert a.acquire() and not b.acquire()
    owner = b.owner()
    assert owner.user == getpass.getuser() and owner.host == socket.gethostname() and owner.pid == os.getpid()
    assert owner.since.endswith(tuple("0123456789"))
    a.release()
    assert b.acquire()
    b.release()


def test_reopening_its_own_file_is_not_a_conflict(qtbot, window, seed_path, dialogs):
    assert window.open_file(str(seed_path), ask=False)
    assert not choose_calls(dialogs) and window.file_lock.held and not window.read_only


def test_overwrite_question_says_what_differs(qtbot, window, seed_path, dialogs):
    window.document.set_cells({REF: 11})
    someone_else_saves(seed_path, value=999)
    dialogs.choice = 2
    assert not window.save()
    (title, text), = choose_calls(dialogs, "文件已被修改")
    assert "与您的版本相比：1 个单元格不同" in text and "您的 11，文件中 999" in text


def test_started_with_a_file_open_elsewhere_asks_once_shown(qtbot, make_window, seed_path, dialogs):
    make_window(load(seed_path), seed_path)
    second = make_window(load(seed_path), seed_path)  # as run() does with a path on the command line
    assert second.file_lock is None
    dialogs.choice = 0
    second.warn_if_locked()
    assert second.read_only and "已由" in choose_calls(dialogs, "文件已被打开")[0][1]
    third = make_window(load(seed_path), seed_path)
    dialogs.choice = 2  # 取消: the file is not shown
    third.warn_if_locked()
    assert third.current_path is None


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_link_and_its_target_share_one_lock(qtbot, make_window, seed_path, tmp_path, dialogs):
    link = tmp_path / "link.gaic.json"
    link.symlink_to(seed_path)
    make_window(load(seed_path), seed_path)
    second = make_window()
    dialogs.choice = 2
    assert not second.open_file(str(link), ask=False)
    assert choose_calls(dialogs, "文件已被打开")


def test_a_bundled_sample_is_opened_without_lock_files(qtbot, make_window, dialogs):
    """The program folder may be read-only and is removed by the uninstaller: opening a sample
    there leaves no .~….lock / .~….owner behind (found by the Windows uninstall smoke test)."""
    from gaic_desktop.core.formats import resources_dir

    sample = resources_dir() / "samples" / "hanyang-2020.gaic.json"
    w = make_window(load(sample), sample)
    assert w.file_lock is None
    assert not lock_path(sample).exists()
    assert not list(sample.parent.glob(".~*"))
