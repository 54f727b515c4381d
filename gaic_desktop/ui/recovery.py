"""Autosave to a recovery slot while there are unsaved changes; offer orphaned slots after a crash.

Every window has a slot of its own in QStandardPaths.AppDataLocation/recovery:
``<stem>.gaic.json`` (the report, written with the core's atomic ``storage.save``),
``<stem>.meta.json`` (the original file's path and stamp, the owner process) and ``<stem>.lock``,
a QLockFile the window holds while it runs. The stem is made of the time, the process id and a
random part, so two windows or two copies of the program never write the same file, and a new
process never reuses a crashed one's slot.

A slot whose lock nobody holds (the process is gone: QLockFile detects the stale lock) is an
orphan: ``claim_orphans()`` takes their locks, so two starting copies do not both offer the same
one, and the window offers each for restoring. A restored slot is adopted by the window that
shows it (its next autosave writes there; saving the report removes it).

Autosave runs ``DEBOUNCE_MS`` after the last edit (a single-shot timer restarted by each change)
and every ``AUTOSAVE_MS`` as a safety net.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import uuid
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from ..core import storage
from ..core.report import FILE_SUFFIX, Report
from . import messages

AUTOSAVE_MS = 60_000
DEBOUNCE_MS = 1_000  # the recovery copy is at most this old (plus the save itself) after an edit


def recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".gaic_desktop") / "recovery"


class Slot:
    """The three files of one recovery slot."""

    def __init__(self, folder: Path, stem: str):
        self.folder = Path(folder)
        self.stem = stem
        self.file = self.folder / f"{stem}{FILE_SUFFIX}"
        self.meta = self.folder / f"{stem}.meta.json"
        self.lock = QLockFile(str(self.folder / f"{stem}.lock"))
        self.lock.setStaleLockTime(0)  # stale only when the owning process is gone
        self.held = False

    @classmethod
    def new(cls, folder: Path) -> Slot:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return cls(folder, f"autosave-{stamp}-{os.getpid()}-{uuid.uuid4().hex[:8]}")

    def take(self) -> bool:
        if not self.held:
            self.held = self.lock.tryLock(0)
        return self.held

    def release(self) -> None:
        if self.held:
            self.lock.unlock()
            self.held = False

    def info(self) -> dict:
        """The meta: ``path`` of the original file (None: never saved) and that file's
        ``mtime_ns``/``size`` when it was autosaved. {} if missing or unreadable."""
        try:
            info = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(info, dict):
            return {}
        if not isinstance(info.get("path"), (str, type(None))):
            info.pop("path", None)
        return info

    def source_changed(self, info: dict | None = None) -> bool:
        """Whether the original file was modified after the autosave (a newer version that
        restoring over it would overwrite)."""
        info = self.info() if info is None else info
        path = info.get("path")
        if not path or "mtime_ns" not in info:
            return False
        now = file_stamp(path)
        if not now:
            return False  # gone: nothing newer to protect
        return now != {"mtime_ns": info.get("mtime_ns"), "size": info.get("size")}

    def load(self) -> tuple[Report, str | None]:
        return storage.load(self.file), self.info().get("path")

    def remove_files(self) -> None:
        for p in (self.file, self.meta):
            try:
                os.remove(p)
            except OSError:
                pass


def file_stamp(path: str | None) -> dict:
    """The original file's modification time and size, to tell later whether it changed."""
    if not path:
        return {}
    try:
        st = os.stat(path)
    except OSError:
        return {}
    return {"mtime_ns": st.st_mtime_ns, "size": st.st_size}


class Autosaver(QObject):
    def __init__(self, window, interval_ms: int = AUTOSAVE_MS, folder: Path | None = None,
                 debounce_ms: int = DEBOUNCE_MS):
        super().__init__(window)
        self.window = window
        self.folder = Path(folder) if folder else recovery_dir()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # no recovery possible; autosave() reports it in the status bar
        self.slot = Slot.new(self.folder)
        self.active = self.slot.take()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self.autosave)
        if self.active:
            self.timer.start()
        document = getattr(window, "document", None)
        if document is not None:
            document.contentChanged.connect(self.schedule)

    # the slot's files (tests and the recovery offer read them)
    @property
    def file(self) -> Path:
        return self.slot.file

    @property
    def meta(self) -> Path:
        return self.slot.meta

    def schedule(self) -> None:
        """An edit: autosave once the typing pauses (restarts the single-shot timer)."""
        if self.active:
            self.debounce.start()

    # ------------------------------------------------------------------ orphans

    def orphans(self) -> list[Slot]:
        """Slots left by windows that are gone (their locks are free), oldest first. Their
        locks are taken (held by this window until ``adopt`` or ``discard_slot``)."""
        found = []
        try:
            files = sorted(self.folder.glob(f"*{FILE_SUFFIX}"), key=lambda p: p.stat().st_mtime)
        except OSError:
            return []
        for f in files:
            stem = f.name[: -len(FILE_SUFFIX)]
            if stem == self.slot.stem:
                continue
            slot = Slot(self.folder, stem)
            if slot.take():
                found.append(slot)
        return found

    def pending(self) -> bool:
        """Whether some other (crashed) window left a recovery file."""
        slots = self.orphans()
        for s in slots:
            s.release()
        return bool(slots)

    def adopt(self, slot: Slot) -> None:
        """Continue in ``slot`` (a restored orphan): its files become this window's, and this
        window's own empty slot goes."""
        if not slot.take():
            return
        self.slot.remove_files()
        self.slot.release()
        self.slot = slot
        self.active = True
        if not self.timer.isActive():
            self.timer.start()

    @staticmethod
    def discard_slot(slot: Slot) -> None:
        slot.remove_files()
        slot.release()
        try:
            os.remove(slot.folder / f"{slot.stem}.lock")
        except OSError:
            pass

    # ------------------------------------------------------------------ own slot

    def autosave(self) -> bool:
        if not self.active:
            return False
        commit = getattr(self.window, "commit_pending_edits", None)
        if commit is not None and not commit():
            return False  # invalid text being typed: try again at the next tick
        if not self.window.is_modified():
            return False
        try:
            storage.save(self.window.report, self.slot.file, keep_backup=False)
            path = self.window.current_path
            meta = {"path": path, **file_stamp(path), "pid": os.getpid(), "host": socket.gethostname(),
                    "saved": dt.datetime.now().isoformat(timespec="seconds")}
            self.slot.meta.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        except storage.ReportFileError as exc:  # the core's message is Chinese
            self.window.statusBar().showMessage(f"自动保存失败：{exc}", 8000)
            return False
        except OSError as exc:
            self.window.statusBar().showMessage(messages.error_text("自动保存", exc), 8000)
            return False
        return True

    def discard(self) -> None:
        """The window's edits are saved (or gone): its recovery copy is not needed."""
        self.debounce.stop()
        if self.active:
            self.slot.remove_files()

    def release(self) -> None:
        self.timer.stop()
        self.debounce.stop()
        if self.active:
            self.slot.release()
            self.active = False
