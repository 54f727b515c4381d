"""The web page proves its content: imported with the program's own importer it gives back the
same report — every cell, every paragraph, the title, the 落款 — for the seed, the 2021 sample
and the three real reports (after import). Also after the fragment went through a strict
rich-text editor's sanitizer (basic tags; rowspan/colspan/scope; with or without styles): it
still holds every merged cell and every cell."""

from __future__ import annotations

import pytest

from gaic_desktop.core.storage import load
from gaic_desktop.importer import MISSING, import_file, import_text
from gaic_desktop.publish.html import export_html, render_html
from tests.conftest import SAMPLES, SHARED

from .htmlprobe import PageProbe, sanitize

REAL = SHARED / "realreports"
SOURCES = [SAMPLES / "hanyang-2020.gaic.json", SAMPLES / "sample-2021.gaic.json",
           REAL / "hongze-2023.txt", REAL / "hongze-2024.txt", REAL / "huaian-2024.txt"]
_loaded: dict = {}


def _report(source):
    """The report a source stands for: a sample file as saved, a real report as imported."""
    key = str(source)
    if key not in _loaded:
        _loaded[key] = load(source) if source.name.endswith(".gaic.json") else import_file(source).report
    return _loaded[key].model_copy(deep=True)


def assert_same_report(got, want):
    """Cell by cell, paragraph by paragraph, the title and the 落款."""
    assert (got.format, got.year, got.variant) == (want.format, want.year, want.variant)
    gv, wv = got.effective_values(), want.effective_values()
    assert set(gv) == set(wv)
    assert {ref: (gv[ref], wv[ref]) for ref in wv if gv[ref] != wv[ref]} == {}
    assert got.display_title() == want.display_title()
    assert got.preface == want.preface
    for s in want.fmt.sections:
        assert got.section_text(s.key) == want.section_text(s.key), s.key
    assert got.signoff == want.signoff


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name.split(".")[0])
def test_exported_page_imports_as_the_same_report(source, tmp_path):
    want = _report(source)
    out = tmp_path / "年报.html"
    export_html(want, out)
    res = import_file(out)
    assert_same_report(res.report, want)
    assert not res.by_kind(MISSING)


def test_slashes_blanks_and_a_signed_change_come_back(tmp_path):
    """「/」, blank and a negative 本年增/减 are three different things and stay so."""
    want = _report(SAMPLES / "hanyang-2020.gaic.json")
    want.set_totals_mode("printed")
    for ref, value in {"t3.d1.natural": "/", "t3.new.business": None, "t2.fee.delta": -8,
                       "t4.cases.ld_fix": "/", "t2.procurement.amount": None}.items():
        want.set_cell(ref, value)
    out = tmp_path / "年报.html"
    export_html(want, out)
    got = import_file(out).report
    assert_same_report(got, want)
    assert got.value("t3.d1.natural") == "/" and got.value("t3.new.business") is None
    assert got.value("t2.fee.delta") == -8


def _wrapped(fragment: str) -> str:
    """A pasted fragment as the portal serves it: inside the CMS's own page."""
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府信息公开</title></head><body>"
            "<div class='article'>" + fragment + "</div></body></html>")


@pytest.mark.parametrize("keep_style", [False, True], ids=["no-styles", "styles"])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name.split(".")[0])
def test_sanitized_fragment_keeps_every_span_and_cell_and_imports_the_same(source, keep_style, tmp_path):
    want = _report(source)
    fragment = render_html(want, fragment=True)
    clean = sanitize(fragment, keep_style=keep_style)
    assert "<div" in clean and ("style=" in clean) == keep_style and "<colgroup" not in clean
    before, after = PageProbe(fragment), PageProbe(clean)
    assert len(after.tables) == len(before.tables) == 3
    for a, b in zip(before.tables, after.tables):
        assert [[(c.tag, c.text, c.rowspan, c.colspan, c.scope) for c in row] for row in b.rows] == \
               [[(c.tag, c.text, c.rowspan, c.colspan, c.scope) for c in row] for row in a.rows]
        assert b.caption == a.caption
        assert len(b.grid()) == len(a.grid())
    assert after.runin == before.runin
    assert [x[:2] for x in after.blocks] == [x[:2] for x in before.blocks]
    page = tmp_path / "pasted.html"
    page.write_text(_wrapped(clean), encoding="utf-8")
    assert_same_report(import_file(page).report, want)
    assert_same_report(import_text(clean, html=True).report, want)
