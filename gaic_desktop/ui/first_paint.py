"""Work that waits until a window has been painted once (start-up: the window first, then the rest)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class _AfterFirstPaint(QObject):
    def __init__(self, widget, callback: Callable[[], None], at_most_ms: int):
        super().__init__(widget)
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)
        # a window that is never painted (shown minimised, hidden) still gets it done
        QTimer.singleShot(at_most_ms, self, self._run)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once this paint is on the screen
        return False

    def _run(self) -> None:
        if not self._done:
            self._done = True
            self._callback()


def after_first_paint(widget, callback: Callable[[], None], *, at_most_ms: int = 500) -> None:
    """Call ``callback`` once, right after ``widget``'s first paint (or after ``at_most_ms`` if it
    is not painted by then)."""
    _AfterFirstPaint(widget, callback, at_most_ms)
