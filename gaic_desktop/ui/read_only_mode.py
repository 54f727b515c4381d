"""只读 mode, shown where the officer looks: a bar above the tabs that says why the window cannot
change the file and what to do (另存为), every editor of the report made read-only, and any
other way of changing it (paste, 清除, menus, 添加说明) answered with the same choice.

The window sets ``read_only`` (``window_sharing``); ``apply(window)`` follows it. The bar and the
container that holds it above the tabs are made the first time a window goes read-only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QFrame, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from . import messages

#: what the officer is told, after the reason, wherever an edit is refused
WHAT_TO_DO = "本窗口不能修改这份年报。要修改，请点击“另存为…”保存为一个新文件，再在新文件中修改。"


class ReadOnlyBar(QFrame):
    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.setObjectName("read_only_bar")
        self.setStyleSheet("#read_only_bar { background:#fff4ce; border:1px solid #d9b44a; }"
                           "#read_only_bar QLabel { color:#5a4200; }")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setObjectName("read_only_text")
        self.label.setWordWrap(True)
        lay.addWidget(self.label, 1)
        self.save_as_button = QPushButton("另存为…")
        self.save_as_button.setObjectName("read_only_save_as")
        self.save_as_button.clicked.connect(window.save_as)
        lay.addWidget(self.save_as_button)


def reason(window) -> str:
    """Why the window is read-only, in a sentence naming the file."""
    from .window_sharing import is_read_only

    path = window.current_path
    name = f"“{Path(path).name}”" if path else "这份年报"
    if path and is_read_only(path):
        return f"只读：{name}是只读文件（没有写入权限）。"
    who = getattr(window, "lock_owner_text", None) or "其他人或另一个窗口"
    return f"只读：{name}已由 {who}打开，本窗口以只读方式打开。"


def _bar(window) -> ReadOnlyBar:
    bar = getattr(window, "read_only_bar", None)
    if bar is None:
        tabs = window.takeCentralWidget()
        box = QWidget()
        box.setObjectName("central")
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        bar = ReadOnlyBar(window, box)
        lay.addWidget(bar)
        lay.addWidget(tabs, 1)
        window.setCentralWidget(box)
        tabs.show()  # (taken out of the window: shown again in its new place)
        box.show()
        window.read_only_bar = bar
    return bar


def _lock_editors(window) -> None:
    """Make every editor of the report read-only (buttons disabled); remembers what it changed."""
    if getattr(window, "_read_only_changed", None) is None:
        window._read_only_changed = []
    changed = window._read_only_changed
    t = window.tabs
    for w in t.findChildren(QLineEdit) + t.findChildren(QPlainTextEdit) + t.findChildren(QAbstractSpinBox):
        if not w.isReadOnly():  # (year, 落款日期 are spin boxes)
            w.setReadOnly(True)
            changed.append((w, "read_only"))
    for w in t.findChildren(QAbstractButton) + t.findChildren(QComboBox):
        if w.isEnabled():
            w.setEnabled(False)
            changed.append((w, "enabled"))
    for view in t.findChildren(QTableView):
        if view.editTriggers() != QTableView.EditTrigger.NoEditTriggers:
            changed.append((view, view.editTriggers()))
            view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)


def _unlock_editors(window) -> None:
    """Undo ``_lock_editors`` (only what it changed: a button disabled for its own reason stays)."""
    changed, window._read_only_changed = getattr(window, "_read_only_changed", None) or [], None
    for w, what in changed:
        try:
            if what == "read_only":
                w.setReadOnly(False)
            elif what == "enabled":
                w.setEnabled(True)
            else:
                w.setEditTriggers(what)
        except RuntimeError:  # deleted with tabs rebuilt for another report
            pass


def apply(window) -> None:
    """Show or end 只读 mode as ``window.read_only`` says."""
    on = bool(window.read_only)
    window.document.read_only = reason(window) if on else None
    update_lint = getattr(window, "update_lint_buttons", None)
    if update_lint is not None:
        update_lint()  # 修正 / 全部修正… follow (they sit in the findings panel, not in the tabs)
    bar = getattr(window, "read_only_bar", None)
    if on:
        bar = _bar(window)
        bar.label.setText(f"{reason(window)}{WHAT_TO_DO}")
    if bar is not None:
        bar.setVisible(on)
    if on:
        _lock_editors(window)  # again after tabs were rebuilt: their new editors too
    else:
        _unlock_editors(window)


def refused(window) -> None:
    """An edit reached a read-only report (paste, a menu, 添加说明): say so, offer 另存为."""
    text = f"{window.document.read_only or ''}\n\n{WHAT_TO_DO}"
    if messages.choose(window, "只读", text, ["另存为…", "取消"]) == 0:
        window.save_as()
