"""Offering an autosaved report after a crash (a mixin of ``MainWindow``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ..core.storage import ReportFileError
from . import messages
from .window_sharing import same_file


class RecoveryMixin:
    """Uses ``self.autosaver`` (None when autosave is off) and ``load_report``."""

    def offer_recovery(self) -> bool:
        """After a crash: offer every orphaned recovery slot (one window's unsaved edits each).
        The first one restored shows in this window if it shows nothing yet or, unchanged, the
        slot's own file; the others in new windows. True if anything was restored."""
        if self.autosaver is None:
            return False
        slots = self.autosaver.orphans()
        restored = False
        for i, slot in enumerate(slots):
            # this window, if it shows nothing yet or the very file the slot holds edits of,
            # unchanged (started with that file after the crash): never two windows on one file
            shows_it = bool(self.current_path) and same_file(slot.info().get("path"), self.current_path)
            free = not restored and not self.is_modified() and (not self.current_path or shows_it)
            target = self if free else self.spawn_window()
            try:
                ok = target._offer_slot(slot, i, len(slots))
            except BaseException:
                for rest in slots[i:]:
                    rest.release()
                raise
            if ok:
                restored = True
            elif target is not self:
                target.close()
        return restored

    def spawn_window(self):
        """Another window of this process (a second recovered report)."""
        cls = type(self)
        win = cls(settings=self.settings, autosave=True, recovery_folder=self.autosaver.folder)
        self.spawned.append(win)
        win.resize(self.size())
        win.show()
        return win

    def _offer_slot(self, slot, index: int, count: int) -> bool:
        info = slot.info()
        if info.get("path"):
            p = Path(info["path"])
            where = f"\n\n原文件：{p.name}\n所在文件夹：{p.parent}"
        else:
            where = "\n\n（尚未保存过的年报）"
        try:
            stamp = datetime.fromtimestamp(slot.file.stat().st_mtime)
            where += f"\n自动保存于：{stamp.year}年{stamp.month}月{stamp.day}日 {stamp:%H:%M}"
        except OSError:
            pass
        changed = slot.source_changed(info)
        note = ("\n原文件在自动保存之后又被修改过：恢复的内容将作为未命名的年报打开，"
                "保存时请另取文件名，以免覆盖较新的原文件。\n" if changed else "\n")
        which = f"（共 {count} 份，这是第 {index + 1} 份）" if count > 1 else ""
        ans = messages.ask(
            self, "恢复未保存的年报",
            f"上次程序没有正常关闭，有自动保存的未保存修改{which}。{where}\n\n是否恢复？{note}"
            "选择“否”将删除这份自动保存的内容。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if ans != QMessageBox.StandardButton.Yes:
            self.autosaver.discard_slot(slot)
            return False
        try:
            report, path = slot.load()
        except ReportFileError as exc:
            QMessageBox.warning(self, "无法恢复", str(exc))
            self.autosaver.discard_slot(slot)
            return False
        if changed:
            if not self.load_report(report, None, modified=True):
                slot.release()
                return False
            self._suggested_folder = str(Path(path).resolve().parent)  # 另存为 starts beside it
        elif not self.load_report(report, path, modified=True):
            slot.release()
            return False
        self.autosaver.adopt(slot)  # the next autosave writes there; saving removes it
        return True

    def _on_clean_changed(self, clean: bool) -> None:
        """Undone back to the saved state: the recovery file holds edits that no longer
        exist, so it goes."""
        if clean and not self._force_modified:
            self._discard_recovery()

    def _discard_recovery(self) -> None:
        if self.autosaver is not None:
            self.autosaver.discard()
