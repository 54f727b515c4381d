"""文件 → 导入已发布年报: import a published report (PDF, Word, web page, text) into the window.

The import itself is the Qt-free ``gaic_desktop.importer``, run in a worker thread behind a
progress dialog with 取消 (``import_worker``); this module asks for the file, shows the import
report (every cell that could not be filled or had to be interpreted, with the source text) and,
if the officer accepts, shows the imported "as printed" report as unsaved.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QInputDialog, QLabel,
                               QMessageBox, QTableWidget, QTableWidgetItem, QVBoxLayout)

from . import file_dialogs, import_worker, messages
from ..importer import BLANK, INFO, INTERPRETED, MISSING, UNREADABLE, ImportFailed, ImportResult, import_file

# .doc/.wps are offered too, so that choosing one gives the 「另存为 .docx」 advice instead of
# the file being invisible in the dialog.
FILE_FILTER = ("已发布的年度报告 (*.pdf *.docx *.doc *.wps *.html *.htm *.shtml *.txt);;PDF 文件 (*.pdf);;"
               "Word 文档 (*.docx *.doc *.wps);;网页 (*.html *.htm *.shtml);;文本文件 (*.txt);;所有文件 (*)")
_ORDER = {UNREADABLE: 0, MISSING: 1, INTERPRETED: 2, BLANK: 3, INFO: 4}
_WRAP_ROWS = 1000
_SHOWN_ISSUES = 2000
_SOURCE_CHARS = 160
_NAMED_ERRORS = 6  # printed errors named in the heading (all of them in 复制说明)


def _shortened(source: str) -> str:
    """The source text as shown in the 原文 column (in full in its tooltip)."""
    return source if len(source) <= _SOURCE_CHARS else source[:_SOURCE_CHARS] + "…"


class ImportReportDialog(QDialog):
    """The import report: what was read, what was interpreted, what is missing."""

    def __init__(self, result: ImportResult, source: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("导入说明")
        self.resize(900, 520)
        rep = result.report
        lay = QVBoxLayout(self)
        issues = sorted(result.issues, key=lambda i: _ORDER.get(i.kind, 9))
        listed = "下表列出所有未能读取或经过解释的内容，请逐项核对。"
        if len(issues) > _SHOWN_ISSUES:  # a hostile or garbled source: the table stays quick to build
            listed = (f"共 {len(issues):,} 条说明，下表列出前 {_SHOWN_ISSUES:,} 条，"
                      "全部内容请用“复制说明”复制后查看。")
            issues = issues[:_SHOWN_ISSUES]
        self.printed_errors = errors = result.printed_errors()
        named = errors[:_NAMED_ERRORS] + (["等（全部内容请用“复制说明”复制后查看）"]
                                         if len(errors) > _NAMED_ERRORS else [])
        found = (f"<br><span style='color:#a11d1d'>发现原文错误 {len(errors)} 处："
                 f"{html.escape('；'.join(named))}。"
                 "</span><br>" if self.printed_errors else "<br>原文未发现错误。<br>")
        head = QLabel(f"<b>{html.escape(rep.display_title())}</b>（{rep.fmt.document}格式，{result.source_kind}）<br>"
                      f"{html.escape(result.summary())}。导入后为“照印刷录入”模式：合计栏保留原文数字，"
                      f"检查结果会显示原文中的错误。{found}{listed}")
        head.setWordWrap(True)
        head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(head)
        self.table = QTableWidget(len(issues), 3, self)
        self.table.setHorizontalHeaderLabels(["类别", "说明", "原文"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for r, issue in enumerate(issues):
            for c, text in enumerate((issue.kind_name, issue.message, _shortened(issue.source))):
                item = QTableWidgetItem(text)
                item.setToolTip(issue.source if c == 2 else text)
                self.table.setItem(r, c, item)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 260)
        # 说明 is read in full: wrapped, rows as high as their text (for a long list — a hostile
        # source — rows keep one height; the full text is in the tooltip and 复制说明)
        self.table.setWordWrap(True)
        if len(issues) <= _WRAP_ROWS:
            self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton("打开导入的年报", QDialogButtonBox.ButtonRole.AcceptRole)
        copy = buttons.addButton("复制说明", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.as_text(result, source)))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    @staticmethod
    def as_text(result: ImportResult, source: str) -> str:
        from ..importer.cli import format_issues

        errors = result.printed_errors()
        found = [f"发现原文错误 {len(errors)} 处：" + "；".join(errors)] if errors else []
        return "\n".join([f"导入 {source}", result.summary(), *found] + format_issues(result))


def needs_year(exc: ImportFailed) -> bool:
    """The import failed only because the report year was not found in the text."""
    return bool(getattr(exc, "needs_year", False)) or "指定年度" in str(exc) or "没有找到报告年度" in str(exc)


def ask_year(parent, reason: str) -> int | None:
    """Ask for the report year (2019 to this year); None if cancelled."""
    this_year = dt.date.today().year
    year, ok = QInputDialog.getInt(parent, "指定报告年度",
                                   f"{reason.replace('请在导入时指定年度。', '').strip()}\n\n请选择这份年报的报告年度：",
                                   this_year - 1, 2019, this_year, 1)
    return int(year) if ok else None


def import_published(window, path: str | None = None, *, confirm: bool = True) -> bool:
    """Ask for a file (unless ``path``), import it, show the import report, load it unsaved."""
    if not window.maybe_save():
        return False
    if path is None:
        start = window.start_folder() if hasattr(window, "start_folder") else ""
        path, _ = file_dialogs.get_open_file_name(window, "导入已发布的年度报告", start, FILE_FILTER)
        if not path:
            return False
    year = None
    while True:
        kind, value = import_worker.run_import(
            window, Path(path).name,
            lambda cancel, progress: import_file(path, year=year, cancel=cancel, progress=progress))
        if kind == import_worker.CANCELLED:
            window.statusBar().showMessage("已取消导入，年报未改动", 5000)
            return False
        if kind == import_worker.FAILED:
            if year is None and needs_year(value):
                year = ask_year(window, str(value))
                if year is not None:
                    continue
                return False
            QMessageBox.warning(window, "无法导入", str(value))
            return False
        if kind == import_worker.ERROR:  # the importer translates everything; this is the last guard
            QMessageBox.warning(window, "无法导入", messages.error_text(f"读取“{path}”", value)
                                if isinstance(value, OSError) else
                                f"读取“{path}”失败：无法识别这份文件的内容（文件可能已损坏，"
                                "或不是受支持的年报格式）。")
            return False
        result = value
        break
    if confirm:
        dlg = ImportReportDialog(result, path, window)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
    window.load_report(result.report, None, modified=True)
    window.statusBar().showMessage(f"已导入 {path}（照印刷录入，尚未保存）", 8000)
    return True
