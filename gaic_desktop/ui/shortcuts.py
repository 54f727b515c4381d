"""The window's shortcuts work while typing in any of its editors.

A line edit or text editor claims some key combinations for itself (Qt asks it first with a
``ShortcutOverride`` event): on Linux desktops Ctrl+E moves to the end of the line, so 导出PDF
did nothing while typing in 基本信息 or a cell; a narrative editor whose own undo is off still
claimed Ctrl+Z / Ctrl+Y and did nothing with them. ``WindowShortcuts`` (an application event
filter, one per window) lets the window's own actions win for the editors of that window:

* every window action that is not a text-editing key (保存, 另存为, 打开, 新建, 导出PDF, 打印 …),
* 撤销 / 重做 (Ctrl+Z; Ctrl+Y and Ctrl+Shift+Z) for editors whose edits are steps of the window's
  undo history (narratives, 基本信息 fields: their own undo is not used).

Cut, copy, paste, select-all and the cursor keys stay with the editor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

#: window actions whose keys belong to the editor holding the focus
EDITING_ACTIONS = {"cut", "copy", "paste", "clear", "undo", "redo"}


def uses_window_undo(widget: QWidget) -> bool:
    """Edits of this widget are steps of the window's undo history (its own undo is off or
    unused): Ctrl+Z/Ctrl+Y there mean the window's 撤销/重做."""
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isUndoRedoEnabled()
    return bool(getattr(widget, "window_undo", False))


def is_editor(widget) -> bool:
    return isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox))


class WindowShortcuts(QObject):
    def __init__(self, window, *, install: bool = True):
        """``install=False``: the caller calls ``install()`` (the window does, right after its
        first paint: an application event filter is called for every event of the start-up,
        and no key reaches an editor before the window is on the screen)."""
        super().__init__(window)
        self.window = window
        if install:
            self.install()

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def actions_for(self, widget):
        acts = self.window.actions
        names = [n for n in acts if n not in EDITING_ACTIONS]
        if uses_window_undo(widget):
            names += ["undo", "redo"]
        return [acts[n] for n in names if n in acts]

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not is_editor(obj):
            return False
        try:
            if obj.window() is not self.window:
                return False
        except RuntimeError:  # the window is being deleted
            return False
        pressed = QKeySequence(event.keyCombination())
        for action in self.actions_for(obj):
            if not action.isEnabled():
                continue
            if any(k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for k in action.shortcuts()):
                event.ignore()  # not the editor's: the shortcut map triggers the action
                return True
        return False

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
