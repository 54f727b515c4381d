"""Atomic file writing (temporary file, fsync, replace, folder fsync) and the temporary files that
killed writes leave behind (``.<name>.<host>-<pid>-<random>.tmp``; removed once stale). Used for
report files (``core.storage``), exported documents and 汇总 outputs."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import stat
import tempfile
import time
from pathlib import Path


# Temporary file of a save: .<name>.<host>-<pid>-<random>.tmp (older versions: .<name>.<random>.tmp)
_HOST = hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]
STALE_TEMP_SECONDS = 60


def _temp_prefix(path: Path) -> str:
    return f".{path.name}.{_HOST}-{os.getpid()}-"


def _remove_stale_temps(target: Path) -> None:
    """Remove the temporary files that killed saves of ``target`` (or of its backup) left: only
    names of our pattern, and only stale ones — written by a process of this computer that no
    longer runs, or untouched for a minute. A save in progress elsewhere is never disturbed."""
    head = f".{target.name}."
    pattern = re.compile(r"(?:bak\.)?(?:([0-9a-f]{6})-(\d+)-)?[A-Za-z0-9_]{6,}\.tmp")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    now = time.time()
    for n in names:
        if not n.startswith(head):
            continue
        m = pattern.fullmatch(n[len(head):])
        if not m:
            continue
        f = target.parent / n
        try:
            st = f.lstat()
            if not stat.S_ISREG(st.st_mode):
                continue
            dead = m.group(1) == _HOST and not _pid_alive(int(m.group(2)))
            if dead or now - st.st_mtime > STALE_TEMP_SECONDS:
                f.unlink()
        except (OSError, ValueError):
            continue


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # our own save of a moment ago cannot be in progress here
    if os.name != "posix":
        return True  # no cheap check: rely on the age
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that it is either as it was or complete with ``data``: a
    temporary file in the same folder (flushed, fsynced, the old file's permissions), then
    ``os.replace`` and an fsync of the folder. Raises OSError; nothing is left behind then."""
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        copy_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def copy_mode(existing: Path, tmp: str) -> None:
    """mkstemp creates 0600 files; keep the permissions the file had (or the umask default),
    so a report in a shared folder stays readable by colleagues."""
    try:
        mode = existing.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
