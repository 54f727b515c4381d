"""What every reader produces: a flat list of blocks, and the one error an import raises.

A block is either a ``Para`` (a paragraph or a line of text) or a ``Row`` (the cells of one
table row, in reading order, merged-over cells left out, a blank printed cell kept as "").
The parser (``structure.py``, ``build.py``) works on blocks only, so every source is read the
same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class ImportFailed(Exception):
    """The source cannot be imported (Chinese message, shown to the user as is).

    ``needs_year`` is set when only the report year is missing: the caller may ask for it and
    try again with ``year=``."""

    def __init__(self, message: str, *, needs_year: bool = False):
        super().__init__(message)
        self.needs_year = needs_year


@dataclass
class Para:
    text: str


@dataclass
class Row:
    cells: list[str]
    source: str = ""

    def __post_init__(self) -> None:
        if not self.source:
            self.source = " | ".join(c for c in self.cells if c)


Block = Para | Row


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def without_surrogates(blocks: list[Block]) -> list[Block]:
    """Lone surrogates (a PDF's broken ToUnicode map can produce them) become U+FFFD: such text
    cannot be written to a UTF-8 file."""
    def clean(text: str) -> str:
        return _SURROGATE_RE.sub("\ufffd", text)

    for b in blocks:
        if isinstance(b, Para):
            b.text = clean(b.text)
        else:
            b.cells = [clean(c) for c in b.cells]
            b.source = clean(b.source)
    return blocks
