"""Readers: turn a published report (text, HTML, PDF, DOCX) into a flat list of blocks.

A block is either a ``Para`` (a paragraph or a line of text) or a ``Row`` (the cells of one
table row, in reading order, merged-over cells left out, a blank printed cell kept as "").
The parser in ``build.py`` works on blocks only, so every source is read the same way.

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
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET


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

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml", ".mht"}


def read_source(path: str | Path) -> tuple[list[Block], str]:
    """Blocks of the file and a short Chinese name of the source kind."""
    p = Path(path)
    if not p.is_file():
        raise ImportFailed(f"找不到文件“{p}”。")
    suffix = p.suffix.lower()
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"无法读取文件“{p.name}”：{exc.strerror or exc}") from None
    if not data.strip():
        raise ImportFailed(f"文件“{p.name}”是空的。")
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return read_pdf(p), "PDF"
    if suffix in (".doc", ".wps", ".et", ".xls", ".xlsx") and data[:2] != b"PK":
        raise ImportFailed("不支持旧版 Word/WPS 文件（.doc/.wps）：请在 Word 或 WPS 中“另存为” .docx 格式后再导入，"
                           "或复制全文粘贴到文本文件中导入。")
    if suffix == ".docx" or (data[:2] == b"PK" and suffix not in HTML_SUFFIXES):
        return read_docx(data, p.name), "Word 文档"
    text = decode_text(data, p.name)
    if suffix in HTML_SUFFIXES or re.search(r"<(html|body|table|p|div)[\s>]", text[:5000], re.I):
        return read_html(text), "网页"
    return read_text(text), "文本"


def decode_text(data: bytes, name: str = "") -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", data[:3000])
    encodings = ["utf-8-sig", "gb18030"]
    if m:
        enc = m.group(1).decode("ascii").lower()
        if enc in ("gb2312", "gbk", "gb18030"):
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


def read_text(text: str) -> list[Block]:
    """Plain text: one block per non-empty line; a line with tabs is a table row."""
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
            out.append(Row(cells, source=line.strip()))
        else:
            out.append(Para(line.strip()))
    return out


# --------------------------------------------------------------------------- HTML

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header",
               "footer", "blockquote", "pre", "center", "dd", "dt", "ul", "ol", "body", "main", "form"}
_SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg", "iframe", "select", "option"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.children, self.parent = tag, dict(attrs), [], parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(_Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def _has_table(node: _Node) -> bool:
    for c in node.children:
        if isinstance(c, _Node) and (c.tag == "table" or _has_table(c)):
            return True
    return False


def _node_text(node: _Node) -> str:
    parts: list[str] = []

    def walk(n):
        for c in n.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag not in _SKIP_TAGS:
                walk(c)

    walk(node)
    return re.sub(r"\s+", " ", "".join(parts).replace("\u00a0", " ")).strip()


def _cell_text(node: _Node) -> str:
    # Labels broken over lines inside a cell ("商业<br>企业") join without a space.
    parts: list[str] = []

    def walk(n):
        for c in n.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag in ("br", "p", "div"):
                parts.append("\n")
                walk(c)
                parts.append("\n")
            elif c.tag not in _SKIP_TAGS:
                walk(c)

    walk(node)
    lines = [re.sub(r"[ \t\u00a0\u3000]+", " ", x).strip() for x in "".join(parts).split("\n")]
    return "".join(x for x in lines if x)


def read_html(text: str) -> list[Block]:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    out: list[Block] = []
    buf: list[str] = []

    def flush():
        t = re.sub(r"[ \t\u00a0]+", " ", "".join(buf)).strip()
        buf.clear()
        for line in t.split("\n"):
            if line.strip():
                out.append(Para(line.strip()))

    def rows_of(table: _Node):
        for c in table.children:
            if not isinstance(c, _Node):
                continue
            if c.tag == "tr":
                yield c
            elif c.tag in ("thead", "tbody", "tfoot"):
                yield from rows_of(c)

    def walk(n: _Node):
        for c in n.children:
            if isinstance(c, str):
                buf.append(c.replace("\n", " "))
                continue
            if c.tag in _SKIP_TAGS:
                continue
            if c.tag == "br":
                buf.append("\n")
                continue
            if c.tag == "table" and not _has_table(c):
                flush()
                for tr in rows_of(c):
                    cells = [_cell_text(td) for td in tr.children
                             if isinstance(td, _Node) and td.tag in ("td", "th")]
                    if any(cells):
                        out.append(Row(cells))
                continue
            block = c.tag in _BLOCK_TAGS or c.tag in ("table", "tr", "td", "th", "tbody")
            if block:
                flush()
            walk(c)
            if block:
                flush()

    walk(builder.root)
    flush()
    return out


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str = "") -> list[Block]:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise ImportFailed(f"“{name}”不是有效的 Word（.docx）文件。") from None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        raise ImportFailed(f"“{name}”的内容已损坏，无法读取。") from None
    body = root.find(f"{_W}body")
    out: list[Block] = []
    if body is not None:
        _docx_walk(body, out)
    return out


def _docx_para_text(p: ET.Element) -> str:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{_W}t" and el.text:
            parts.append(el.text)
        elif el.tag in (f"{_W}tab",):
            parts.append(" ")
    return "".join(parts)


def _docx_walk(container: ET.Element, out: list[Block]) -> None:
    for el in container:
        if el.tag == f"{_W}p":
            t = _docx_para_text(el).strip()
            if t:
                out.append(Para(t))
        elif el.tag == f"{_W}tbl":
            _docx_table(el, out)
        elif el.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            _docx_walk(el, out)


def _docx_table(tbl: ET.Element, out: list[Block]) -> None:
    nested = any(t is not tbl for t in tbl.iter(f"{_W}tbl"))
    for tr in tbl.iter(f"{_W}tr"):
        if tr not in list(tbl.findall(f"{_W}tr")):
            continue
        cells: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            if nested:
                _docx_walk(tc, out)
                continue
            vm = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vm is not None and vm.get(f"{_W}val", "continue") != "restart":
                continue  # covered by the cell above
            cells.append("".join(_docx_para_text(p).strip() for p in tc.iter(f"{_W}p")))
        if not nested and any(cells):
            out.append(Row(cells))


# --------------------------------------------------------------------------- PDF

_PAGE_NO_RE = re.compile(r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^\d+\s*/\s*\d+$")
_HEAD_START_RE = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第二十条)")
_TABLE_WORDS_RE = re.compile(r"第二十条|信息内容|本年.{0,6}(数|数量|金额)|处理决定|申请人情况|行政复议|行政诉讼|"
                             r"上一年项目|采购|自然人|法人或其他组织")
_SENT_END = "。！？；…"


def read_pdf(path: Path) -> list[Block]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - dependency missing in a broken install
        raise ImportFailed("缺少读取 PDF 的组件（pdfplumber），请重新安装本程序。") from None
    try:
        pdf = pdfplumber.open(str(path))
    except Exception:  # pdfminer raises many exception types for broken files
        raise ImportFailed(f"“{path.name}”不是有效的 PDF 文件，或文件已损坏/加密。") from None
    items: list[tuple[int, float, object]] = []  # (page, top, item)
    with pdf:
        if not pdf.pages:
            raise ImportFailed(f"“{path.name}”没有页面。")
        any_chars = False
        for pno, page in enumerate(pdf.pages):
            if page.chars:
                any_chars = True
            boxes = []
            try:
                tables = page.find_tables()
            except Exception:  # pragma: no cover - defensive: odd vector graphics
                tables = []
            for t in tables:
                for row, texts in zip(t.rows, t.extract()):
                    cells = [None if c is None else re.sub(r"\s*\n\s*", "", c).strip() for c in texts]
                    nonempty = [c for c in cells if c]
                    if len(nonempty) >= 2 or (len(nonempty) == 1 and len(nonempty[0]) <= 30
                                              and _TABLE_WORDS_RE.search(nonempty[0])
                                              and not re.search(r"[，、。；,;]", nonempty[0])):
                        boxes.append(row.bbox)
                        items.append((pno, row.bbox[1], Row([c for c in cells if c is not None])))
            if boxes:
                def outside(obj, boxes=boxes):
                    if obj.get("object_type") != "char":
                        return True
                    cx = (obj["x0"] + obj["x1"]) / 2
                    cy = (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)
                text_page = page.filter(outside)
            else:
                text_page = page
            for line in text_page.extract_text_lines(strip=True, return_chars=True):
                text = line["text"].strip()
                if not text or _PAGE_NO_RE.match(text):
                    continue
                size = max((c.get("size", 12) for c in line["chars"]), default=12)
                items.append((pno, line["top"], _Line(text, line["x0"], line["x1"], size)))
        if not any_chars:
            raise ImportFailed(f"“{path.name}”没有文字层（可能是扫描件或图片），无法读取其中的文字和表格。"
                               "请使用有文字层的 PDF，或将内容录入/粘贴为文本后导入。")
    items.sort(key=lambda it: (it[0], it[1]))
    lines = [it[2] for it in items if isinstance(it[2], _Line)]
    margin = Counter(round(ln.x0) for ln in lines if len(ln.text) > 12).most_common(1)
    left = margin[0][0] if margin else min((ln.x0 for ln in lines), default=0)
    right = Counter(round(ln.x1) for ln in lines if len(ln.text) > 12).most_common(1)
    right_edge = right[0][0] if right else None
    out: list[Block] = []
    cur: list[str] = []
    prev: _Line | None = None

    def flush():
        if cur:
            out.append(Para("".join(cur)))
            cur.clear()

    for _, _, it in items:
        if isinstance(it, Row):
            flush()
            prev = None
            out.append(it)
            continue
        ln: _Line = it
        indented = ln.x0 > left + 0.8 * ln.size
        new = (indented or prev is None or _HEAD_START_RE.match(ln.text)
               or (prev is not None and right_edge is not None and prev.x1 < right_edge - 1.5 * prev.size
                   and prev.text[-1] in _SENT_END + "）)")
               or (prev is not None and abs(prev.size - ln.size) > 1.5))
        if new:
            flush()
        cur.append(ln.text)
        prev = ln
    flush()
    return out


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    size: float
    extra: dict = field(default_factory=dict)
