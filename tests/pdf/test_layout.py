"""Page layout of the exported PDF, measured on the PDF itself: no holes at page feet,
headings kept with two lines (never more), widow/orphan control."""
from __future__ import annotations

from pathlib import Path

import pytest

from gaic_desktop.core import load
from gaic_desktop.pdf.render import render_pdf

from .pdfprobe import read_pages, squash

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {
    "hanyang": ROOT / "resources" / "samples" / "hanyang-2020.gaic.json",
    "s2021": ROOT / "resources" / "samples" / "sample-2021.gaic.json",
}
MAX_BLANK = 2.45  # body lines: two missing lines + the ≈0.4 line below the last glyphs


@pytest.fixture(scope="module")
def pages():
    cache: dict = {}

    def get(name: str, report=None):
        if name not in cache:
            rep = report or load(SAMPLES[name])
            data, _ = render_pdf(rep)
            cache[name] = (rep, read_pages(data))
        return cache[name]

    return get


def _paragraphs(rep) -> list[str]:
    paras = [*rep.preface]
    for sec in rep.fmt.sections:
        paras += rep.section_text(sec.key)
    return [squash(p) for p in paras if p.strip()]


def _headings(rep) -> set[str]:
    heads = {squash(sec.heading) for sec in rep.fmt.sections}
    from gaic_desktop.pdf.render import is_subheading
    heads |= {p for p in _paragraphs(rep) if is_subheading(p)}
    return heads


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_hole_at_page_feet(pages, name):
    """Blank space at every page foot ≤ 2 lines, unless a table or the end of the report
    causes it."""
    rep, ps = pages(name)
    body = [p for p in ps if p.lines]
    org = squash(rep.signoff.organisation or rep.organisation)
    last_body = max(i for i, p in enumerate(body) if any(squash(ln.text) == org for ln in p.lines))
    for i, p in enumerate(body[:last_body]):
        nxt = body[i + 1]
        if p.ends_with_table or nxt.starts_with_table or i + 1 == last_body:
            continue
        limit = _allowed_blank(p, nxt, _headings(rep), _paragraphs(rep))
        assert p.blank_lines <= limit, (p.number, round(p.blank_lines, 2))


def _allowed_blank(page, nxt, heads, paras) -> float:
    """Two blank lines at most; three when the next page opens with a heading over a paragraph
    of exactly three lines — it can keep neither 1 line (orphan) nor 2 lines (widow) here."""
    lines = [squash(t) for t in nxt.text_lines]
    if lines and lines[0] in heads:
        k = 1
        while k < len(lines) and lines[k] in heads:
            k += 1
        for para in paras:
            if para not in heads and len(lines) >= k + 3 and "".join(lines[k:k + 3]) == para:
                return MAX_BLANK + 1
    return MAX_BLANK


def _check_page_edges(rep, ps) -> None:
    paras = _paragraphs(rep)
    heads = _headings(rep)
    for p in ps:
        lines = [squash(t) for t in p.text_lines]
        if not lines:
            continue
        first, last = lines[0], lines[-1]
        # No page ends with a heading (unless nothing but the end follows).
        if p is not ps[-1] and p.lines and not p.ends_with_table:
            assert last not in heads, (p.number, last)
        for para in paras:
            if para in heads or len(para) <= len(first):
                continue
            # Widow: the last line of a paragraph alone at the top of a page.
            assert not (para.endswith(first) and para != first and first not in heads), \
                (p.number, first)
            # Orphan: the first line of a paragraph alone at the foot of a page.
            if p is not ps[-1] and not p.ends_with_table:
                assert not (para.startswith(last) and para != last), (p.number, last)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_widows_orphans_or_stranded_headings(pages, name):
    rep, ps = pages(name)
    _check_page_edges(rep, ps)


def test_heading_keeps_two_lines_and_no_more_at_any_page_position():
    """Pushing the text down line by line moves every heading/paragraph boundary across the
    page foot: a heading always has at least two lines of its paragraph under it on its
    page, and never drags a long paragraph (a hole) to the next page."""
    base = load(SAMPLES["s2021"])
    heads = _headings(base)
    filler = "本机关坚持以公开为常态、不公开为例外。"  # one short line
    for n in range(0, 22, 2):
        rep = base.model_copy(deep=True)
        rep.preface = [*rep.preface, *[filler] * n]
        data, _ = render_pdf(rep)
        ps = read_pages(data)
        _check_page_edges(rep, ps)
        for p in ps:
            lines = [squash(t) for t in p.text_lines]
            for k, ln in enumerate(lines):
                if ln in heads and k + 1 < len(lines) and lines[k + 1] not in heads:
                    # a heading followed by text on its page: at least two lines of it
                    assert k + 2 < len(lines) or p.ends_with_table, (n, p.number, ln)
        body = [p for p in ps if p.lines]
        paras = _paragraphs(rep)
        for i, p in enumerate(body[:-2]):
            if p.ends_with_table or body[i + 1].starts_with_table:
                continue
            limit = _allowed_blank(p, body[i + 1], heads, paras)
            assert p.blank_lines <= limit, (n, p.number, round(p.blank_lines, 2))


@pytest.mark.parametrize("name", list(SAMPLES))
def test_section_five_does_not_force_a_new_page(name):
    """Section 五 starts a new page only when the page before has no room for its heading
    and two lines (it used to start a new page always)."""
    base = load(SAMPLES[name])
    five = squash(base.fmt.sections[4].heading)
    mid_page = 0
    for n in range(0, 12, 3):
        rep = base.model_copy(deep=True)
        rep.preface = [*rep.preface, *["本机关坚持以公开为常态、不公开为例外。"] * n]
        ps = [p for p in read_pages(render_pdf(rep)[0]) if p.lines]
        i = next(i for i, p in enumerate(ps) if any(squash(t) == five for t in p.text_lines))
        if squash(ps[i].text_lines[0]) != five:
            mid_page += 1
        else:
            assert ps[i - 1].blank_lines < 3.5 + 0.5, (n, ps[i - 1].number)  # heading + 2 lines + gap
    assert mid_page >= 1


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_hole_before_a_table(pages, name):
    """A table starts at a page foot wherever its header and first two rows fit (rows never
    split, the header repeats): the seed's 表三 used to leave 5.4 lines empty on p12."""
    rep, ps = pages(name)
    body = [p for p in ps if p.lines]
    org = squash(rep.signoff.organisation or rep.organisation)
    last_body = max(i for i, p in enumerate(body) if any(squash(ln.text) == org for ln in p.lines))
    checked = 0
    for i, p in enumerate(body[:last_body]):
        if body[i + 1].starts_with_table:
            checked += 1
            assert p.blank_lines <= MAX_BLANK, (p.number, round(p.blank_lines, 2))
    assert checked >= 2


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a_table_at_the_top_of_a_page_starts_on_the_first_line(pages, name):
    """A table continued (its header repeated) or moved to a new page has its top rule at the
    text block's top, 37 mm, like the first line of any page — not 2.6 mm below it."""
    from .pdfprobe import BLOCK_TOP

    _, ps = pages(name)
    tops = []
    for p in ps:
        rules = [e["top"] for e in p.edges if e["orientation"] == "h"]
        if not rules:
            continue
        first_rule = min(rules)
        if all(ln.bottom > first_rule for ln in p.lines):  # no text above the table
            tops.append((p.number, round(first_rule - BLOCK_TOP, 2)))
    assert tops and all(abs(d) <= 0.5 for _, d in tops), tops
