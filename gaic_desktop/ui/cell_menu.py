"""The right-click menu of the table cells and the 编辑 actions it shares with the menu bar:
复制, 粘贴, 清除, 标记不适用“/”, 添加批注…, 查看相关规则.

``install(window)`` adds the three new actions to the window (``window.actions``: "mark_na",
"note", "related") and the 编辑 menu; ``attach(window, view)`` gives a table view its menu
(called for every view the window builds).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu

from typing import TYPE_CHECKING

from ..core.values import NA, CellValueError

if TYPE_CHECKING:  # (loaded with the first table shown)
    from .table_view import ReportTableView

MAX_NOTE_CHARS = 500


def install(window) -> None:
    em = window.edit_menu
    before = window.actions["printed_mode"]
    for name, text, slot, tip in (
            ("mark_na", "标记不适用“/”", mark_na, "把选中的单元格填为“/”（不适用）"),
            ("note", "添加批注(&M)…", edit_note, "为当前单元格写一条批注（不打印，仅供编制时参考）"),
            ("related", "查看相关规则", show_related, "在“错误和警告”面板中列出涉及当前单元格的检查结果")):
        act = QAction(text, window)
        act.setObjectName(f"action_{name}")
        act.setStatusTip(tip)
        act.triggered.connect(lambda _=False, slot=slot: slot(window))
        window.actions[name] = act
        em.insertAction(before, act)
    em.insertSeparator(before)


def attach(window, view: ReportTableView) -> None:
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(lambda pos, v=view: popup(window, v, pos))


def build_menu(window, view: ReportTableView) -> QMenu:
    menu = QMenu(view)
    acts = window.actions
    for name in ("copy", "paste", "clear"):
        menu.addAction(acts[name])
    menu.addSeparator()
    menu.addAction(acts["mark_na"])
    menu.addAction(acts["note"])
    menu.addSeparator()
    menu.addAction(acts["related"])
    return menu


def popup(window, view: ReportTableView, pos, *, run: bool = True) -> QMenu:
    index = view.indexAt(pos)
    if index.isValid() and not view.selectionModel().isSelected(index):
        view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()  # the shared actions work on the focused table
    menu = build_menu(window, view)
    if run:
        exec_menu(menu, view.viewport().mapToGlobal(pos))
    return menu


def exec_menu(menu: QMenu, global_pos) -> None:
    """Show the menu modally (tests replace this)."""
    menu.exec(global_pos)


def _focused_view(window) -> ReportTableView | None:
    w = QApplication.focusWidget()
    from .table_view import ReportTableView

    while w is not None and not isinstance(w, ReportTableView):
        w = w.parentWidget()
    if w is not None:
        return w
    tab = window.tabs.currentWidget()
    views = list(getattr(tab, "tables", {}).values())
    return views[0] if len(views) == 1 else None


def _current_ref(view: ReportTableView) -> str | None:
    i = view.currentIndex()
    return view.table_model.ref_at(i.row(), i.column()) if i.isValid() else None


def mark_na(window) -> None:
    view = _focused_view(window)
    if view is None or not view.commit_pending_edit():
        return
    refs = [view.table_model.ref_at(i.row(), i.column()) for i in view.selected_value_indexes()]
    refs = [r for r in refs if r and not window.report.is_auto(r)]
    if not refs:
        window.statusBar().showMessage("请先选中要标记为“/”（不适用）的单元格。", 8000)
        return
    try:
        window.document.set_cells({r: NA for r in refs}, "标记不适用")
    except CellValueError as exc:
        window.statusBar().showMessage(f"未标记：{exc}", 8000)


def edit_note(window) -> None:
    view = _focused_view(window)
    ref = _current_ref(view) if view is not None else None
    if ref is None:
        window.statusBar().showMessage("请先选中要加批注的单元格。", 8000)
        return
    info = window.report.cell_info(ref)
    old = window.report.cell_notes.get(ref, "")
    text, ok = QInputDialog.getMultiLineText(
        window, "添加批注", f"“{info.row_label}”的“{info.col_label}”的批注（不打印；留空即删除批注）：", old)
    if not ok:
        return
    text = text.strip()
    if len(text) > MAX_NOTE_CHARS:
        window.statusBar().showMessage(f"批注过长（{len(text)}字），最多{MAX_NOTE_CHARS}字，未保存。", 8000)
        return
    if text == old:
        return
    notes = dict(window.report.cell_notes)
    if text:
        notes[ref] = text
    else:
        notes.pop(ref, None)
    window.document.set_field("cell_notes", notes, "删除批注" if not text else "添加批注", merge=False)


def show_related(window) -> None:
    view = _focused_view(window)
    ref = _current_ref(view) if view is not None else None
    if ref is None:
        return
    related = window.document.messages.get(ref, [])
    panel = window.findings_panel
    window.findings_dock.show()
    if not related:
        window.statusBar().showMessage("目前没有涉及该单元格的错误或警告。", 8000)
        return
    keys = {f.key for f in related}
    first = None
    for i in range(panel.list.count()):
        item = panel.list.item(i)
        f = item.data(Qt.ItemDataRole.UserRole)
        if f.key in keys:
            item.setSelected(True)
            if first is None:
                first = item
    if first is not None:
        panel.list.setCurrentItem(first)
        panel.list.scrollToItem(first)
    window.statusBar().showMessage(f"涉及该单元格的检查结果共 {len(related)} 条，已在“错误和警告”面板中选中。", 8000)
