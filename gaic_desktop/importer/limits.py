"""The limits of an import, in one place, and the job that carries them through the readers.

A published report is a few hundred kilobytes to a few megabytes, under 30 pages, with three
tables of a few dozen rows. Every limit below is far above that, and every one is checked while
reading — before the bytes are inflated, the tree is built or the page is laid out — so a hostile
file (a zip or flate bomb, a million nested elements, a 10,000-page PDF) is refused with a
Chinese message naming the limit instead of eating the memory or hanging the program.

``Job`` is handed to the readers: it holds the limits, counts what has been read so far,
reports progress and carries the cancel flag that the window's 取消 button sets.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from .blocks import ImportFailed

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 100 * MB  # a .pdf or .docx file on disk
    text_bytes: int = 5 * MB  # a .txt file
    html_bytes: int = 10 * MB  # a saved web page
    zip_members: int = 5_000  # entries in a .docx
    member_bytes: int = 50 * MB  # one .docx member (word/document.xml), inflated
    unzipped_bytes: int = 100 * MB  # all .docx members read, inflated
    xml_depth: int = 256  # element nesting in word/document.xml
    html_depth: int = 256  # element nesting in a web page
    pdf_pages: int = 300
    pdf_stream_bytes: int = 32 * MB  # one PDF stream, decoded
    pdf_decoded_bytes: int = 256 * MB  # all PDF streams decoded for one import
    pdf_content_bytes: int = 8 * MB  # the pages' content streams together (what is laid out)
    pdf_objects: int = 300_000  # glyphs and drawn paths laid out, all pages together
    table_rows: int = 10_000  # table rows of a source, all tables together
    table_cells: int = 200_000  # their cells
    blocks: int = 50_000  # paragraphs and table rows of a source
    number_digits: int = 20  # digits before the decimal point of a printed number
    number_places: int = 12  # digits after it


DEFAULT_LIMITS = Limits()
# For measuring what the limits cost (bench/bench_import.py): every limit out of reach.
NO_LIMITS = Limits(**{f: 1 << 62 for f in Limits.__dataclass_fields__})


def mb(n: int) -> str:
    """A byte limit as printed in messages: 「100 MB」."""
    return f"{n / MB:g} MB"


class LimitExceeded(ImportFailed):
    """The source exceeds one of the limits (the message names it)."""


class ImportCancelled(Exception):
    """The user cancelled the import (取消); nothing was changed."""


@dataclass
class Job:
    """One import: its limits, what it has read so far, progress and cancellation."""

    limits: Limits = DEFAULT_LIMITS
    cancel_event: threading.Event | None = None
    progress: Callable[[float, str], None] | None = None
    decoded_bytes: int = 0  # PDF streams decoded so far
    unzipped_bytes: int = 0  # .docx members inflated so far
    pdf_content_bytes: int = 0  # page content streams laid out so far
    pdf_objects: int = 0  # glyphs and paths laid out so far
    rows: int = 0
    cells: int = 0
    blocks: int = 0
    over: LimitExceeded | None = field(default=None, repr=False)  # a limit hit inside a library

    def cancelled(self) -> bool:
        return self.cancel_event is not None and self.cancel_event.is_set()

    def check(self) -> None:
        """Raise ``ImportCancelled`` if the user has cancelled (called between pages, tables …)."""
        if self.cancelled():
            raise ImportCancelled()
        if self.over is not None:
            raise self.over

    def step(self, fraction: float, text: str) -> None:
        self.check()
        if self.progress is not None:
            self.progress(max(0.0, min(1.0, fraction)), text)

    def refuse(self, message: str) -> LimitExceeded:
        """Remember and return the refusal (raised by the caller; remembered in case a library
        swallows the exception on its way out)."""
        self.over = LimitExceeded(message if message.endswith("。") else message + "。")
        return self.over

    def rows_refusal(self) -> LimitExceeded:
        return self.refuse(f"原文的表格超过 {self.limits.table_rows:,} 行的上限，不像是一份年度报告")

    def count_block(self, cells: int = 0) -> None:
        """One more paragraph — or, with ``cells``, table row — read; refused past the limits."""
        self.blocks += 1
        if self.blocks > self.limits.blocks:
            raise self.refuse(f"原文的段落和表格行超过 {self.limits.blocks:,} 个的上限，不像是一份年度报告")
        if cells:
            self.rows += 1
            if self.rows > self.limits.table_rows:
                raise self.rows_refusal()
            self.cells += cells
            if self.cells > self.limits.table_cells:
                raise self.refuse(f"原文的表格超过 {self.limits.table_cells:,} 个单元格的上限，不像是一份年度报告")
        if self.blocks % 256 == 0:
            self.check()
