"""storage.save and load at the edges of the file system: symbolic links, read-only files, stale
temporary files of killed saves, special files, and the Chinese text of system errors."""

import errno
import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from gaic_desktop.core import load, save
from gaic_desktop.core.storage import (ReadOnlyReportError, ReportFileError, _temp_prefix, backup_path,
                                       is_read_only, os_error_text)

from ..conftest import ROOT, SAMPLES

SEED = SAMPLES / "hanyang-2020.gaic.json"
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file system")


@pytest.fixture
def report():
    return load(SEED)


@posix
def test_saving_through_a_symlink_writes_its_target(tmp_path, report):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "real.gaic.json"
    save(report, real)
    link = tmp_path / "link.gaic.json"
    link.symlink_to(real)
    report.set_cell("t3.d1.natural", 9)
    save(report, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load(real).value("t3.d1.natural") == 9
    assert backup_path(link) == shared / "real.gaic.json.bak" and backup_path(link).is_file()
    assert not (tmp_path / "link.gaic.json.bak").exists()


@posix
def test_a_read_only_report_is_refused_and_left_alone(tmp_path, report):
    p = tmp_path / "r.gaic.json"
    save(report, p)
    os.chmod(p, 0o444)
    content = p.read_bytes()
    report.set_cell("t3.d1.natural", 9)
    with pytest.raises(ReadOnlyReportError) as exc:
        save(report, p)
    assert "只读" in str(exc.value) and "另存为" in str(exc.value)
    assert isinstance(exc.value, ReportFileError)
    assert is_read_only(p) and not is_read_only(tmp_path / "new.gaic.json")
    assert p.read_bytes() == content and (p.stat().st_mode & 0o777) == 0o444
    assert sorted(os.listdir(tmp_path)) == ["r.gaic.json"]  # no backup, no temp file
    other = tmp_path / "other.gaic.json"
    save(report, other)  # another name is fine (另存为)
    assert load(other).value("t3.d1.natural") == 9


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@posix
def test_stale_temp_files_of_that_report_are_removed_on_the_next_save_and_load(tmp_path, report):
    p = tmp_path / "r.gaic.json"
    save(report, p)
    dead = _temp_prefix(p).replace(f"-{os.getpid()}-", f"-{_dead_pid()}-") + "abc12345.tmp"
    dead_bak = _temp_prefix(backup_path(p)).replace(f"-{os.getpid()}-", f"-{_dead_pid()}-") + "zz_99999.tmp"
    old_style = ".r.gaic.json.k3j_x9q2.tmp"  # an earlier version's name: removed once a minute old
    fresh_old_style = ".r.gaic.json.a8d7ss0q.tmp"
    alive = _temp_prefix(p) + "live0001.tmp"  # this process: a save in progress
    other_report = ".q.gaic.json." + _temp_prefix(p).split(".gaic.json.")[1].replace(
        f"-{os.getpid()}-", f"-{_dead_pid()}-") + "abc12345.tmp"
    not_ours = ".r.gaic.json.notes.txt"
    for n in (dead, dead_bak, old_style, fresh_old_style, alive, other_report, not_ours):
        (tmp_path / n).write_bytes(b"partial")
    hour_ago = time.time() - 3600
    os.utime(tmp_path / old_style, (hour_ago, hour_ago))
    save(report, p)
    left = set(os.listdir(tmp_path))
    assert dead not in left and dead_bak not in left and old_style not in left
    assert {fresh_old_style, alive, other_report, not_ours} <= left
    os.utime(tmp_path / fresh_old_style, (hour_ago, hour_ago))
    load(p)
    assert fresh_old_style not in set(os.listdir(tmp_path))
    assert alive in set(os.listdir(tmp_path))


@posix
def test_a_fifo_and_devices_are_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.gaic.json"
    os.mkfifo(fifo)
    # open() of a FIFO without a writer blocks for ever: fail after a minute instead of hanging
    # the suite (a guard against a hang, not a speed limit)
    signal.alarm(60)
    try:
        with pytest.raises(ReportFileError, match="不是普通文件"):
            load(fifo)
        if os.path.exists("/dev/zero"):
            with pytest.raises(ReportFileError, match="不是普通文件"):
                load("/dev/zero")
    finally:
        signal.alarm(0)


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    from gaic_desktop.core import storage

    p = tmp_path / "big.gaic.json"
    p.write_bytes(SEED.read_bytes() + b" " * 2000)
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 1000)
    with pytest.raises(ReportFileError, match="过大"):
        load(p)


@pytest.mark.parametrize("code,text", [
    (errno.EISDIR, "是一个文件夹"), (errno.EACCES, "没有权限"), (errno.ENOSPC, "磁盘空间不足"),
    (errno.ENAMETOOLONG, "文件名过长"), (errno.EROFS, "只读文件系统"), (12345, "系统错误（错误代码 12345）"),
])
def test_system_errors_are_told_in_chinese(code, text):
    assert text in os_error_text(OSError(code, "English strerror"))
    assert "English" not in os_error_text(OSError(code, "English strerror"))


def test_save_errors_say_whether_an_original_file_exists(tmp_path, report):
    folder = tmp_path / "x.gaic.json"
    folder.mkdir()
    with pytest.raises(ReportFileError) as exc:
        save(report, folder)
    assert "文件夹" in str(exc.value) and "Is a directory" not in str(exc.value)
    with pytest.raises(ReportFileError) as exc:
        save(report, tmp_path / "missing-folder" / "r.gaic.json")
    assert "文件夹不存在" in str(exc.value) and "原文件未被改动" not in str(exc.value)
    with pytest.raises(ReportFileError) as exc:
        save(report, tmp_path / ("长" * 200 + ".gaic.json"))
    assert "文件名过长" in str(exc.value) and "原文件未被改动" not in str(exc.value)


@posix
def test_validate_refuses_special_files_without_a_traceback(tmp_path):
    fifo = tmp_path / "p.gaic.json"
    os.mkfifo(fifo)
    for target in (fifo, "/dev/zero"):
        out = subprocess.run([sys.executable, "-m", "gaic_desktop", "validate", str(target)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and "不是普通文件" in out.stderr and "Traceback" not in out.stderr


def test_load_is_read_only_for_the_file(tmp_path, report):
    p = tmp_path / "r.gaic.json"
    save(report, p)
    mode = stat.S_IMODE(p.stat().st_mode)
    mtime = p.stat().st_mtime_ns
    load(p)
    assert p.stat().st_mtime_ns == mtime and stat.S_IMODE(p.stat().st_mode) == mode


@posix
def test_reading_without_tidy_leaves_other_files_alone(tmp_path, report):
    """汇总 reads a folder of other units' files: it must not remove anything there."""
    p = tmp_path / "r.gaic.json"
    save(report, p)
    dead = _temp_prefix(p).replace(f"-{os.getpid()}-", f"-{_dead_pid()}-") + "abc12345.tmp"
    (tmp_path / dead).write_bytes(b"partial")
    load(p, tidy=False)
    assert dead in set(os.listdir(tmp_path))
    load(p)
    assert dead not in set(os.listdir(tmp_path))


@posix
def test_a_temp_file_of_another_users_running_save_is_kept(tmp_path, report, monkeypatch):
    """os.kill(pid, 0) on another user's live process raises PermissionError: that save is in
    progress, its temporary file must stay."""
    from gaic_desktop.core import storage

    p = tmp_path / "r.gaic.json"
    save(report, p)
    theirs = _temp_prefix(p).replace(f"-{os.getpid()}-", "-4000001-") + "abc12345.tmp"
    (tmp_path / theirs).write_bytes(b"{")

    def kill(pid, sig):
        if pid == 4000001:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return os.kill(pid, sig)

    monkeypatch.setattr(storage.os, "kill", kill)
    load(p)
    save(report, p)
    assert theirs in set(os.listdir(tmp_path))


@posix
def test_saving_syncs_the_folder_so_the_rename_survives_a_power_cut(tmp_path, report, monkeypatch):
    from gaic_desktop.core import storage

    synced = []
    real = os.fsync

    def fsync(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        return real(fd)

    monkeypatch.setattr(storage.os, "fsync", fsync)
    save(report, tmp_path / "r.gaic.json")
    assert False in synced and True in synced  # the file's data and then its folder
