"""The form's tables as ReportLab flowables (mixed into the renderer)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Table, TableStyle

from ..core.formats import LabelCell
from ..core.values import fmt_value
from .flowables import _FormTable
from .geometry import BLOCK_H, BLOCK_W, TABLE_MIN_SIZE, TABLE_SIZES


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
        widths = self._col_widths(tdef)
        tbl = self._build_table(tdef, placed, n_rows, n_cols, widths, size)
        # A table taller than a page is shrunk (never below 9 pt) so that it stays whole;
        # what still does not fit is split by ReportLab, repeating the header rows.
        while size > TABLE_MIN_SIZE:
            _, h = tbl.wrap(BLOCK_W, 10 * BLOCK_H)
            if h <= BLOCK_H:
                break
            size = max(TABLE_MIN_SIZE, size - 0.5)
            tbl = self._build_table(tdef, placed, n_rows, n_cols, widths, size)
        if split:
            return _FormTable(self, tdef, placed, widths, size, tbl)
        return tbl

    def _col_widths(self, tdef) -> list[float]:
        rel = tdef.column_widths or [1] * tdef.columns
        total = float(sum(rel))
        return [BLOCK_W * w / total for w in rel]

    def _build_table(self, tdef, placed, n_rows, n_cols, widths, size) -> Table:
        r = self.report
        leading = size * 1.3
        pad = 2.5 if n_cols <= 10 else 1.5
        st_center = ParagraphStyle(f"tc{size}", fontName=self.f_song, fontSize=size,
                                   leading=leading, alignment=TA_CENTER, wordWrap="CJK")
        st_left = ParagraphStyle(f"tl{size}", parent=st_center, alignment=TA_LEFT)
        st_caption = ParagraphStyle(f"tcap{size}", parent=st_center, fontName=self.f_hei)
        grid: list[list] = [["" for _ in range(n_cols)] for _ in range(n_rows)]
        style: list[tuple] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("FONT", (0, 0), (-1, -1), self.f_song, 10),
            ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
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
                grid[p.row][p.col] = self.para(text, st_center, "song", hang=False)
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

