"""Saved web pages: the standard library's html.parser builds a small tree; tables become rows,
block elements paragraphs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .blocks import Block, Para, Row
from .limits import Job

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header",
               "footer", "blockquote", "pre", "center", "dd", "dt", "ul", "ol", "body", "main", "form"}
_SKIP_TAGS = {"script", "style", "head", "noscript", "template", "svg", "iframe", "select", "option"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}


# A start tag that ends the open element of the first kind (HTML's implied end tags), so that
# sloppy pages (「<p>…<p>…」, 「<li>…<li>…」) do not nest one level deeper per paragraph.
_CLOSES = {"p": {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                 "section", "article", "header", "footer", "form", "hr", "dl", "center", "main"},
           "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"},
           "tr": {"tr"}, "option": {"option"}}
_CHUNK = 1 << 18


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent", "depth")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.children, self.parent = tag, dict(attrs), [], parent
        self.depth = parent.depth + 1 if parent is not None else 0


class _TreeBuilder(HTMLParser):
    def __init__(self, job: Job) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", [], None)
        self.cur = self.root
        self.job = job
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        while tag in _CLOSES.get(self.cur.tag, ()):
            self.cur = self.cur.parent
        node = _Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag == "tr":
            self.rows += 1
            if self.rows > self.job.limits.table_rows:
                raise self.job.rows_refusal()
        if tag not in _VOID:
            if node.depth > self.job.limits.html_depth:
                raise self.job.refuse(f"网页的嵌套层数超过 {self.job.limits.html_depth} 层的上限（可能是损坏或恶意构造的文件）")
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
    stack = [c for c in node.children if isinstance(c, _Node)]
    while stack:
        n = stack.pop()
        if n.tag == "table":
            return True
        stack += [c for c in n.children if isinstance(c, _Node)]
    return False


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


def read_html(text: str, job: Job | None = None) -> list[Block]:
    job = job or Job()
    builder = _TreeBuilder(job)
    for i in range(0, len(text), _CHUNK):
        job.step(0.4 * i / len(text), "正在读取网页")
        builder.feed(text[i:i + _CHUNK])
    builder.close()
    out: list[Block] = []
    buf: list[str] = []

    def flush():
        t = re.sub(r"[ \t\u00a0]+", " ", "".join(buf)).strip()
        buf.clear()
        for line in t.split("\n"):
            if line.strip():
                job.count_block()
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
                        job.count_block(cells=len(cells))
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
