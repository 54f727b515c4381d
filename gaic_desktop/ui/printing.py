"""文件 → 打印 (Ctrl+P) and 打印预览: the menu entries and the tool bar button.

The actions are created with the window; ``print_job`` (QtPrintSupport, pypdfium2, ReportLab)
is imported when one is first used. The window's hook is one call::

    printing.install_print_actions(window)   # after file_actions.install(window)
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from . import messages


def install_print_actions(window) -> None:
    """Add 打印预览 and 打印 to the 文件 menu after 导出PDF (or in the export slot), 打印 also
    to the tool bar; store them as ``window.actions["print_preview"]``/``["print"]``."""
    after = "export_pdf" if "export_pdf" in window.actions else "export"
    preview = QAction("打印预览(&V)…", window)
    preview.setObjectName("action_print_preview")
    preview.setStatusTip("按打印效果逐页查看（与导出的PDF相同）")
    preview.triggered.connect(lambda: _run(window, "打印预览", "show_preview"))
    window.add_file_action(preview, after=after)
    window.actions["print_preview"] = preview

    act = QAction("打印(&P)…", window)
    act.setObjectName("action_print")
    act.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    act.setStatusTip("打印年报（公开版或审签版，按原大打印在A4纸上）")
    act.triggered.connect(lambda: _run(window, "打印", "print_report"))
    window.add_file_action(act, after="print_preview", toolbar=True)
    window.actions["print"] = act


def _run(window, title: str, name: str):
    """Slot body: commit what is being typed, then open the dialog; never let an exception
    escape into Qt."""
    try:
        if hasattr(window, "commit_pending_edits") and not window.commit_pending_edits():
            return None
        from . import print_job

        return getattr(print_job, name)(window)
    except Exception as exc:  # noqa: BLE001
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(window, title, messages.error_text(title, exc))
        return None
