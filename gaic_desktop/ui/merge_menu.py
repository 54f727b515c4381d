"""The 汇总 entries of the 文件 menu and the breakdown by unit in a consolidated report's
tooltips. The dialogs themselves (``merge_dialog``, with ``core.merge`` and ``merge_io``) are
imported when an entry is chosen: they are not needed for the window's first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolTip


def _dialogs():
    from . import merge_dialog

    return merge_dialog


class BreakdownTips(QObject):
    """Adds the breakdown by unit to the tooltip of a consolidated report's cells."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        window.document.reportReset.connect(lambda: QTimer.singleShot(0, self.attach))
        self.attach()

    def attach(self) -> None:
        for tab in self.window_.built_section_tabs():  # a tab built later calls attach() again
            for view in tab.tables.values():
                view.viewport().installEventFilter(self)

    def text_for(self, ref: str) -> str:
        report = self.window_.report
        if not report.sources:
            return ""
        from ..core.merge import breakdown_text

        return breakdown_text(report, ref)

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.ToolTip:
            return False
        try:
            view = obj.parent()
            index = view.indexAt(event.pos())
            from .table_model import CELL_REF_ROLE  # (loaded with the table views)

            ref = index.data(CELL_REF_ROLE) if index.isValid() else None
            extra = self.text_for(ref) if ref else ""
            if not extra:
                return False
            base = index.data(Qt.ItemDataRole.ToolTipRole) or ""
            QToolTip.showText(event.globalPos(), f"{base}\n\n{extra}" if base else extra, obj)
            return True
        except Exception:  # noqa: BLE001 - no exception may escape an event handler
            return False


def install_merge_action(window) -> None:
    """文件 → 汇总下级单位报告… and 导出汇总明细…; breakdown tooltips on consolidated reports."""
    merge = QAction("汇总下级单位报告(&M)…", window)
    merge.setStatusTip("把各部门、各街道（乡镇）的年报逐格相加，生成本级政府的汇总报告")
    merge.triggered.connect(lambda: _dialogs().show_merge_dialog(window))
    window.add_file_action(merge, after="import" if "import" in window.actions else "recent")
    window.actions["merge"] = merge
    out = QAction("按单位名单下发空白年报…", window)
    out.setStatusTip("为单位名单中的每个单位生成一份空白年报（已填写机关名称、同一格式）")
    out.triggered.connect(lambda: _dialogs().hand_out(window))
    window.add_file_action(out, after="merge")
    window.actions["hand_out"] = out
    detail = QAction("导出汇总明细(&D)…", window)
    detail.setStatusTip("导出各单位数字和合计的明细表（Excel .xlsx）")
    detail.triggered.connect(lambda: _dialogs()._export_current(window))
    window.add_file_action(detail, after="export_pdf" if "export_pdf" in window.actions else "export")
    window.actions["merge_detail"] = detail
    window.merge_tips = BreakdownTips(window)
