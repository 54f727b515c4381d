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


def test_paste_maps_pieces_to_the_grid_like_excel(qtbot, window, t3):
    r = window.report
    # six applicant columns then the next row: each piece lands on the cell under it
    paste(qtbot, t3, "t3.new.natural", "1\t2\t3\t4\t5\t6\n7\t8\t9\t10\t11\t12\n")
    assert r.stored("t3.new.other") == 6
    assert r.stored("t3.carried_in.natural") == 7
    assert r.value("t3.new.total") == 21  # calculated, not pasted


def test_paste_down_table_two_lands_on_grid_rows(qtbot, window, dialogs):
    view = window.table_view("t2")
    window.tabs.setCurrentWidget(window.section_tab_for_table("t2"))
    r = window.report
    before = {ref: r.stored(ref) for ref in r.cells()}
    # a column of numbers from 其他主动公开文件 down: the caption and header rows of
    # 第二十条第（五）项 are grid rows too — numbers on them are refused, not shifted down
    view.setCurrentIndex(view.table_model.index_of("t2.other_docs.made"))
    assert not view.paste("1\n2\n3\n")
    assert {ref: r.stored(ref) for ref in r.cells()} == before
    assert "第二十条第（五）项" in dialogs.texts("warning")[-1]
    # as copied from the printed form in Excel: blank caption, matching header text
    header = view.table_model.data(view.table_model.index(6, 1))
    view.setCurrentIndex(view.table_model.index_of("t2.other_docs.made"))
    assert view.paste(f"1\n\n{header}\n2\n3\n")
    assert (r.stored("t2.other_docs.made"), r.stored("t2.licensing.prev_items"),
            r.stored("t2.other_services.prev_items")) == (1, 2, 3)


T3_ROWS = ["r_open", "r_partial"] + [f"d{i}" for i in range(1, 9)] + ["u1", "u2", "u3"] + \
    [f"n{i}" for i in range(1, 6)] + ["o"]
T3_COLS = ["natural", "business", "research", "public_interest", "legal_service", "other"]


def t3_outcome_block(total_row_fix: int = 0) -> tuple[str, list[list[int]]]:
    """Rows （一）…（六） with their 总计 column, then （七）总计, as copied from Excel."""
    nums = [[(i * 7 + j) % 5 for j in range(6)] for i in range(len(T3_ROWS))]
    lines = ["\t".join(map(str, row + [sum(row)])) for row in nums]
    col_sums = [sum(row[j] for row in nums) for j in range(6)]
    col_sums[0] += total_row_fix
    lines.append("\t".join(map(str, col_sums + [sum(map(sum, nums))])))
    return "\r\n".join(lines) + "\r\n", nums


def test_paste_outcome_rows_with_correct_total_row(qtbot, window, t3):
    r = window.report
    carried_out = {c: r.stored(f"t3.carried_out.{c}") for c in T3_COLS}
    text, nums = t3_outcome_block()
    paste(qtbot, t3, "t3.r_open.natural", text)
    assert [[r.stored(f"t3.{row}.{c}") for c in T3_COLS] for row in T3_ROWS] == nums
    # the （七）总计 row was checked against the calculation, not written into row 四
    assert {c: r.stored(f"t3.carried_out.{c}") for c in T3_COLS} == carried_out
    assert window.document.undo_stack.count() == 1


def test_paste_outcome_rows_with_wrong_total_row_is_rejected(qtbot, window, t3, dialogs):
    r = window.report
    before = {ref: r.stored(ref) for ref in r.cells()}
    text, nums = t3_outcome_block(total_row_fix=2)
    paste(qtbot, t3, "t3.r_open.natural", text)
    assert {ref: r.stored(ref) for ref in r.cells()} == before
    assert window.document.undo_stack.count() == 0
    want = sum(row[0] for row in nums)
    assert dialogs.texts("warning")[-1] == (f"粘贴未执行：粘贴内容与自动计算的合计不符，“（七）总计”的“自然人”"
                                            f"应为{want}，粘贴的是{want + 2}。")


def test_paste_table_four_row_with_totals(qtbot, window, dialogs):
    view = window.table_view("t4")
    window.tabs.setCurrentWidget(window.section_tab_for_table("t4"))
    r = window.report
    groups = {"rv": [1, 0, 0, 0], "ld": [2, 1, 0, 1], "lr": [0, 0, 1, 0]}
    row = []
    for nums in groups.values():
        row += [*map(str, nums), str(sum(nums))]
    paste(qtbot, view, "t4.cases.rv_keep", "\t".join(row) + "\n")
    outcomes = ["keep", "fix", "other", "pending"]
    for g, nums in groups.items():
        assert [r.stored(f"t4.cases.{g}_{o}") for o in outcomes] == nums
        assert r.value(f"t4.cases.{g}_total") == sum(nums)
    # a wrong 总计 in the middle of the row: nothing pasted
    before = {ref: r.stored(ref) for ref in r.cells()}
    bad = "1\t0\t0\t0\t1\t5\t0\t0\t0\t4\n"
    view.setCurrentIndex(view.table_model.index_of("t4.cases.rv_keep"))
    assert not view.paste(bad)
    assert {ref: r.stored(ref) for ref in r.cells()} == before
    assert dialogs.texts("warning")[-1] == ("粘贴未执行：粘贴内容与自动计算的合计不符，“案件数”的"
                                            "“行政诉讼·未经复议直接起诉·总计”应为5，粘贴的是4。")


def test_paste_on_a_label_must_match_it(qtbot, window, t3, dialogs):
    r = window.report
    model = t3.table_model
    # the whole row as copied from the form, label included, pasted on the label
    label = model.data(model.index(3, 0))
    t3.setCurrentIndex(model.index(3, 0))
    assert t3.paste(f"{label}\t\t\t1\t2\t3\t4\t5\t6\t21\n")
    assert [r.stored(f"t3.new.{c}") for c in T3_COLS] == [1, 2, 3, 4, 5, 6]
    before = {ref: r.stored(ref) for ref in r.cells()}
    t3.setCurrentIndex(model.index(3, 0))
    assert not t3.paste("上年结转\t\t\t1\n")
    assert {ref: r.stored(ref) for ref in r.cells()} == before
    assert "“上年结转”" in dialogs.texts("warning")[-1]


def test_paste_two_numbers_on_one_merged_cell_is_rejected(qtbot, make_window, dialogs):
    from gaic_desktop.core import load
    from tests.ui.conftest import ROOT

    sample = ROOT / "resources" / "samples" / "sample-2021.gaic.json"
    window = make_window(load(sample))
    view = window.table_view("t2")
    window.tabs.setCurrentWidget(window.section_tab_for_table("t2"))
    r = window.report
    view.setCurrentIndex(view.table_model.index_of("t2.licensing.decisions"))  # spans three columns
    assert view.paste("7\t\t\n")  # Excel's copy of a merged cell: the value, then blanks
    assert r.stored("t2.licensing.decisions") == 7
    assert not view.paste("8\t9\n")
    assert r.stored("t2.licensing.decisions") == 7
    assert "同一个合并单元格" in dialogs.texts("warning")[-1]
    # copy then paste back: the same cells, across the caption and header rows
    view.select_refs(["t2.licensing.decisions", "t2.penalty.decisions"])
    view.copy()
    text = QGuiApplication.clipboard().text()
    r.set_cell("t2.penalty.decisions", 0)
    view.setCurrentIndex(view.table_model.index_of("t2.licensing.decisions"))
    assert view.paste(text)
    assert r.stored("t2.licensing.decisions") == 7 and r.stored("t2.penalty.decisions") != 0


def test_invalid_paste_is_rejected_whole(qtbot, window, t3, dialogs):
    r = window.report
    before = {ref: r.stored(ref) for ref in r.cells()}
    paste(qtbot, t3, "t3.new.natural", "1\t2\n3\tabc\n")
    assert {ref: r.stored(ref) for ref in r.cells()} == before
    assert window.document.undo_stack.count() == 0
    msgs = dialogs.texts("warning")
    assert msgs and "“abc”" in msgs[-1] and "上年结转" in msgs[-1]


def test_paste_too_wide_is_rejected(qtbot, window, t3, dialogs):
    paste(qtbot, t3, "t3.new.other", "1\t\t3\n")  # 总计 left blank, "3" beyond the table
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
        expected = t3.paste_values(t3.currentIndex().row(), t3.currentIndex().column(), split_tsv(text))
        assert {ref: after[ref] for ref in expected} == expected
        assert all(after[ref] == before[ref] for ref in after if ref not in expected)
        if window.document.undo_stack.canUndo():
            window.document.undo_stack.undo()
        assert {ref: r.stored(ref) for ref in r.cells()} == before


def test_every_refused_paste_starts_the_same_and_fits_the_status_bar(qtbot, window, t3, dialogs):
    """Each kind of refusal says 「粘贴未执行：」 first; in the status bar the message ends with
    「…」 before the 错误/警告 counters (never cut against them); the full text is its tooltip."""
    model = t3.table_model
    wrong_total, _ = t3_outcome_block(total_row_fix=2)
    cases = [
        ("t3.new.natural", "1\t2\n3\tabc\n"),                 # an invalid piece
        ("t3.new.other", "1\t\t3\n"),                         # beyond the table
        ("t3.r_open.natural", wrong_total),                   # a wrong total
        (None, "上年结转\t\t\t1\n"),                            # on a label it does not match
    ]
    window.resize(900, 600)
    qtbot.wait(20)
    sb = window.statusBar()
    for ref, text in cases:
        idx = model.index_of(ref) if ref else model.index(3, 0)
        t3.setCurrentIndex(idx)
        assert not t3.paste(text)
        msg = dialogs.texts("warning")[-1]
        assert msg.startswith("粘贴未执行："), msg
        assert sb.currentMessage() == msg and sb.toolTip() == msg
        shown = sb.displayed_message()
        room = sb.message_rect()
        assert room.right() < window.counts_label.geometry().left()
        assert sb.fontMetrics().horizontalAdvance(shown) <= room.width()
        if sb.fontMetrics().horizontalAdvance(msg) > room.width():
            assert shown.endswith("…") and shown[:-1] in msg
    # the long ones above did not fit this window
    assert any(sb.fontMetrics().horizontalAdvance(m) > sb.message_rect().width() for m in dialogs.texts("warning"))
    # a short hint is shown whole; no message, no tooltip
    window._show_hint("已粘贴 3 个单元格。")
    assert sb.displayed_message() == "已粘贴 3 个单元格。"
    sb.clearMessage()
    assert sb.toolTip() == ""
    sb.grab()  # paints without error
