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

from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import (ParaLines, Paragraph, _handleBulletWidth, cjkU,
                                          makeCJKParaLine)
from reportlab.rl_config import _FUZZ

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
                    hang: bool = True) -> list[int]:
    """Indices where lines start (after the first), for characters of ``widths``.

    A newline character (``"\\n"``) forces a break after it.  Pure function:
    used by :class:`CJKParagraph` and directly by the tests.
    """
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
        if brk <= start:  # a single character wider than the line
            brk = start + 1
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
    """Text object that turns ReportLab's justification word spacing into character
    spacing: Chinese lines have no spaces, so justified lines are spread (or, when a
    closing mark hangs, squeezed) evenly between all characters."""

    def setWordSpace(self, wordSpace):
        self.setCharSpace(wordSpace)


class CJKParagraph(Paragraph):
    """A Paragraph that breaks Chinese text by the rules above.

    Use with ``wordWrap='CJK'`` in its style.  ``hang`` lets one closing
    mark hang in the margin (for body text; tables use ``hang=False``).
    """

    def __init__(self, text, style=None, *args, hang: bool = False, **kw):
        self._hang = hang
        super().__init__(text, style, *args, **kw)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part._hang = self._hang  # both halves break lines like the whole
        return parts

    def beginText(self, x, y):
        return _CharSpacedText(self.canv, x, y)

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
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName,
                             textColor=style.textColor, lines=[], ascent=style.fontSize,
                             descent=-0.2 * style.fontSize)
        autoLeading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        calcBounds = autoLeading not in ("", "off")
        U: list[cjkU] = []
        for f in frags:
            text = f.text
            if isinstance(text, bytes):
                text = text.decode("utf8")
            if text:
                U.extend(cjkU(t, f, "utf8") for t in text)
            else:
                U.append(cjkU(text, f, "utf8"))
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
                widths = [float(u.width) for u in seg]
                mw = list(maxWidths[min(line_count, len(maxWidths) - 1):]) or [maxWidths[-1]]
                starts = break_positions(chars, widths, mw, self._hang)
                bounds = [0] + starts + [len(seg)]
                for k in range(len(bounds) - 1):
                    part = seg[bounds[k]:bounds[k + 1]]
                    if not part:
                        continue
                    max_w = maxWidths[min(line_count, len(maxWidths) - 1)]
                    used = sum(float(u.width) for u in part)
                    last_of_seg = k == len(bounds) - 2
                    line_break = (not at_end) and last_of_seg
                    line = makeCJKParaLine(part, max_w, used, max_w - used, line_break,
                                           calcBounds)
                    # Justification spreads the extra space over the gaps between
                    # characters (see _CharSpacedText): n characters, n-1 gaps.
                    line.wordCount = len(part)
                    lines.append(line)
                    line_count += 1
            seg_start = seg_end
            if at_end:
                break
        return ParaLines(kind=1, lines=lines)


def _split_cjk_lines(blPara, start, stop):
    """The fragments of lines ``start:stop``, joined without inserting spaces."""
    frags = []
    for line in blPara.lines[start:stop]:
        frags.extend(line.words)
    return frags
