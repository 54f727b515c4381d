"""The form's tables as Word tables, drawn from the same placed layout as the window and the PDF
(``fmt.placed``): every merged cell of the official form is a ``w:gridSpan`` (columns) and a
``w:vMerge`` restart/continue pair (rows); header rows repeat on every page (``w:tblHeader``); no
row is split across pages (``w:cantSplit``); the captioned blocks of table 二 are kept whole.

The table XML is written directly (python-docx's ``Table.cell()`` rebuilds the cell list on every
call, so merging cell by cell costs seconds for table 三).
"""
from __future__ import annotations

from html import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from ..core.formats import LabelCell, Placed, TableDef
from ..core.report import Report
from ..pdf.geometry import TABLE_SIZES
from ..pdf.tables import TablesMixin

#: Rule weights in eighths of a point: the grid (0.5 pt) and the table's frame (0.9 pt), as the PDF.
RULE_SZ = 4
FRAME_SZ = 7
CAPTION_SHADE = "EDEDED"


class _Printed(TablesMixin):
    """The PDF's text for a value cell (blank, 「/」, a figure, a money unit unless the column
    header names it), through the PDF's own method."""

    def __init__(self, report: Report, values: dict) -> None:
        self.report = report
        self.values = values


def _cell_margin_twips(n_cols: int) -> int:
    """1.9 mm (Word's default) beside the text; 1 mm in the 15-column table 四, as the PDF."""
    return 108 if n_cols <= 10 else 57


def column_twips(tdef: TableDef, block_twips: int) -> list[int]:
    rel = tdef.column_widths or [1.0] * tdef.columns
    total = float(sum(rel))
    widths = [int(block_twips * w / total) for w in rel]
    widths[-1] += block_twips - sum(widths)
    return widths


def table_xml(report: Report, tkey: str, values: dict, fonts: dict[str, str],
              block_twips: int) -> object:
    """The ``w:tbl`` element of table ``tkey``."""
    tdef = report.fmt.table(tkey)
    placed = report.fmt.placed(tkey, report.variant)
    n_rows = max(p.row + p.rowspan for p in placed)
    n_cols = tdef.columns
    widths = column_twips(tdef, block_twips)
    size = TABLE_SIZES.get(tkey, 10.0)
    printed = _Printed(report, values)
    headers = [p for p in placed if not p.is_value and p.cell.role == "header"]
    at: dict[tuple[int, int], Placed] = {(p.row, p.col): p for p in placed}
    covering: dict[tuple[int, int], Placed] = {}  # (row, col) of a vMerge continuation → its cell
    for p in placed:
        for dr in range(1, p.rowspan):
            covering[(p.row + dr, p.col)] = p
    blocks = _caption_rows(placed, n_cols)
    margin = _cell_margin_twips(n_cols)
    half_points = round(size * 2)
    rows: list[str] = []
    for r in range(n_rows):
        # the header rows stay with the first row under them; a 第二十条 block (table 二) stays
        # on one page; a long table (三) otherwise breaks between any two rows, as in the PDF
        keep = r < tdef.header_rows or (bool(blocks) and r + 1 < n_rows and r + 1 not in blocks)
        tr = ["<w:tr><w:trPr><w:cantSplit/>"]
        if r < tdef.header_rows < n_rows:
            tr.append("<w:tblHeader/>")
        tr.append("</w:trPr>")
        c = 0
        while c < n_cols:
            p = at.get((r, c))
            if p is None:
                p = covering[(r, c)]
                tr.append(_tc(widths, p, "", "continue", "", fonts["song"], half_points, keep))
            else:
                text, jc, font, shade = _content(report, tkey, p, printed, headers, n_cols, fonts)
                tr.append(_tc(widths, p, text, "restart" if p.rowspan > 1 else None, jc, font,
                              half_points, keep, shade))
            c += p.colspan
        tr.append("</w:tr>")
        rows.append("".join(tr))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="{FRAME_SZ if side in ("top", "left", "bottom", "right") else RULE_SZ}"'
        f' w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{block_twips}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        f'<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="50" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="60" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
        f' w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")
    return parse_xml(xml)


def _caption_rows(placed: list[Placed], n_cols: int) -> set[int]:
    """Rows that start a captioned block (table 二: 第二十条第（一）项 …)."""
    return {p.row for p in placed if not p.is_value and p.cell.role == "caption"
            and p.colspan == n_cols}


def _content(report: Report, tkey: str, p: Placed, printed: _Printed, headers, n_cols: int,
             fonts: dict[str, str]) -> tuple[str, str, str, str]:
    """(text, alignment, font, shading) of a cell, chosen as the PDF chooses them."""
    if p.is_value:
        return printed._value_text(f"{tkey}.{p.cell.cell}", p, headers), "center", fonts["song"], ""
    cell: LabelCell = p.cell
    text = cell.text_for(report.variant, report.year)
    if cell.role == "caption":
        return text, "center", fonts["hei"], CAPTION_SHADE
    if cell.role == "note" or (cell.role == "label" and p.rowspan == 1 and p.colspan < n_cols):
        return text, "left", fonts["song"], ""
    return text, "center", fonts["song"], ""


def _tc(widths: list[int], p: Placed, text: str, vmerge: str | None, jc: str, font: str,
        half_points: int, keep: bool, shade: str = "") -> str:
    width = sum(widths[p.col:p.col + p.colspan])
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if p.colspan > 1:
        props.append(f'<w:gridSpan w:val="{p.colspan}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    if shade:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>')
    props.append('<w:vAlign w:val="center"/>')
    rpr = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"'
           f' w:hint="eastAsia"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>')
    ppr = ('<w:pPr><w:pStyle w:val="GAICTable"/>' + ("<w:keepNext/>" if keep else "")
           + (f'<w:jc w:val="{"left" if jc == "left" else "center"}"/>' if jc else "")
           + f"{rpr}</w:pPr>")
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>' if text else ""
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr><w:p>{ppr}{run}</w:p></w:tc>"
