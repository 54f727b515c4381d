"""The main window.

Its parts live in mixins: ``window_files`` (新建/打开/保存), ``window_recovery`` (autosave
recovery), ``window_menus`` (menus, toolbars, edit actions), ``window_settings`` (recent files,
geometry); ``status_bar`` holds the status bar.

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

import hashlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from .. import APP_NAME
from ..core import storage
from ..core.report import Report
from ..core.rules import Finding
from ..core.values import fmt_value
from .basic_info import BasicInfoTab
from .document import ReportDocument
from . import cell_menu, file_actions, guard, lint_fix, messages, narrative_focus, printing, read_only_mode
from .findings import CHECKING, FindingsPanel, counts_text
from .first_paint import after_first_paint
from .merge_menu import install_merge_action
from .recovery import Autosaver
from .section_tab import SectionTab
from .shortcuts import WindowShortcuts
from .status_bar import HintStatusBar
from .tabs import SectionTabs
from .window_files import FilesMixin, blank_report
from .window_menus import MenusMixin, install_help_menu
from .window_recovery import RecoveryMixin
from .window_settings import MAX_RECENT, SettingsMixin
from .window_sharing import SharingMixin

if TYPE_CHECKING:
    from .table_view import ReportTableView

__all__ = ["MainWindow", "HintStatusBar", "blank_report", "MAX_RECENT"]


class MainWindow(FilesMixin, SharingMixin, RecoveryMixin, MenusMixin, SettingsMixin, QMainWindow):
    def __init__(self, report: Report | None = None, path: str | None = None, *,
                 settings: QSettings | None = None, autosave: bool = True, recovery_folder=None,
                 check_later: bool = False):
        """``check_later``: the rules are evaluated right after the window's first paint (the
        program's start: ``app.run``), not before it is shown."""
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.document = ReportDocument(report or blank_report(), path, self, check_later=check_later)
        self.document.confirm_replace_totals = self._confirm_replace_totals
        self.document.refused.connect(lambda text: messages.choose(self, "未能修改", text, ["确定"]))
        self.document.readOnlyRefused.connect(lambda: read_only_mode.refused(self))
        self._force_modified = False
        self._suggested_folder: str | None = None  # e.g. last year's folder for a report made from it
        self._restored_from_backup: str | None = None  # the damaged file whose backup is shown
        self.actions: dict[str, QAction] = {}
        self.spawned: list[MainWindow] = []  # further windows opened by this one (recovery)
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
        file_actions.install_publish(self)  # 文件 → 导出Word, next to 导出PDF
        install_help_menu(self)  # 帮助 → 使用说明 (F1)
        cell_menu.install(self)  # 编辑 → 标记不适用, 添加批注, 查看相关规则 (and the cells' menu)
        lint_fix.install(self)  # X-8: 修正 / 全部修正… (panel, editors' menus)
        for tab in self.built_section_tabs():  # (the others attach theirs when built)
            for view in tab.tables.values():
                cell_menu.attach(self, view)
        # the window's keys win inside its editors (at start-up: from the first paint on)
        self.shortcuts = WindowShortcuts(self, install=not check_later)
        self._build_status_bar()

        d = self.document
        self._exact_title = QTimer(self)
        self._exact_title.setSingleShot(True)
        self._exact_title.setInterval(300)
        self._exact_title.timeout.connect(lambda: self.setWindowModified(self.is_modified()))
        self._content_gen = 0  # bumped by every change; the content key is cached per generation
        self._key_cache: tuple[int, bytes] | None = None
        d.contentChanged.connect(self._content_changed)  # first: the title asks is_modified()
        self._saved_key = self._content_key()
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
        if path:
            self._attach_file(str(path))  # lock it; warn_if_locked() asks if another has it
        if check_later:
            after_first_paint(self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        """Start-up (``check_later``): what the first paint did not wait for. A report whose
        rules cannot be evaluated gives an empty window and the reason, as one that cannot be
        shown at all does (``app.run``)."""
        self.shortcuts.install()
        try:
            self.document.check()
        except Exception:  # noqa: BLE001 - no exception may escape a slot
            name = Path(self.current_path).name if self.current_path else "未命名"
            guard.report(*sys.exc_info(), action=f"显示“{name}”")
            self.load_report(blank_report())

    # ------------------------------------------------------------------ public API

    @property
    def report(self) -> Report:
        return self.document.report

    @property
    def current_path(self) -> str | None:
        return self.document.path

    def is_modified(self) -> bool:
        """Unsaved changes: edits since the last save — unless they were typed back to what was
        saved (then the title's * goes too)."""
        if self._force_modified:
            return True
        if self.document.undo_stack.isClean():
            return False
        return self._content_key() != self._saved_key

    def _content_changed(self) -> None:
        self._content_gen += 1

    def _content_key(self) -> bytes:
        """SHA-256 of the file content the report would be saved as (cached until it changes)."""
        if self._key_cache is None or self._key_cache[0] != self._content_gen:
            blob = storage.dumps(self.report).encode("utf-8")
            self._key_cache = (self._content_gen, hashlib.sha256(blob).digest())
        return self._key_cache[1]

    def mark_saved(self) -> None:
        """The report as it is now is what the file holds (after open or save)."""
        self._saved_key = self._content_key()

    def load_report(self, report: Report, path: str | None = None, *, modified: bool = False) -> bool:
        """Show ``report`` (clears the undo history). See the module docstring. False (and the
        report shown before stays, told by ``guard``) if the report cannot be shown."""
        same_layout = (report.format, report.variant) == (self.report.format, self.report.variant)
        before = (self.report, self.current_path, self.is_modified(), self._suggested_folder,
                  self._restored_from_backup)

        def revert() -> None:
            self.document.set_report(before[0], before[1])
            self._force_modified, self._suggested_folder, self._restored_from_backup = before[2:]

        self._force_modified = modified
        self._suggested_folder = None
        self._restored_from_backup = None
        shown = False
        with guard.rolled_back(revert, action="显示年报"):
            self.document.set_report(report, str(path) if path else None)
            shown = True
        if not shown:
            return False
        self.mark_saved()
        if not same_layout:
            self._build_tabs()
        self._update_title()
        self._update_status()
        self._update_counts()
        self._attach_file(str(path) if path else None)
        if path:
            self._add_recent(str(path))
        return True

    def section_tab_for_table(self, table_key: str) -> SectionTab | None:
        for tab in self.section_tabs.values():
            if table_key in tab.table_keys:
                return tab
        return None

    def built_section_tabs(self) -> list[SectionTab]:
        """The section tabs whose content exists (a tab is built when first shown or asked for
        its tables or editors): only these can hold an open editor or a moved splitter."""
        return [tab for tab in self.section_tabs.values() if tab.is_built]

    def table_view(self, table_key: str) -> ReportTableView | None:
        tab = self.section_tab_for_table(table_key)
        return tab.tables.get(table_key) if tab else None

    # ------------------------------------------------------------------ building

    def _build_tabs(self) -> None:
        current = self.tabs.currentIndex()
        for tab in self.section_tabs.values():
            tab.retire()
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            w.deleteLater()
        self.basic_tab = BasicInfoTab(self.document)
        self.tabs.addTab(self.basic_tab, "基本信息")
        self.section_tabs = {}
        for sec in self.report.fmt.sections:
            tab = SectionTab(self.document, sec.key, on_built=self._section_tab_built)
            self.section_tabs[sec.key] = tab
            i = self.tabs.addTab(tab, sec.heading)
            self.tabs.setTabToolTip(i, sec.heading)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def _section_tab_built(self, tab: SectionTab) -> None:
        """A section tab has just built its content: wire its tables to the window."""
        for view in tab.tables.values():
            view.hintRequested.connect(self._show_hint)
            if "mark_na" in self.actions:  # (a tab built before the actions exist: see __init__)
                cell_menu.attach(self, view)
        self._restore_splitter(tab)
        tips = getattr(self, "merge_tips", None)
        if tips is not None:
            tips.attach()
        if hasattr(self, "lint_buttons"):  # (tabs built before the findings panel: see __init__)
            lint_fix.attach_editors(self)  # 修正 in the new editor's context menu
        if getattr(self, "read_only", False):
            read_only_mode.apply(self)  # a tab first shown in 只读 mode: its editors too

    def _build_status_bar(self) -> None:
        sb = HintStatusBar(self)
        sb.setObjectName("status_bar")
        self.setStatusBar(sb)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts_label")
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setObjectName("fingerprint_label")
        self.fingerprint_label.setToolTip("数据指纹：由报告内容计算，导出的审签版PDF每页印有同一指纹，"
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
        if self.read_only:
            name += "（只读）"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        # at once: edits since the save (cheap); once typing pauses: whether they were typed
        # back to the saved content (hashes the file content, ~2 ms: not on every keystroke)
        self.setWindowModified(self._force_modified or not self.document.undo_stack.isClean())
        self._exact_title.start()

    def _update_status(self) -> None:
        self.fingerprint_label.setText(f"数据指纹 {self.report.fingerprint()}")
        self.actions["printed_mode"].setChecked(self.report.totals_mode == "printed")
        self._update_title()

    def _update_counts(self) -> None:
        if not self.document.checked:
            self.counts_label.setText(CHECKING)
            self.counts_label.setStyleSheet("color:#6b6b6b; padding: 0 8px")
            return
        fs = self.document.findings
        errors = any(f.is_error for f in fs)
        open_warnings = any(not f.is_error and not f.acknowledged for f in fs)
        self.counts_label.setText(counts_text(fs))  # the panel's count, word for word
        color = "#a11d1d" if errors else ("#8a5a00" if open_warnings else "#1e6b2e")
        self.counts_label.setStyleSheet(f"color:{color}; padding: 0 8px")

    def _on_report_reset(self) -> None:
        self._update_status()
        self._update_counts()

    # ------------------------------------------------------------------ navigation

    def go_to_finding(self, finding: Finding) -> None:
        narrative_focus.clear_sentence(self)
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
                if finding.section:  # the sentence in the text, besides the cells
                    narrative_focus.show_sentence(self, finding)
                return
        if finding.section and narrative_focus.show_sentence(self, finding):
            return
        if finding.section and finding.section in self.section_tabs:
            tab = self.section_tabs[finding.section]
            self.tabs.setCurrentWidget(tab)
            tab.narrative.setFocus()
            return
        self.tabs.setCurrentWidget(self.basic_tab)
        rule = next((r for r in self.report.fmt.rules if r.id == finding.rule_id), None)
        if getattr(rule, "kind", None) == "signoff_date" and self.basic_tab is not None:
            self.basic_tab.focus_signoff()  # the 落款 date (or unit) to fill in

    def _scroll_to(self, view: ReportTableView, ref: str) -> None:
        try:
            view.scroll_to_ref(ref)
        except RuntimeError:  # the view was deleted meanwhile (another report loaded)
            pass

    def _confirm_replace_totals(self, differing) -> bool:
        """Before 合计自动计算 replaces typed totals that differ from the calculated ones."""
        ref, typed, calc = differing[0]
        info = self.report.cell_info(ref)
        more = f"等 {len(differing)} 处" if len(differing) > 1 else ""
        text = (f"切换为“合计自动计算”后，手工录入的合计将被程序计算的数字替换：“{info.row_label}”的"
                f"“{info.col_label}”录入为 {fmt_value(typed)}，计算为 {fmt_value(calc)}{more}。\n\n"
                "是否继续？（可以撤销）")
        return messages.choose(self, "合计自动计算", text, ["继续", "取消"]) == 0

    def closeEvent(self, event) -> None:
        if not self.commit_pending_edits() or not self.maybe_save():
            event.ignore()
            return
        self.save_settings()
        if self.autosaver is not None:
            self.autosaver.discard()
            self.autosaver.release()
        self.release_file()
        self.shortcuts.remove()
        event.accept()
