"""Autosave to a recovery file while there are unsaved changes; offer it after a crash.

The recovery file lives in QStandardPaths.AppDataLocation/recovery and is written with the
core's atomic ``storage.save``. A QLockFile marks the running instance: a second instance does
not autosave (it would overwrite the first one's file), and a lock left by a crashed process is
detected as stale, so the next start offers the file for restoring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from ..core import storage
from . import messages
from ..core.report import Report

AUTOSAVE_MS = 60_000


def recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".gaic_desktop") / "recovery"


class Autosaver(QObject):
    def __init__(self, window, interval_ms: int = AUTOSAVE_MS, folder: Path | None = None):
        super().__init__(window)
        self.window = window
        self.folder = Path(folder) if folder else recovery_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.file = self.folder / "autosave.gaic.json"
        self.meta = self.folder / "autosave.meta.json"
        self.lock = QLockFile(str(self.folder / "instance.lock"))
        self.lock.setStaleLockTime(0)
        self.active = self.lock.tryLock(0)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        if self.active:
            self.timer.start()

    def pending(self) -> bool:
        """A recovery file left by a previous run (only the instance holding the lock sees it)."""
        return self.active and self.file.exists()

    def pending_info(self) -> dict:
        """The autosave's meta: ``path`` of the original file (None: never saved) and that
        file's ``mtime_ns``/``size`` when it was autosaved. {} if missing or unreadable."""
        try:
            info = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(info, dict):
            return {}
        if not isinstance(info.get("path"), (str, type(None))):
            info.pop("path", None)
        return info

    @staticmethod
    def file_stamp(path: str | None) -> dict:
        """The original file's modification time and size, to tell later whether it changed."""
        if not path:
            return {}
        try:
            st = os.stat(path)
        except OSError:
            return {}
        return {"mtime_ns": st.st_mtime_ns, "size": st.st_size}

    def source_changed(self, info: dict | None = None) -> bool:
        """Whether the original file was modified after the autosave (a newer version that
        restoring over it would overwrite)."""
        info = self.pending_info() if info is None else info
        path = info.get("path")
        if not path or "mtime_ns" not in info:
            return False
        now = self.file_stamp(path)
        if not now:
            return False  # gone: nothing newer to protect
        return now != {"mtime_ns": info.get("mtime_ns"), "size": info.get("size")}

    def autosave(self) -> bool:
        if not self.active:
            return False
        commit = getattr(self.window, "commit_pending_edits", None)
        if commit is not None and not commit():
            return False  # invalid text being typed: try again at the next tick
        if not self.window.is_modified():
            return False
        try:
            storage.save(self.window.report, self.file, keep_backup=False)
            path = self.window.current_path
            meta = {"path": path, **self.file_stamp(path)}
            self.meta.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        except storage.ReportFileError as exc:  # the core's message is Chinese
            self.window.statusBar().showMessage(f"自动保存失败：{exc}", 8000)
            return False
        except OSError as exc:
            self.window.statusBar().showMessage(messages.error_text("自动保存", exc), 8000)
            return False
        return True

    def load(self) -> tuple[Report, str | None]:
        report = storage.load(self.file)
        return report, self.pending_info().get("path")

    def discard(self) -> None:
        if not self.active:
            return
        for p in (self.file, self.meta):
            try:
                os.remove(p)
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def release(self) -> None:
        self.timer.stop()
        if self.active:
            self.lock.unlock()
            self.active = False
