"""GB/T 9704 page geometry and font roles, measured in the exported PDF itself (pdfplumber char
positions and font names), with the standard's numbers written here — not the renderer's
constants:

* A4 210 × 297 mm; 天头 (top margin) 37 mm, 订口 (left margin) 28 mm, 版心 156 × 225 mm;
* page number: 4号 (14 pt) Song, 单页码居右空一字, 双页码居左空一字 — on odd pages at the outside
  (right) edge of the text block one character in, on even pages at the left edge one character in;
* body text in 仿宋 (or the bundled 宋 fallback), never 黑体; 一级标题 (一、) in 黑体.
"""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from gaic_desktop.core import load
from gaic_desktop.pdf.render import render_pdf
from tests.conftest import SAMPLES

from .pdfprobe import base_font, read_pages

MM = 72 / 25.4
TOP_MM, LEFT_MM, WIDTH_MM, HEIGHT_MM = 37.0, 28.0, 156.0, 225.0
PAGE_NO_PT = 14.0  # 4号
ONE_CHAR_MM = PAGE_NO_PT / MM  # 空一字 at the page number's size
SAMPLE_FILES = ["sample-2021.gaic.json", "hanyang-2020.gaic.json"]
_cache: dict = {}


def pdf_bytes(name: str) -> bytes:
    if name not in _cache:
        _cache[name] = render_pdf(load(SAMPLES / name))[0]
    return _cache[name]


def page_chars(data: bytes) -> list[tuple[float, float, list[dict]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(p.width, p.height, list(p.chars)) for p in pdf.pages]


def page_edges(data: bytes) -> list[tuple[float, float]]:
    """Per page, the topmost and leftmost ruling line (a table's outer border), or +inf."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(min((e["top"] for e in p.edges), default=float("inf")),
                 min((e["x0"] for e in p.edges), default=float("inf"))) for p in pdf.pages]


def page_number_chars(chars: list[dict]) -> list[dict]:
    """The characters of the “— n —” line below the text block."""
    foot = [c for c in chars if c["top"] > (TOP_MM + HEIGHT_MM) * MM and c["text"].strip()]
    line = [c for c in foot if re.fullmatch(r"[—\d]", c["text"])]
    return sorted(line, key=lambda c: c["x0"])


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_a4_top_margin_37mm_and_left_margin_28mm_on_every_page(name):
    pages = page_chars(pdf_bytes(name))
    edges = page_edges(pdf_bytes(name))
    assert len(pages) >= 3
    text_topped = 0
    for n, (w, h, chars) in enumerate(pages, 1):
        assert abs(w / MM - 210) < 0.1 and abs(h / MM - 297) < 0.1
        body = [c for c in chars if c["text"].strip() and c["bottom"] <= (TOP_MM + HEIGHT_MM) * MM + 2]
        text_top, table_top = min(c["top"] for c in body) / MM, edges[n - 1][0] / MM
        if text_top <= table_top:
            # The first line's ink starts at the top of the text block (< 1.5 mm below it).
            text_topped += 1
            assert TOP_MM - 0.3 <= text_top <= TOP_MM + 1.5, (n, round(text_top, 2))
        else:  # a table continued from the page before: its top border, padding allowed
            assert TOP_MM - 0.3 <= table_top <= TOP_MM + 3.0, (n, round(table_top, 2))
        left_mm = min(min(c["x0"] for c in body), edges[n - 1][1]) / MM
        assert abs(left_mm - LEFT_MM) < 0.3, (n, round(left_mm, 2))
    assert text_topped >= 2


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_full_lines_end_at_the_right_edge_of_the_156mm_text_block(name):
    """Justified body lines fill the 版心: the last ideograph of a full line ends at 28 + 156 =
    184 mm (hanging punctuation aside, which is why only ideographs are measured)."""
    right_edge = LEFT_MM + WIDTH_MM
    pages_with_text = 0
    for n, (_w, _h, chars) in enumerate(page_chars(pdf_bytes(name)), 1):
        ideographs = [c for c in chars if re.fullmatch(r"[\u4e00-\u9fff]", c["text"])
                      and round(c["size"], 1) == 16.0
                      and TOP_MM * MM < c["top"] < (TOP_MM + HEIGHT_MM) * MM]
        if len(ideographs) < 100:
            continue  # a page of tables
        pages_with_text += 1
        rightmost = max(c["x1"] for c in ideographs) / MM
        assert abs(rightmost - right_edge) < 0.2, (n, round(rightmost, 2))
    assert pages_with_text >= 2


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_page_number_sits_at_the_outside_edge_one_character_in(name):
    pages = page_chars(pdf_bytes(name))
    right_edge = LEFT_MM + WIDTH_MM
    for n, (_w, _h, chars) in enumerate(pages, 1):
        line = page_number_chars(chars)
        assert "".join(c["text"] for c in line) == f"—{n}—"
        assert {round(c["size"], 1) for c in line} == {PAGE_NO_PT}
        x0_mm, x1_mm = line[0]["x0"] / MM, line[-1]["x1"] / MM
        if n % 2:  # odd page: right, 空一字 from the text block's right edge
            assert abs((right_edge - x1_mm) - ONE_CHAR_MM) < 0.5, (n, round(x1_mm, 2))
            assert x0_mm > 105
        else:  # even page: left, 空一字 from the text block's left edge
            assert abs((x0_mm - LEFT_MM) - ONE_CHAR_MM) < 0.5, (n, round(x0_mm, 2))
            assert x1_mm < 105


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_page_numbers_are_set_in_song(name):
    for _w, _h, chars in page_chars(pdf_bytes(name)):
        for c in page_number_chars(chars):
            assert "Song" in base_font(c) and "Hei" not in base_font(c), base_font(c)


HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_body_is_fangsong_or_song_and_first_level_headings_are_hei(name):
    body_lines = headings = 0
    for page in read_pages(pdf_bytes(name)):
        for ln in page.lines:
            sizes = {round(c["size"], 1) for c in ln.chars}
            if sizes != {16.0}:
                continue  # tables, title
            text = ln.text
            fonts = {base_font(c) for c in ln.chars if c["text"].strip()}
            if HEADING_1.match(text):
                headings += 1
                assert all("Hei" in f for f in fonts), (page.number, text, fonts)
            elif not text.startswith("（"):  # （一） run-in headings are 楷体
                body_lines += 1
                assert all(re.search(r"FangSong|Fangsong|FS|Song", f) and "Hei" not in f for f in fonts), \
                    (page.number, text, fonts)
    assert headings >= 4 and body_lines >= 10
