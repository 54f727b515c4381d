"""Readers: turn a published report (text, HTML, PDF, DOCX) into a flat list of blocks.

A block is either a ``Para`` (a paragraph or a line of text) or a ``Row`` (the cells of one
table row, in reading order, merged-over cells left out, a blank printed cell kept as "").
The parser (``structure.py``, ``build.py``) works on blocks only, so every source is read the
same way.

Library choices (all pure Python or prebuilt wheels, offline):
* PDF: pdfplumber (on pdfminer.six) — it returns the cells of ruled tables with their merges,
  so labels split over lines and blank cells survive; text lines come with positions, from which
  paragraphs are rebuilt by their first-line indent.
* DOCX: the standard library (zipfile + ElementTree) — a .docx is XML; tables, merged cells
  (gridSpan / vMerge) and paragraphs are read directly, no dependency needed.
* HTML: the standard library html.parser.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.storage import os_error_text
from .blocks import Block, ImportFailed, Para, Row
from .docx_reader import read_docx
from .html_reader import read_html
from .limits import Job, mb
from .pdf_reader import read_pdf

__all__ = ["Block", "ImportFailed", "Para", "Row", "read_source", "decode_text", "read_text", "read_html",
           "read_docx", "read_pdf"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".mht"}


def read_source(path: str | Path, job: Job | None = None) -> tuple[list[Block], str]:
    """Blocks of the file and a short Chinese name of the source kind."""
    job = job or Job()
    lim = job.limits
    p = Path(path)
    if not p.exists():
        raise ImportFailed(f"找不到文件“{p}”。")
    if not p.is_file():
        raise ImportFailed(f"“{p.name}”不是普通文件（可能是文件夹或设备），无法导入。")
    suffix = p.suffix.lower()
    try:
        size = p.stat().st_size
        with open(p, "rb") as f:
            head = f.read(8)
            binary = suffix in (".pdf", ".docx") or head[:5] == b"%PDF-" or \
                (head[:2] == b"PK" and suffix not in HTML_SUFFIXES)
            if binary:
                data = head
            else:  # text or web page: read at most one byte past the limit, whatever stat says
                f.seek(0)
                data = _read_at_most(f, lim.html_bytes + 1)
    except OSError as exc:
        raise ImportFailed(f"无法读取文件“{p.name}”：{os_error_text(exc)}。") from None
    if size == 0 or not data.strip():
        raise ImportFailed(f"文件“{p.name}”是空的。")
    job.step(0.0, "正在读取文件")
    if binary:
        if size > lim.file_bytes:
            raise job.refuse(f"文件超过 {mb(lim.file_bytes)} 的上限，不像是一份年度报告")
        if suffix == ".pdf" or data[:5] == b"%PDF-":
            return read_pdf(p, job), "PDF"
    if suffix in (".doc", ".wps", ".et", ".xls", ".xlsx") and data[:2] != b"PK":
        raise ImportFailed("不支持旧版 Word/WPS 文件（.doc/.wps）：请在 Word 或 WPS 中“另存为” .docx 格式后再导入，"
                           "或复制全文粘贴到文本文件中导入。")
    if binary:
        return read_docx(p, job), "Word 文档"
    if len(data) > lim.html_bytes:
        raise job.refuse(f"文本或网页文件超过 {mb(lim.html_bytes)} 的上限，不像是一份年度报告")
    text = decode_text(data, p.name)
    if suffix in HTML_SUFFIXES or re.search(r"<(html|body|table|p|div)[\s>]", text[:5000], re.I):
        return read_html(text, job), "网页"
    if len(data) > lim.text_bytes:
        raise job.refuse(f"文本文件超过 {mb(lim.text_bytes)} 的上限，不像是一份年度报告")
    return read_text(text, job), "文本"


def _read_at_most(f, limit: int) -> bytes:
    """At most ``limit`` bytes, read in chunks (the limit may be far beyond the file)."""
    parts, n = [], 0
    while n < limit and (chunk := f.read(min(1 << 20, limit - n))):
        parts.append(chunk)
        n += len(chunk)
    return b"".join(parts)


def decode_text(data: bytes, name: str = "") -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "gb18030"]
        m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:3000])
        if m and m.group(1).decode("ascii").lower() in ("gb2312", "gbk", "gb18030"):
            encodings = ["gb18030", "utf-8-sig"]
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise ImportFailed(f"无法识别文件“{name}”的文字编码：请确认它是文本、网页、PDF 或 Word（.docx）文件。")


# --------------------------------------------------------------------------- plain text

_RULE_LINE_RE = re.compile(r"^[\s\-—=_|+:]*$")


def read_text(text: str, job: Job | None = None) -> list[Block]:
    """Plain text: one block per non-empty line; a line with tabs is a table row."""
    job = job or Job()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = text.split("\n")
    # Leading "# ..." comment lines (e.g. the source notes of a test rendering) are skipped.
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        i += 1
    out: list[Block] = []
    for line in lines[i:]:
        if not line.strip():
            continue
        if _RULE_LINE_RE.match(line):
            continue
        if "\t" in line.strip("\t ") or ("\t" in line and len(line.strip()) < 80):
            cells = [c.strip() for c in line.split("\t")]
            job.count_block(cells=len(cells))
            out.append(Row(cells, source=line.strip()))
        else:
            job.count_block()
            out.append(Para(line.strip()))
    return out
