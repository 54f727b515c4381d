"""Typesetting of the narrative, measured on the exported PDF: run-in headings in the heading
face, justification only where Chinese allows it, body size and line grid, page furniture."""
from __future__ import annotations

from pathlib import Path

import pytest

from gaic_desktop.core import load
from gaic_desktop.pdf.fonts import FontSet
from gaic_desktop.pdf.render import render_pdf

from .pdfprobe import MM, base_font, body_chars, ps_name, read_pages, squash

ROOT = Path(__file__).resolve().parents[2]
S2021 = ROOT / "resources" / "samples" / "sample-2021.gaic.json"
HANYANG = ROOT / "resources" / "samples" / "hanyang-2020.gaic.json"

RUN_IN = [
    "（一）主动公开情况。主要通过政府门户网站主动公开政府文件、项目审批、通知公告等各类政府信息。"
    "2023年，我区在政府网站平台共发布各类信息5842条，其中政策文件83条。",
    "（三）政府信息管理情况。",
    "加强区政府门户网站及政务新媒体日常管理，运用第三方检测平台实行常态化监测，执行信息审核发布制度。",
    "二、围绕“六稳”“六保”工作加强政策解读。全年发布解读材料56篇，其中图解21篇、视频解读4篇。",
    "（二）本机关的联系电话为0517-87222589，电子邮箱为hzzwgk@126.com，地址为洪泽区东风路1号，"
    "依据《条例》〔2019〕第五十条编制本报告。本条仅为测试用文字，不是标题。",
]


@pytest.fixture(scope="module")
def runin_pdf():
    rep = load(S2021)
    rep.sections["s1"] = list(RUN_IN)
    fonts = FontSet()
    data, _ = render_pdf(rep, fonts=fonts)
    return rep, fonts, read_pages(data)


def _chars_of(pages, text: str) -> list[dict]:
    chars = body_chars(pages)
    flat = "".join(c["text"] for c in chars)
    i = flat.find(squash(text))
    assert i >= 0, text[:20]
    return chars[i:i + len(squash(text))]


def test_run_in_heading_prints_in_the_heading_face(runin_pdf):
    _, fonts, pages = runin_pdf
    kai, hei, body = ps_name(fonts, "kai"), ps_name(fonts, "hei"), ps_name(fonts, "fangsong")
    for text, face in ((RUN_IN[0], kai), (RUN_IN[3], hei)):
        head_len = text.index("。") + 1
        chars = _chars_of(pages, text)
        faces = [base_font(c) for c in chars]
        assert faces[:head_len] == [face] * head_len, "".join(c["text"] for c in chars[:head_len])
        rest = [f for f, c in zip(faces[head_len:], chars[head_len:]) if c["text"] not in "“”"]
        assert set(rest) == {body}
        # one paragraph: the body text goes on in the heading's line
        assert abs(chars[head_len]["bottom"] - chars[head_len - 1]["bottom"]) < 1


def test_numbered_sentence_is_not_a_heading(runin_pdf):
    _, fonts, pages = runin_pdf
    body = ps_name(fonts, "fangsong")
    chars = _chars_of(pages, RUN_IN[4])
    assert {base_font(c) for c in chars if c["text"].isdigit() or "\u4e00" <= c["text"] <= "\u9fff"} == {body}


def test_heading_only_paragraph_is_a_heading_kept_with_what_follows(runin_pdf):
    _, fonts, pages = runin_pdf
    kai = ps_name(fonts, "kai")
    chars = _chars_of(pages, RUN_IN[1])
    assert {base_font(c) for c in chars} == {kai}
    page = next(p for p in pages if any(squash(ln.text) == RUN_IN[1] for ln in p.lines))
    texts = [squash(ln.text) for ln in page.lines]
    k = texts.index(RUN_IN[1])
    assert len(texts) >= k + 3 and RUN_IN[2].startswith(texts[k + 1])


# ------------------------------------------------------------------ justification

def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".-+/%_@&'")


def _all_pages(name_or_report):
    rep = load(name_or_report) if isinstance(name_or_report, Path) else name_or_report
    return read_pages(render_pdf(rep)[0])


@pytest.mark.parametrize("which", ["runin", "hanyang", "s2021"])
def test_no_spacing_inside_digit_and_latin_runs(runin_pdf, which):
    """Justification never spreads a phone number, an e-mail address or 〔2019〕: inside a
    run of digits/Latin letters each character starts where the one before it ends."""
    pages = runin_pdf[2] if which == "runin" else _all_pages(HANYANG if which == "hanyang" else S2021)
    checked = 0
    for p in pages:
        for ln in p.lines:
            for a, b in zip(ln.chars, ln.chars[1:]):
                if a["size"] > 15 and _is_word(a["text"]) and _is_word(b["text"]):
                    assert abs(b["x0"] - a["x1"]) < 0.05, (p.number, ln.text)
                    checked += 1
    assert checked > 20


def test_justified_lines_are_flush_and_stretch_between_chinese_characters(runin_pdf):
    """The contact line of the run-in sample: digits set solid, the line still flush right
    (the slack goes to the gaps at Chinese characters)."""
    pages = runin_pdf[2]
    right = (28 + 156) * 72 / 25.4
    line = next(ln for p in pages for ln in p.lines if "0517-8722" in ln.text)
    assert abs(max(c["x1"] for c in line.chars) - right) < 1.0


def test_paired_quotes_in_kai_headings_get_their_full_width():
    """「“六稳”“六保”」 in a 楷体 heading: the Kai face's quotes are narrow; in Chinese text each
    takes a full character width (the blank between ”“ compressed to one half, 标点挤压)."""
    pages = _all_pages(HANYANG)
    line = next(ln for p in pages for ln in p.lines if "围绕“六稳”“六保”" in ln.text)
    chars = line.chars
    k = next(i for i, c in enumerate(chars) if c["text"] == "稳")
    assert chars[k + 1]["text"] == "”" and chars[k + 2]["text"] == "“"
    pitch = 156 * 72 / 25.4 / 28
    assert chars[k + 3]["x0"] - chars[k]["x0"] >= 2.4 * pitch  # 稳 + ” + “ ≥ 2½ characters
    assert chars[k + 3]["x0"] - chars[k]["x0"] <= 3.1 * pitch


# ------------------------------------------------------------------ body size and grid

@pytest.mark.parametrize("path", [HANYANG, S2021], ids=["hanyang", "s2021"])
def test_body_is_16pt_on_the_22_line_grid_on_every_page(path):
    pages = _all_pages(path)
    leading = 225 * 72 / 25.4 / 22
    offsets = []
    for p in pages:
        for ln in p.lines:
            sizes = {round(c["size"], 2) for c in ln.chars}
            if sizes == {16.0}:
                baseline = ln.chars[0]["matrix"][5]
                from_top = 841.89 - baseline - 37 * 72 / 25.4
                offsets.append((p.number, from_top % leading))
    assert len(offsets) > 50
    ref = offsets[0][1]
    bad = [(n, round(o, 2)) for n, o in offsets if min(abs(o - ref), leading - abs(o - ref)) > 0.3]
    assert not bad, bad[:5]
    body_sizes = {round(c["size"], 2) for p in pages for ln in p.lines for c in ln.chars
                  if c["size"] > 12 and c["size"] < 20}
    assert body_sizes == {16.0}


# ------------------------------------------------------------------ page furniture

def _dash_top_mm(data: bytes, page_index: int) -> float:
    """Top of the page number's first 一字线 (its ink), in mm from the top of the page,
    found in the rendered page under the dash's character box."""
    import io

    import pdfplumber
    import pypdfium2

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[page_index]
        dash = next(c for c in page.chars if c["text"] == "—" and c["top"] > 262 * 72 / 25.4)
    scale = 600 / 72
    doc = pypdfium2.PdfDocument(data)
    img = doc[page_index].render(scale=scale).to_pil().convert("L")
    x0, x1 = int((dash["x0"] + 2) * scale), int((dash["x1"] - 2) * scale)
    y0, y1 = int((dash["top"] - 5) * scale), int((dash["bottom"] + 5) * scale)
    for y in range(y0, y1):
        if min(img.getpixel((x, y)) for x in range(x0, x1, 2)) < 128:
            return y / scale * 25.4 / 72
    raise AssertionError("no dash ink found")


def test_page_number_dash_sits_7mm_below_the_text_block():
    data = render_pdf(load(S2021))[0]
    for i in (0, 1):  # odd and even page
        gap = _dash_top_mm(data, i) - (37 + 225)
        assert abs(gap - 7.0) <= 1.0, (i + 1, round(gap, 2))


def test_fingerprint_only_on_the_sign_copy_or_when_asked():
    from gaic_desktop.pdf import ExportOptions

    rep = load(S2021)
    fp = rep.fingerprint()

    def pages_with_fp(options):
        pages = read_pages(render_pdf(rep, options)[0])
        return [fp in "".join(c["text"] for c in p.furniture) for p in pages]

    assert not any(pages_with_fp(ExportOptions(variant="公开版")))
    assert all(pages_with_fp(ExportOptions(variant="审签版")))
    assert all(pages_with_fp(ExportOptions(variant="公开版", fingerprint=True)))
    assert not any(pages_with_fp(ExportOptions(variant="审签版", fingerprint=False)))


def test_fingerprint_is_printed_in_neutral_grey_and_page_numbers_in_black():
    """The 数据指纹 line is a quiet mark, a mid grey (equal red, green and blue), set apart from
    the black page number and text."""
    from gaic_desktop.pdf import ExportOptions

    rep = load(S2021)
    fp = rep.fingerprint()
    pages = read_pages(render_pdf(rep, ExportOptions(variant="审签版"))[0])
    for p in pages:
        rows: dict[int, list] = {}
        for c in p.furniture:
            rows.setdefault(round(c["bottom"]), []).append(c)
        (fp_line,) = [cs for cs in rows.values() if fp in "".join(c["text"] for c in cs)]
        (number,) = [cs for cs in rows.values() if cs is not fp_line]
        for c in fp_line:
            r, g, b = c["non_stroking_color"]
            assert r == g == b and 0.3 <= r <= 0.6, c["non_stroking_color"]
        assert all(c["non_stroking_color"] in ((0,), (0, 0, 0)) for c in number if c["text"].strip())


@pytest.mark.parametrize("i", [0, 2, 4])  # run-in heading, plain body text, a numbered sentence
def test_paragraphs_start_two_characters_in_and_go_on_at_the_margin(runin_pdf, i):
    """GB/T 9704: each paragraph's first line is indented by two characters (空两字); the lines
    after it start at the left edge of the text block (28 mm)."""
    _, _, pages = runin_pdf
    chars = _chars_of(pages, RUN_IN[i])
    assert abs(chars[0]["x0"] / MM - (28 + 2 * 156 / 28)) < 0.3
    second = next(c for c in chars if c["top"] > chars[0]["bottom"])
    assert abs(second["x0"] / MM - 28) < 0.3


def test_headings_on_their_own_line_start_two_characters_in(runin_pdf):
    """一、 section headings (黑体) and a （三） heading on its own (楷体) are indented like a paragraph."""
    rep, _, pages = runin_pdf
    for text in (rep.fmt.sections[0].heading, RUN_IN[1]):
        chars = _chars_of(pages, text)
        assert abs(chars[0]["x0"] / MM - (28 + 2 * 156 / 28)) < 0.3, text


def test_a_title_too_long_for_one_line_breaks_after_the_organisation():
    """Like published reports: 「示例市示例区人民政府」 on the first line, 「2024年政府信息公开工作
    年度报告」 on the second, each centred on the text block (28 + 156 / 2 = 106 mm)."""
    rep = load(S2021)
    org, title = rep.organisation, rep.display_title()
    assert title == org + "2024年政府信息公开工作年度报告"
    first, second = read_pages(render_pdf(rep)[0])[0].lines[:2]
    assert (first.text, second.text) == (org, title[len(org):])
    for ln in (first, second):
        assert ln.chars[0]["size"] > 21.9  # 二号 (22 pt)
        assert abs((ln.chars[0]["x0"] + ln.chars[-1]["x1"]) / 2 / MM - 106) < 0.3


@pytest.mark.parametrize("text", [
    "政" * 26 + "，" + "府" * 30 + "。",  # plain body: the comma after a full first line
    "（一）主动公开情况。" + "信" * 16 + "息" * 28 + "，" + "公" * 20 + "。",  # run-in heading, second line
])
def test_a_comma_after_a_full_line_hangs_in_the_margin(text):
    """A closing mark that does not fit a full line (and no other mark on the line to compress)
    hangs in the right margin; the line's characters are not pushed down."""
    rep = load(S2021)
    rep.sections["s1"] = [text]
    lines = [ln for p in read_pages(render_pdf(rep)[0]) for ln in p.lines]
    (line,) = [ln for ln in lines if ln.text.endswith("，") and ln.text[0] in "政（息"]
    comma = line.chars[-1]
    assert line.text.count(line.text[-2]) >= 26  # the full line stays together
    assert comma["x0"] / MM > 28 + 156 - 0.3  # drawn beyond the 184 mm edge
