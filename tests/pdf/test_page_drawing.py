"""What is drawn on the page besides the text: the 草稿 watermark across the middle of every
page, and table rules that never strike through a line of text."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2

from gaic_desktop.core import load
from gaic_desktop.pdf import ExportOptions
from gaic_desktop.pdf.render import render_pdf
from tests.conftest import SAMPLES

MM = 72 / 25.4


def test_the_draft_watermark_is_centred_on_every_page():
    report = load(SAMPLES / "sample-2021.gaic.json")
    report.set_cell("t3.new.natural", 123)  # two T3-1 errors: a draft
    data, result = render_pdf(report, ExportOptions(variant="公开版"))
    assert result.errors == 2
    scale = 40 / 72
    for n, page in enumerate(pypdfium2.PdfDocument(data), 1):
        img = page.render(scale=scale).to_pil().convert("RGB")
        w, h = img.size
        px = img.tobytes()
        xs = ys = count = 0
        for i in range(0, len(px), 3):
            r, g, b = px[i], px[i + 1], px[i + 2]
            if r > 150 and r - g > 25 and r - b > 25:  # the watermark's red, nothing else is red
                k = i // 3
                xs += k % w
                ys += k // w
                count += 1
        assert count > 200, n
        cx, cy = xs / count / scale / MM, ys / count / scale / MM  # mm from the top-left corner
        assert abs(cx - 105) < 7 and abs(cy - 148.5) < 4, (n, round(cx, 1), round(cy, 1))


def test_no_table_rule_strikes_through_text():
    data = render_pdf(load(SAMPLES / "hanyang-2020.gaic.json"))[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rules = [e for e in page.edges if e["orientation"] == "h"]
            for c in page.chars:
                if not c["text"].strip():
                    continue
                inner_top, inner_bottom = c["top"] + 0.25 * c["size"], c["bottom"] - 0.25 * c["size"]
                for e in rules:
                    if e["x0"] < c["x1"] and c["x0"] < e["x1"] and inner_top < e["top"] < inner_bottom:
                        raise AssertionError((page.page_number, c["text"], round(c["top"], 1), round(e["top"], 1)))
