"""文件 menu entries whose dialogs pull in heavy packages (ReportLab, pdfplumber, python-docx).

导出Word… writes the Word document (.docx, 公开版, ``publish/docx.py``).

The actions are created at start-up; their modules are imported on first use, so opening the
window does not pay for the PDF and import code.

导出网页… writes the portal web page (.html, 公开版, ``publish/html.py``); 复制为网页 puts the
same page's content on the clipboard as text/html (with a plain-text alternative), for pasting
into the portal's editor. Both ask first when the report still has errors, as the PDF export
warns of its 草稿 watermark (the web page has none).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from . import file_dialogs, messages


def install(window) -> None:
    export = _add(window, "export_pdf", "导出PDF(&E)…", "导出可打印、可签发的PDF（公开版或审签版）",
                  lambda: _show_export(window), after="export", toolbar=True)
    export.setShortcut(QKeySequence("Ctrl+E"))
    _add(window, "export_html", "导出网页(&G)…", "导出可发布到政府网站的网页（.html，公开版）",
         lambda: _export_web_page(window), after="export_pdf")
    _add(window, "copy_html", "复制为网页(&H)", "把年报复制为网页格式，可直接粘贴到政府网站的编辑器中",
         lambda: _copy_web_page(window), after="export_html")
    _add(window, "import", "导入已发布年报(&I)…", "从已发布的年报（PDF、Word、网页或文本）导入，用作上年数据或核对",
         lambda: _import_published(window), after="recent")


def _add(window, name: str, text: str, tip: str, slot, *, after: str, toolbar: bool = False) -> QAction:
    """A 文件 menu entry, stored as ``window.actions[name]``."""
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.add_file_action(action, after=after, toolbar=toolbar)
    window.actions[name] = action
    return action


def install_publish(window) -> None:
    """文件 → 导出Word, right after 导出PDF (installed after the other 文件 entries that anchor
    on 导出PDF, so that it stays next to it)."""
    _add(window, "export_docx", "导出Word(&W)…", "导出可在 Word、WPS 中编辑的Word文档（.docx，公开版），版式与PDF相同",
         lambda: export_word(window), after="export_pdf")


def _show_export(window):
    if not window.commit_pending_edits():
        return None
    from .export_dialog import show_export_dialog

    return show_export_dialog(window)


def _import_published(window):
    if not window.commit_pending_edits():
        return False
    from .import_dialog import import_published

    return import_published(window)


# ---------------------------------------------------------------- 导出网页 / 复制为网页

_HTML_SUFFIXES = (".html", ".htm")


def _go_ahead_despite_errors(window, title: str, doing: str, what: str = "网页", report=None) -> bool:
    """True when the report has no errors, or the user chooses to go on anyway."""
    from ..core.rules import error_count, evaluate

    errors = error_count(evaluate(report if report is not None else window.report))
    if not errors:
        return True
    answer = messages.ask(window, title,
                          f"年报还有 {errors} 处错误（见“错误和警告”面板）。{what}不带“草稿”水印，"
                          f"发布前请先改正。\n\n仍要{doing}吗？",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def default_html_path(window) -> str:
    """Beside the report file, named like it (the PDF's name with .html)."""
    from .export_dialog import default_pdf_path

    folder = window.start_folder() if hasattr(window, "start_folder") else None
    pdf = default_pdf_path(window.report, window.current_path, folder)
    return pdf[: -len(".pdf")] + ".html"


def _export_web_page(window) -> bool:
    title = "导出网页"
    try:
        if not window.commit_pending_edits() or not _go_ahead_despite_errors(window, title, "导出网页"):
            return False
        path, _ = file_dialogs.get_save_file_name(window, title, default_html_path(window),
                                                  "网页文件 (*.html *.htm)")
        if not path:
            return False
        if not path.lower().endswith(_HTML_SUFFIXES):
            path += ".html"  # the file dialog asked about the name without the suffix only
            if Path(path).exists():
                answer = messages.ask(window, title, f"“{Path(path).name}”已存在。是否替换？",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    return False
        from ..publish.html import HtmlExportError, export_html

        try:
            export_html(window.report, path)
        except HtmlExportError as exc:
            QMessageBox.critical(window, title, str(exc))
            return False
        window.statusBar().showMessage(f"已导出网页：{path}", 15000)
        return True
    except Exception as exc:  # a slot must not raise
        QMessageBox.critical(window, title, messages.error_text(title, exc))
        return False


def _copy_web_page(window) -> bool:
    title = "复制为网页"
    try:
        if not window.commit_pending_edits() or not _go_ahead_despite_errors(window, title, "复制为网页"):
            return False
        from ..publish.html import render_html, render_text

        from .clipboard import put_html_and_text

        # the charset line, as browsers put it on the clipboard, so that no pasting program
        # guesses another encoding
        put_html_and_text("<meta charset=\"utf-8\">" + render_html(window.report, fragment=True),
                          render_text(window.report))
        window.statusBar().showMessage("已复制为网页，可粘贴到网站编辑器中", 15000)
        return True
    except Exception as exc:  # a slot must not raise
        QMessageBox.critical(window, title, messages.error_text(title, exc))
        return False


# ---------------------------------------------------------------- 导出Word

def export_word(window) -> str | None:
    """文件 → 导出Word: the 公开版 as a .docx, next to the report file by default. A report with
    errors is exported only when the user says so. Returns the path written, or None. Never
    raises (a Qt slot)."""
    title = "导出Word"
    try:
        if not window.commit_pending_edits():
            return None
        from ..publish.docx import export_docx
        from .export_dialog import default_pdf_path

        report = window.report.model_copy(deep=True)  # what is on screen now
        if not _go_ahead_despite_errors(window, title, "导出", "Word 文档", report):
            return None
        folder = window.start_folder() if hasattr(window, "start_folder") else None
        suggested = str(Path(default_pdf_path(report, window.current_path, folder)).with_suffix(".docx"))
        path, _ = file_dialogs.get_save_file_name(window, title, suggested, "Word 文档 (*.docx)")
        if not path:
            return None
        if not path.lower().endswith(".docx"):
            path += ".docx"
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_docx(report, path)
        finally:
            QApplication.restoreOverrideCursor()
    except Exception as exc:  # noqa: BLE001 - nothing escapes a slot; never English
        QMessageBox.critical(window, title, _failure_text(exc))
        return None
    window.statusBar().showMessage(f"已导出Word文档：{path}", 15000)
    return path


def _failure_text(exc: Exception) -> str:
    """The export's own Chinese message (no folder, no permission…), else a generic one."""
    try:
        from ..pdf.output import ExportError
    except Exception:  # noqa: BLE001 - the import itself may be what failed
        ExportError = ()  # type: ignore[assignment]  # noqa: N806
    if ExportError and isinstance(exc, ExportError):
        return str(exc)
    return messages.error_text("导出Word文档", exc)
