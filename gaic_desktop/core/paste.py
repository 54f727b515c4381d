"""Paste of a block copied from Excel/WPS onto a form table (Qt-free).

The block is mapped onto the official grid (``fmt.placed(table, variant)``) like Excel does:
piece (i, j) lands on the cell covering grid position (start_row + i, start_col + j). The paste
is all or nothing: ``plan_paste`` returns the checked values for input cells, or raises
``PasteError`` whose text (Chinese, starting 「粘贴未执行：」) is shown to the user.

* a piece on a calculated total is accepted only if it equals the total after the paste;
* a non-blank piece on a label only if it matches the label text;
* a non-blank piece beyond the table edge, or two non-blank pieces on one merged cell, reject
  the paste.
"""

from __future__ import annotations

import re

from .formats import Placed
from .limits import clip
from .values import NA, CellValue, CellValueError, fmt_value, normalize_text

PREFIX = "粘贴未执行："


class PasteError(CellValueError):
    """A paste rejected as a whole. ``str(exc)`` is the Chinese message (「粘贴未执行：…」).
    A CellValueError (hence a ValueError), so callers catching either keep working."""


def split_tsv(text: str) -> list[list[str]]:
    """Rows of a block copied from Excel/WPS: rows split on \\r?\\n (keeping empty cells),
    cells on tabs; one trailing empty row (the final newline) is dropped."""
    rows = re.split(r"\r?\n", text)
    if len(rows) > 1 and rows[-1] == "":
        rows.pop()
    return [r.split("\t") for r in rows]


def label_key(text: str) -> str:
    """A label as compared with pasted text: full-width forms, blanks, line breaks and the
    quotes Excel puts around a cell with a line break do not count."""
    return re.sub(r"\s+", "", normalize_text(text.replace('"', "")))


def _short(row_label: str) -> str:
    """「三、本年度办理结果（七）总计」 -> 「（七）总计」: the row's own label, as the user sees it."""
    m = re.search(r"（[一二三四五六七八九十]+）[^（]*$", row_label)
    return m.group(0) if m and not row_label.startswith(m.group(0)) else row_label


class PasteGrid:
    """The grid of one table of a report as the form shows it: which placed cell covers each
    position, the label texts as drawn (year-dependent for Hubei glosses) and the size."""

    def __init__(self, report, table: str):
        self.table = table
        self.placed: list[Placed] = list(report.fmt.placed(table, report.variant))
        self.rows = max((p.row + p.rowspan for p in self.placed), default=0)
        self.cols = report.fmt.table(table).columns
        self._at: dict[tuple[int, int], Placed] = {}
        for p in self.placed:
            for dr in range(p.rowspan):
                for dc in range(p.colspan):
                    self._at[(p.row + dr, p.col + dc)] = p
        self._labels = {(p.row, p.col): p.cell.text_for(report.variant, report.year)
                        for p in self.placed if not p.is_value}

    def at(self, row: int, col: int) -> Placed | None:
        return self._at.get((row, col))

    def label_text(self, p: Placed) -> str:
        return self._labels.get((p.row, p.col), "")

    def ref(self, p: Placed) -> str:
        return f"{self.table}.{p.cell.cell}"


def paste_targets(report, table: str, start_row: int, start_col: int,
                  rows: list[list[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """Map a pasted block onto the grid. Returns ``(inputs, totals)``: the piece for each input
    cell reached (blank pieces included: they clear), and the non-blank pieces for calculated
    totals (checked by ``plan_paste``).

    Raises PasteError when a non-blank piece falls beyond the table, lands on a label it does
    not match, or when two non-blank pieces land on the same merged cell."""
    grid = PasteGrid(report, table)
    landed: dict[str, list[str]] = {}  # value ref -> pieces, in order
    for i, pieces in enumerate(rows):
        for j, piece in enumerate(pieces):
            blank = not piece.strip()
            r, c = start_row + i, start_col + j
            if r >= grid.rows or c >= grid.cols:
                if blank:
                    continue  # nothing to lose beyond the edge
                raise PasteError(f"{PREFIX}粘贴的内容有 {len(rows)} 行、"
                                 f"{max(len(p) for p in rows)} 列，超出表格范围（“{clip(piece.strip())}”）。")
            p = grid.at(r, c)
            if p is not None and p.is_value:
                landed.setdefault(grid.ref(p), []).append(piece)
                continue
            if blank:
                continue
            label = grid.label_text(p) if p is not None else ""
            keys = {label_key(label)} | ({label_key(p.cell.text)} if p is not None else set())
            if label_key(piece) not in keys:
                shown = label.replace("\n", "")
                raise PasteError(
                    f"{PREFIX}“{clip(piece.strip())}”落在表格的文字栏“{shown[:30]}”上，位置与表格不对应。"
                    "请从Excel中只复制数字区域，并在对应的第一个数字单元格粘贴。")
    inputs: dict[str, str] = {}
    totals: dict[str, str] = {}
    for ref, pieces in landed.items():
        filled = [x for x in pieces if x.strip()]
        if len(filled) > 1:
            info = report.cell_info(ref)
            raise PasteError(f"{PREFIX}“{clip(filled[0].strip())}”和“{clip(filled[1].strip())}”落在同一个合并单元格"
                             f"「{info.row_label}」的「{info.col_label}」上，位置与表格不对应。")
        piece = filled[0] if filled else ""
        if report.is_auto(ref):
            if filled:
                totals[ref] = piece
        else:
            inputs[ref] = piece
    return inputs, totals


def _refused(report, ref: str, piece: str, exc: Exception) -> PasteError:
    info = report.cell_info(ref)
    return PasteError(f"{PREFIX}“{clip(piece.strip())}”不能填入「{info.row_label}」的「{info.col_label}」（{exc}）")


def plan_paste(report, table: str, start_row: int, start_col: int,
               rows: list[list[str]]) -> dict[str, CellValue]:
    """The checked values a paste of ``rows`` (from ``split_tsv``) at grid position
    (``start_row``, ``start_col``) of ``table`` would set: input cells only, by ref. Nothing is
    changed. Raises PasteError (Chinese) when the paste must be rejected as a whole: a piece
    misplaced (see ``paste_targets``), an invalid piece, or a piece on a calculated total that
    differs from the total after the paste."""
    inputs, totals = paste_targets(report, table, start_row, start_col, rows)
    checked: dict[str, CellValue] = {}
    for ref, piece in inputs.items():
        try:
            checked[ref] = report.check(ref, piece)
        except CellValueError as exc:
            raise _refused(report, ref, piece, exc) from None
    try:
        report.check_totals(checked)  # the pasted values together
    except CellValueError as exc:
        raise PasteError(f"{PREFIX}{exc}。") from None
    if totals:
        after = report.effective_values(checked)
        for ref, piece in totals.items():
            info = report.cell_info(ref)
            try:
                pasted = report.parse(ref, piece)
            except CellValueError as exc:
                raise _refused(report, ref, piece, exc) from None
            want = after.get(ref)
            if pasted != want or type(pasted) is not type(want):
                shown = "空白" if want is None else ("“/”" if want == NA else fmt_value(want))
                raise PasteError(f"{PREFIX}粘贴内容与自动计算的合计不符，“{_short(info.row_label)}”的"
                                 f"“{info.col_label}”应为{shown}，粘贴的是{clip(piece.strip())}。")
    return checked
