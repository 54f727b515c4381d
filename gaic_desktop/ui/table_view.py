"""ReportTableView: a form table that types like Excel/WPS.

* Arrows move between value cells; Tab/Shift+Tab and Enter/Shift+Enter move between input
  cells (Enter moves down), skipping labels and calculated totals.
* Typing over a cell replaces it; F2 edits; Delete clears the selection to blank (not 0);
  "/" marks not applicable; full-width digits are accepted.
* While editing, every keystroke re-evaluates the rules with the typed value
  (``doc.preview``), so highlights follow the typing. A character that cannot be part of a
  value is refused on the spot with a hint (``hintRequested``).
* Ctrl+V pastes a block copied from Excel/WPS (tab separated rows); a block with any invalid
  piece is rejected as a whole. Ctrl+C copies the selection as tab-separated text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QMessageBox,
                               QLineEdit, QTableView)

from ..core.paste import PasteError, plan_paste, split_tsv  # noqa: F401  (split_tsv: re-exported)
from ..core.values import KIND_HINT, CellValue, CellValueError
from .cell_delegate import allowed_char  # noqa: F401  (re-exported)
from .cell_delegate import CellDelegate, balanced_text
from .cell_hint import CellHint
from .table_model import EDITING_FRAME, ERROR_BG, WARNING_BG, ReportTableModel

class ReportTableView(QTableView):
    """See the module docstring. ``hintRequested(str)`` carries hints for the status bar."""

    hintRequested = Signal(str)
    _hint: CellHint | None = None  # the bubble of a refused keystroke (``cell_hint``)

    def __init__(self, doc, table_key: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.table_key = table_key
        self._model = ReportTableModel(doc, table_key, self)
        self.setModel(self._model)
        self.setItemDelegate(CellDelegate(self))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setShowGrid(False)  # the delegate draws the form's lines
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setTabKeyNavigation(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet("QTableView { border: 1px solid #404040; background: white; }")
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._apply_spans()
        self._model.modelReset.connect(self._after_reset)
        self._model.labelsChanged.connect(self.relayout)
        self._last_width = -1
        # Once the form's header rows scroll out of view, a one-line caption of the columns
        # (自然人, 商业企业 … 总计) stays at the top, so the officer always knows the column.
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verticalScrollBar().valueChanged.connect(self._update_sticky_header)
        # merged labels are drawn in the visible part of their cell (CellDelegate._label_area):
        # repaint the whole viewport on a scroll, not only the part scrolled into view
        self.verticalScrollBar().valueChanged.connect(lambda *_: self.viewport().update())
        self.verticalScrollBar().valueChanged.connect(self.dismiss_hint)
        self.horizontalScrollBar().valueChanged.connect(self.dismiss_hint)

    @property
    def table_model(self) -> ReportTableModel:
        return self._model

    def _update_sticky_header(self, *_args) -> None:
        """Show the caption as soon as the form's header rows have scrolled out of view."""
        header_rows = self._model.fmt.table(self.table_key).header_rows
        if header_rows == 0:
            return
        last = header_rows - 1
        gone = self.rowViewportPosition(last) + self.rowHeight(last) <= 2
        if gone != self.horizontalHeader().isVisible():
            self.horizontalHeader().setVisible(gone)

    # ------------------------------------------------------------------ layout like the form

    def _apply_spans(self) -> None:
        self.clearSpans()
        for p in self._model.spans():
            self.setSpan(p.row, p.col, p.rowspan, p.colspan)

    def _after_reset(self) -> None:
        self._apply_spans()
        self._last_width = -1
        self.relayout()

    def cell_padding(self) -> int:
        return max(3, self.fontMetrics().horizontalAdvance("中") // 3)

    def _weights(self) -> list[float]:
        t = self._model.table
        if t.column_widths:
            return [float(w) for w in t.column_widths]
        if self.table_key == "t3":  # three label columns, then seven numbers
            return [0.0, 2.9, 7.5] + [2.2] * (t.columns - 3)
        return [1.0] * t.columns

    def _min_widths(self) -> list[int]:
        em = self.fontMetrics().horizontalAdvance("中")
        t = self._model.table
        if self.table_key == "t3":
            # L1 ("三、本年度办理结果", 22 rows high) is one character wide: vertical, as printed
            return [em + 2 * self.cell_padding() + 8, int(em * 7.6), int(em * 12)] + [int(em * 3.6)] * (t.columns - 3)
        if t.column_widths:
            return [int(em * (6 if w >= 3 else 4.5)) for w in t.column_widths]
        return [int(em * 3.2)] * t.columns

    def relayout(self) -> None:
        """Column widths from the form's proportions, filling the width; row heights fitted to
        the wrapped labels (merged cells included)."""
        avail = max(200, self.viewport().width())
        weights = self._weights()
        mins = self._min_widths()
        total = sum(weights)
        avail_w = avail - sum(m for w, m in zip(weights, mins) if w == 0)
        widths = [max(m, int(avail_w * w / total)) for w, m in zip(weights, mins)]
        extra = avail - sum(widths)
        if extra > 0:  # give rounding leftovers to the widest label column
            widths[weights.index(max(weights))] += extra
        for c, w in enumerate(widths):
            self.setColumnWidth(c, w)
        self._fit_rows(widths)

    def _fit_rows(self, widths: list[int]) -> None:
        m = self._model
        fm = QFontMetrics(self.font())
        pad = self.cell_padding()
        line = fm.height()
        base = line + 12
        heights = [base] * m.rowCount()
        tall: list[tuple[int, int, int]] = []
        for p in m.placed:
            if p.is_value:
                continue
            w = sum(widths[p.col:p.col + p.colspan]) - 2 * pad
            text = m.label_text(p)
            if p.cell.role == "header":
                text = balanced_text(text, fm, w)
            elif p.cell.role == "label" and w < 2 * fm.horizontalAdvance("中"):
                text = "\n".join(text)
            r = fm.boundingRect(QRect(0, 0, max(10, w), 100000), int(Qt.TextFlag.TextWordWrap), text)
            need = r.height() + 10
            if p.rowspan == 1:
                heights[p.row] = max(heights[p.row], need)
            else:
                tall.append((p.row, p.rowspan, need))
        for row, span, need in tall:
            have = sum(heights[row:row + span])
            if have < need:
                add = (need - have + span - 1) // span
                for r in range(row, row + span):
                    heights[r] += add
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)
        # never taller than the table itself (table 四 is four rows): the rest of the page stays free
        extra = self.horizontalScrollBar().sizeHint().height() if sum(widths) > self.viewport().width() + 2 else 0
        self.setMaximumHeight(sum(heights) + 2 * self.frameWidth() + extra)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.viewport().width() != self._last_width:
            self._last_width = self.viewport().width()
            self.relayout()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.relayout()

    def full_height(self) -> int:
        """Height that shows every row without a scroll bar."""
        h = sum(self.rowHeight(r) for r in range(self._model.rowCount()))
        return h + 2 * self.frameWidth() + 2

    # ------------------------------------------------------------------ navigation

    def _value_cells(self, inputs_only: bool) -> list[tuple[int, int, int]]:
        """(row, col, colspan) of value cells, row-major."""
        out = []
        for p in self._model.placed:
            if p.is_value:
                ref = f"{self.table_key}.{p.cell.cell}"
                if inputs_only and self.doc.report.is_auto(ref):
                    continue
                out.append((p.row, p.col, p.colspan))
        out.sort()
        return out

    def _target(self, direction: str, row: int, col: int) -> tuple[int, int] | None:
        inputs_only = direction in ("down", "up", "next", "prev")
        cells = self._value_cells(inputs_only)
        if not cells:
            return None
        if direction in ("next", "prev"):
            order = [(r, c) for r, c, _ in cells]
            after = [rc for rc in order if rc > (row, col)] if direction == "next" else \
                [rc for rc in order if rc < (row, col)]
            if not after:
                return None
            return after[0] if direction == "next" else after[-1]
        if direction in ("left", "right"):
            same = [(r, c) for r, c, _ in cells if r == row and (c > col if direction == "right" else c < col)]
            if not same:
                return None
            return min(same, key=lambda rc: abs(rc[1] - col))
        down = direction.startswith("down")
        cand = [(r, c, s) for r, c, s in cells if (r > row if down else r < row)]
        covering = [(r, c) for r, c, s in cand if c <= col < c + s]
        pool = covering or [(r, c) for r, c, _ in cand]
        if not pool:
            return None
        return min(pool, key=lambda rc: (abs(rc[0] - row), abs(rc[1] - col)))

    def move(self, direction: str) -> None:
        cur = self.currentIndex()
        if not cur.isValid():
            self.select_first_input()
            return
        t = self._target(direction, cur.row(), cur.column())
        if t is not None:
            self.setCurrentIndex(self._model.index(*t))

    def select_first_input(self) -> None:
        cells = self._value_cells(True)
        if cells:
            self.setCurrentIndex(self._model.index(cells[0][0], cells[0][1]))

    def moveCursor(self, action, modifiers):
        cur = self.currentIndex()
        A = QAbstractItemView.CursorAction
        mapping = {A.MoveUp: "up_any", A.MoveDown: "down_any", A.MoveLeft: "left",
                   A.MoveRight: "right", A.MoveNext: "next", A.MovePrevious: "prev"}
        if cur.isValid() and action in mapping:
            t = self._target(mapping[action], cur.row(), cur.column())
            return self._model.index(*t) if t is not None else cur
        if not cur.isValid():
            cells = self._value_cells(True)
            if cells:
                return self._model.index(cells[0][0], cells[0][1])
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if self.doc.read_only and event.text().strip() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            # 只读: typing opens no editor; say why where the typing happens
            index = self.currentIndex()
            ref = self._ref(index)
            if ref is not None:
                self.cell_hint().show_for(ref, f"{self.doc.read_only}要修改，请先“另存为”。")
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move("up" if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else "down")
                return
            if key == Qt.Key.Key_Delete:
                self.clear_selection_cells()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Cut):
                self.cut()
                return
            if key == Qt.Key.Key_Backspace:
                cur = self.currentIndex()
                if cur.isValid() and self._model.flags(cur) & Qt.ItemFlag.ItemIsEditable:
                    self.edit(cur)
                    ed = self.indexWidget(cur) or self.focusWidget()
                    if isinstance(ed, QLineEdit):
                        ed.clear()
                        self.typed(self._ref(cur), "")
                return
            text = event.text()
            cur = self.currentIndex()
            if text and text.isprintable() and cur.isValid():
                ref = self._ref(cur)
                if ref is not None and self.doc.report.is_auto(ref):
                    self.hintRequested.emit("这是自动计算的合计，不能手工填写；如需按已印发的数字录入，"
                                            "请在“基本信息”中选择“照印刷录入”。")
                    return
                if ref is not None:
                    kind = self.doc.report.cell_info(ref).kind
                    if not all(allowed_char(kind, ch) for ch in text):
                        self.refused(ref, kind, text)
                        return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ editing helpers

    def _ref(self, index) -> str | None:
        return self._model.ref_at(index.row(), index.column()) if index.isValid() else None

    def typed(self, ref: str, text: str, editor: QLineEdit | None = None) -> None:
        """A keystroke in a cell editor: re-evaluate the rules with the typed value."""
        error = self.doc.preview(ref, text)
        if error and text.strip():
            self.hintRequested.emit(error)
        else:
            self.hintRequested.emit("")
            self.dismiss_hint()  # the text is fixed: the refusal no longer applies
        if editor is not None:
            state = "error" if error and text.strip() else self.doc.states.get(ref)
            self._paint_editor(editor, state)
            editor.setToolTip(self._model.tooltip(ref) if not error else error)

    @staticmethod
    def _paint_editor(editor: QLineEdit, state: str | None) -> None:
        """The editor's background as the cell's state (error/warning/none); the style sheet
        is set only when the state changes (re-polishing on every keystroke is slow)."""
        if getattr(editor, "painted_state", "unset") == state:
            return
        editor.painted_state = state
        bg = {"error": ERROR_BG, "warning": WARNING_BG}.get(state)
        # the cell being edited: its state's colour inside the blue frame of 正在填写 (legend)
        editor.setStyleSheet(f"QLineEdit {{ background: {bg.name() if bg is not None else '#ffffff'}; "
                             f"border: 2px solid {EDITING_FRAME.name()}; }}")

    def refused(self, ref: str, kind: str, ch: str) -> None:
        hint = f"不能输入“{ch}”：{KIND_HINT.get(kind, '')}，不适用填“/”，空白表示未填写。"
        self.hintRequested.emit(hint)
        self.cell_hint().show_for(ref, hint)

    def commit_text(self, ref: str | None, text: str) -> bool:
        if ref is None:
            return False
        try:
            self.doc.set_cells({ref: text})  # named by what it does: 填写数字 / 标记不适用 / 清除
        except CellValueError as exc:
            self.doc.clear_preview()
            self.hintRequested.emit(f"未填入：{exc}")
            return False
        return True

    def editor_error(self, editor: QLineEdit) -> str | None:
        """If the editor's text is not a valid value of its cell: show why (tooltip at the
        editor and the status bar) and return the message; else None."""
        ref = getattr(editor, "cell_ref", None)
        if ref is None:
            return None
        try:
            self.doc.report.check(ref, editor.text())
        except CellValueError as exc:
            hint = f"{exc}（按 Esc 放弃输入）"
            self.hintRequested.emit(hint)
            editor.setToolTip(hint)
            self._paint_editor(editor, "error")
            if editor.isVisible():
                self.cell_hint().show_for(ref, hint)
            return hint
        return None

    def commitData(self, editor) -> None:
        # invalid text is never committed (and so never silently dropped): see closeEditor
        if isinstance(editor, QLineEdit) and not getattr(editor, "reverting", False) \
                and self.editor_error(editor):
            return
        super().commitData(editor)

    def closeEditor(self, editor, hint) -> None:
        """Keep an editor with invalid text open (e.g. the user clicked another cell): the
        text stays, the hint shows, the cell becomes current again. Esc reverts."""
        if isinstance(editor, QLineEdit) and hint != QAbstractItemDelegate.EndEditHint.RevertModelCache \
                and not getattr(editor, "reverting", False) and self.editor_error(editor):
            idx = self._model.index_of(editor.cell_ref)

            def back():
                if self.indexWidget(idx) is editor or editor.isVisible():
                    self.setCurrentIndex(idx)
                    editor.setFocus()

            QTimer.singleShot(0, back)
            return
        super().closeEditor(editor, hint)
        self.dismiss_hint()

    # ------------------------------------------------------------------ the hint bubble

    def cell_hint(self) -> CellHint:
        """The bubble that says why a keystroke or value was refused (made on first use)."""
        if self._hint is None or self._hint.parentWidget() is not self.window():
            if self._hint is not None:
                self._hint.deleteLater()
            self._hint = CellHint(self)
        return self._hint

    def dismiss_hint(self, *_args) -> None:
        if self._hint is not None and self._hint.isVisible():
            self._hint.dismiss()

    def currentChanged(self, current, previous) -> None:
        super().currentChanged(current, previous)
        if self._hint is not None and self._hint.ref != self._ref(current):
            self.dismiss_hint()  # the cell was left

    def hideEvent(self, event) -> None:
        self.dismiss_hint()
        super().hideEvent(event)

    def open_editor(self) -> QLineEdit | None:
        """The cell editor open in this table (typed text not yet committed), or None."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        ed = self.indexWidget(self.currentIndex())
        if isinstance(ed, QLineEdit) and hasattr(ed, "cell_ref"):
            return ed
        for ed in self.viewport().findChildren(QLineEdit):
            if hasattr(ed, "cell_ref") and not getattr(ed, "reverting", False) and ed.isVisible():
                return ed
        return None

    def commit_pending_edit(self) -> bool:
        """Commit the text of an open cell editor through the delegate, as Enter would (without
        moving). False, with the editor's hint shown and the editor kept open, if the text is not
        a valid value of the cell."""
        editor = self.open_editor()
        if editor is None:
            return True
        if self.editor_error(editor):
            return False
        delegate = self.itemDelegate()
        delegate.commitData.emit(editor)
        delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True

    def selected_value_indexes(self) -> list[QModelIndex]:
        idx = [i for i in self.selectionModel().selectedIndexes() if self._ref(i)]
        if not idx and self.currentIndex().isValid() and self._ref(self.currentIndex()):
            idx = [self.currentIndex()]
        return idx

    def clear_selection_cells(self, text: str = "清除") -> None:
        refs = [self._ref(i) for i in self.selected_value_indexes()]
        refs = [r for r in refs if not self.doc.report.is_auto(r)]
        if refs:
            self.doc.set_cells({r: None for r in refs}, text)

    def copy(self) -> None:
        """The selection's rectangle as tab-separated text, laid out on the grid as Excel would:
        one line per grid row, one piece per grid column; a merged cell gives its value then an
        empty piece for each further column it covers, labels give empty pieces. So the text
        pastes back onto the same cells (``core.paste.paste_targets``), also across label rows."""
        idx = self.selected_value_indexes()
        if not idx:
            return
        m = self._model
        cells = [m.placed_at(i.row(), i.column()) for i in idx]
        r0, r1 = min(p.row for p in cells), max(p.row + p.rowspan for p in cells)
        c0, c1 = min(p.col for p in cells), max(p.col + p.colspan for p in cells)
        lines = []
        for r in range(r0, r1):
            pieces: list[tuple[str, bool]] = []  # (text, position hidden inside a span)
            for c in range(c0, c1):
                p = m.placed_at(r, c)
                if p is not None and p.is_value and (p.row, p.col) == (r, c):
                    pieces.append((m.data(m.index(r, c), Qt.ItemDataRole.EditRole) or "", False))
                else:
                    pieces.append(("", p is not None and p.is_value))
            while pieces and pieces[-1][1]:
                pieces.pop()  # the columns a merged cell hides at the end of the line
            lines.append("\t".join(t for t, _ in pieces))
        QGuiApplication.clipboard().setText("\n".join(lines))

    def cut(self) -> None:
        self.copy()
        self.clear_selection_cells("剪切")

    def paste(self, text: str | None = None) -> bool:
        """Paste a tab-separated block at the current cell. All or nothing, one undo step."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        cur = self.currentIndex()
        if not cur.isValid() or not text:
            return False
        try:
            checked = self.paste_values(cur.row(), cur.column(), split_tsv(text))
        except PasteError as exc:
            self.hintRequested.emit(str(exc))
            QMessageBox.warning(self, "粘贴", str(exc))
            return False
        if checked:
            self.doc.set_cells(checked, "粘贴")
        self.hintRequested.emit(f"已粘贴 {len(checked)} 个单元格。")
        return True

    def paste_values(self, row: int, col: int, block: list[list[str]]) -> dict[str, CellValue]:
        """The checked values a paste at the model position (row, col) would set (input cells
        only). The model's rows and columns are the grid of ``fmt.placed``, so this is
        ``core.paste.plan_paste``; raises PasteError (a CellValueError) with the Chinese message."""
        return plan_paste(self.doc.report, self.table_key, row, col, block)

    # ------------------------------------------------------------------ selection API

    def select_refs(self, refs) -> None:
        """Select the cells of ``refs`` (the first becomes current) and scroll to them."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        idxs = [self._model.index_of(r) for r in refs]
        idxs = [i for i in idxs if i.isValid()]
        if not idxs:
            return
        sel = QItemSelection()
        for i in idxs:
            sel.select(i, i)
        self.setCurrentIndex(idxs[0])
        self.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scroll_to_ref(refs[0] if self._model.index_of(refs[0]).isValid() else None, idxs[0])
        self.setFocus()

    def scroll_to_ref(self, ref: str | None, index: QModelIndex | None = None) -> None:
        """Bring the cell into sight: scroll the table itself and, if the table sits in a
        scroll area (a tab taller than the window), that area too."""
        from PySide6.QtWidgets import QScrollArea

        idx = index if index is not None else self._model.index_of(ref)
        if idx is None or not idx.isValid():
            return
        self.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        rect = self.visualRect(idx)
        w = self.parentWidget()
        while w is not None:
            if isinstance(w, QScrollArea) and w.widget() is not None:
                inner = w.widget()
                c = self.viewport().mapTo(inner, rect.center())
                w.ensureVisible(c.x(), c.y(), rect.width() // 2 + 24, rect.height() // 2 + 24)
                break
            w = w.parentWidget()
