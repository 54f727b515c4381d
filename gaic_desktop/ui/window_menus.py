"""The main window's menus, toolbars and edit actions (a mixin of ``MainWindow``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QToolBar

from .dialogs import show_about, show_shortcuts


class MenusMixin:
    """Builds 文件/编辑/视图/帮助, the toolbars, and carries out 剪切/复制/粘贴/清除."""

    def add_file_action(self, action: QAction, after: str = "save_as", *, toolbar: bool = False) -> None:
        """Insert ``action`` into the 文件 menu after the action named ``after``."""
        anchor = self.actions.get(after)
        items = self.file_menu.actions()
        if anchor is None or anchor not in items:
            before = self.actions["quit"]
        else:
            i = items.index(anchor)
            before = items[i + 1] if i + 1 < len(items) else None
        if before is None:
            self.file_menu.addAction(action)
        else:
            self.file_menu.insertAction(before, action)
        if action.parent() is None:
            action.setParent(self)
        self.addAction(action)
        if toolbar:
            self.toolbar.insertAction(self._toolbar_anchor, action)

    def _act(self, name: str, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        a = QAction(text, self)
        a.setObjectName(f"action_{name}")
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(slot)
        self.actions[name] = a
        return a

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey
        mb = self.menuBar()
        self.file_menu = mb.addMenu("文件(&F)")
        fm = self.file_menu
        fm.addAction(self._act("new", "新建(&N)…", lambda: self.new_report_dialog(), SK.New, "新建年报"))
        fm.addAction(self._act("new_next_year", "新建下一年度报告(&Y)…",
                               lambda: self.new_report_dialog(next_year=True),
                               tip="以当前打开的年报为上年度报告，新建下一年度的年报"))
        fm.addAction(self._act("open", "打开(&O)…", lambda: self.open_file(), SK.Open, "打开年报文件"))
        self.recent_menu = QMenu("最近打开(&R)", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.actions["recent"] = fm.addMenu(self.recent_menu)
        fm.addAction(self._act("restore_backup", "从备份恢复(&B)…", lambda: self.restore_from_backup(),
                               tip="打开上次保存前自动保留的备份（.bak），检查后保存即可替换原文件"))
        fm.addSeparator()
        fm.addAction(self._act("save", "保存(&S)", self.save, SK.Save, "保存年报文件"))
        fm.addAction(self._act("save_as", "另存为(&A)…", self.save_as, SK.SaveAs, "以新文件名保存"))
        self.actions["export"] = fm.addSeparator()  # 导出PDF goes here (add_file_action(after="export"))
        fm.addSeparator()
        fm.addAction(self._act("quit", "退出(&X)", self.close, SK.Quit))

        stack = self.document.undo_stack
        undo = stack.createUndoAction(self, "撤销")
        undo.setShortcut(SK.Undo)
        undo.setObjectName("action_undo")
        redo = stack.createRedoAction(self, "重做")
        # Ctrl+Y as in Excel/WPS (the first shortcut is the one the menu shows); the platform's
        # own redo key (Ctrl+Shift+Z on Linux and macOS) works too
        redo_keys = [QKeySequence("Ctrl+Y")]
        for key in [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(SK.Redo)]:
            if not key.isEmpty() and key not in redo_keys:
                redo_keys.append(key)
        redo.setShortcuts(redo_keys)
        redo.setObjectName("action_redo")
        self.actions["undo"], self.actions["redo"] = undo, redo
        self.edit_menu = mb.addMenu("编辑(&E)")
        em = self.edit_menu
        em.addAction(undo)
        em.addAction(redo)
        em.addSeparator()
        em.addAction(self._act("cut", "剪切(&T)", lambda: self._edit("cut"), SK.Cut))
        em.addAction(self._act("copy", "复制(&C)", lambda: self._edit("copy"), SK.Copy))
        em.addAction(self._act("paste", "粘贴(&P)", lambda: self._edit("paste"), SK.Paste))
        em.addAction(self._act("clear", "清除(&D)", lambda: self._edit("clear"), SK.Delete,
                               "清除选中的单元格（清为空白）"))
        em.addSeparator()
        printed = self._act("printed_mode", "照印刷录入（合计不自动计算）", self._toggle_printed)
        printed.setCheckable(True)
        em.addAction(printed)

        self.view_menu = mb.addMenu("视图(&V)")
        toggle = self.findings_dock.toggleViewAction()
        toggle.setText("错误和警告面板")
        self.view_menu.addAction(toggle)

        self.help_menu = mb.addMenu("帮助(&H)")
        self.help_menu.addAction(self._act("shortcuts", "快捷键(&K)", lambda: show_shortcuts(self)))
        self.help_menu.addAction(self._act("about", "关于(&A)", lambda: show_about(self)))

        tb = QToolBar("工具栏", self)
        tb.setObjectName("toolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("new", "open", "save"):
            tb.addAction(self.actions[name])
        self._toolbar_anchor = tb.addSeparator()
        tb.addAction(undo)
        tb.addAction(redo)
        self.toolbar = tb
        self.addToolBar(tb)
        self.addToolBarBreak()
        self.tab_toolbar = QToolBar("标签页", self)
        self.tab_toolbar.setObjectName("tab_toolbar")
        self.tab_toolbar.setMovable(False)
        self.tab_toolbar.setFloatable(False)
        self.tab_toolbar.toggleViewAction().setEnabled(False)
        self.tab_toolbar.setStyleSheet("QToolBar { border: none; padding: 0 4px; spacing: 0; }")
        self.tab_toolbar.addWidget(self.tabs.tab_bar)
        self.addToolBar(self.tab_toolbar)
        prev_tab = QAction(self, shortcut=QKeySequence("Ctrl+PgUp"))
        prev_tab.triggered.connect(lambda: self.tabs.setCurrentIndex(max(0, self.tabs.currentIndex() - 1)))
        next_tab = QAction(self, shortcut=QKeySequence("Ctrl+PgDown"))
        next_tab.triggered.connect(
            lambda: self.tabs.setCurrentIndex(min(self.tabs.count() - 1, self.tabs.currentIndex() + 1)))
        self.addActions([prev_tab, next_tab])

    def _edit(self, op: str) -> None:
        from .table_view import ReportTableView  # (loaded with the first table shown)

        w = QApplication.focusWidget()
        view = w if isinstance(w, ReportTableView) else None
        if view is not None:
            {"cut": view.cut, "copy": view.copy, "paste": view.paste,
             "clear": view.clear_selection_cells}[op]()
            return
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            if op == "clear":
                if isinstance(w, QLineEdit):
                    w.del_()
                else:
                    w.textCursor().removeSelectedText()
            else:
                getattr(w, op)()


    def _toggle_printed(self, checked: bool) -> None:
        self.document.set_totals_mode("printed" if checked else "auto")


def _help():
    from . import help as guide

    return guide


def install_help_menu(window) -> None:
    """帮助 → 使用说明 (F1) at the top of the 帮助 menu; 快捷键 and 关于 stay below it.
    Stored as ``window.actions["help"]``. The guide (``help``) is loaded when it is opened."""
    act = QAction("使用说明(&H)", window)
    act.setObjectName("action_help")
    act.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    act.setStatusTip("程序的使用说明：工作流程、颜色、合计、每条检查规则、说明、文件和备份")
    act.triggered.connect(lambda: _help()._open(window))
    menu = window.help_menu
    first = menu.actions()[0] if menu.actions() else None
    if first is not None:
        menu.insertAction(first, act)
        menu.insertSeparator(first)
    else:
        menu.addAction(act)
    window.addAction(act)
    window.actions["help"] = act
