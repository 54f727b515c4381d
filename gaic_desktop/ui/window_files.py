"""新建, 打开, 保存, 另存为 and the unsaved-changes prompt (a mixin of ``MainWindow``)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QMessageBox

from .. import APP_NAME
from ..core import storage
from ..core.formats import FormatError, resources_dir
from ..core.report import DRAFT_MARK, FILE_SUFFIX, Report, new_report
from ..core.storage import ReportFileError
from . import file_dialogs, messages
from .dialogs import FILE_FILTER, NewReportDialog
from .file_lock import in_program_folder


BACKUP_FILTER = "年报备份 (*.bak);;所有文件 (*)"


def blank_report() -> Report:
    return new_report(dt.date.today().year - 1, "")


def documents_folder() -> str:
    """The user's 文档 (Documents) folder (created if missing), else the home folder."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs:
        try:
            Path(docs).mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        if Path(docs).is_dir():
            return docs
    return str(Path.home())


def sample_files() -> list[tuple[str, str]]:
    """(「示例：…2024年度」, path) of the bundled sample reports, newest year first."""
    out = []
    for path in sorted((resources_dir() / "samples").glob(f"*{FILE_SUFFIX}")):
        try:
            r = storage.load(path)
        except (ReportFileError, FormatError, ValueError):
            continue
        out.append((r.year, f"示例：{r.organisation}{r.year}年度", str(path)))
    return [(label, path) for _y, label, path in sorted(out, key=lambda t: -t[0])]


def backup_when(backup: Path, *, name: bool = True) -> str:
    """「（备份文件“x.gaic.json.bak”，2026年11月28日 09:30）」, or without the name
    「（保存于2026年11月28日 09:30）」."""
    try:
        t = dt.datetime.fromtimestamp(backup.stat().st_mtime)
        when = f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"
    except OSError:
        when = ""
    if not name:
        return f"（保存于{when}）" if when else ""
    return f"（备份文件“{backup.name}”，{when}）" if when else f"（备份文件“{backup.name}”）"


class FilesMixin:
    """File operations of the main window. Uses ``self.document``, ``self.settings``,
    ``load_report``, ``_add_recent`` and ``_discard_recovery``."""

    def commit_pending_edits(self) -> bool:
        """Commit what is still being typed (an open cell editor, the year spin box) so that
        save, close, open, export, import and autosave see it. False if a cell editor holds
        text that is not a valid value: its hint shows, it stays open, and the caller stops."""
        ok = True
        for tab in self.built_section_tabs():
            for view in tab.tables.values():
                if not view.commit_pending_edit():
                    if ok:  # the first invalid editor gets the user's attention
                        self.tabs.setCurrentWidget(tab)
                        editor = view.open_editor()
                        if editor is not None:
                            editor.setFocus()
                    ok = False
        if self.basic_tab is not None:
            # keyboard tracking is off: a typed year counts only once interpreted
            self.basic_tab.year.interpretText()
            self.basic_tab.date.interpretText()
        return ok

    def maybe_save(self) -> bool:
        """Ask about unsaved changes. False if the user cancelled (or a cell holds invalid
        text being typed)."""
        if not self.commit_pending_edits():
            return False
        if not self.is_modified():
            return True
        name = Path(self.current_path).name if self.current_path else "未命名的年报"
        ans = messages.ask(
            self, APP_NAME, f"“{name}”有尚未保存的修改。是否保存？",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if ans == QMessageBox.StandardButton.Save:
            return self.save()
        return ans == QMessageBox.StandardButton.Discard

    def last_year_candidates(self) -> list[tuple[str, str]]:
        """Files offered as last year's: the open file, the recent files, the samples."""
        out: list[tuple[str, str]] = []
        seen: set[str] = set()

        def add(label: str, path: str) -> None:
            key = os.path.abspath(path)
            if key not in seen and Path(path).is_file():
                seen.add(key)
                out.append((label, path))

        if self.current_path:
            add(f"当前打开：{Path(self.current_path).name}（{self.report.year}年度）", self.current_path)
        for p in self.recent_files():
            if not in_program_folder(p):
                add(f"最近打开：{Path(p).name}", p)
        for label, p in sample_files():
            add(label, p)
        return out

    def new_report_dialog(self, *, next_year: bool = False) -> bool:
        """新建 (``next_year``: 新建下一年度报告, with the open file chosen as last year's)."""
        if not self.maybe_save():
            return False
        last = self.current_path if next_year and self.current_path else None
        dlg = NewReportDialog(self, year=dt.date.today().year - 1, candidates=self.last_year_candidates(),
                              last_year=last, title="新建下一年度报告" if next_year else "新建年报")
        if next_year:
            dlg.from_last.setChecked(True)
        while dlg.exec() == QDialog.DialogCode.Accepted:
            org, year, last_path = dlg.values()
            if self.create_report(org, year, last_path, carry_text=dlg.carry_text_wanted()):
                return True
            # the message was shown (e.g. last year's file is of another year): the dialog
            # comes back with what was entered, to correct it
        return False

    def create_report(self, organisation: str, year: int, last_year_path: str | None = None, *,
                      carry_text: bool = False) -> bool:
        """新建 without the dialog (also used by tests)."""
        try:
            last = storage.load(last_year_path) if last_year_path else None
            report = new_report(year, organisation, last_year=last, carry_text=carry_text)
        except (ReportFileError, FormatError, ValueError) as exc:
            # Chinese messages: unreadable file, no format for the year, last year's file of
            # the wrong year
            QMessageBox.warning(self, "新建年报", str(exc))
            return False
        if not self.load_report(report, None, modified=True):
            return False
        if last_year_path and not in_program_folder(last_year_path):
            self._suggested_folder = str(Path(last_year_path).resolve().parent)  # save beside it
        self.tabs.setCurrentIndex(0)
        if carry_text and last is not None:
            self.statusBar().showMessage(f"已带入{last.year}年度正文作为草稿：各部分开头标有“{DRAFT_MARK}”，"
                                         "请逐段修改，改完后删除该段", 20000)
        return True

    def open_file(self, path: str | None = None, *, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        if path is None:
            path, _ = file_dialogs.get_open_file_name(self, "打开年报", self.start_folder(), FILE_FILTER)
            if not path:
                return False
        try:
            report = storage.load(path)
        except ReportFileError as exc:
            backup = storage.backup_path(path)
            if Path(path).is_file() and backup.is_file():
                return self._offer_backup(path, backup, str(exc))
            QMessageBox.warning(self, "无法打开", str(exc))
            return False
        if not self.show_claimed(report, path):
            return False
        self._discard_recovery()
        self.statusBar().showMessage(f"已打开 {path}（只读）" if self.read_only else f"已打开 {path}", 5000)
        return True

    def _offer_backup(self, path: str, backup: Path, error: str) -> bool:
        """The file is damaged and the copy kept by the previous save is beside it: offer
        「从备份恢复」 (see ``_show_backup``)."""
        text = (f"{error}\n\n可以从上次保存前的备份恢复{backup_when(backup)}：备份的内容作为这份年报打开，"
                "检查无误后保存，即可替换损坏的文件。")
        if messages.choose(self, "无法打开", text, ["从备份恢复", "取消"]) != 0:
            return False
        return self._show_backup(path, backup, damaged=True)

    def restore_from_backup(self, backup: str | None = None) -> bool:
        """文件 → 从备份恢复…: choose a ``.bak`` (the copy each save keeps of the previous
        version) and open its content as unsaved changes of its report file. Nothing is
        written until 保存; the version replaced then becomes the new backup (unless the file
        is damaged: then the good backup is kept)."""
        if not self.maybe_save():
            return False
        if backup is None:
            start = self.start_folder()
            if self.current_path and storage.backup_path(self.current_path).is_file():
                start = str(storage.backup_path(self.current_path))
            backup, _ = file_dialogs.get_open_file_name(self, "从备份恢复", start, BACKUP_FILTER)
            if not backup:
                return False
        if not str(backup).endswith(".bak"):
            QMessageBox.warning(self, "从备份恢复", "请选择年报的备份文件（文件名以“.bak”结尾）。")
            return False
        original = str(backup)[: -len(".bak")]
        try:
            storage.load(original)
            damaged = False
        except ReportFileError:
            damaged = Path(original).exists()
        text = (f"将打开备份“{Path(backup).name}”{backup_when(Path(backup), name=False)}的内容，"
                f"作为“{Path(original).name}”尚未保存的修改。\n\n检查无误后保存，即以备份的内容替换该文件"
                + ("（该文件已损坏）。" if damaged else "（被替换的内容另存为新的备份）。")
                + "不保存则文件保持原样。")
        if messages.choose(self, "从备份恢复", text, ["从备份恢复", "取消"]) != 0:
            return False
        return self._show_backup(original, Path(backup), damaged=damaged)

    def _show_backup(self, path: str, backup: Path, *, damaged: bool) -> bool:
        """Open the backup's content as the report of the file ``path``, unsaved, so that 保存
        replaces that file."""
        try:
            report = storage.load(backup)
        except ReportFileError as exc:
            QMessageBox.warning(self, "无法打开备份", str(exc))
            return False
        if not self.show_claimed(report, path, modified=True):
            return False
        if damaged:
            self._restored_from_backup = str(path)  # its first save keeps the good backup
        self._discard_recovery()
        self.statusBar().showMessage("已打开上次保存前的备份，保存后即可替换损坏的文件" if damaged
                                     else "已打开备份的内容，保存后即替换原文件", 15000)
        return True

    def save(self) -> bool:
        if not self.commit_pending_edits():
            return False
        if not self.current_path or self.read_only or in_program_folder(self.current_path):
            return self.save_as()  # a sample is saved as the user's own file
        return self._save_to(self.current_path)

    def start_folder(self) -> str:
        """Where file dialogs start: the current file's folder; for a report made from last
        year's file, that file's folder; else the folder used last; else 文档 (Documents).
        Never the program's own resources (e.g. a sample's folder)."""
        candidates = [str(Path(self.current_path).parent) if self.current_path else None,
                      self._suggested_folder, str(self.settings.value("last_folder", "") or "")]
        for folder in candidates:
            if folder and Path(folder).is_dir() and not in_program_folder(folder):
                return str(Path(folder).resolve())
        return documents_folder()

    def suggested_save_path(self) -> str:
        name = Path(self.current_path).name if self.current_path else storage.default_name(self.report)
        return os.path.join(self.start_folder(), name)

    def save_as(self) -> bool:
        if not self.commit_pending_edits():
            return False
        path, _ = file_dialogs.get_save_file_name(self, "另存为", self.suggested_save_path(), FILE_FILTER)
        if not path:
            return False
        if not path.endswith(FILE_SUFFIX) and not path.endswith(".json"):
            path += FILE_SUFFIX
        return self._save_to(path)

    def _save_to(self, path: str) -> bool:
        action = self.check_before_save(path)  # read-only, changed by someone else, locked
        if action == "save_as":
            return self.save_as()
        if action != "save":
            return False
        # the first save over a damaged file whose backup was opened keeps that good backup
        # (the damaged content would otherwise become the new backup)
        replacing_damaged = self._restored_from_backup is not None \
            and os.path.abspath(self._restored_from_backup) == os.path.abspath(path)
        try:
            storage.save(self.report, path, keep_backup=not replacing_damaged)
        except ReportFileError as exc:
            QMessageBox.warning(self, "保存失败", str(exc))
            return False
        self._restored_from_backup = None
        self.after_save(str(path))
        self.document.path = str(path)
        self._force_modified = False
        self.document.undo_stack.setClean()
        self.mark_saved()
        self._add_recent(str(path))
        self._discard_recovery()
        self._update_title()
        self.statusBar().showMessage(f"已保存 {path}", 5000)
        return True
