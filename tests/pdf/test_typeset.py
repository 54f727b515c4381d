"""Typesetting of the narrative, measured on the exported PDF: run-in headings in the heading
face, justification only where Chinese allows it, body size and line grid, page furniture."""
from __future__ import annotations

from pathlib import Path

import pytest

from gaic_desktop.core import load
from gaic_desktop.pdf.fonts import FontSet
from gaic_desktop.pdf.render import render_pdf

from .pdfprobe import base_font, body_chars, ps_name, read_pages, squash

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
