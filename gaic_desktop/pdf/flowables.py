"""Flowables that keep things together across page breaks: headings with what follows,
form tables that continue on the next page, the last paragraph with the 落款."""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from .geometry import BLOCK_H, BODY_LEADING

if TYPE_CHECKING:  # pragma: no cover
    from .render import _Renderer

def _is_heading(f) -> bool:
    return bool(getattr(getattr(f, "style", None), "keepWithNext", 0))


def _glue_headings(story: list) -> list:
    """Keep headings with what follows them — never with more than needed.

    A run of headings (and the spacers after them) becomes the ``lead`` of what follows: of a
    body paragraph (:class:`_KeepTail`: the headings keep the paragraph's first two lines, the
    rest may continue on the next page, like Word's 「与下段同页」 with widow/orphan control),
    of a form table (its first rows) or of the 落款 block. ReportLab's own keepWithNext would
    keep a heading with the *whole* next paragraph and leave a hole at the page foot."""
    out: list = []
    i = 0
    while i < len(story):
        f = story[i]
        if _is_heading(f):
            j = i + 1
            while j < len(story) and (isinstance(story[j], Spacer) or _is_heading(story[j])):
                j += 1
            nxt = story[j] if j < len(story) else None
            if isinstance(nxt, KeepTogether):
                out.append(KeepTogether([*story[i:j], *nxt._content]))
                i = j + 1
                continue
            if isinstance(nxt, (_FormTable, _KeepTail)):
                nxt.lead = [*story[i:j], *nxt.lead]
                out.append(nxt)
                i = j + 1
                continue
            if isinstance(nxt, Paragraph):
                out.append(_KeepTail(nxt, (), story[i:j]))
                i = j + 1
                continue
        out.append(f)
        i += 1
    return out


class _GridSnap(Flowable):
    """Vertical space of at least ``min_gap`` that brings what follows back onto the body
    line grid (22 lines of ``BODY_LEADING`` from the top of the text block), so that the
    lines after a table or the title sit where they sit on every other page and
    double-sided copies back up. Use only at the top level of the story (``wrap`` reads the
    space left in the frame); at the top of a page it takes no space."""

    def __init__(self, min_gap: float = 0.0):
        super().__init__()
        self.min_gap = min_gap

    def wrap(self, availWidth, availHeight):
        used = BLOCK_H - availHeight
        if used < 1e-3:
            self.height = 0.0
        else:
            lines = -(-(used + self.min_gap - 1e-3) // BODY_LEADING)  # ceil
            self.height = max(0.0, lines * BODY_LEADING - used)
        self.width = availWidth
        return availWidth, self.height

    def draw(self):
        pass


class _TableGap(Spacer):
    """The space between text and the table under it: none at the top of a page, where a
    table (moved whole or continued) starts on the text block's first line like any text.
    (ReportLab keeps a plain Spacer there: the table's top rule sat 2.6 mm low.)"""

    def __init__(self, height: float):
        super().__init__(1, height)
        self.gap = height

    def wrap(self, availWidth, availHeight):
        self.height = 0.0 if availHeight >= BLOCK_H - 1e-3 else self.gap
        return self.width, self.height


# Height offered to flowables inside a stack (a heading's lead, a kept paragraph): less than a
# whole page, so that a _TableGap in a lead always keeps its space.
_INNER_H = BLOCK_H - 1.0


def _stack_height(flowables, width: float) -> float:
    """Height of flowables stacked one under the other (with their spaces)."""
    return sum(f.wrap(width, _INNER_H)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _draw_stack(canv, flowables, width: float, top: float) -> None:
    """Draw flowables one under the other, the first one's top at ``top``."""
    y = top
    for f in flowables:
        _, h = f.wrap(width, _INNER_H)
        y -= f.getSpaceBefore() + h
        f.drawOn(canv, 0, y)
        y -= f.getSpaceAfter()


# A form table continued on the next page carries at least this many body rows over; it starts
# at a page foot wherever its header and its first two body rows fit (rows never split).
_MIN_SPLIT_ROWS = 5
_MIN_START_ROWS = 2


class _FormTable(Flowable):
    """A table of the form that may continue on the next page, like a printed report.

    ReportLab cannot split a table inside a row span, and table 三's 「三、本年度办理结果」
    spans 20–22 rows, so the table would always move whole to the next page and leave most of
    a page empty. This flowable splits between any two grid rows instead: cells whose span
    crosses the split are cut in two (the continuation repeats their label), and the header
    rows repeat on the new page."""

    def __init__(self, renderer: "_Renderer", tdef, placed, widths, size, table=None, lead=()):
        super().__init__()
        # ``lead``: a heading (and spacers) that must stay with the table's first rows.
        self.lead = list(lead)
        self.renderer = renderer
        self.tdef = tdef
        self.placed = list(placed)
        self.widths = widths
        self.size = size
        self.n_rows = max(p.row + p.rowspan for p in self.placed)
        self.table = table or renderer._build_table(tdef, self.placed, self.n_rows, tdef.columns,
                                                    widths, size)

    def _lead_height(self, availWidth) -> float:
        return _stack_height(self.lead, availWidth)

    def wrap(self, availWidth, availHeight):
        w, h = self.table.wrap(availWidth, availHeight)
        self.width, self.height = w, h + self._lead_height(availWidth)
        return self.width, self.height

    def draw(self):
        _draw_stack(self.canv, self.lead, self.width, self.height)
        self.table.drawOn(self.canv, 0, 0)

    def split(self, availWidth, availHeight):
        availHeight -= self._lead_height(availWidth)
        self.table.wrap(availWidth, availHeight)
        heights = self.table._rowHeights
        header = self.tdef.header_rows
        used, k = 0.0, 0
        for i, h in enumerate(heights):
            if used + h > availHeight:
                break
            used += h
            k = i + 1
        if self.n_rows - k < _MIN_SPLIT_ROWS:
            k = self.n_rows - _MIN_SPLIT_ROWS
        # Cutting a span can make the rows above the cut taller (a group label such as
        # 「（四）无法提供」 cut to one row wraps onto two lines): measure the cut part and move
        # the cut up until it really fits.
        for cut in self._cut_candidates(k, header):
            first, rest = _cut_layout(self.placed, cut, header)
            part = _FormTable(self.renderer, self.tdef, first, self.widths, self.size)
            if part.wrap(availWidth, availHeight)[1] <= availHeight:
                part.lead = self.lead
                return [part, _FormTable(self.renderer, self.tdef, rest, self.widths, self.size)]
        return []

    def _cut_candidates(self, k: int, header: int) -> list[int]:
        """Rows to cut before, best first: within the last few rows that fit, prefer a cut
        between groups (「（四）无法提供」 not split 2+1), then one outside the long
        「三、本年度办理结果」 span; then any row, from the lowest up."""
        lowest = header + _MIN_START_ROWS
        spans = [(p.row, p.row + p.rowspan) for p in self.placed if p.rowspan > 1]
        longest = max((e - r for r, e in spans), default=0)

        def cuts(c: int) -> int:  # group spans cut (the long 「三、本年度办理结果」 span aside)
            return sum(1 for r, e in spans if r < c < e and e - r < longest)

        def cuts_long(c: int) -> int:
            return sum(1 for r, e in spans if r < c < e and e - r == longest)

        near = sorted(range(k, max(lowest, k - 3) - 1, -1), key=lambda c: (cuts(c), cuts_long(c), -c))
        return near + [c for c in range(k, lowest - 1, -1) if c not in near]


def _cut_layout(placed, k: int, header: int):
    """Split a placed layout before grid row ``k``: (rows < k, header rows + rows >= k)."""
    first, rest = [], []
    for p in placed:
        end = p.row + p.rowspan
        if p.row < k:
            first.append(p if end <= k else p.model_copy(update={"rowspan": k - p.row}))
        if p.row < header and end <= header:
            rest.append(p)  # header rows repeat
        elif end > k:
            start = max(p.row, k)
            rest.append(p.model_copy(update={"row": header + start - k, "rowspan": end - start}))
    return first, rest


class _KeepTail(Flowable):
    """A paragraph kept with the headings above it (``lead``) and/or the 落款 block below it
    (``block``).

    Split at a page foot: a heading keeps at least the first two lines of the paragraph (never
    more than fit), and the 落款 never stands alone at the top of a page — at least the last
    two lines of the paragraph go with it. The paragraph's own split keeps widows and orphans
    out (``allowWidows=0``)."""

    HEAD_LINES = 2
    TAIL_LINES = 2

    def __init__(self, para, block=(), lead=()):
        super().__init__()
        self.para = para
        self.block = list(block)
        self.lead = list(lead)

    def _parts(self):
        return [*self.lead, self.para, *self.block]

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = _stack_height(self._parts(), availWidth)
        return self.width, self.height

    def draw(self):
        _draw_stack(self.canv, self._parts(), self.width, self.height)

    def split(self, availWidth, availHeight):
        leading = self.para.style.leading
        lead_h = _stack_height(self.lead, availWidth)
        _, para_h = self.para.wrap(availWidth, _INNER_H)
        tail = self.TAIL_LINES * leading if self.block else 0.0
        room = min(availHeight - lead_h, para_h - tail)
        if room < self.HEAD_LINES * leading - 1e-6:
            return []  # not even two lines of the paragraph fit here: move it all
        parts = self.para.split(availWidth, room + 1e-3)  # int(room / leading) without rounding loss
        if len(parts) != 2 or len(parts[0].blPara.lines) < self.HEAD_LINES:
            return []
        rest = _KeepTail(parts[1], self.block) if self.block else parts[1]
        return [*self.lead, parts[0], rest]
