"""The colour legend shown above the tables: one colour per meaning."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QSizePolicy, QWidget

from .table_model import (AUTO_BG, AUTO_FG, BLANK_BG, EDITING_FRAME, ERROR_BG, ERROR_FG, LABEL_FG,
                          TYPED_TOTAL_BG, TYPED_TOTAL_FG, WARNING_BG)

#: (text, background, text colour, tooltip)
ENTRIES = [
    ("错误", ERROR_BG, ERROR_FG, "违反必须满足的勾稽关系，须改正"),
    ("警告", WARNING_BG, LABEL_FG, "可能有误，请核对；确无问题的可附说明"),
    ("未填写", BLANK_BG, LABEL_FG, "应填写的空白单元格：无数据填0，不适用填“/”"),
    ("自动合计", AUTO_BG, AUTO_FG, "程序计算的合计（合计自动计算），不能直接修改"),
    ("录入合计", TYPED_TOTAL_BG, TYPED_TOTAL_FG, "照印刷录入的合计，程序只核对、不计算"),
    ("正在填写", None, LABEL_FG, "当前单元格（蓝框）：输入时就会显示是否出错"),
]


class ColourLegend(QWidget):
    """Swatches in a row, right-aligned in the room left beside the heading; it never makes
    the window wider (in a narrow window the swatches are cut off from the left)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("colour_legend")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        lay = QHBoxLayout(self)
        lay.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addStretch(1)
        self.swatches: list[QLabel] = []
        for text, bg, fg, tip in ENTRIES:
            label = QLabel(text)
            border = f"2px solid {EDITING_FRAME.name()}" if bg is None else "1px solid #b8b8b8"
            label.setStyleSheet(f"QLabel {{ background: {bg.name() if bg is not None else '#ffffff'}; "
                                f"color: {fg.name()}; border: {border}; padding: 1px 5px; }}")
            label.setToolTip(tip)
            lay.addWidget(label)
            self.swatches.append(label)
