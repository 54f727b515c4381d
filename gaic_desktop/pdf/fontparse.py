"""ReportLab's TrueType face, parsed faster: the same face, attribute for attribute.

ReportLab's ``TTFontFile.extractInfo`` reads the character map, the horizontal metrics and
the glyph locations one number at a time (a method call, a slice and an ``unpack`` each): for
a CJK face of 20,000+ glyphs that is most of the 0.2 s a face takes, paid by every command
line export. :class:`FastTTFont` lets ReportLab read the font's headers as it always does and
reads those three tables with one ``unpack_from`` each, building the same dictionaries and
lists in the same order; character maps other than formats 4 and 12 (rare: symbol and legacy
fonts) are left to ReportLab entirely. ``tests/pdf/test_fontparse.py`` compares every
attribute with ReportLab's own parse, and the PDFs are byte-identical.
"""
from __future__ import annotations

import struct
from fnmatch import fnmatch
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFError, TTFont, TTFontFace, unShapedFontGlob

__all__ = ["FastTTFont", "FastTTFontFace"]

_U16 = struct.Struct(">H").unpack_from
_U32 = struct.Struct(">L").unpack_from


def _array(fmt: str, data: bytes, offset: int, count: int) -> tuple:
    return struct.unpack_from(f">{count}{fmt}", data, offset) if count else ()


class FastTTFontFace(TTFontFace):
    """A ``TTFontFace`` whose character map, metrics and glyph locations are read in bulk."""

    def extractInfo(self, charInfo=1):
        TTFontFace.extractInfo(self, 0)  # names, head, OS/2, post, hhea, maxp (and their checks)
        if not charInfo:
            return
        data = self._ttf_data
        head = self.table["head"]["offset"]
        index_to_loc, glyph_data_format = struct.unpack_from(">hh", data, head + 50)
        if glyph_data_format != 0:
            raise TTFError("Unknown glyph data format (%d)" % glyph_data_format)
        hmetric_count = _U16(data, self.table["hhea"]["offset"] + 34)[0]
        if not self._char_map(data) or index_to_loc not in (0, 1):
            TTFontFace.extractInfo(self, 1)  # a form this reader does not know: ReportLab's way
            return
        self._metrics(data, hmetric_count)
        self._locations(data, index_to_loc)
        charToGlyph, charWidths = self.charToGlyph, self.charWidths
        if 0x20 in charToGlyph:
            charToGlyph[0xa0] = charToGlyph[0x20]
            charWidths[0xa0] = charWidths[0x20]
        elif 0xa0 in charToGlyph:
            charToGlyph[0x20] = charToGlyph[0xa0]
            charWidths[0x20] = charWidths[0xa0]

    def _char_map(self, data: bytes) -> bool:
        """Read a format 4 or 12 character map as ReportLab does; False for any other."""
        cmap = self.table["cmap"]["offset"]
        version, count = struct.unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count, version = version, count
        encoffs = None
        enc = 0
        for n in range(count):  # the same choice of subtable as ReportLab's
            platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * n)
            if platform == 3:
                enc, encoffs = 1, offset
            elif platform == 1 and encoding == 0 and enc != 1:
                enc, encoffs = 2, offset
            elif platform == 1 and encoding == 1:
                enc, encoffs = 1, offset
            elif platform == 0 and encoding != 5:
                enc, encoffs = 1, offset
        if encoffs is None:
            return False
        pos = cmap + encoffs
        fmt = _U16(data, pos)[0]
        self.charToGlyph = charToGlyph = {}
        self.glyphToChar = glyphToChar = {}
        if fmt == 4:
            length = _U16(data, pos + 2)[0]
            limit = pos + length
            seg_count = int(_U16(data, pos + 6)[0] / 2.0)
            ends = _array("H", data, pos + 14, seg_count)
            starts = _array("H", data, pos + 16 + 2 * seg_count, seg_count)
            deltas = _array("h", data, pos + 16 + 4 * seg_count, seg_count)
            range_start = pos + 16 + 6 * seg_count
            ranges = _array("H", data, range_start, seg_count)
            for n in range(seg_count):
                start, delta, range_offset = starts[n], deltas[n], ranges[n]
                for unichar in range(start, ends[n] + 1):
                    if range_offset == 0:
                        glyph = (unichar + delta) & 0xFFFF
                    else:
                        offset = range_start + 2 * n + (unichar - start) * 2 + range_offset
                        if offset >= limit:
                            glyph = 0  # as ReportLab: broken fonts point past the table
                        else:
                            glyph = _U16(data, offset)[0]
                            if glyph != 0:
                                glyph = (glyph + delta) & 0xFFFF
                    charToGlyph[unichar] = glyph
                    glyphToChar.setdefault(glyph, []).append(unichar)
            return True
        if fmt == 12:
            seg_count = _U32(data, pos + 12)[0]
            groups = _array("L", data, pos + 16, 3 * seg_count)
            for n in range(0, 3 * seg_count, 3):
                start, end = groups[n], groups[n + 1]
                inc = groups[n + 2] - start
                for unichar in range(start, end + 1):
                    glyph = unichar + inc
                    charToGlyph[unichar] = glyph
                    glyphToChar.setdefault(glyph, []).append(unichar)
            return True
        return False

    def _metrics(self, data: bytes, hmetric_count: int) -> None:
        if hmetric_count == 0:
            raise TTFError("Number of horizontal metrics is 0")
        scale = self._pdfScale
        glyphToChar = self.glyphToChar
        pos = self.table["hmtx"]["offset"]
        pairs = _array("H", data, pos, 2 * hmetric_count)
        self.charWidths = charWidths = {}
        self.hmetrics = hmetrics = []
        aw = None
        for glyph in range(hmetric_count):
            aw, lsb = pairs[2 * glyph], pairs[2 * glyph + 1]
            hmetrics.append((aw, lsb))
            aw = scale(aw)
            if glyph == 0:
                self.defaultWidth = aw
            if glyph in glyphToChar:
                for char in glyphToChar[glyph]:
                    charWidths[char] = aw
        rest = _array("H", data, pos + 4 * hmetric_count, max(0, self.numGlyphs - hmetric_count))
        for k, lsb in enumerate(rest):  # the last advance (already scaled) repeats, as in ReportLab
            hmetrics.append((aw, lsb))
            glyph = hmetric_count + k
            if glyph in glyphToChar:
                for char in glyphToChar[glyph]:
                    charWidths[char] = aw

    def _locations(self, data: bytes, index_to_loc: int) -> None:
        if "loca" not in self.table:
            raise TTFError("missing location table")
        pos = self.table["loca"]["offset"]
        if index_to_loc == 0:
            self.glyphPos = [x << 1 for x in _array("H", data, pos, self.numGlyphs + 1)]
        else:
            self.glyphPos = list(_array("L", data, pos, self.numGlyphs + 1))
        self._pos = pos + (self.numGlyphs + 1) * (2 if index_to_loc == 0 else 4)  # where RL stops


class FastTTFont(TTFont):
    """``TTFont`` with a :class:`FastTTFontFace` (the same attributes as ``TTFont.__init__``
    sets; the test compares them)."""

    def __init__(self, name, filename, validate=0, subfontIndex=0, asciiReadable=None,
                 shapable=True):
        self.fontName = name
        self.face = FastTTFontFace(filename, validate=validate, subfontIndex=subfontIndex)
        self.encoding = TTEncoding()
        self.state = WeakKeyDictionary()
        if asciiReadable is None:
            asciiReadable = rl_config.ttfAsciiReadable
        self._asciiReadable = asciiReadable
        self.shapable = shapable and not any(fnmatch(name, g) for g in unShapedFontGlob)
