"""The 添加说明 dialog: an explanation (说明) of one warning.

The box wraps its text; above it the warning and what a good 说明 gives (a cause, a document,
a number or a date — ``resources/rules/explanations.json``) with an example for this warning's
rule; below it, while typing, which of those the text already gives. 保存说明 checks the text
with the core's rules: a refused text stays in the box with the reason shown in the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout)

from ..core.rules import ExplanationError, Finding, explanation_reasons, explanation_rules, validate_explanation

OK_FG = "#1e6b2e"
PENDING_FG = "#6b6b6b"
REFUSED_FG = "#a11d1d"


class ExplanationDialog(QDialog):
    def __init__(self, finding: Finding, text: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle("添加说明")
        self.setObjectName("explanation_dialog")
        rules = explanation_rules()
        lay = QVBoxLayout(self)
        self.warning_label = QLabel(f"警告（规则 {finding.rule_id}）：{finding.message}")
        self.warning_label.setWordWrap(True)
        self.warning_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.warning_label)
        self.hint_label = QLabel(f"{rules.hint}\n例如：{rules.example(finding.rule_id)}")
        self.hint_label.setObjectName("explanation_hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color:#444; background:#f4f4ec; padding:6px; border:1px solid #ddd")
        lay.addWidget(self.hint_label)
        lay.addWidget(QLabel("说明（随报告保存，印在审签单上）："))
        self.edit = QPlainTextEdit(text)
        self.edit.setObjectName("explanation_text")
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        lay.addWidget(self.edit, 1)
        self.check_label = QLabel()
        self.check_label.setObjectName("explanation_check")
        self.check_label.setWordWrap(True)
        lay.addWidget(self.check_label)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("保存说明", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.edit.textChanged.connect(self._update_check)
        self._update_check()
        self.resize(560, 380)
        self.edit.setFocus()
        self.edit.selectAll()

    def text(self) -> str:
        return self.edit.toPlainText()

    def _show(self, text: str, colour: str) -> None:
        self.check_label.setText(text)
        self.check_label.setToolTip("")
        self.check_label.setStyleSheet(f"color:{colour}")

    def _update_check(self) -> None:
        kinds = explanation_reasons(self.text()) if self.text().strip() else []
        if kinds:
            self._show("已写明：" + "、".join(kinds), OK_FG)
        else:
            self._show("尚未写出具体内容（原因、文件、件数或日期）。", PENDING_FG)

    def accept(self) -> None:
        try:
            validate_explanation(self.text())
        except ExplanationError as exc:  # refused: the text stays, the reason is shown here
            reason = str(exc)
            if reason == explanation_rules().refusal and "。" in reason:
                # its first sentence: the rest repeats the hint shown above the box
                self._show(reason[:reason.index("。") + 1] + "请按上面的提示写出具体内容。", REFUSED_FG)
                self.check_label.setToolTip(reason)
            else:  # e.g. over the length limit
                self._show(reason, REFUSED_FG)
            self.edit.setFocus()
            return
        super().accept()


def ask_explanation(parent, finding: Finding, text: str = "") -> tuple[str, bool]:
    """Show the dialog; (the text, True) once an acceptable 说明 was given, else (…, False)."""
    dlg = ExplanationDialog(finding, text, parent)
    ok = dlg.exec() == QDialog.DialogCode.Accepted
    return dlg.text().strip(), ok
