"""Measurements of exported PDFs for the layout tests (pdfplumber): blank space at page
feet, line positions, fonts per character, gaps between characters."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pdfplumber

MM = 72 / 25.4
BLOCK_TOP = 37 * MM
BLOCK_BOTTOM = (37 + 225) * MM
LEADING = 225 * MM / 22
FOOTER_RE = re.compile(r"^(— \d+ —|(审签版\s*)?数据指纹：[0-9A-F]{8}|审签单 第\d+页)$")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Line:
    top: float
    bottom: float
    chars: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@dataclass
class Page:
    number: int
    lines: list[Line]  # text lines inside the text block, top to bottom
    edges: list  # ruling lines inside the text block
    furniture: list  # chars below the text block (page number, fingerprint)

    @property
    def content_bottom(self) -> float:
        bottoms = [ln.bottom for ln in self.lines] + [e["bottom"] for e in self.edges]
        return max(bottoms) if bottoms else BLOCK_TOP

    @property
    def blank_lines(self) -> float:
        """Blank space at the page foot, in body lines (a full page of body text: ≈ 0.4, the
        space below the last line's glyphs)."""
        return (BLOCK_BOTTOM - self.content_bottom) / LEADING

    @property
    def ends_with_table(self) -> bool:
        return bool(self.edges) and max(e["bottom"] for e in self.edges) >= self.content_bottom - 1

    @property
    def starts_with_table(self) -> bool:
        """A table begins within the first two body lines of the page."""
        return any(e["top"] <= BLOCK_TOP + 2 * LEADING for e in self.edges)

    @property
    def text_lines(self) -> list[str]:
        """Text of the lines outside tables."""
        out = []
        for ln in self.lines:
            if not any(e["top"] - 1 <= ln.top <= e["bottom"] + 1 for e in self.edges
                       if e["orientation"] == "v"):
                out.append(ln.text)
        return out


def read_pages(data: bytes) -> list[Page]:
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, p in enumerate(pdf.pages, 1):
            body = [c for c in p.chars if c["bottom"] <= BLOCK_BOTTOM + 2 and c["text"].strip()]
            furniture = [c for c in p.chars if c["bottom"] > BLOCK_BOTTOM + 2]
            lines: list[Line] = []
            for c in sorted(body, key=lambda c: (round(c["bottom"], 0), c["x0"])):
                if lines and abs(lines[-1].bottom - c["bottom"]) < 4:
                    lines[-1].chars.append(c)
                    lines[-1].top = min(lines[-1].top, c["top"])
                else:
                    lines.append(Line(c["top"], c["bottom"], [c]))
            for ln in lines:
                ln.chars.sort(key=lambda c: c["x0"])
            edges = [e for e in p.edges if e["bottom"] <= BLOCK_BOTTOM + 2]
            pages.append(Page(n, lines, edges, furniture))
    return pages


def ps_name(fontset, role: str) -> str:
    """PostScript name (as it appears in the PDF, after the subset tag) of a role's font."""
    from fontTools.ttLib import TTFont

    choice = fontset.choice(role)
    with TTFont(str(choice.path), fontNumber=choice.subfont_index, lazy=True) as f:
        return f["name"].getDebugName(6)


def base_font(char: dict) -> str:
    return char["fontname"].split("+", 1)[-1]


def body_chars(pages: list[Page]) -> list[dict]:
    """Every character inside the text block, in reading order."""
    return [c for p in pages for ln in p.lines for c in ln.chars]
