"""The main window.

Public API for other parts of the program (PDF export, import of published reports):

* ``window.report`` — the open core ``Report`` (the one source of truth; read it, don't copy it).
* ``window.current_path`` — the file it was opened from / saved to, or None.
* ``window.document`` — the ReportDocument (undo stack, findings, signals).
* ``window.load_report(report, path=None, *, modified=False)`` — show another report (e.g. an
  imported one: pass ``modified=True`` so it counts as unsaved). Does not ask about unsaved
  changes; call ``window.maybe_save()`` first (returns False if the user cancelled).
* ``window.file_menu`` (QMenu 文件), ``window.edit_menu``, ``window.help_menu``, ``window.toolbar``.
* ``window.add_file_action(action, after="save_as", toolbar=False)`` — insert an action into the
  文件 menu after a named action; names: "new", "open", "recent", "save", "save_as", "export"
  (a placeholder slot before 退出 where 导出PDF belongs), "quit". Example::

      act = QAction("导出PDF…", window); act.setShortcut("Ctrl+E")
      act.triggered.connect(lambda: export(window.report, ...))
      window.add_file_action(act, after="export", toolbar=True)

* ``window.actions`` — dict of the window's own QActions by name.
"""

from __future__ import annotations

import datetime as dt
import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPainter
from PySide6.QtWidgets import (QApplication, QDialog, QDockWidget, QLabel, QLineEdit,
                               QMainWindow, QMenu, QMessageBox, QPlainTextEdit, QStatusBar, QStyle,
                               QStyleOption, QToolBar)

from .. import APP_NAME
from ..core import storage
from ..core.formats import FormatError
from ..core.report import FILE_SUFFIX, Report, new_report
from ..core.rules import Finding
from ..core.storage import ReportFileError
from ..core.values import fmt_value
from .basic_info import BasicInfoTab
from .dialogs import FILE_FILTER, NewReportDialog, show_about, show_shortcuts
from .document import ReportDocument
from . import file_actions, file_dialogs, messages, printing
from .findings import FindingsPanel
from .help import install_help_menu
from .merge_dialog import install_merge_action
from .recovery import Autosaver
from .section_tab import SectionTab
from .tabs import SectionTabs
from .table_view import ReportTableView

MAX_RECENT = 8


def blank_report() -> Report:
    return new_report(dt.date.today().year - 1, "")


class HintStatusBar(QStatusBar):
    """A status bar whose temporary messages (hints such as 「粘贴未执行：…」) end with 「…」
    before the permanent widgets (the 错误/警告 counters) instead of being cut off against them;
    the full text is the status bar's tooltip. ``currentMessage()`` stays the full text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._permanent: list = []
        self.messageChanged.connect(lambda text: self.setToolTip(text.strip()))

    def addPermanentWidget(self, widget, stretch: int = 0) -> None:
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)

    def message_rect(self) -> QRect:
        """Where the message may go: from the left edge to the first visible permanent widget."""
        left, right = 6, self.width() - 12
        for w in self._permanent:
            if w.isVisible():
                right = min(right, w.x() - 8)
        return QRect(left, 0, max(0, right - left), self.height())

    def displayed_message(self) -> str:
        text = " ".join(self.currentMessage().split())
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.message_rect().width())

    def paintEvent(self, event) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        # as QStatusBar paints itself, with the message elided
        p = QPainter(self)
        opt = QStyleOption()
        opt.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, opt, p, self)
        for w in self._permanent:
            if w.isVisible():
                item = QStyleOption()
                item.rect = w.geometry().adjusted(-2, -1, 2, 1)
                item.palette = self.palette()
                item.state = QStyle.StateFlag.State_None
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, item, p, w)
        p.setPen(self.palette().windowText().color())
        p.drawText(self.message_rect(), int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                                            | Qt.TextFlag.TextSingleLine), self.displayed_message())
        p.end()


class MainWindow(QMainWindow):
    def __init__(self, report: Report | None = None, path: str | None = None, *,
                 settings: QSettings | None = None, autosave: bool = True, recovery_folder=None):
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.document = ReportDocument(report or blank_report(), path, self)
        self.document.confirm_replace_totals = self._confirm_replace_totals
        self._force_modified = False
        self._suggested_folder: str | None = None  # e.g. last year's folder for a report made from it
        self._restored_from_backup: str | None = None  # the damaged file whose backup is shown
        self.actions: dict[str, QAction] = {}
        self.setObjectName("MainWindow")
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.tabs = SectionTabs()
        self.tabs.setObjectName("tabs")
        self.setCentralWidget(self.tabs)
        self.section_tabs: dict[str, SectionTab] = {}
        self.basic_tab: BasicInfoTab | None = None
        self._build_tabs()

        self.findings_panel = FindingsPanel(self.document)
        self.findings_panel.findingActivated.connect(self.go_to_finding)
        self.findings_dock = QDockWidget("错误和警告", self)
        self.findings_dock.setObjectName("findings_dock")
        self.findings_dock.setWidget(self.findings_panel)
        self.findings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                       | QDockWidget.DockWidgetFeature.DockWidgetClosable
                                       | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)

        self._build_actions()
        file_actions.install(self)  # 文件 → 导出PDF (Ctrl+E), 导入已发布年报
        printing.install_print_actions(self)  # 文件 → 打印预览, 打印 (Ctrl+P)
        install_merge_action(self)  # 文件 → 汇总下级单位报告, 导出汇总明细; breakdown tooltips
        install_help_menu(self)  # 帮助 → 使用说明 (F1)
        self._build_status_bar()

        d = self.document
        d.undo_stack.cleanChanged.connect(self._update_title)
        d.contentChanged.connect(self._update_status)
        d.findingsChanged.connect(self._update_counts)
        d.reportReset.connect(self._on_report_reset)
        # a hint ("不能输入…", "已粘贴…") is about the last action: the next edit, undo or redo ends it
        d.undo_stack.indexChanged.connect(self._clear_hint)
        self._update_title()
        self._update_status()
        self._update_counts()

        self.autosaver = Autosaver(self, folder=recovery_folder) if autosave else None
        d.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._restore_settings()

    # ------------------------------------------------------------------ public API

    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def current_path(self) -> str | None:
        return self.document.path

    def is_modified(self) -> bool:
        return self._force_modified or not self.document.undo_stack.isClean()

    def load_report(self, report: Report, path: str | None = None, *, modified: bool = False) -> None:
        """Show ``report`` (clears the undo history). See the module docstring."""
        same_layout = (report.format, report.variant) == (self.report.format, self.report.variant)
        self._force_modified = modified
        self._suggested_folder = None
        self._restored_from_backup = None
        self.document.set_report(report, str(path) if path else None)
        if not same_layout:
            self._build_tabs()
        self._update_title()
        self._update_status()
        self._update_counts()
        if path:
            self._add_recent(str(path))

    def add_file_action(self, action: QAction, after: str = "save_as", *, toolbar: bool = False) -> None:
        """Insert ``action`` into the 文件 menu after the action named ``after``."""
        anchor = self.actions.get(after)
        items = self.file_menu.actions()
        if anchor is None or anchor not in items:
            before = self.actions["quit"]
        else:
            i = items.index(anchor)
            before = items[i + 1] if i + 1 < len(items) else None
        if before is None:
            self.file_menu.addAction(action)
        else:
            self.file_menu.insertAction(before, action)
        if action.parent() is None:
            action.setParent(self)
        self.addAction(action)
        if toolbar:
            self.toolbar.insertAction(self._toolbar_anchor, action)

    def section_tab_for_table(self, table_key: str) -> SectionTab | None:
        for tab in self.section_tabs.values():
            if table_key in tab.tables:
                return tab
        return None

    def table_view(self, table_key: str) -> ReportTableView | None:
        tab = self.section_tab_for_table(table_key)
        return tab.tables.get(table_key) if tab else None

    # ------------------------------------------------------------------ building

    def _build_tabs(self) -> None:
        current = self.tabs.currentIndex()
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            w.deleteLater()
        self.basic_tab = BasicInfoTab(self.document)
        self.tabs.addTab(self.basic_tab, "基本信息")
        self.section_tabs = {}
        for sec in self.report.fmt.sections:
            tab = SectionTab(self.document, sec.key)
            self.section_tabs[sec.key] = tab
            i = self.tabs.addTab(tab, sec.heading)
            self.tabs.setTabToolTip(i, sec.heading)
            for view in tab.tables.values():
                view.hintRequested.connect(self._show_hint)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)
        self._restore_splitters()

    def _act(self, name: str, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        a = QAction(text, self)
        a.setObjectName(f"action_{name}")
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(slot)
        self.actions[name] = a
        return a

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        mb = self.menuBar()
        self.file_menu = mb.addMenu("文件(&F)")
        fm = self.file_menu
        fm.addAction(self._act("new", "新建(&N)…", self.new_report_dialog, SK.New, "新建年报"))
        fm.addAction(self._act("open", "打开(&O)…", lambda: self.open_file(), SK.Open, "打开年报文件"))
        self.recent_menu = QMenu("最近打开(&R)", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.actions["recent"] = fm.addMenu(self.recent_menu)
        fm.addSeparator()
        fm.addAction(self._act("save", "保存(&S)", self.save, SK.Save, "保存年报文件"))
        fm.addAction(self._act("save_as", "另存为(&A)…", self.save_as, SK.SaveAs, "以新文件名保存"))
        self.actions["export"] = fm.addSeparator()  # 导出PDF goes here (add_file_action(after="export"))
        fm.addSeparator()
        fm.addAction(self._act("quit", "退出(&X)", self.close, SK.Quit))

        stack = self.document.undo_stack
        undo = stack.createUndoAction(self, "撤销")
        undo.setShortcut(SK.Undo)
        undo.setObjectName("action_undo")
        redo = stack.createRedoAction(self, "重做")
        # Ctrl+Y as in Excel/WPS (the first shortcut is the one the menu shows); the platform's
        # own redo key (Ctrl+Shift+Z on Linux and macOS) works too
        redo_keys = [QKeySequence("Ctrl+Y")]
        for key in [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(SK.Redo)]:
            if not key.isEmpty() and key not in redo_keys:
                redo_keys.append(key)
        redo.setShortcuts(redo_keys)
        redo.setObjectName("action_redo")
        self.actions["undo"], self.actions["redo"] = undo, redo
        self.edit_menu = mb.addMenu("编辑(&E)")
        em = self.edit_menu
        em.addAction(undo)
        em.addAction(redo)
        em.addSeparator()
        em.addAction(self._act("cut", "剪切(&T)", lambda: self._edit("cut"), SK.Cut))
        em.addAction(self._act("copy", "复制(&C)", lambda: self._edit("copy"), SK.Copy))
        em.addAction(self._act("paste", "粘贴(&P)", lambda: self._edit("paste"), SK.Paste))
        em.addAction(self._act("clear", "清除(&D)", lambda: self._edit("clear"), SK.Delete,
                               "清除选中的单元格（清为空白）"))
        em.addSeparator()
        printed = self._act("printed_mode", "照印刷录入（合计不自动计算）", self._toggle_printed)
        printed.setCheckable(True)
        em.addAction(printed)

        self.view_menu = mb.addMenu("视图(&V)")
        toggle = self.findings_dock.toggleViewAction()
        toggle.setText("错误和警告面板")
        self.view_menu.addAction(toggle)

        self.help_menu = mb.addMenu("帮助(&H)")
        self.help_menu.addAction(self._act("shortcuts", "快捷键(&K)", lambda: show_shortcuts(self)))
        self.help_menu.addAction(self._act("about", "关于(&A)", lambda: show_about(self)))

        tb = QToolBar("工具栏", self)
        tb.setObjectName("toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("new", "open", "save"):
            tb.addAction(self.actions[name])
        self._toolbar_anchor = tb.addSeparator()
        tb.addAction(undo)
        tb.addAction(redo)
        self.toolbar = tb
        self.addToolBar(tb)
        self.addToolBarBreak()
        self.tab_toolbar = QToolBar("标签页", self)
        self.tab_toolbar.setObjectName("tab_toolbar")
        self.tab_toolbar.setMovable(False)
        self.tab_toolbar.setFloatable(False)
        self.tab_toolbar.toggleViewAction().setEnabled(False)
        self.tab_toolbar.setStyleSheet("QToolBar { border: none; padding: 0 4px; spacing: 0; }")
        self.tab_toolbar.addWidget(self.tabs.tab_bar)
        self.addToolBar(self.tab_toolbar)
        prev_tab = QAction(self, shortcut=QKeySequence("Ctrl+PgUp"))
        prev_tab.triggered.connect(lambda: self.tabs.setCurrentIndex(max(0, self.tabs.currentIndex() - 1)))
        next_tab = QAction(self, shortcut=QKeySequence("Ctrl+PgDown"))
        next_tab.triggered.connect(
            lambda: self.tabs.setCurrentIndex(min(self.tabs.count() - 1, self.tabs.currentIndex() + 1)))
        self.addActions([prev_tab, next_tab])

    def _build_status_bar(self) -> None:
        sb = HintStatusBar(self)
        sb.setObjectName("status_bar")
        self.setStatusBar(sb)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts_label")
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprint_label")
        self.fingerprint_label.setToolTip("数据指纹：由报告内容计算，导出的PDF每页印有同一指纹，"
                                          "可用于核对打印件与文件是否一致")
        sb.addPermanentWidget(self.counts_label)
        sb.addPermanentWidget(self.fingerprint_label)

    # ------------------------------------------------------------------ status, title

    def _show_hint(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 8000)
        else:
            self.statusBar().clearMessage()

    def _clear_hint(self, _index: int = 0) -> None:
        self.statusBar().clearMessage()

    def _update_title(self) -> None:
        name = Path(self.current_path).name if self.current_path else "未命名"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.is_modified())

    def _update_status(self) -> None:
        self.fingerprint_label.setText(f"数据指纹 {self.report.fingerprint()}")
        self.actions["printed_mode"].setChecked(self.report.totals_mode == "printed")
        self._update_title()

    def _update_counts(self) -> None:
        fs = self.document.findings
        errors = sum(1 for f in fs if f.is_error)
        warnings = sum(1 for f in fs if not f.is_error and not f.acknowledged)
        acked = len(fs) - errors - warnings
        text = f"错误 {errors} 处　警告 {warnings} 处"
        if acked:
            text += f"（另有 {acked} 处已说明）"
        self.counts_label.setText(text)
        color = "#a11d1d" if errors else ("#8a5a00" if warnings else "#1e6b2e")
        self.counts_label.setStyleSheet(f"color:{color}; padding: 0 8px")

    def _on_report_reset(self) -> None:
        self._update_status()
        self._update_counts()

    # ------------------------------------------------------------------ navigation

    def go_to_finding(self, finding: Finding) -> None:
        if finding.cells:
            table = finding.cells[0].split(".")[0]
            tab = self.section_tab_for_table(table)
            if tab is not None:
                self.tabs.setCurrentWidget(tab)
                view = tab.tables[table]
                refs = [r for r in finding.cells if r.startswith(table + ".")]
                view.select_refs(refs)
                # a tab shown for the first time lays itself out (splitter, row heights) after
                # this call: scroll again once that is done
                QTimer.singleShot(0, lambda: self._scroll_to(view, refs[0]))
                return
        if finding.section and finding.section in self.section_tabs:
            tab = self.section_tabs[finding.section]
            self.tabs.setCurrentWidget(tab)
            tab.narrative.setFocus()
            return
        self.tabs.setCurrentWidget(self.basic_tab)

    def _scroll_to(self, view: ReportTableView, ref: str) -> None:
        try:
            view.scroll_to_ref(ref)
        except RuntimeError:  # the view was deleted meanwhile (another report loaded)
            pass

    # ------------------------------------------------------------------ edit menu

    def _edit(self, op: str) -> None:
        w = QApplication.focusWidget()
        view = w if isinstance(w, ReportTableView) else None
        if view is not None:
            {"cut": view.cut, "copy": view.copy, "paste": view.paste,
             "clear": view.clear_selection_cells}[op]()
            return
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            if op == "clear":
                if isinstance(w, QLineEdit):
                    w.del_()
                else:
                    w.textCursor().removeSelectedText()
            else:
                getattr(w, op)()

    def _confirm_replace_totals(self, differing) -> bool:
        """Before 合计自动计算 replaces typed totals that differ from the calculated ones."""
        ref, typed, calc = differing[0]
        info = self.report.cell_info(ref)
        more = f"等 {len(differing)} 处" if len(differing) > 1 else ""
        text = (f"切换为“合计自动计算”后，手工录入的合计将被程序计算的数字替换：“{info.row_label}”的"
                f"“{info.col_label}”录入为 {fmt_value(typed)}，计算为 {fmt_value(calc)}{more}。\n\n"
                "是否继续？（可以撤销）")
        return messages.choose(self, "合计自动计算", text, ["继续", "取消"]) == 0

    def _toggle_printed(self, checked: bool) -> None:
        self.document.set_totals_mode("printed" if checked else "auto")

    # ------------------------------------------------------------------ files

    def commit_pending_edits(self) -> bool:
        """Commit what is still being typed (an open cell editor, the year spin box) so that
        save, close, open, export, import and autosave see it. False if a cell editor holds
        text that is not a valid value: its hint shows, it stays open, and the caller stops."""
        ok = True
        for tab in self.section_tabs.values():
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

    def new_report_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        dlg = NewReportDialog(self, year=dt.date.today().year - 1)
        while dlg.exec() == QDialog.DialogCode.Accepted:
            org, year, last_path = dlg.values()
            if self.create_report(org, year, last_path):
                return True
            # the message was shown (e.g. last year's file is of another year): the dialog
            # comes back with what was entered, to correct it
        return False

    def create_report(self, organisation: str, year: int, last_year_path: str | None = None) -> bool:
        """新建 without the dialog (also used by tests)."""
        try:
            last = storage.load(last_year_path) if last_year_path else None
            report = new_report(year, organisation, last_year=last)
        except (ReportFileError, FormatError, ValueError) as exc:
            # Chinese messages: unreadable file, no format for the year, last year's file of
            # the wrong year
            QMessageBox.warning(self, "新建年报", str(exc))
            return False
        self.load_report(report, None, modified=True)
        if last_year_path:
            self._suggested_folder = str(Path(last_year_path).resolve().parent)  # save beside it
        self.tabs.setCurrentIndex(0)
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
        self.load_report(report, path)
        self._discard_recovery()
        self.statusBar().showMessage(f"已打开 {path}", 5000)
        return True

    def _offer_backup(self, path: str, backup: Path, error: str) -> bool:
        """The file is damaged and the copy kept by the previous save is beside it: offer to
        open that copy as the report of the ORIGINAL file, unsaved, so that 保存 replaces the
        damaged file."""
        try:
            when = dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y年%m月%d日 %H:%M")
            when = f"（备份文件“{backup.name}”，{when}）"
        except OSError:
            when = f"（备份文件“{backup.name}”）"
        text = (f"{error}\n\n可以打开上次保存前的备份{when}，检查无误后保存，"
                "即可替换损坏的文件。")
        if messages.choose(self, "无法打开", text, ["打开备份", "取消"]) != 0:
            return False
        try:
            report = storage.load(backup)
        except ReportFileError as exc:
            QMessageBox.warning(self, "无法打开备份", str(exc))
            return False
        self.load_report(report, path, modified=True)
        self._restored_from_backup = str(path)
        self._discard_recovery()
        self.statusBar().showMessage("已打开上次保存前的备份，保存后即可替换损坏的文件", 15000)
        return True

    def save(self) -> bool:
        if not self.commit_pending_edits():
            return False
        if not self.current_path:
            return self.save_as()
        return self._save_to(self.current_path)

    def start_folder(self) -> str:
        """Where file dialogs start: the current file's folder; for a report made from last
        year's file, that file's folder; else the folder used last; else 文档 (Documents)."""
        candidates = [str(Path(self.current_path).parent) if self.current_path else None,
                      self._suggested_folder, str(self.settings.value("last_folder", "") or "")]
        for folder in candidates:
            if folder and Path(folder).is_dir():
                return str(Path(folder).resolve())
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs if docs and Path(docs).is_dir() else str(Path.home())

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
        self.document.path = str(path)
        self._force_modified = False
        self.document.undo_stack.setClean()
        self._add_recent(str(path))
        self._discard_recovery()
        self._update_title()
        self.statusBar().showMessage(f"已保存 {path}", 5000)
        return True

    # ------------------------------------------------------------------ recovery

    def offer_recovery(self) -> bool:
        """After a crash: offer the autosaved report. True if it was restored."""
        if self.autosaver is None or not self.autosaver.pending():
            return False
        info = self.autosaver.pending_info()
        if info.get("path"):
            p = Path(info["path"])
            where = f"\n\n原文件：{p.name}\n所在文件夹：{p.parent}"
        else:
            where = "\n\n（尚未保存过的年报）"
        try:
            stamp = datetime.fromtimestamp(self.autosaver.file.stat().st_mtime)
            where += f"\n自动保存于：{stamp.year}年{stamp.month}月{stamp.day}日 {stamp:%H:%M}"
        except OSError:
            pass
        changed = self.autosaver.source_changed(info)
        note = ("\n原文件在自动保存之后又被修改过：恢复的内容将作为未命名的年报打开，"
                "保存时请另取文件名，以免覆盖较新的原文件。\n" if changed else "\n")
        ans = messages.ask(
            self, "恢复未保存的年报",
            f"上次程序没有正常关闭，有自动保存的未保存修改。{where}\n\n是否恢复？{note}"
            "选择“否”将删除这份自动保存的内容。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if ans != QMessageBox.StandardButton.Yes:
            self.autosaver.discard()
            return False
        try:
            report, path = self.autosaver.load()
        except ReportFileError as exc:
            QMessageBox.warning(self, "无法恢复", str(exc))
            self.autosaver.discard()
            return False
        if changed:
            self.load_report(report, None, modified=True)
            self._suggested_folder = str(Path(path).resolve().parent)  # 另存为 starts beside it
        else:
            self.load_report(report, path, modified=True)
        return True

    def _on_clean_changed(self, clean: bool) -> None:
        """Undone back to the saved state: the recovery file holds edits that no longer
        exist, so it goes."""
        if clean and not self._force_modified:
            self._discard_recovery()

    def _discard_recovery(self) -> None:
        if self.autosaver is not None:
            self.autosaver.discard()

    # ------------------------------------------------------------------ recent files, settings

    def recent_files(self) -> list[str]:
        v = self.settings.value("recent_files", [])
        if isinstance(v, str):
            v = [v]
        return [str(p) for p in (v or [])]

    def _add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        self.settings.setValue("last_folder", os.path.dirname(path))
        files = [p for p in self.recent_files() if p != path]
        files.insert(0, path)
        self.settings.setValue("recent_files", files[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            a = self.recent_menu.addAction("（无）")
            a.setEnabled(False)
            return
        for i, p in enumerate(files, 1):
            a = self.recent_menu.addAction(f"&{i}  {p}")
            a.triggered.connect(lambda _=False, p=p: self.open_file(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表", lambda: self.settings.setValue("recent_files", []))

    def _restore_settings(self) -> None:
        geo = self.settings.value("window/geometry", QByteArray())
        if isinstance(geo, (QByteArray, bytes)) and len(geo):
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 760)
        state = self.settings.value("window/state", QByteArray())
        if isinstance(state, (QByteArray, bytes)) and len(state):
            self.restoreState(state)
        else:
            self.resizeDocks([self.findings_dock], [270], Qt.Orientation.Horizontal)

    def _restore_splitters(self) -> None:
        for key, tab in self.section_tabs.items():
            if tab.splitter is not None:
                s = self.settings.value(f"splitter/{self.report.format}/{key}", QByteArray())
                if isinstance(s, (QByteArray, bytes)) and tab.splitter.restoreState(s):
                    tab.split_restored = True

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for key, tab in self.section_tabs.items():
            if tab.splitter is not None:
                self.settings.setValue(f"splitter/{self.report.format}/{key}", tab.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        if not self.commit_pending_edits() or not self.maybe_save():
            event.ignore()
            return
        self.save_settings()
        if self.autosaver is not None:
            self.autosaver.discard()
            self.autosaver.release()
        event.accept()
