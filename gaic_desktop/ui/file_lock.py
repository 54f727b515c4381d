"""Who has a report open, and whether it changed on disk since we read or wrote it.

* ``DiskStamp`` — modification time, size and SHA-256 of the file as last read or written.
  ``changed_since(stamp)`` tells whether someone else wrote it since (a touch that leaves the
  content alone does not count).
* ``ReportLock`` — a QLockFile ``.~<name>.lock`` beside the report while a window has it open,
  with ``.~<name>.owner`` naming the user, the computer and since when. A lock left by a
  process that no longer runs on this computer is stale and taken over (QLockFile checks the
  process id); a lock from another computer is shown as it is (the user may open anyway).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

MAX_HASH_BYTES = 256 * 1024 * 1024  # never read more than this to compare


@dataclass(frozen=True)
class DiskStamp:
    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, path: str | os.PathLike) -> DiskStamp | None:
        """The file's stamp now; None if it cannot be read (gone, no permission, not a file)."""
        try:
            st = os.stat(path)
            if not os.path.isfile(path) or st.st_size > MAX_HASH_BYTES:
                return None
            with open(path, "rb") as f:
                digest = hashlib.sha256(f.read(MAX_HASH_BYTES)).hexdigest()
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size, digest)

    def when(self) -> str:
        t = dt.datetime.fromtimestamp(self.mtime_ns / 1e9)
        return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}"


def changed_since(path: str | os.PathLike, stamp: DiskStamp | None) -> DiskStamp | None:
    """The file's new stamp if its content differs from ``stamp``; None if unchanged, gone,
    or no stamp is known."""
    if stamp is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None  # gone: nothing to overwrite
    if st.st_mtime_ns == stamp.mtime_ns and st.st_size == stamp.size:
        return None
    now = DiskStamp.of(path)
    if now is None or now.sha256 == stamp.sha256:
        return None
    return now


def in_program_folder(path: str | os.PathLike) -> bool:
    """Whether ``path`` lies in the program's own resources (the bundled samples): never saved in
    place, often read-only, and removed by the uninstaller — no lock files are left there."""
    from ..core.formats import resources_dir

    try:
        Path(path).resolve().relative_to(resources_dir().resolve())
        return True
    except (ValueError, OSError):
        return False


def lock_path(report_path: str | os.PathLike) -> Path:
    p = Path(report_path)
    return p.with_name(f".~{p.name}.lock")


def owner_path(report_path: str | os.PathLike) -> Path:
    p = Path(report_path)
    return p.with_name(f".~{p.name}.owner")


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name available (getpass raises various errors)
        return "未知用户"


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: str  # 「2026年11月28日 09:30」 or ""

    def describe(self) -> str:
        """「张三@PC-01（进程 4242，自 2026年11月28日 09:30 起）」"""
        who = f"{self.user}@{self.host}" if self.user else self.host or "另一程序"
        notes = [f"进程 {self.pid}"] if self.pid else []
        if self.since:
            notes.append(f"自 {self.since} 起")
        return f"{who}（{'，'.join(notes)}）" if notes else who


class ReportLock:
    """The lock of one report file (see the module docstring)."""

    def __init__(self, report_path: str | os.PathLike):
        # beside the real file: a report opened through a link and through its target (as
        # storage.save writes it) has one lock
        self.report_path = os.path.realpath(report_path)
        self.lock = QLockFile(str(lock_path(self.report_path)))
        self.lock.setStaleLockTime(0)  # stale only when the owning process is gone
        self.held = False
        self.exempt = in_program_folder(self.report_path)  # a bundled sample: never locked

    def acquire(self) -> bool:
        """Take the lock. False if another live process (or another window) holds it — or it
        cannot be made (read-only folder: then ``error`` says so and nobody is locked out)."""
        if self.held:
            return True
        if self.exempt:
            return False
        self.held = self.lock.tryLock(0)
        if self.held:
            now = dt.datetime.now()
            info = {"user": current_user(), "host": socket.gethostname(), "pid": os.getpid(),
                    "since": f"{now.year}年{now.month}月{now.day}日 {now:%H:%M}"}
            try:
                owner_path(self.report_path).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
            except OSError:
                pass
        return self.held

    @property
    def unavailable(self) -> bool:
        """The lock could not be created at all (no permission, read-only medium)."""
        return self.exempt or self.lock.error() in (QLockFile.LockError.PermissionError,
                                                    QLockFile.LockError.UnknownError)

    def owner(self) -> LockOwner | None:
        """Who holds the lock (None: nobody, or it cannot be told)."""
        info = self.lock.getLockInfo()  # PySide6: (pid, host, app); (0, "", "") when none
        pid, host = (info[1], info[2]) if len(info) == 4 else (info[0], info[1])
        if not pid:
            return None
        user, since = "", ""
        try:
            info = json.loads(owner_path(self.report_path).read_text(encoding="utf-8"))
            if isinstance(info, dict) and info.get("pid") == pid:
                user, since = str(info.get("user", "")), str(info.get("since", ""))
        except (OSError, ValueError):
            pass
        if not since:
            try:
                t = dt.datetime.fromtimestamp(lock_path(self.report_path).stat().st_mtime)
                since = f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
            except OSError:
                pass
        return LockOwner(user, host, int(pid), since)

    def release(self) -> None:
        if self.held:
            try:
                os.remove(owner_path(self.report_path))
            except OSError:
                pass
            self.lock.unlock()
            self.held = False
