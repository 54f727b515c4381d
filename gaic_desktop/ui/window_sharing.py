"""One report, several windows or officers: the lock that names who has a file open, the check
at save that nobody else wrote it meanwhile, and read-only files (a mixin of ``MainWindow``).

State kept by the window: ``file_lock`` (the ReportLock held for ``current_path``, or None),
``disk_stamp`` (the file as last read or written), ``read_only`` (opened 只读: 保存 asks for a new
name).
"""

from __future__ import annotations

import os
from pathlib import Path

from . import messages
from .file_lock import DiskStamp, ReportLock, changed_since, in_program_folder


def same_file(a: str | None, b: str | None) -> bool:
    """The same file, also when one of them is a link to the other."""
    return bool(a and b) and os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def is_read_only(path: str) -> bool:
    """The core's rule (the one ``storage.save`` applies): an existing file, through links,
    marked read-only or not writable by this user."""
    from ..core import storage

    return storage.is_read_only(path)


def size_text(n: int) -> str:
    return f"{n} 字节" if n < 1024 else f"{n / 1024:.1f} KB"


def differences(report, path: str) -> str:
    """What the file on disk has different from ``report``, in a line: 「3 个单元格不同（例如
    表三“…”的“自然人”：您的 5，文件中 9）；正文 1 部分不同」. "" if it cannot be read."""
    from ..core import storage
    from ..core.values import fmt_value

    try:
        theirs = storage.load(path)
    except Exception:  # noqa: BLE001 - a summary only: any unreadable file just has none
        return ""
    parts = []
    if (theirs.format, theirs.variant) == (report.format, report.variant):
        cells = [ref for ref in report.cells() if report.stored(ref) != theirs.stored(ref)]
        if cells:
            info = report.cell_info(cells[0])
            mine, disk = (fmt_value(r.stored(cells[0])) or "空白" for r in (report, theirs))
            parts.append(f"{len(cells)} 个单元格不同（例如“{info.row_label}”的“{info.col_label}”："
                         f"您的 {mine}，文件中 {disk}）")
    sections = [k for k in set(report.sections) | set(theirs.sections)
                if report.sections.get(k) != theirs.sections.get(k)]
    if sections:
        parts.append(f"正文 {len(sections)} 部分不同")
    if not parts and storage.dumps(theirs) != storage.dumps(report):
        parts.append("基本信息或说明不同")
    return "；".join(parts) if parts else "内容相同"


class SharingMixin:
    file_lock: ReportLock | None = None
    disk_stamp: DiskStamp | None = None
    _read_only: bool = False
    lock_owner_text: str | None = None  # who has the file open, when this window is 只读 for it

    @property
    def read_only(self) -> bool:
        """Opened 只读 (another has it open, or the file is read-only): nothing can be changed,
        保存 asks for a new name; shown by a bar above the tabs (``read_only_mode``)."""
        return self._read_only

    @read_only.setter
    def read_only(self, on: bool) -> None:
        from . import read_only_mode

        if not on and not self._read_only:
            return  # (set on every open and save: nothing to undo)
        self._read_only = bool(on)
        read_only_mode.apply(self)
    _opening: tuple | None = None  # (path, lock, read_only) claimed by open_file for load_report
    _lock_conflict = None  # LockOwner found when the window was made with a locked file

    # ------------------------------------------------------------------ opening

    def claim_file(self, path: str) -> tuple[ReportLock | None, bool] | None:
        """Lock ``path`` for this window. If another window or process has it open, ask:
        只读打开 / 仍然打开 / 取消. Returns (the lock held or None, read_only), or None if the
        user cancelled."""
        if self.file_lock is not None and same_file(self.file_lock.report_path, path):
            return self.file_lock, False  # this window has it already
        lock = ReportLock(path)
        if lock.acquire():
            return lock, False
        if lock.unavailable:  # e.g. a read-only folder: nobody can lock it, nobody is warned
            return None, False
        answer = self.ask_locked(path, lock.owner())
        if answer == 0:
            return None, True
        if answer == 1:
            return None, False
        return None

    def show_claimed(self, report, path: str, *, modified: bool = False) -> bool:
        """Show ``report`` as the file ``path`` once this window could claim it (``claim_file``:
        asks if another has it open). False if the user cancelled or it could not be shown."""
        claim = self.claim_file(path)
        if claim is None:
            return False
        self._opening = (path, *claim)
        try:
            return self.load_report(report, path, modified=modified)
        finally:
            lock = self._opening[1] if self._opening is not None else None
            if lock is not None and lock is not self.file_lock:
                lock.release()  # not shown: the lock is not kept
            self._opening = None

    def ask_locked(self, path: str, owner) -> int | None:
        who = owner.describe() if owner is not None else "另一个窗口或程序"
        self.lock_owner_text = who  # named by the 只读 bar if the user opens it read-only
        text = (f"“{Path(path).name}”已由 {who}打开。\n\n"
                "两处同时修改同一文件，后保存的一方会覆盖先保存的修改。建议以只读方式打开"
                "（修改后可另存为新文件）。")
        return messages.choose(self, "文件已被打开", text, ["只读打开", "仍然打开", "取消"])

    def _attach_file(self, path: str | None) -> None:
        """Called by load_report: the window now shows ``path`` (None: an unnamed report)."""
        opening, self._opening = self._opening, None
        lock, read_only = None, False
        if opening is not None and same_file(opening[0], path):
            lock, read_only = opening[1], opening[2]
        elif path and self.file_lock is not None and same_file(self.file_lock.report_path, path):
            lock, read_only = self.file_lock, self.read_only  # the same file again: keep our lock
        elif path:
            lock = ReportLock(path)
            if not lock.acquire():
                owner = None if lock.unavailable else lock.owner()
                self._lock_conflict = owner  # told by warn_if_locked() once the window shows
                lock = None
        self._set_lock(lock)
        # a file this user cannot write is shown 只读 from the start (not only refused at 保存);
        # the program's own samples are saved under a new name anyway
        self.read_only = read_only or bool(path and is_read_only(path) and not in_program_folder(path))
        self.disk_stamp = DiskStamp.of(path) if path else None
        self._update_title()

    def _set_lock(self, lock: ReportLock | None) -> None:
        if self.file_lock is not None and self.file_lock is not lock:
            self.file_lock.release()
        self.file_lock = lock

    def warn_if_locked(self) -> None:
        """At start-up with a file another window or process has open: ask as 打开 does."""
        owner, self._lock_conflict = self._lock_conflict, None
        if owner is None or not self.current_path:
            return
        answer = self.ask_locked(self.current_path, owner)
        if answer == 0:
            self.read_only = True
            self._update_title()
        elif answer != 1:
            from .window_files import blank_report

            self._set_lock(None)
            self.load_report(blank_report(), None)

    def release_file(self) -> None:
        self._set_lock(None)

    # ------------------------------------------------------------------ saving

    def check_before_save(self, path: str) -> str:
        """What to do before writing ``path``: "save", "save_as" (the user chose 另存为) or
        "cancel"."""
        name = Path(path).name
        if is_read_only(path):
            answer = messages.choose(
                self, "文件是只读的", f"“{name}”是只读文件（没有写入权限），不能保存到这个文件。\n\n"
                "可以另存为一个新文件。", ["另存为…", "取消"])
            return "save_as" if answer == 0 else "cancel"
        if self.read_only and same_file(path, self.current_path):
            answer = messages.choose(
                self, "只读打开", f"“{name}”是以只读方式打开的，不能保存到原文件。\n\n可以另存为一个新文件。",
                ["另存为…", "取消"])
            return "save_as" if answer == 0 else "cancel"
        if same_file(path, self.current_path):
            newer = changed_since(path, self.disk_stamp)
            if newer is not None:
                return self._ask_overwrite(path, newer)
        else:
            lock = ReportLock(path)
            if not lock.acquire() and not lock.unavailable:
                owner = lock.owner()
                who = owner.describe() if owner is not None else "另一个窗口或程序"
                messages.choose(self, "文件已被打开", f"“{name}”已由 {who}打开，不能覆盖。\n\n请换一个文件名保存。",
                                ["确定"])
                return "cancel"
            lock.release()
        return "save"

    def _ask_overwrite(self, path: str, newer: DiskStamp) -> str:
        old = self.disk_stamp
        owner = None
        probe = ReportLock(path)
        if self.file_lock is None and not probe.acquire() and not probe.unavailable:
            owner = probe.owner()
        probe.release()
        text = (f"“{Path(path).name}”在您打开（或上次保存）之后，已被其他人或其他程序修改。\n\n"
                f"您打开时：{old.when()}，{size_text(old.size)}\n"
                f"现在的文件：{newer.when()}，{size_text(newer.size)}\n")
        if owner is not None:
            text += f"目前打开该文件的是：{owner.describe()}\n"
        diff = differences(self.report, path)
        if diff:
            text += f"与您的版本相比：{diff}\n"
        text += ("\n覆盖会丢失对方保存的修改。建议先另存为新文件，再核对两份内容。")
        answer = messages.choose(self, "文件已被修改", text, ["另存为…", "覆盖", "取消"])
        return {0: "save_as", 1: "save"}.get(answer, "cancel")

    def after_save(self, path: str) -> None:
        """The file was written: it is ours now (lock moves with 另存为), stamp is the new one."""
        if not same_file(path, self.file_lock.report_path if self.file_lock else None):
            lock = ReportLock(path)
            self._set_lock(lock if lock.acquire() else None)
        self.read_only = False
        self.disk_stamp = DiskStamp.of(path)
