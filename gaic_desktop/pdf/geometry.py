"""Page geometry and type sizes of the PDF export (GB/T 9704-2012)."""
from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

PAGE_W, PAGE_H = A4
MARGIN_LEFT = 28 * mm
MARGIN_TOP = 37 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
MARGIN_BOTTOM = PAGE_H - MARGIN_TOP - BLOCK_H
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
BODY_SIZE = 16.0  # 3号
#: Advance of a full-width body character: 28 characters fill a line (15.79 pt, like Word's
#: document grid for 3号 text; see linebreak._adjustments).
CHAR_PITCH = BLOCK_W / CHARS_PER_LINE
BODY_LEADING = BLOCK_H / LINES_PER_PAGE  # 28.99 pt
TITLE_SIZE = 22.0  # 2号
PAGENO_SIZE = 14.0  # 4号
FOOTER_SIZE = 7.5
TABLE_SIZES = {"t2": 10.5, "t3": 10.0, "t4": 10.0}  # ≥ 9 pt everywhere
TABLE_MIN_SIZE = 9.0
