"""Read an exported web page back for the tests, independently of the exporter: the tables as
rows of cells (tag, text, spans, scope), the HTML table model's grid, the block elements in
order; and a small allow-list sanitizer standing in for a portal's rich-text editor."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser


@dataclass
class Cell:
    tag: str
    rowspan: int
    colspan: int
    scope: str | None
    style: str
    text: str = ""


@dataclass
class Table:
    caption: str = ""
    rows: list[list[Cell]] = field(default_factory=list)
    parent_style: str = ""  # the style of the element the table sits in
    nested: bool = False

    def cells(self) -> list[Cell]:
        return [c for r in self.rows for c in r]

    def grid(self) -> list[list[Cell]]:
        """The HTML table model: each cell placed at the first free slot of its row, covering
        rowspan × colspan slots. Raises AssertionError on an overlap or a ragged grid."""
        taken: dict[tuple[int, int], Cell] = {}
        for r, row in enumerate(self.rows):
            col = 0
            for cell in row:
                while (r, col) in taken:
                    col += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        assert (r + dr, col + dc) not in taken, f"cells overlap at {(r + dr, col + dc)}"
                        taken[(r + dr, col + dc)] = cell
                col += cell.colspan
        n_rows = max(r for r, _ in taken) + 1
        n_cols = max(c for _, c in taken) + 1
        assert n_rows == len(self.rows), "a rowspan reaches below the last row"
        assert len(taken) == n_rows * n_cols, "the cells do not tile a rectangle"
        return [[taken[(r, c)] for c in range(n_cols)] for r in range(n_rows)]


class PageProbe(HTMLParser):
    """Tables and the text of block elements (h1–h3, p, strong inside p) in document order."""

    BLOCKS = {"h1", "h2", "h3", "h4", "p"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.blocks: list[tuple[str, str, str]] = []  # (tag, text, style)
        self.runin: list[str] = []  # text of <strong> at the start of a <p>
        self.tags: list[str] = []
        self.attrs_seen: set[str] = set()
        self._stack: list[tuple[str, dict]] = []
        self._table: list[Table] = []
        self._cell: Cell | None = None
        self._block: list | None = None
        self._strong: list | None = None
        self._caption: list | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs_seen.update(a)
        parent_style = self._stack[-1][1].get("style", "") if self._stack else ""
        if tag not in ("br", "col", "meta"):
            self._stack.append((tag, a))
        if tag == "table":
            self._table.append(Table(parent_style=parent_style or "", nested=bool(self._table)))
            self.tables.append(self._table[-1])
        elif tag == "tr":
            self._table[-1].rows.append([])
        elif tag in ("td", "th"):
            self._cell = Cell(tag, int(a.get("rowspan", 1)), int(a.get("colspan", 1)), a.get("scope"),
                              a.get("style", "") or "")
            self._table[-1].rows[-1].append(self._cell)
        elif tag == "caption":
            self._caption = []
        elif tag in self.BLOCKS:
            self._block = [tag, [], a.get("style", "") or ""]
        elif tag == "strong" and self._block is not None and not "".join(self._block[1]).strip():
            self._strong = []

    def handle_endtag(self, tag):
        while self._stack:
            t, _ = self._stack.pop()
            if t == tag:
                break
        if tag in ("td", "th"):
            self._cell = None
        elif tag == "table":
            self._table.pop()
        elif tag == "caption" and self._caption is not None:
            self._table[-1].caption = "".join(self._caption)
            self._caption = None
        elif tag == "strong" and self._strong is not None:
            self.runin.append("".join(self._strong))
            self._strong = None
        elif tag in self.BLOCKS and self._block is not None:
            self.blocks.append((self._block[0], "".join(self._block[1]), self._block[2]))
            self._block = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.text += data
        if self._caption is not None:
            self._caption.append(data)
        if self._block is not None:
            self._block[1].append(data)
        if self._strong is not None:
            self._strong.append(data)


# --------------------------------------------------------------------------- a sanitizer

BASIC_TAGS = {"p", "br", "h1", "h2", "h3", "strong", "b", "em", "div", "span",
              "table", "caption", "thead", "tbody", "tr", "th", "td"}
DROPPED_WITH_CONTENT = {"script", "style", "head", "title", "iframe", "object"}


class Sanitizer(HTMLParser):
    """Keeps only ``BASIC_TAGS`` and the attributes in ``keep`` (rowspan, colspan, scope; and
    style, if asked) — as a strict rich-text editor does; everything else is unwrapped (its
    text kept) or, for scripts and the like, dropped with its content."""

    def __init__(self, keep: set[str]):
        super().__init__(convert_charrefs=True)
        self.keep = keep
        self.out: list[str] = []
        self._drop = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_WITH_CONTENT:
            self._drop += 1
            return
        if self._drop or tag not in BASIC_TAGS:
            return
        kept = "".join(f' {k}="{escape(v or "")}"' for k, v in attrs if k in self.keep)
        self.out.append(f"<{tag}{kept}>")

    def handle_endtag(self, tag):
        if tag in DROPPED_WITH_CONTENT:
            self._drop = max(0, self._drop - 1)
            return
        if not self._drop and tag in BASIC_TAGS and tag != "br":
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self._drop:
            self.out.append(escape(data, quote=False))


def sanitize(html: str, *, keep_style: bool = False) -> str:
    s = Sanitizer({"rowspan", "colspan", "scope"} | ({"style"} if keep_style else set()))
    s.feed(html)
    s.close()
    return "".join(s.out)
