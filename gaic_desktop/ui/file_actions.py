"""文件 menu entries whose dialogs pull in heavy packages (ReportLab, pdfplumber).

The actions are created at start-up; their modules are imported on first use, so opening the
window does not pay for the PDF and import code.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence


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
