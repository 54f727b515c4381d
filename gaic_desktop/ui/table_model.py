"""ReportTableModel: one table of the form (二/三/四) as a QAbstractTableModel over the Report.

The model is the official grid (``fmt.placed(table, variant)``): label, header, caption and note
cells with their row/column spans, and value cells. It holds no data of its own: values and
error states come from the ReportDocument (which reads the core Report); edits go through
``doc.set_cells`` (an undo command calling ``report.set_cell``).

Roles: DisplayRole (money with its unit, "/" as ／, blank empty), EditRole (plain text),
BackgroundRole/ForegroundRole (error red, warning amber, blank-but-required lilac, calculated
totals blue, totals typed as printed green — one colour per meaning, see ``legend``),
ToolTipRole (the row and column labels, and every rule the cell breaks, with the numbers),
CELL_REF_ROLE (the cell ref), KIND_ROLE ("value"/"label"/"header"/"caption"/"note").
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.formats import LabelCell, Placed
from ..core.values import NA, CellValueError, fmt_value

CELL_REF_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_ROLE = Qt.ItemDataRole.UserRole + 3

ERROR_BG = QColor("#f6c9c9")
WARNING_BG = QColor("#fbe3a6")
BLANK_BG = QColor("#ebe3f7")  # blank but required (a 未填写 warning, nothing else)
AUTO_BG = QColor("#e6ecf4")
TYPED_TOTAL_BG = QColor("#e2f0dc")  # a total typed as printed (照印刷录入)
HEADER_BG = QColor("#f2f2f2")
CAPTION_BG = QColor("#e9e9e9")
INPUT_BG = QColor("#ffffff")
ERROR_FG = QColor("#9b1c1c")
AUTO_FG = QColor("#1d3b63")
TYPED_TOTAL_FG = QColor("#1e5b2a")
EDITING_FRAME = QColor("#1a5fb4")  # the frame of the current cell and of the cell being edited
NA_FG = QColor("#707070")
LABEL_FG = QColor("#111111")

_V = Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | _V


class ReportTableModel(QAbstractTableModel):
    #: label texts changed (the year in a Hubei gloss): the view refits row heights
    labelsChanged = Signal()

    def __init__(self, doc, table_key: str, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.table_key = table_key
        self._bold = QFont()
        self._bold.setBold(True)
        self._build()
        doc.cellsChanged.connect(self._on_cells_changed)
        doc.reportReset.connect(self._on_reset)
        doc.fieldChanged.connect(self._on_field_changed)

    # ------------------------------------------------------------------ layout

    def _build(self) -> None:
        report = self.doc.report
        self.fmt = report.fmt
        self.table = self.fmt.table(self.table_key)
        self.placed: list[Placed] = list(self.fmt.placed(self.table_key, report.variant))
        self._rows = max((p.row + p.rowspan for p in self.placed), default=0)
        self._cols = self.table.columns
        # (row, col) of every grid position -> the Placed that covers it
        self._grid: dict[tuple[int, int], Placed] = {}
        self._pos: dict[str, tuple[int, int]] = {}  # ref -> top-left position
        for p in self.placed:
            for dr in range(p.rowspan):
                for dc in range(p.colspan):
                    self._grid[(p.row + dr, p.col + dc)] = p
            if p.is_value:
                self._pos[f"{self.table_key}.{p.cell.cell}"] = (p.row, p.col)
        self._layout_key = (report.format, report.variant)
        self._label_text: dict[tuple[int, int], str] = self._label_texts()

    def _label_texts(self) -> dict[tuple[int, int], str]:
        """Label texts as drawn: Hubei glosses name years (「指2019年事项数」), so they depend on
        the report year and variant, not only on the layout."""
        report = self.doc.report
        return {(p.row, p.col): p.cell.text_for(report.variant, report.year)
                for p in self.placed if not p.is_value}

    def label_text(self, p: Placed) -> str:
        return self._label_text.get((p.row, p.col), "")

    def _on_reset(self) -> None:
        self.beginResetModel()
        self._build()
        self.endResetModel()

    def _on_field_changed(self, path: str, _text) -> None:
        if path not in ("year", "variant", "format"):
            return
        report = self.doc.report
        if (report.format, report.variant) != self._layout_key:
            self._on_reset()  # another layout (rows of a variant): rebuild
            return
        texts = self._label_texts()
        if texts == self._label_text:
            return
        changed = [rc for rc, t in texts.items() if self._label_text.get(rc) != t]
        self._label_text = texts
        for rc in changed:
            idx = self.index(*rc)
            self.dataChanged.emit(idx, idx)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self._cols - 1))
        self.labelsChanged.emit()

    def spans(self) -> list[Placed]:
        """Cells that span more than one grid cell (for QTableView.setSpan)."""
        return [p for p in self.placed if p.rowspan > 1 or p.colspan > 1]

    def placed_at(self, row: int, col: int) -> Placed | None:
        return self._grid.get((row, col))

    def ref_at(self, row: int, col: int) -> str | None:
        p = self._grid.get((row, col))
        if p is None or not p.is_value:
            return None
        return f"{self.table_key}.{p.cell.cell}"

    def index_of(self, ref: str) -> QModelIndex:
        pos = self._pos.get(ref)
        if pos is None:
            return QModelIndex()
        return self.index(*pos)

    def refs(self) -> list[str]:
        return list(self._pos)

    def is_input(self, row: int, col: int) -> bool:
        ref = self.ref_at(row, col)
        return ref is not None and not self.doc.report.is_auto(ref)

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._cols

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        p = self._grid.get((index.row(), index.column()))
        if p is None or not p.is_value:
            return Qt.ItemFlag.ItemIsEnabled
        ref = f"{self.table_key}.{p.cell.cell}"
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.doc.report.is_auto(ref):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self._grid.get((index.row(), index.column()))
        if p is None:
            return None
        if p.is_value:
            return self._value_data(f"{self.table_key}.{p.cell.cell}", role)
        if (index.row(), index.column()) != (p.row, p.col):
            # a position covered by a span: the view draws the top-left cell only
            return None if role != KIND_ROLE else p.cell.role
        return self._label_data(p, role)

    def _label_data(self, p: Placed, role):
        cell: LabelCell = p.cell  # type: ignore[assignment]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._label_text[(p.row, p.col)]
        if role == KIND_ROLE:
            return cell.role
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.role == "label" and p.rowspan == 1:
                return int(_LEFT)
            return int(_CENTER)
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.role == "caption":
                return QBrush(CAPTION_BG)
            if cell.role in ("header", "note"):
                return QBrush(HEADER_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(LABEL_FG)
        if role == Qt.ItemDataRole.FontRole and cell.role == "caption":
            return self._bold
        return None

    def _value_data(self, ref: str, role):
        doc = self.doc
        if role == Qt.ItemDataRole.DisplayRole:
            v = doc.values.get(ref)
            if v is None:
                return ""
            if v == NA:
                return "／"
            unit = doc.report.cell_info(ref).unit
            return f"{fmt_value(v)} {unit}" if unit else fmt_value(v)
        if role == Qt.ItemDataRole.EditRole:
            return fmt_value(doc.values.get(ref))
        if role == CELL_REF_ROLE:
            return ref
        if role == KIND_ROLE:
            return "value"
        if role == STATE_ROLE:
            return doc.states.get(ref)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_CENTER)
        if role == Qt.ItemDataRole.BackgroundRole:
            state = doc.states.get(ref)
            if state == "error":
                return QBrush(ERROR_BG)
            if state == "warning":
                return QBrush(WARNING_BG)
            if state == "blank":
                return QBrush(BLANK_BG)
            if doc.report.is_auto(ref):
                return QBrush(AUTO_BG)
            if doc.report.fmt.cell(ref).auto_total:
                return QBrush(TYPED_TOTAL_BG)
            return QBrush(INPUT_BG)
        if role == Qt.ItemDataRole.ForegroundRole:
            if doc.states.get(ref) == "error":
                return QBrush(ERROR_FG)
            if doc.values.get(ref) == NA:
                return QBrush(NA_FG)
            if doc.report.is_auto(ref):
                return QBrush(AUTO_FG)
            if doc.report.fmt.cell(ref).auto_total:
                return QBrush(TYPED_TOTAL_FG)
            return QBrush(LABEL_FG)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(ref)
        return None

    def tooltip(self, ref: str) -> str:
        doc = self.doc
        info = doc.report.cell_info(ref)
        lines = [f"{info.row_label} — {info.col_label}"]
        v = doc.values.get(ref)
        if doc.report.is_auto(ref):
            lines.append("自动计算的合计（只读；如需按已印发的数字录入，请切换到“照印刷录入”）")
        if v is None:
            lines.append("未填写（空白，不等于0）")
        elif v == NA:
            lines.append("不适用（“/”）")
        if info.unit:
            lines.append(f"单位：{info.unit}")
        note = doc.report.cell_notes.get(ref)
        if note:
            lines.append(f"批注：{note}")
        for f in doc.messages.get(ref, ()):
            tag = "错误" if f.is_error else ("警告（已说明）" if f.acknowledged else "警告")
            lines.append(f"【{tag}】{f.message}")
            if f.acknowledged:
                lines.append(f"说明：{f.acknowledged}")
        return "\n".join(lines)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ref = self.ref_at(index.row(), index.column())
        if ref is None or self.doc.report.is_auto(ref):
            return False
        try:
            self.doc.set_cells({ref: "" if value is None else str(value)})
        except CellValueError:
            return False
        return True

    def column_caption(self, col: int) -> str:
        """The lowest header label above a grid column (「自然人」, 「商业企业」 …, 「总计」), or ""
        for label columns: shown as a sticky caption once the form's header rows scroll away."""
        header = self.fmt.table(self.table_key).header_rows
        above = [p for p in self.placed if not p.is_value and p.cell.role == "header"
                 and p.row + p.rowspan == header and p.col <= col < p.col + p.colspan]
        if not above:
            return ""
        text = self.label_text(above[0]).replace("\n", "")
        # Long names in two lines, split in the middle like the form's own header does
        # (「社会公益\n组织」): a one-line caption would clip them in a number column.
        return text if len(text) <= 4 else text[: (len(text) + 1) // 2] + "\n" + text[(len(text) + 1) // 2:]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.column_caption(section)
            return str(section + 1)
        return None

    # ------------------------------------------------------------------ change notification

    def _on_cells_changed(self, refs) -> None:
        pos = self._pos
        for ref in refs:
            rc = pos.get(ref)
            if rc is not None:
                idx = self.index(*rc)
                self.dataChanged.emit(idx, idx)

    def persistent(self, ref: str) -> QPersistentModelIndex:
        return QPersistentModelIndex(self.index_of(ref))
