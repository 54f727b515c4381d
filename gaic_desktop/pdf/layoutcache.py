"""Layout memo shared by the exports of one process (the window exporting again, printing).

A second export of the same report parses the same paragraph markup and breaks the same
paragraphs at the same widths as the first. What does not depend on the document being built
is kept here, in bounded least-recently-used tables:

* the parsed fragments of a paragraph, keyed by its markup and the values of its style;
* the lines of a paragraph (:class:`~reportlab.platypus.paragraph.ParaLines`), keyed by the
  same and the widths it was broken at (and, for the rest of a paragraph split across pages,
  by the paragraph it came from and the line it starts at);
* a font set's markup of a text for a role (see :meth:`FontSet.markup`);
* the width of a character in a font at a size (what ``stringWidth`` returns for it).

Cached objects are shared, never copied: ReportLab neither changes a paragraph's fragments
nor its lines after breaking them (only right-to-left text, which this program never sets, is
reversed in place when drawn), so the PDF is byte-identical with or without the memo (tested
in ``tests/pdf/test_layout_cache.py``).

Widths come from the fonts registered with ReportLab under each name: whenever a font object
is registered (a face parsed for the first time, or parsed again because its file changed on
disk), :data:`fontload.generation` moves and every table here is emptied before its next use.
Choosing another face in the settings registers it under another name, so it never meets the
entries of the first.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Hashable

from . import fontload

__all__ = ["Memo", "PARSED", "LINES", "MARKUP", "WIDTHS", "clear", "enabled", "set_enabled", "style_key"]

_lock = threading.RLock()
_MISS = object()


class Memo:
    """A bounded least-recently-used table, emptied when the registered fonts change."""

    def __init__(self, name: str, limit: int) -> None:
        self.name = name
        self.limit = limit
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._generation = fontload.generation
        self.hits = 0
        self.misses = 0

    def _check(self) -> None:
        if self._generation != fontload.generation:
            self._data.clear()
            self._generation = fontload.generation

    def get(self, key: Hashable, default: Any = None) -> Any:
        if not _enabled:
            return default
        with _lock:
            self._check()
            value = self._data.get(key, _MISS)
            if value is _MISS:
                self.misses += 1
                return default
            self._data.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: Any, generation: int | None = None) -> None:
        """Keep ``value``; ``generation``: :data:`fontload.generation` when the computation of
        ``value`` began (a value measured with fonts registered since is not kept)."""
        if not _enabled:
            return
        with _lock:
            self._check()
            if generation is not None and generation != self._generation:
                return
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.limit:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with _lock:
            self._data.clear()
            self.hits = self.misses = 0


# The seed report (16 pages) leaves 166 parsed paragraphs, 217 broken ones and 164 markups
# here, 1.5 MB in all (~7 KB a broken paragraph): the limits keep about ten such reports, and
# at most ~15 MB.
PARSED = Memo("parsed", 2048)
LINES = Memo("lines", 2048)
MARKUP = Memo("markup", 2048)
WIDTHS = Memo("widths", 512)  # (font name, size) -> {character: width}

_enabled = True


def enabled() -> bool:
    return _enabled


def set_enabled(on: bool) -> None:
    """Turn the memo on or off (the tests compare the PDFs made both ways)."""
    global _enabled
    _enabled = bool(on)
    clear()


def clear() -> None:
    for memo in (PARSED, LINES, MARKUP, WIDTHS):
        memo.clear()


_style_ids: dict = {}
_next_style_id = 0


def style_key(style) -> int | None:
    """A number for the values of a paragraph style (its name and parent aside): styles with
    the same values get the same number, and a number is never given to other values (None
    when a value cannot be a key)."""
    global _next_style_id
    values = style.__dict__.copy()
    values.pop("name", None)
    values.pop("parent", None)
    try:
        key = (type(style), frozenset(values.items()))
        found = _style_ids.get(key)
    except TypeError:
        return None
    if found is None:
        with _lock:
            found = _style_ids.get(key)
            if found is None:
                if len(_style_ids) >= 4096:
                    _style_ids.clear()  # numbers are not reused: what the memo holds stays right
                _next_style_id += 1
                found = _style_ids[key] = _next_style_id
    return found
