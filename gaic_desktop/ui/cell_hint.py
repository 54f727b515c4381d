"""The hint bubble of a table cell: why a keystroke or a value was refused (「不能输入“a”：…」).

Unlike a tool tip it is placed by the program: just above the cell, so it never covers the cell
below (where Enter goes) or to the right (Tab); it goes as soon as the cell is left, its text is
fixed, the editor closes, the table scrolls or is hidden — and after a few seconds in any case.
The same text is in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QLabel

#: how long a hint stays at most (ms)
SHOW_MS = 6000


class CellHint(QLabel):
    def __init__(self, view):
        super().__init__(view.window())
        self.setObjectName("cell_hint")
        self.view = view
        self.ref: str | None = None
        self.setWordWrap(True)
        self.setStyleSheet("#cell_hint { background:#fffbe0; color:#5a1a1a; border:1px solid #b08a3c;"
                           " padding:3px 6px; }")
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)

    def show_for(self, ref: str, text: str) -> None:
        view = self.view
        idx = view.table_model.index_of(ref)
        win = self.parentWidget()
        if not idx.isValid() or win is None:
            return
        rect = view.visualRect(idx)
        self.ref = ref
        self.setText(text)
        width = min(max(rect.width(), 28 * self.fontMetrics().horizontalAdvance("中")), win.width() - 8)
        self.setFixedWidth(width)
        self.adjustSize()
        top_left = view.viewport().mapTo(win, rect.topLeft())
        x = max(4, min(top_left.x(), win.width() - self.width() - 4))
        y = max(0, top_left.y() - self.height() - 2)  # above the cell: the cells below stay free
        self.move(QPoint(x, y))
        self.raise_()
        self.show()
        self._timer.start(SHOW_MS)

    def dismiss(self, *_args) -> None:
        self._timer.stop()
        self.ref = None
        self.hide()
