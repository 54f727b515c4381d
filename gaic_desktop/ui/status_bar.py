"""The main window's status bar: hints elided before the permanent counters."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStatusBar


class HintStatusBar(QStatusBar):
    """A status bar whose temporary messages (hints such as 「粘贴未执行：…」) end with 「…」
    before the permanent widgets (the 错误/警告 counters) instead of being cut off against them;
    the full text is the status bar's tooltip. ``currentMessage()`` stays the full text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._permanent: list = []
        self.messageChanged.connect(lambda text: self.setToolTip(text.strip()))

    def addPermanentWidget(self, widget, stretch: int = 0) -> None:
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)

    def message_rect(self) -> QRect:
        """Where the message may go: from the left edge to the first visible permanent widget."""
        left, right = 6, self.width() - 12
        for w in self._permanent:
            if w.isVisible():
                right = min(right, w.x() - 8)
        return QRect(left, 0, max(0, right - left), self.height())

    def displayed_message(self) -> str:
        text = " ".join(self.currentMessage().split())
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, self.message_rect().width())

    def paintEvent(self, event) -> None:
        if not self.currentMessage():
            super().paintEvent(event)
            return
        # as QStatusBar paints itself, with the message elided. (QStyle and QPainter are imported
        # here: making their Python types costs ~15 ms, which the first paint, without a
        # message, does not need.)
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QStyle, QStyleOption

        p = QPainter(self)
        opt = QStyleOption()
        opt.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, opt, p, self)
        for w in self._permanent:
            if w.isVisible():
                item = QStyleOption()
                item.rect = w.geometry().adjusted(-2, -1, 2, 1)
                item.palette = self.palette()
                item.state = QStyle.StateFlag.State_None
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, item, p, w)
        p.setPen(self.palette().windowText().color())
        p.drawText(self.message_rect(), int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                                            | Qt.TextFlag.TextSingleLine), self.displayed_message())
        p.end()
