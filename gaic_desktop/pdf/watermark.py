"""The 草稿 watermark of a report with errors, drawn as glyph outlines (paths), not text:
text extraction (copying from the PDF, reading cells back, screen readers) does not see it,
so a draft's table cells still read 「5」 and not 「误\\n5」."""
from __future__ import annotations

import threading
from pathlib import Path

from fontTools.pens.basePen import BasePen

_glyph_sets: dict[tuple[str, int], object] = {}
_lock = threading.Lock()


def _font(path: Path, index: int):
    from fontTools.ttLib import TTFont

    key = (str(path), index)
    with _lock:
        font = _glyph_sets.get(key)
        if font is None:
            font = TTFont(str(path), fontNumber=index, lazy=True)
            _glyph_sets[key] = font
        return font


class _CanvasPen(BasePen):
    """fontTools pen drawing into a ReportLab path, glyph units scaled and moved."""

    def __init__(self, glyph_set, path, scale: float, dx: float, dy: float):
        super().__init__(glyph_set)
        self.path, self.scale, self.dx, self.dy = path, scale, dx, dy

    def _pt(self, p):
        return self.dx + p[0] * self.scale, self.dy + p[1] * self.scale

    def _moveTo(self, p):
        self.path.moveTo(*self._pt(p))

    def _lineTo(self, p):
        self.path.lineTo(*self._pt(p))

    def _curveToOne(self, p1, p2, p3):  # quadratic TrueType curves arrive here as cubics
        self.path.curveTo(*self._pt(p1), *self._pt(p2), *self._pt(p3))

    def _closePath(self):
        self.path.close()


def text_width(fonts, role: str, text: str, size: float) -> float:
    return sum(_advance(fonts, role, ch) for ch in text) * size


def _advance(fonts, role: str, ch: str) -> float:
    path, index = fonts.font_file(role, ch)
    font = _font(path, index)
    name = font.getBestCmap().get(ord(ch))
    if name is None:
        return 0.5
    return font["hmtx"][name][0] / font["head"].unitsPerEm


def draw_outlined(canv, fonts, role: str, text: str, size: float, x: float, y: float) -> None:
    """Fill ``text`` (left end at ``x``, baseline ``y``) as glyph outlines of the role's font
    (each character from the font that would draw it as text)."""
    path = canv.beginPath()
    for ch in text:
        file, index = fonts.font_file(role, ch)
        font = _font(file, index)
        name = font.getBestCmap().get(ord(ch))
        scale = size / font["head"].unitsPerEm
        if name is not None:
            glyph_set = font.getGlyphSet()
            glyph_set[name].draw(_CanvasPen(glyph_set, path, scale, x, y))
            x += font["hmtx"][name][0] * scale
        else:
            x += 0.5 * size
    canv.drawPath(path, stroke=0, fill=1, fillMode=1)  # nonzero winding, like the glyphs
