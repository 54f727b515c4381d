"""Import a published annual report (text, web page, PDF, Word) into an "as printed" Report.

Qt-free. ``import_file(path)`` returns an ``ImportResult`` (the report and the list of every cell
that could not be filled or had to be interpreted); a source that is not a report raises
``ImportFailed`` with a Chinese message and produces no report.
"""

from __future__ import annotations

from pathlib import Path

from .build import (BLANK, INFO, INTERPRETED, MISSING, UNREADABLE, ImportIssue, ImportResult, build_report,
                    first_pass)
from .sources import ImportFailed, read_html, read_source, read_text


def import_file(path: str | Path, *, year: int | None = None) -> ImportResult:
    blocks, kind = read_source(path)
    return build_report(first_pass(blocks), year=year, source_kind=kind)


def import_text(text: str, *, year: int | None = None, html: bool = False) -> ImportResult:
    """Import text pasted from a PDF or a web page (or HTML source with ``html=True``)."""
    blocks = read_html(text) if html else read_text(text)
    return build_report(first_pass(blocks), year=year, source_kind="网页" if html else "文本")


__all__ = ["import_file", "import_text", "ImportFailed", "ImportIssue", "ImportResult",
           "MISSING", "UNREADABLE", "INTERPRETED", "BLANK", "INFO"]
