"""The findings panel (a dock): every error and warning of the report, live.

Clicking a finding emits ``findingActivated(finding)``; the window switches to its tab and selects
its cells. A warning can be acknowledged with an explanation (说明) — the core decides whether
the explanation is acceptable and its Chinese message is shown if not.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from ..core.rules import ExplanationError, Finding

#: shown until the rules have been evaluated (right after the window's first paint)
CHECKING = "正在检查…"
ERROR_FG = QColor("#a11d1d")
WARNING_FG = QColor("#8a5a00")
ACK_FG = QColor("#6b6b6b")


def counts_text(findings) -> str:
    """The one count of findings the window shows (status bar and findings panel): every
    warning counts, the explained ones named again in brackets — 「错误 0 处　警告 3 处（已说明 1 处）」."""
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    explained = sum(1 for f in findings if not f.is_error and f.acknowledged)
    text = f"错误 {errors} 处　警告 {warnings} 处"
    return text + (f"（已说明 {explained} 处）" if explained else "")


def finding_text(f: Finding) -> str:
    tag = "错误" if f.is_error else ("已说明" if f.acknowledged else "警告")
    text = f"【{tag}】{f.message}"
    if f.acknowledged:
        text += f"\n说明：{f.acknowledged}"
    return text


class FindingsPanel(QWidget):
    findingActivated = Signal(object)

    def __init__(self, doc, parent=None):
        super().__init__(parent)
        self.doc = doc
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("findings_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.placeholder = QLabel("未发现错误或警告。")
        self.placeholder.setObjectName("findings_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.placeholder.setContentsMargins(8, 24, 8, 8)
        self.placeholder.setStyleSheet("color:#6b6b6b")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.placeholder)
        lay.addWidget(self.stack, 1)
        buttons = QHBoxLayout()
        self.ack_button = QPushButton("添加说明…")
        self.ack_button.setToolTip("对选中的警告写明原因（说明）；错误必须改正，不能说明")
        self.ack_button.clicked.connect(self.acknowledge_current)
        self.unack_button = QPushButton("删除说明")
        self.unack_button.clicked.connect(self._unacknowledge)
        buttons.addWidget(self.ack_button)
        buttons.addWidget(self.unack_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self._shown: list[tuple] | None = None  # nothing shown yet
        doc.findingsChanged.connect(self.refresh)
        self.refresh()
        self._update_buttons()

    def findings(self) -> list[Finding]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def refresh(self) -> None:
        findings = self.doc.findings
        sig = [self.doc.checked, *((f.key, f.message, f.acknowledged, f.severity) for f in findings)]
        if sig == self._shown:
            # same findings: keep the selection, just swap the objects
            for i, f in enumerate(findings):
                self.list.item(i).setData(Qt.ItemDataRole.UserRole, f)
            return
        current = self.list.currentItem()
        current_key = current.data(Qt.ItemDataRole.UserRole).key if current else None
        self._shown = sig
        self.list.blockSignals(True)
        self.list.clear()
        for f in findings:
            item = QListWidgetItem(finding_text(f))
            item.setData(Qt.ItemDataRole.UserRole, f)
            item.setForeground(QBrush(ERROR_FG if f.is_error else (ACK_FG if f.acknowledged else WARNING_FG)))
            item.setToolTip(f"规则 {f.rule_id}：{f.message}")
            self.list.addItem(item)
            if f.key == current_key:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.placeholder.setText("未发现错误或警告。" if self.doc.checked else CHECKING)
        self.stack.setCurrentWidget(self.list if findings else self.placeholder)
        # with nothing to list, the placeholder says it: no second line saying the same
        self.summary.setVisible(bool(findings))
        self.summary.setText(f"{counts_text(findings)}。点击一条可跳到相应单元格。" if findings else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        f = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.ack_button.setEnabled(bool(f and not f.is_error))
        self.unack_button.setEnabled(bool(f and f.acknowledged))

    def _activated(self, item: QListWidgetItem) -> None:
        self.findingActivated.emit(item.data(Qt.ItemDataRole.UserRole))

    def current_finding(self) -> Finding | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def acknowledge_current(self) -> None:
        f = self.current_finding()
        if f is None:
            return
        if f.is_error:
            QMessageBox.information(self, "添加说明", "错误必须改正，不能以说明代替；只有警告可以附说明。")
            return
        from . import explain_dialog  # (not needed before the window's first paint)

        # the dialog itself refuses a thin 说明 (its text stays in the box, the reason shown)
        text, ok = explain_dialog.ask_explanation(self, f, f.acknowledged or "")
        if ok:
            self.acknowledge(f, text)

    def acknowledge(self, f: Finding, text: str) -> bool:
        try:
            self.doc.acknowledge(f, text)
        except ExplanationError as exc:
            QMessageBox.warning(self, "说明未保存", str(exc))
            return False
        return True

    def _unacknowledge(self) -> None:
        f = self.current_finding()
        if f is not None and f.acknowledged:
            self.doc.remove_acknowledgement(f.key)
