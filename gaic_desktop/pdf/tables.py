"""The form's tables as ReportLab flowables (mixed into the renderer)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Table, TableStyle

from ..core.formats import LabelCell
from ..core.values import fmt_value
from .flowables import _FormTable
from .geometry import BLOCK_H, BLOCK_W, TABLE_MIN_SIZE, TABLE_SIZES


#: Rule weights (pt): the grid and a table's outer frame.
RULE = 0.5
FRAME = 0.9
#: One-cell headers of at most this many characters (自然人, 其他, 总计) are never broken.
SHORT_HEADER = 3
#: The smallest size a figure is shrunk to so that it fits its cell on one line.
FIGURE_MIN_SIZE = 5.0


def _cell_padding(n_cols: int) -> float:
    """Side padding of table cells: 1.9 mm (Word's default); 1 mm in the 15-column table 四,
    whose columns are 10 mm wide."""
    return 1.9 * mm if n_cols <= 10 else 1.0 * mm


def _fit_size(text_w: float, cell_w: float, pad: float, size: float):
    """None when a figure of width ``text_w`` fits its cell with the usual padding; else the
    (padding, font size) that fit it on one line."""
    if text_w <= cell_w - 2 * pad - 0.5:
        return None
    tight = 1.5
    room = cell_w - 2 * tight - 0.5
    return tight, max(FIGURE_MIN_SIZE, min(size, size * room / text_w))


class TablesMixin:
    """Tables 一–四 drawn from the format definition (``fmt.placed``)."""

    def table(self, tkey: str) -> list:
        """The table as flowables. A table made of captioned blocks (table 二: 第二十条第（一）项
        …) is set as one sub-table per block, each kept whole, so a page break falls between
        blocks and never separates a block's header from its rows; stacked without a gap, the
        blocks print as one ruled table."""
        r = self.report
        placed = r.fmt.placed(tkey, r.variant)
        n_cols = r.fmt.table(tkey).columns
        starts = sorted({p.row for p in placed if not p.is_value and p.cell.role == "caption"
                         and p.colspan == n_cols})
        if len(starts) < 2:
            return [self._table_block(tkey, placed)]
        n_rows = max(p.row + p.rowspan for p in placed)
        bounds = list(zip(starts, starts[1:] + [n_rows]))
        if starts[0] > 0:
            bounds.insert(0, (0, starts[0]))
        blocks = []
        for a, b in bounds:
            part = [p.model_copy(update={"row": p.row - a}) for p in placed if a <= p.row < b]
            blocks.append(KeepTogether([self._table_block(tkey, part, split=False)]))
        return blocks

    def _table_block(self, tkey: str, placed, split: bool = True):
        r = self.report
        tdef = r.fmt.table(tkey)
        n_rows = max(p.row + p.rowspan for p in placed)
        n_cols = tdef.columns
        size = TABLE_SIZES.get(tkey, 10.0)
        widths = self._col_widths(tdef, placed, size)
        tbl = self._build_table(tdef, placed, n_rows, n_cols, widths, size, box=split)
        # A table taller than a page is shrunk (never below 9 pt) so that it stays whole;
        # what still does not fit is split by ReportLab, repeating the header rows.
        while size > TABLE_MIN_SIZE:
            _, h = tbl.wrap(BLOCK_W, 10 * BLOCK_H)
            if h <= BLOCK_H:
                break
            size = max(TABLE_MIN_SIZE, size - 0.5)
            tbl = self._build_table(tdef, placed, n_rows, n_cols, widths, size, box=split)
        if split:
            return _FormTable(self, tdef, placed, widths, size, tbl)
        return tbl

    def _col_widths(self, tdef, placed, size: float) -> list[float]:
        """Column widths from the format's relative widths; a column whose one-cell header
        is a short word (「自然人」) is widened so that the word stays on one line, taking
        the room from the label columns (those without values)."""
        rel = tdef.column_widths or [1] * tdef.columns
        total = float(sum(rel))
        widths = [BLOCK_W * w / total for w in rel]
        pad = _cell_padding(tdef.columns)
        need = [0.0] * tdef.columns
        for p in placed:
            if p.is_value or p.colspan != 1 or p.cell.role != "header":
                continue
            text = p.cell.text_for(self.report.variant, self.report.year)
            if len(text) <= SHORT_HEADER:
                w = stringWidth(text, self.f_song, size) + 2 * pad + 1.0
                need[p.col] = max(need[p.col], w)
        deficit = sum(max(0.0, n - w) for n, w in zip(need, widths))
        value_cols = {c for p in placed if p.is_value for c in range(p.col, p.col + p.colspan)}
        donors = [c for c in range(tdef.columns) if c not in value_cols and not need[c]]
        room = sum(widths[c] for c in donors)
        if deficit <= 0 or room <= 4 * deficit:
            return widths
        widths = [max(w, n) for w, n in zip(widths, need)]
        for c in donors:
            widths[c] -= deficit * widths[c] / room
        return widths

    def _build_table(self, tdef, placed, n_rows, n_cols, widths, size, box=True) -> Table:
        r = self.report
        leading = size * 1.3
        pad = _cell_padding(n_cols)
        st_center = ParagraphStyle(f"tc{size}", fontName=self.f_song, fontSize=size,
                                   leading=leading, alignment=TA_CENTER, wordWrap="CJK")
        st_left = ParagraphStyle(f"tl{size}", parent=st_center, alignment=TA_LEFT)
        st_caption = ParagraphStyle(f"tcap{size}", parent=st_center, fontName=self.f_hei)
        grid: list[list] = [["" for _ in range(n_cols)] for _ in range(n_rows)]
        style: list[tuple] = [
            ("GRID", (0, 0), (-1, -1), RULE, colors.black),
            ("FONT", (0, 0), (-1, -1), self.f_song, 10),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        headers = [p for p in placed if not p.is_value and p.cell.role == "header"]
        for p in placed:
            if p.rowspan > 1 or p.colspan > 1:
                style.append(("SPAN", (p.col, p.row),
                              (p.col + p.colspan - 1, p.row + p.rowspan - 1)))
            if p.is_value:
                ref = f"{tdef.key}.{p.cell.cell}"
                text = self._value_text(ref, p, headers)
                # A figure never wraps: a long one (up to 9 digits and more) takes the
                # cell's padding and, if still too wide, a smaller size in that cell only.
                width = sum(widths[p.col:p.col + p.colspan])
                fit = _fit_size(stringWidth(text, self.f_song, size), width, pad, size)
                st = st_center
                if fit is not None:
                    cell_pad, cell_size = fit
                    st = ParagraphStyle(f"tc{cell_size:.2f}", parent=st_center,
                                        fontSize=cell_size, leading=leading)
                    style += [("LEFTPADDING", (p.col, p.row), (p.col, p.row), cell_pad),
                              ("RIGHTPADDING", (p.col, p.row), (p.col, p.row), cell_pad)]
                grid[p.row][p.col] = self.para(text, st, "song", hang=False)
                continue
            cell: LabelCell = p.cell
            text = cell.text_for(r.variant, r.year)
            if cell.role == "caption":
                st = st_caption
                style.append(("BACKGROUND", (p.col, p.row),
                              (p.col + p.colspan - 1, p.row + p.rowspan - 1),
                              colors.Color(0.93, 0.93, 0.93)))
                role = "hei"
            elif cell.role == "label" and p.rowspan == 1 and p.colspan < n_cols:
                st, role = st_left, "song"
            elif cell.role == "note":
                st, role = st_left, "song"
            else:
                st, role = st_center, "song"
            grid[p.row][p.col] = self.para(text, st, role, hang=True)
        if box:  # a table's outer frame; the 第二十条 blocks, stacked, keep the grid's weight
            style.append(("BOX", (0, 0), (-1, -1), FRAME, colors.black))
        repeat = tdef.header_rows if tdef.header_rows < n_rows else 0
        t = Table(grid, colWidths=widths, repeatRows=repeat, hAlign="CENTER",
                  style=TableStyle(style))
        return t

    def _value_text(self, ref: str, p, headers) -> str:
        v = self.values.get(ref)
        text = fmt_value(v)
        info = self.report.cell_info(ref)
        if info.kind == "money" and text and text != "/" and info.unit:
            # Print the unit unless the column header above already names it.
            above = [h for h in headers if h.row < p.row
                     and h.col < p.col + p.colspan and p.col < h.col + h.colspan]
            head = max(above, key=lambda h: h.row) if above else None
            head_text = head.cell.text_for(self.report.variant, self.report.year) if head else ""
            if info.unit not in head_text:
                text += info.unit
        return text

