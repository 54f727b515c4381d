"""文件 menu entries whose dialogs pull in heavy packages (ReportLab, pdfplumber, python-docx).

The actions are created at start-up; their modules are imported on first use, so opening the
window does not pay for the PDF and import code.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication


def install(window) -> None:
    export = QAction("导出PDF(&E)…", window)
    export.setShortcut(QKeySequence("Ctrl+E"))
    export.setStatusTip("导出可打印、可签发的PDF（公开版或审签版）")
    export.triggered.connect(lambda: _show_export(window))
    window.add_file_action(export, after="export", toolbar=True)
    window.actions["export_pdf"] = export

    imp = QAction("导入已发布年报(&I)…", window)
    imp.setStatusTip("从已发布的年报（PDF、Word、网页或文本）导入，用作上年数据或核对")
    imp.triggered.connect(lambda: _import_published(window))
    window.add_file_action(imp, after="recent")
    window.actions["import"] = imp


def install_publish(window) -> None:
    """文件 → 导出Word, right after 导出PDF (installed after the other 文件 entries that anchor
    on 导出PDF, so that it stays next to it)."""
    word = QAction("导出Word(&W)…", window)
    word.setStatusTip("导出可在 Word、WPS 中编辑的Word文档（.docx，公开版），版式与PDF相同")
    word.triggered.connect(lambda: export_word(window))
    window.add_file_action(word, after="export_pdf")
    window.actions["export_docx"] = word


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


def export_word(window) -> str | None:
    """文件 → 导出Word: the 公开版 as a .docx, next to the report file by default. A report with
    errors is exported only when the user says so. Returns the path written, or None. Never
    raises (a Qt slot)."""
    from PySide6.QtWidgets import QMessageBox

    from . import messages

    title = "导出Word"
    try:
        if not window.commit_pending_edits():
            return None
        from ..core.rules import error_count, evaluate
        from ..publish.docx import export_docx
        from . import file_dialogs
        from .export_dialog import default_pdf_path

        report = window.report.model_copy(deep=True)  # what is on screen now
        errors = error_count(evaluate(report))
        if errors:
            ans = messages.ask(window, title,
                               f"年报还有 {errors} 处错误。Word 文档没有“草稿”水印，改正之前请不要发布。\n\n"
                               "仍要导出吗？",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               QMessageBox.StandardButton.No)
            if ans != QMessageBox.StandardButton.Yes:
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
    from . import messages

    try:
        from ..pdf.output import ExportError
    except Exception:  # noqa: BLE001 - the import itself may be what failed
        ExportError = ()  # type: ignore[assignment]  # noqa: N806
    if ExportError and isinstance(exc, ExportError):
        return str(exc)
    return messages.error_text("导出Word文档", exc)
