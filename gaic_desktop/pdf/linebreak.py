"""Chinese line breaking for ReportLab paragraphs.

ReportLab's ``wordWrap='CJK'`` breaks after any character and only keeps a
small set of closing marks from starting a line (it misses ，：；！？》” and
the full-width forms in several code paths, never looks at opening marks,
and splits numbers such as 2020 or 14675.94 in two).  :class:`CJKParagraph`
replaces its line splitter with one that follows the usual Chinese rules
(GB/T 15834 practice, 禁则):

* no line starts with closing punctuation (，。、；：！？）》”’ …);
* no line ends with opening punctuation (（《“‘【 …);
* runs of digits/Latin letters (numbers, years, decimals, "APP") are not split;
* when the character that overflows a line is a closing mark, it may hang
  in the margin (``hang=True``, body text), otherwise characters are pushed
  to the next line.

Qt-free.
"""
from __future__ import annotations

from unicodedata import east_asian_width as _east_asian_width

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.rl_accel import fp_str, sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import (FragLine, ParaLines, Paragraph, _handleBulletWidth, cjkU,
                                          imgNormV, imgVRange)
from reportlab.rl_config import _FUZZ

from . import fontload, layoutcache

__all__ = ["CANNOT_START", "CANNOT_END", "CJKParagraph", "break_positions"]

#: Characters that must not begin a line.
CANNOT_START = frozenset(
    "，。、；：！？）》〉」』】〕〗］｝”’…—·％‰℃°"
    ",.;:!?)]}%"
    "\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff01\uff1f\uff09\uff3d\uff5d\u300b\u3009"
    "\u300d\u300f\u3011\u3015\u3017\u201d\u2019\u2026\u2014\uff05"
)
#: Characters that must not end a line.
CANNOT_END = frozenset("（《〈「『【〔〖［｛“‘([{\uff08\u300a\u3008\u300c\u300e\u3010\u3014\u3016\u201c\u2018￥$#")
#: Closing marks that may hang in the right margin.
HANGABLE = frozenset("，。、；：！？）》”’,.;:!?)")


def _is_word_char(ch: str) -> bool:
    """Characters of a number or Latin word that must stay together."""
    o = ord(ch)
    if o < 0x80:
        return ch.isalnum() or ch in ".-+/%_@&'"
    return 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A


def _can_break(prev: str, nxt: str) -> bool:
    """May a line break between ``prev`` and ``nxt``?"""
    if nxt in CANNOT_START or prev in CANNOT_END:
        return False
    if _is_word_char(prev) and _is_word_char(nxt):
        return False
    # Never separate the two halves of ——, …… .
    if prev == nxt and prev in "—…":
        return False
    return True


def break_positions(chars: list[str], widths: list[float], max_widths: list[float],
                    hang: bool = True, shrink: list[float] | None = None) -> list[int]:
    """Indices where lines start (after the first), for characters of ``widths``.

    ``shrink[i]``: how much the space after character ``i`` may be compressed (the blank half
    of a full-width mark): when the character after a full line may not start a line (a
    closing mark), the line's marks are compressed to take it in — before hanging it in the
    margin or pushing characters to the next line (which stretches the line).  A newline character (``"\\n"``) forces a
    break after it.  Pure function: used by :class:`CJKParagraph` and directly by the tests.
    """
    shrink = shrink or [0.0] * len(chars)
    starts: list[int] = []
    n = len(chars)
    start = 0
    line_no = 0
    while start < n:
        max_w = max_widths[min(line_no, len(max_widths) - 1)]
        used = 0.0
        i = start
        while i < n and used + widths[i] <= max_w + _FUZZ:
            used += widths[i]
            i += 1
        if i >= n:
            break
        brk = i
        squeeze = sum(shrink[start:brk + 1])
        if brk <= start:  # a single character wider than the line
            brk = start + 1
        elif (not _can_break(chars[brk - 1], chars[brk])
              and used + widths[brk] <= max_w + squeeze + _FUZZ
              and (brk + 1 >= n or _can_break(chars[brk], chars[brk + 1]))):
            brk += 1  # compress the line's marks so that the character that may not start a line fits
        elif hang and chars[brk] in HANGABLE and (brk + 1 >= n
                                                  or _can_break(chars[brk], chars[brk + 1])):
            brk += 1  # hang one closing mark in the margin
        else:
            b = brk
            # Push characters to the next line until the break is allowed, but never
            # more than half a line back.
            limit = start + max(1, (brk - start) // 2)
            while b > limit and not _can_break(chars[b - 1], chars[b]):
                b -= 1
            if _can_break(chars[b - 1], chars[b]):
                brk = b
        if brk >= n:
            break
        starts.append(brk)
        start = brk
        line_no += 1
    return starts


class _CharSpacedText(PDFTextObject):
    """Text object that draws each character with the advance adjustment computed by
    :meth:`CJKParagraph.breakLinesCJK` — the body's character pitch, full-width quotes,
    compressed marks and justification, which stretches only the gaps where Chinese allows
    it (never inside a number or a Latin word).

    The adjustments are written as ``TJ`` positioning after the glyph, not as character
    spacing (``Tc``): text extraction (pdfminer) drops a ``Tc`` that follows the last glyph of
    a string, and would misplace the characters."""

    def __init__(self, canvas, x, y, tcs):
        super().__init__(canvas, x, y)
        self._tcs = iter(tcs)

    def _textOut(self, text, TStar=0):
        font = getFont(self._fontname)
        size = self._fontsize
        tcs = [next(self._tcs, 0.0) for _ in text]
        if not text or not font._dynamicFont or not size:
            return super()._textOut(text, TStar)
        canv = self._canvas
        R = self._code.append
        escape = canv._escape
        pos = 0
        scale = -1000.0 / size  # TJ positions are in thousandths of the font size
        for subset, chunk in font.splitString(text, canv._doc):  # one byte per character
            if subset != self._curSubset:
                R(f"{font.getSubsetInternalName(subset, canv._doc)} "
                  f"{fp_str(size)} Tf {fp_str(self._leading)} TL")
                self._curSubset = subset
            parts: list[str] = []
            start = 0
            for k, tc in enumerate(tcs[pos:pos + len(chunk)]):
                adjust = round(tc * scale, 1)
                if adjust:
                    parts.append(f"({escape(chunk[start:k + 1])})")
                    parts.append(f"{adjust:g}")
                    start = k + 1
            if start < len(chunk):
                parts.append(f"({escape(chunk[start:])})")
            pos += len(chunk)
            R(f"[{' '.join(parts)}] TJ")
        if TStar:
            R("T*")


class CJKParagraph(Paragraph):
    """A Paragraph that breaks Chinese text by the rules above.

    Use with ``wordWrap='CJK'`` in its style.  ``hang`` lets one closing
    mark hang in the margin (for body text; tables use ``hang=False``).
    """

    def __init__(self, text, style=None, bulletText=None, frags=None, *args, hang: bool = False,
                 **kw):
        self._hang = hang
        # The memo key of this paragraph's content (see layoutcache): its markup and the values
        # of its style; None when the paragraph is not from plain markup broken the CJK way
        # (ReportLab's own line breaking was not checked for leaving the fragments unchanged).
        self._memo = None
        if (frags is None and bulletText is None and not args and not kw and isinstance(text, str)
                and getattr(style, "wordWrap", None) == "CJK" and layoutcache.enabled()):
            skey = layoutcache.style_key(style)
            if skey is not None and getattr(style, "bulletText", None) is None:
                self._memo = (text, skey)
                hit = layoutcache.PARSED.get(self._memo)
                if hit is None:
                    generation = fontload.generation
                    super().__init__(text, style)
                    if self.style is style and not self.bulletText:  # no <para> attributes
                        layoutcache.PARSED.put(self._memo, (self.text, self.frags), generation)
                    else:
                        self._memo = None
                    return
                super().__init__(text, style, None, hit[1])
                self.text = hit[0]  # the cleaned text, as parsing leaves it
                return
        super().__init__(text, style, bulletText, frags, *args, **kw)

    def _pitch(self) -> float | None:
        """Advance of a full-width character as a fraction of the font size (style
        attribute ``cjkPitch``; None: the glyphs' own widths)."""
        return getattr(self.style, "cjkPitch", None)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part._hang = self._hang  # both halves break lines like the whole
        cached = getattr(self, "_lines_cache", None)
        if (len(parts) == 2 and self._memo is not None and cached is not None
                and getattr(self, "blPara", None) is cached[1]):
            # the rest is the lines after the first part's, re-broken: determined by the whole,
            # the widths it was broken at and where it was cut
            parts[1]._memo = ("rest", self._memo, cached[0], len(parts[0].blPara.lines))
        return parts

    def beginText(self, x, y):
        tcs = [tc for line in getattr(self.blPara, "lines", ()) for tc in getattr(line, "tcs", ())]
        return _CharSpacedText(self.canv, x, y, tcs)

    def _get_split_blParaFunc(self):
        # ReportLab rebuilds the rest of a paragraph split across pages from its lines and
        # joins the lines with a space (right for Latin text); Chinese lines join with nothing.
        if self.blPara.kind == 1:
            return _split_cjk_lines
        return super()._get_split_blParaFunc()

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        key = tuple(maxWidths)
        cached = getattr(self, "_lines_cache", None)
        if cached is not None and cached[0] == key:
            return cached[1]  # platypus wraps a paragraph many times at the same width
        memo_key = (self._memo, key, self._hang) if self._memo is not None else None
        result = layoutcache.LINES.get(memo_key) if memo_key is not None else None
        if result is None:
            generation = fontload.generation
            result = self._break_lines(maxWidths)
            if memo_key is not None:
                layoutcache.LINES.put(memo_key, result, generation)
        self._lines_cache = (key, result)
        return result

    def _break_lines(self, maxWidths):
        style = self.style
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        autoLeading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        calcBounds = autoLeading not in ("", "off")
        U = [u for u in _glyphs(frags) if str(u) or hasattr(u.frag, "lineBreak")]
        adj, shrink = _adjustments(U, self._pitch())
        justify = style.alignment == TA_JUSTIFY
        # Hard line breaks (<br/>) arrive as frags with .lineBreak: split there first.
        lines = []
        seg_start = 0
        line_count = 0
        for idx in range(len(U) + 1):
            at_end = idx == len(U)
            if not at_end and not hasattr(U[idx].frag, "lineBreak"):
                continue
            seg_end = idx + 1 if not at_end else idx
            seg = U[seg_start:seg_end]
            if seg or at_end:
                chars = [str(u) for u in seg]
                widths = [float(u.width) + adj[seg_start + j] for j, u in enumerate(seg)]
                mw = list(maxWidths[min(line_count, len(maxWidths) - 1):]) or [maxWidths[-1]]
                starts = break_positions(chars, widths, mw, self._hang,
                                         shrink[seg_start:seg_end])
                bounds = [0] + starts + [len(seg)]
                for k in range(len(bounds) - 1):
                    a, b = bounds[k], bounds[k + 1]
                    part = seg[a:b]
                    if not part:
                        continue
                    max_w = maxWidths[min(line_count, len(maxWidths) - 1)]
                    last_of_seg = k == len(bounds) - 2
                    line_break = (not at_end) and last_of_seg
                    tcs, used = _line_spacing(chars[a:b], widths[a:b],
                                              adj[seg_start + a:seg_start + b],
                                              shrink[seg_start + a:seg_start + b], max_w,
                                              stretch=justify and not last_of_seg)
                    line = _para_line(part, max_w, used, max_w - used, line_break, calcBounds)
                    # The justification is in ``tcs``: ReportLab must not add word spacing.
                    line.wordCount = 1
                    line.tcs = [tc for u, tc in zip(part, tcs) if str(u)]
                    lines.append(line)
                    line_count += 1
            seg_start = seg_end
            if at_end:
                break
        return ParaLines(kind=1, lines=lines)


def _char_widths(font_name: str, size: float) -> dict[str, float]:
    """Character → ``stringWidth(character, font_name, size)``, filled as characters come (kept
    in the layout memo: emptied when a font is registered)."""
    key = (font_name, size)
    table = layoutcache.WIDTHS.get(key)
    if table is None:
        table = {}
        layoutcache.WIDTHS.put(key, table, fontload.generation)
    return table


def _glyphs(frags) -> list[cjkU]:
    """The characters of ``frags`` as ReportLab's ``cjkU`` (character, fragment, width), the
    widths looked up per (font, size, character) instead of measured for each character."""
    U: list[cjkU] = []
    new = str.__new__
    for f in frags:
        text = f.text
        if isinstance(text, bytes):
            text = text.decode("utf8")
        if not text:
            U.append(cjkU(text, f, "utf8"))  # a <br/>
            continue
        if hasattr(f, "cbDefn"):
            U.extend(cjkU(t, f, "utf8") for t in text)
            continue
        name, size = f.fontName, f.fontSize
        table = _char_widths(name, size)
        for t in text:
            w = table.get(t)
            if w is None:
                w = table[t] = stringWidth(t, name, size)
            u = new(cjkU, t)
            u._frag = f
            u._width = w
            U.append(u)
    return U


def _para_line(U, maxWidth, widthUsed, extraSpace, lineBreak, calcBounds):
    """ReportLab's ``makeCJKParaLine`` (the same line, attribute for attribute), measuring
    and comparing a fragment once per run of its characters instead of once per character."""
    words = []
    CW: list = []
    f0 = FragLine()
    maxSize = maxAscent = minDescent = 0
    last = None
    for u in U:
        f = u._frag
        if f is not last:  # the same fragment again: the same sizes, max/min unchanged
            last = f
            fontSize = f.fontSize
            cbDefn = getattr(f, "cbDefn", None) if calcBounds else None
            if getattr(cbDefn, "width", 0):
                descent, ascent = imgVRange(imgNormV(cbDefn.height, fontSize), cbDefn.valign,
                                            fontSize)
            else:
                ascent, descent = getAscentDescent(f.fontName, fontSize)
            maxSize = max(maxSize, fontSize)
            maxAscent = max(maxAscent, ascent)
            minDescent = min(minDescent, descent)
            plain = "cbDefn" not in f.__dict__ and "lineBreak" not in f.__dict__
        if not (f is f0 and plain) and not sameFrag(f0, f):
            f0 = f0.clone()
            f0.text = "".join(CW)
            words.append(f0)
            CW = []
            f0 = f
        CW.append(u)
    if CW:
        f0 = f0.clone()
        f0.text = "".join(CW)
        words.append(f0)
    return FragLine(kind=1, extraSpace=extraSpace, wordCount=1, words=words[1:], fontSize=maxSize,
                    ascent=maxAscent, descent=minDescent, maxWidth=maxWidth,
                    currentWidth=widthUsed, lineBreak=lineBreak)


#: Marks whose right half is blank (the space after them may be compressed) and marks whose
#: left half is blank (the space before them may be compressed).
_BLANK_AFTER = frozenset("，。、；：）》〉」』】〕”’")
_BLANK_BEFORE = frozenset("（《〈「『【〔“‘")
_OPEN_QUOTES = frozenset("“‘")
_CLOSE_QUOTES = frozenset("”’")


def _adjustments(U, pitch: float | None) -> tuple[list[float], list[float]]:
    """Per character: the advance adjustment (points, applied after the glyph) and how much
    the space after it may still be compressed at a line end.

    * ``pitch``: full-width characters advance by ``pitch × font size`` (the body is set in
      3号 = 16 pt on the 28-characters-per-line grid of GB/T 9704, like Word's document grid);
    * quotes “ ” ‘ ’ whose glyphs are narrow (proportional, as in the Kai face) get a full
      width in Chinese text: the blank goes before an opening and after a closing quote;
    * 标点挤压: of two adjacent marks (「。”」「）、」「”“」「（“」) the blank halves between them are
      removed; any other full-width mark may lose its blank half when a line needs it."""
    n = len(U)
    chars = [str(u) for u in U]
    adj = [0.0] * n
    full = [0.0] * n
    for i, (ch, u) in enumerate(zip(chars, U)):
        if not ch:
            continue
        size = u.frag.fontSize
        w = float(u.width)
        full[i] = size * (pitch or 1.0)
        quote = ch in _OPEN_QUOTES or ch in _CLOSE_QUOTES
        if _east_asian_width(ch) in "WF" or (quote and w >= 0.9 * size):
            if pitch:
                adj[i] += full[i] - w
        elif quote:
            prev = chars[i - 1] if i else ""
            nxt = chars[i + 1] if i + 1 < n else ""
            if _is_word_char(prev or "a") and _is_word_char(nxt or "a"):
                full[i] = 0.0  # a quote inside Latin text keeps its own width
                continue
            if ch in _CLOSE_QUOTES or i == 0:
                adj[i] += full[i] - w
            else:
                adj[i - 1] += full[i] - w
        else:
            full[i] = 0.0
    shrink = [0.0] * n
    for i, ch in enumerate(chars):
        if not full[i]:
            continue
        nxt = chars[i + 1] if i + 1 < n and full[i + 1] else ""
        if ch in _BLANK_AFTER:
            if nxt and (nxt in _BLANK_AFTER or nxt in _BLANK_BEFORE):
                adj[i] -= 0.5 * full[i]  # 「。”」「）、」「”“」: no double blank
            else:
                shrink[i] += 0.5 * full[i]
        elif ch in _BLANK_BEFORE and nxt in _BLANK_BEFORE:
            adj[i] -= 0.5 * full[i + 1]  # 「（“」
        elif ch in _BLANK_BEFORE and i and not (chars[i - 1] in _BLANK_AFTER
                                               or chars[i - 1] in _BLANK_BEFORE):
            shrink[i - 1] += 0.5 * full[i]
    return adj, shrink


def _line_spacing(chars, widths, adj, shrink, max_w: float, stretch: bool):
    """Character spacing of one line: (Tc per character, width used).

    Too long (a mark taken in at the line end): the line's marks are compressed evenly, up
    to half their width; whatever remains hangs in the margin. Too short and ``stretch`` (a justified line that is not the last): the slack goes
    to the gaps between Chinese characters and between Chinese and Latin/digit runs — never
    inside a run of digits or Latin letters (phone numbers, e-mail addresses, 2019)."""
    tcs = list(adj)
    used = sum(widths)
    if used > max_w + 1e-6:
        room = sum(shrink)
        if room > 0:
            c = min(1.0, (used - max_w) / room)
            tcs = [t - c * s for t, s in zip(tcs, shrink)]
            used -= c * room
    elif stretch and used < max_w - 1e-6:
        gaps = [i for i in range(len(chars) - 1)
                if not (_is_word_char(chars[i]) and _is_word_char(chars[i + 1]))]
        if gaps:
            j = (max_w - used) / len(gaps)
            for i in gaps:
                tcs[i] += j
            used = max_w
    return tcs, used


def _split_cjk_lines(blPara, start, stop):
    """The fragments of lines ``start:stop``, joined without inserting spaces."""
    frags = []
    for line in blPara.lines[start:stop]:
        frags.extend(line.words)
    return frags
