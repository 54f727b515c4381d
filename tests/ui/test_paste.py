"""Paste of blocks copied from Excel/WPS, copy as TSV, undo/redo of a paste."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from gaic_desktop.ui.table_view import split_tsv


def test_split_tsv_basics():
    assert split_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert split_tsv("1\t\t3\n\n4") == [["1", "", "3"], [""], ["4"]]  # empty cells and rows kept
    assert split_tsv("5\n\n") == [["5"], [""]]  # only one trailing empty row dropped
    assert split_tsv("7") == [["7"]]


cell = st.text(alphabet="0123456789/ ", max_size=4)


@given(st.lists(st.lists(cell, min_size=1, max_size=5), min_size=1, max_size=5),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_split_tsv_round_trip(rows, newline, trailing):
    text = newline.join("\t".join(r) for r in rows) + (newline if trailing else "")
    got = split_tsv(text)
    if not trailing and len(rows) > 1 and rows[-1] == [""]:
        rows = rows[:-1]  # indistinguishable from a trailing newline
    assert got == rows


def paste(qtbot, view, ref, text):
    view.setCurrentIndex(view.table_model.index_of(ref))
    view.setFocus()
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_paste_3x4_block_then_undo_redo(qtbot, window, t3):
    r = window.report
    block = "1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t10\t11\t12\r\n"
    before = {ref: r.stored(ref) for ref in r.cells()}
    paste(qtbot, t3, "t3.r_open.natural", block)
    rows = ["r_open", "r_partial", "d1"]
    cols = ["natural", "business", "research", "public_interest"]
    got = [[r.stored(f"t3.{row}.{col}") for col in cols] for row in rows]
    assert got == [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    assert r.stored("t3.new.natural") == 204  # nothing else touched
    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "粘贴"  # one step
    stack.undo()
    assert {ref: r.stored(ref) for ref in r.cells()} == before
    stack.redo()
    assert [[r.stored(f"t3.{row}.{col}") for col in cols] for row in rows] == got


def test_paste_skips_total_and_label_cells(qtbot, window, t3):
    r = window.report
    # six applicant columns then the next row: the calculated 总计 column is skipped
    paste(qtbot, t3, "t3.new.natural", "1\t2\t3\t4\t5\t6\n7\t8\t9\t10\t11\t12\n")
    assert r.stored("t3.new.other") == 6
    assert r.stored("t3.carried_in.natural") == 7
    assert r.value("t3.new.total") == 21  # calculated, not pasted


def test_paste_across_label_rows_in_table_two(qtbot, window):
    view = window.table_view("t2")
    window.tabs.setCurrentWidget(window.section_tab_for_table("t2"))
    r = window.report
    # a column of four numbers from 其他主动公开文件 down: the caption/header rows of
    # 第二十条第（五）项 are skipped, like the printed form's label rows
    paste(qtbot, view, "t2.other_docs.made", "1\n2\n3\n")
    assert (r.stored("t2.other_docs.made"), r.stored("t2.licensing.prev_items"),
            r.stored("t2.other_services.prev_items")) == (1, 2, 3)


def test_invalid_paste_is_rejected_whole(qtbot, window, t3, dialogs):
    r = window.report
    before = {ref: r.stored(ref) for ref in r.cells()}
    paste(qtbot, t3, "t3.new.natural", "1\t2\n3\tabc\n")
    assert {ref: r.stored(ref) for ref in r.cells()} == before
    assert window.document.undo_stack.count() == 0
    msgs = dialogs.texts("warning")
    assert msgs and "“abc”" in msgs[-1] and "上年结转" in msgs[-1]


def test_paste_too_wide_is_rejected(qtbot, window, t3, dialogs):
    paste(qtbot, t3, "t3.new.other", "1\t2\n")
    assert window.report.stored("t3.new.other") == 0
    assert "超出" in dialogs.texts("warning")[-1]


def test_paste_fullwidth_and_blank_pieces(qtbot, window, t3):
    paste(qtbot, t3, "t3.new.natural", "２０４\t\t/\n")
    r = window.report
    assert r.stored("t3.new.natural") == 204
    assert r.stored("t3.new.business") is None  # an empty piece clears to blank
    assert r.stored("t3.new.research") == "/"


def test_copy_selection_as_tsv(qtbot, window, t3):
    t3.select_refs(["t3.new.natural", "t3.new.business", "t3.carried_in.natural", "t3.carried_in.business"])
    qtbot.keyClick(t3, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "204\t17\n3\t0"


piece = st.one_of(st.integers(0, 999).map(str), st.sampled_from(["", "/", "１２", "x", "-3", "1.5"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(block=st.lists(st.lists(piece, min_size=1, max_size=4), min_size=1, max_size=4),
       start=st.sampled_from(["t3.new.natural", "t3.d1.business", "t3.carried_out.research"]))
def test_paste_is_all_or_nothing(qtbot, window, t3, block, start):
    r = window.report
    before = {ref: r.stored(ref) for ref in r.cells()}
    text = "\n".join("\t".join(row) for row in block)
    t3.setCurrentIndex(t3.table_model.index_of(start))
    ok = t3.paste(text)
    after = {ref: r.stored(ref) for ref in r.cells()}
    bad = any(p in ("x", "-3", "1.5") for row in block for p in row)
    if bad or not ok:
        assert not ok and after == before
    else:
        assert after != before or all(
            r.check(ref, p) == before[ref]
            for ref, p in t3.paste_targets(t3.currentIndex().row(), t3.currentIndex().column(), block).items())
        window.document.undo_stack.undo()
        assert {ref: r.stored(ref) for ref in r.cells()} == before
