"""Zero printed as an empty cell (issue 14, item 1): a row whose cells are all blank is a row of
blanks, never a piece of the next row's label, so no number lands in the row above or below.

The tables are printed the way publishers print them (``zeroblank.py``: layout typed by hand,
figures of the hanyang-2020 sample with every 0 printed empty) and read through each path: text,
web page, Word, and a PDF made by the program's own exporter. Every printed figure must land in
the cell of the row it was printed with, every empty cell stays blank (reported as 原文空白),
and no row of the form is reported as not found."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gaic_desktop.core.storage import load
from gaic_desktop.importer import BLANK, MISSING, UNREADABLE, import_file, import_text
from tests.conftest import SAMPLES

from . import zeroblank as zb

# （六）其他处理 printed all blank too (the issue's case: its blanks must not pull （七）总计 up).
ZERO_ROWS = ("o",)


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLES / "hanyang-2020.gaic.json")


def _check_t3(result, figs):
    rep = result.report
    assert (rep.format, rep.year) == ("2019", 2020)
    got = {(key, c): rep.tables.get("t3", {}).get(key, {}).get(c) for _, key in zb.PRINTED for c in zb.COLS}
    want = {(key, c): (None if figs[key][c] in (0, None) else figs[key][c]) for _, key in zb.PRINTED for c in zb.COLS}
    assert {k: (want[k], got[k]) for k in want if want[k] != got[k]} == {}
    t3 = [i for i in result.issues if any(c.startswith("t3.") for c in i.cells)]
    assert [i.message for i in t3 if i.kind in (MISSING, UNREADABLE)] == []
    blank = {c for i in t3 if i.kind == BLANK for c in i.cells}
    assert blank == {f"t3.{k}.{c}" for (k, c), v in want.items() if v is None}


def test_text(sample):
    figs = zb.figures(sample, ZERO_ROWS)
    _check_t3(import_text(zb.to_text(figs)), figs)


def test_web_page(sample, tmp_path):
    figs = zb.figures(sample, ZERO_ROWS)
    path = tmp_path / "report.html"
    path.write_text(zb.to_html(figs), encoding="utf-8")
    _check_t3(import_file(path), figs)
    _check_t3(import_text(zb.to_html(figs), html=True), figs)


def test_word(sample, tmp_path):
    figs = zb.figures(sample, ZERO_ROWS)
    path = tmp_path / "report.docx"
    path.write_bytes(zb.to_docx(figs))
    _check_t3(import_file(path), figs)


def test_pdf_exported_by_the_program(sample, tmp_path):
    """The sample with every 0 of table 三 blanked, exported by the program's PDF exporter."""
    from gaic_desktop.pdf.render import export_pdf

    rep = sample.model_copy(deep=True)
    rep.set_totals_mode("printed")
    for key in ZERO_ROWS:
        for c in zb.COLS:
            rep.set_cell(f"t3.{key}.{c}", 0)
    figs = zb.figures(rep)
    for ref in rep.cells():
        if ref.startswith("t3.") and rep.stored(ref) == 0:
            rep.set_cell(ref, None)
    path = tmp_path / "report.pdf"
    export_pdf(rep, path)
    _check_t3(import_file(path), figs)


@pytest.mark.parametrize("printed, split, key", [
    ("\t\t5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新出具\n\t\t已获取信息", "n5"),
    ("\t（四）无法提供\t1.本机关不掌握相关政府信息", "（四）无法提供 1.本机关不掌握\n\t\t相关政府信息", "u1"),
])
def test_every_join_of_label_pieces_is_listed(sample, printed, split, key):
    """A label printed over two lines (a line without figures, then the rest of the label with the
    row's cells) is joined only when the joined label is one row of the form, and the join is
    listed in the import report."""
    figs = zb.figures(sample, ZERO_ROWS)
    text = zb.to_text(figs)
    assert printed in text
    res = import_text(text.replace(printed, split))
    _check_t3(res, figs)
    joins = [i for i in res.issues if "拼接" in i.message]
    assert len(joins) == 1, [i.message for i in joins]
    head, tail = split.split("\n")
    assert head.strip() in joins[0].message and tail.strip() in joins[0].message
    assert joins[0].cells == tuple(f"t3.{key}.{c}" for c in zb.COLS)


def test_a_group_printed_on_a_row_of_its_own_heads_the_rows_below(sample):
    """「（三）不予公开」 on its own row with empty cells is the heading of 1.–8., not a row of blanks
    and not a piece of 「1.属于国家秘密」's label."""
    figs = zb.figures(sample, ZERO_ROWS)
    text = zb.to_text(figs)
    head = "\t（三）不予公开\t1.属于国家秘密"
    assert head in text
    res = import_text(text.replace(head, "\t（三）不予公开" + "\t" * 8 + "\n\t\t1.属于国家秘密"))
    _check_t3(res, figs)
    assert [i.message for i in res.issues if "拼接" in i.message] == []


@pytest.mark.shared
def test_a_2021_table_with_a_blank_single_other_row():
    """hongze prints （六）其他处理 as one row; printed blank, it must not pull （七）总计 up."""
    from tests.conftest import SHARED

    text = (SHARED / "realreports" / "hongze-2023.txt").read_text(encoding="utf-8")
    row = "\t（六）其他处理" + "\t0" * 7
    assert row in text
    rep = import_text(text.replace(row, "\t（六）其他处理" + "\t" * 7)).report
    t3 = rep.tables["t3"]
    assert t3["r_total"] == {c: v for c, v in zip(zb.COLS, [21, 0, 0, 0, 0, 0, 21])}
    assert t3["n5"] == {c: 0 for c in zb.COLS}
    assert "o3" not in t3 and t3["o1"] == t3["o2"] == {c: "/" for c in zb.COLS}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(zero=st.sets(st.sampled_from([key for _, key in zb.PRINTED])),
       split=st.sampled_from([None] + [key for _, key in zb.PRINTED if key.startswith(("d", "u", "n"))]))
def test_any_rows_printed_blank_and_any_label_split_keep_every_figure_in_its_row(sample, zero, split):
    """Whichever rows are printed all blank, and whichever numbered label is split over two lines,
    every figure lands in the row it was printed with and nothing is reported as not found."""
    figs = zb.figures(sample, tuple(zero))
    text = zb.to_text(figs)
    if split is not None:
        label = next(lab[-1][0] for lab, key in zb.PRINTED if key == split)
        line = next(ln for ln in text.split("\n") if label in ln)
        cut = len(label) // 2 + 1
        head = line[: line.index(label) + cut]
        text = text.replace(line, head.strip() + "\n\t\t" + line[len(head):])
    res = import_text(text)
    _check_t3(res, figs)
    if split is not None:
        joins = [i for i in res.issues if "拼接" in i.message]
        assert [j.cells[0].split(".")[1] for j in joins] == [split]
