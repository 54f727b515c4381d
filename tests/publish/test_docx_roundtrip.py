"""The exported Word document proves its content: importing it with the program's own importer
gives back the same report — every cell, every paragraph, the title and the 落款 — for both
samples and for the three real reports of ../shared/realreports after their import."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaic_desktop.core.storage import load
from gaic_desktop.importer import MISSING, import_file
from gaic_desktop.publish.docx import export_docx
from tests.conftest import SAMPLES, SHARED

REAL = SHARED / "realreports"


def round_trip(report, tmp_path):
    path = tmp_path / "r.docx"
    export_docx(report, path)
    return import_file(path)


def assert_same_report(got, want):
    assert (got.format, got.year, got.variant) == (want.format, want.year, want.variant)
    gv, wv = got.effective_values(), want.effective_values()
    assert gv.keys() == wv.keys()
    assert {ref: (wv[ref], gv[ref]) for ref in wv if gv[ref] != wv[ref]} == {}
    assert got.title == want.display_title()
    assert got.preface == want.preface
    for s in want.fmt.sections:
        assert got.section_text(s.key) == want.section_text(s.key), s.key
    assert got.signoff.organisation == want.signoff.organisation.strip()
    assert got.signoff.date == want.signoff.date


@pytest.mark.parametrize("name", ["hanyang-2020", "sample-2021"])
def test_samples_come_back_unchanged(name, tmp_path):
    want = load(SAMPLES / f"{name}.gaic.json")
    res = round_trip(want, tmp_path)
    assert_same_report(res.report, want)
    assert not res.by_kind(MISSING)


def test_an_edited_report_comes_back_with_its_edits(tmp_path):
    """Not just the stored samples: blanks, "/", large figures and a run-in heading."""
    want = load(SAMPLES / "sample-2021.gaic.json")
    want.set_totals_mode("printed")
    want.set_cell("t2.regulation.made", "/")
    want.set_cell("t2.fee.amount", "123456.78")
    want.set_cell("t3.new.natural", "987654")
    want.set_cell("t4.cases.rv_keep", None)
    want.sections["s5"][1] = "（二）改进措施。一是推行多元化政策解读。"
    assert_same_report(round_trip(want, tmp_path).report, want)


@pytest.mark.shared
@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024", "huaian-2024"])
def test_real_reports_after_import_come_back_unchanged(name, tmp_path):
    want = import_file(REAL / f"{name}.pdf").report
    assert_same_report(round_trip(want, tmp_path).report, want)


_CELL_TEXT = st.one_of(st.none(), st.just("/"), st.integers(0, 999_999_999).map(str))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_figures_come_back_unchanged(data, tmp_path):
    """Whatever the cells hold (blank, "/", any count up to the limit, signed and money cells
    too), the .docx carries it to the importer unchanged."""
    want = load(SAMPLES / "sample-2021.gaic.json")
    want.set_totals_mode("printed")
    refs = sorted(want.cells())
    for ref in data.draw(st.lists(st.sampled_from(refs), min_size=1, max_size=40, unique=True)):
        kind = want.cell_info(ref).kind
        if kind == "money":
            text = data.draw(st.one_of(_CELL_TEXT, st.decimals(0, 10**9, places=2).map(str)))
        elif kind == "signed":
            text = data.draw(st.one_of(_CELL_TEXT, st.integers(-999_999, -1).map(str)))
        else:
            text = data.draw(_CELL_TEXT)
        want.set_cell(ref, text)
    assert_same_report(round_trip(want, tmp_path).report, want)
