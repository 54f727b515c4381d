#!/usr/bin/env python3
"""Rebuild the bundled PDF fonts in this folder from Debian font packages.

This script documents (and reproduces) exactly how every ``*.ttf`` here was
made.  It is a maintainer tool: the application never runs it.

Steps, per font:

1. take one face out of the Debian-packaged font file (``fontNumber`` for a
   TTC/OTC collection);
2. subset it with ``fontTools.subset`` to the character set described in
   :func:`build_charset` (ASCII/Latin/Greek/Cyrillic, CJK punctuation and
   symbols, GB 2312, the 8105 characters of the 通用规范汉字表, plus for the
   Song face all Han characters of GBK), with hinting and OpenType layout
   features dropped;
3. if the source has CFF (PostScript) outlines, convert them to TrueType
   ``glyf`` outlines with ``fontTools.pens.cu2quPen`` (the approach of
   fontTools' ``Snippets/otf2ttf.py``: max error 1.0 font unit, contour
   direction reversed), because ReportLab can only embed ``glyf`` fonts;
4. rename the family (OFL clause 3: a modified font must not carry the
   original's Reserved Font Names, and distinct names avoid clashing with
   the untouched fonts a user may have installed).

Usage (Debian/Ubuntu, as root, from the repository root)::

    mkdir -p /tmp/fontsrc && cd /tmp/fontsrc
    apt-get download fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai
    for f in *.deb; do dpkg-deb -x "$f" x; done
    cd -  # back to the repository root
    .venv/bin/python resources/fonts/build_fonts.py /tmp/fontsrc/x/usr/share/fonts

Tested with fontTools 4.68.0 and Python 3.11.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
TGH_FILE = HERE / "charsets" / "tgh-2013-8105.txt"

# Non-Han blocks kept when the source font has them.
KEEP_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x024F),  # Latin-1 supplement, Latin extended A/B
    (0x02B0, 0x02FF),  # spacing modifier letters (pinyin tone marks)
    (0x0300, 0x036F),  # combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin extended additional
    (0x2000, 0x206F),  # general punctuation
    (0x2070, 0x209F),  # super-/subscripts
    (0x20A0, 0x20CF),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols (℃ №)
    (0x2150, 0x218F),  # number forms (Ⅰ Ⅱ Ⅲ)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x2300, 0x23FF),  # miscellaneous technical
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2500, 0x257F),  # box drawing
    (0x2580, 0x259F),  # block elements
    (0x25A0, 0x25FF),  # geometric shapes (□ ■ ○ ●)
    (0x2600, 0x26FF),  # miscellaneous symbols (★ ☆)
    (0x2700, 0x27BF),  # dingbats (✓ ❶)
    (0x2E80, 0x2EFF),  # CJK radicals supplement
    (0x2F00, 0x2FDF),  # Kangxi radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x312F),  # bopomofo
    (0x31A0, 0x31BF),  # bopomofo extended
    (0x31C0, 0x31EF),  # CJK strokes
    (0x3200, 0x32FF),  # enclosed CJK letters and months (㈠ ㊣)
    (0x3300, 0x33FF),  # CJK compatibility (㎡ ㎏)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFE50, 0xFE6F),  # small form variants
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0xFFFD, 0xFFFD),  # replacement character
]


def gb2312_chars() -> set[int]:
    """Every code point of GB 2312 (7445 = 682 symbols + 6763 hanzi)."""
    out: set[int] = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return out


def gbk_hanzi() -> set[int]:
    """Han characters of GBK (CJK unified ideographs, URO part, + compat)."""
    out: set[int] = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            if lo == 0x7F:
                continue
            try:
                ch = bytes((hi, lo)).decode("gbk")
            except UnicodeDecodeError:
                continue
            cp = ord(ch)
            if 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF:
                out.add(cp)
    return out


def tgh_chars() -> set[int]:
    """The 8105 characters of the 通用规范汉字表 (2013)."""
    out: set[int] = set()
    for line in TGH_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            out.add(int(line.split("\t")[1][2:], 16))
    assert len(out) == 8105, len(out)
    return out


def build_charset(cmap: set[int], wide_han: bool) -> set[int]:
    """Code points to keep: intersection of the wanted set with ``cmap``."""
    wanted = gb2312_chars() | tgh_chars()
    if wide_han:
        wanted |= gbk_hanzi()
    for lo, hi in KEEP_RANGES:
        wanted.update(range(lo, hi + 1))
    return wanted & cmap


def otf_to_ttf(font: TTFont, max_err: float = 1.0) -> None:
    """Convert CFF outlines to quadratic TrueType ``glyf`` outlines in place."""
    assert "CFF " in font, "not a CFF font"
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quad = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        quad[name] = tt_pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quad
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    # Left side bearings must equal xMin for TrueType outlines.
    hmtx = font["hmtx"]
    for name, g in quad.items():
        adv, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (adv, g.xMin if g.numberOfContours else 0)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements",
                 "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.recalc(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, ReportLab does not need them
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str, style: str, version_note: str) -> None:
    """Give the font a new family name (IDs 1, 2, 3, 4, 6, 16, 17)."""
    name = font["name"]
    full = f"{family} {style}" if style != "Regular" else family
    ps = f"{family.replace(' ', '')}-{style}"
    # Drop every localized/typographic family record, then write English ones.
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for nid, value in ((1, family), (2, style), (3, f"{ps};{version_note}"),
                       (4, full), (6, ps)):
        name.setName(value, nid, 3, 1, 0x409)
        name.setName(value, nid, 1, 0, 0)
    if "CFF " in font:
        font["CFF "].cff.fontNames = [ps]


def build(src: Path, index: int, out: Path, family: str, style: str,
          wide_han: bool, note: str) -> None:
    t0 = time.perf_counter()
    font = TTFont(src, fontNumber=index, lazy=False)
    cmap = set(font.getBestCmap())
    keep = build_charset(cmap, wide_han)
    opts = subset.Options()
    opts.layout_features = []          # ReportLab does no OpenType shaping
    opts.hinting = False               # CFF hints do not survive cu2qu anyway
    opts.desubroutinize = True
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.drop_tables += ["VORG", "DSIG", "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "meta"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=keep)
    sub.subset(font)
    rename(font, family, style, note)
    if "CFF " in font:
        otf_to_ttf(font)
    font.save(out)
    got = set(TTFont(out, lazy=True).getBestCmap())
    print(f"{out.name}: {len(got)} code points, {out.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - t0:.1f}s")


# (output file, source path relative to the fonts dir, TTC index, family, style, wide Han set, note)
FONTS = [
    ("GAICSong-Regular.ttf", "opentype/noto/NotoSerifCJK-Regular.ttc", 2,
     "GAIC Song", "Regular", True, "subset of Noto Serif CJK SC 2.001"),
    ("GAICSongTitle-Bold.ttf", "opentype/noto/NotoSerifCJK-Bold.ttc", 2,
     "GAIC Song Title", "Bold", False, "subset of Noto Serif CJK SC Bold 2.001"),
    ("GAICHei-Medium.ttf", "opentype/noto/NotoSansCJK-Medium.ttc", 2,
     "GAIC Hei", "Medium", False, "subset of Noto Sans CJK SC Medium 2.004"),
    ("GAICKai-Regular.ttf", "truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0,
     "GAIC Kai", "Regular", False, "subset of LXGW WenKai 1.250"),
]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    root = Path(argv[1])
    only = set(argv[2:])
    for out, rel, idx, family, style, wide, note in FONTS:
        if only and out not in only:
            continue
        build(root / rel, idx, HERE / out, family, style, wide, note)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
