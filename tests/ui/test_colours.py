"""Colours that mean one thing each (with a legend in the window), and the unsaved marker
that goes when the original value is typed back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gaic_desktop.ui import table_model as tm
from gaic_desktop.ui.legend import ENTRIES

BG = Qt.ItemDataRole.BackgroundRole


def bg(view, ref):
    return view.table_model.data(view.table_model.index_of(ref), BG).color().name()


def test_legend_colours_differ_and_show_above_the_tables(qtbot, window):
    looks = [(bg.name() if bg is not None else "frame", fg.name()) for _, bg, fg, _ in ENTRIES]
    assert len(set(looks)) == len(looks) == 6
    assert [t for t, *_ in ENTRIES] == ["错误", "警告", "未填写", "自动合计", "录入合计", "正在填写"]
    tab = window.section_tab_for_table("t3")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.legend.isVisible())
    assert [s.text() for s in tab.legend.swatches] == [t for t, *_ in ENTRIES]


def test_each_meaning_has_its_own_colour(qtbot, window, t3):
    doc = window.document
    doc.set_cells({"t3.new.research": None})  # blank: only the 未填写 warning
    doc.set_cells({"t3.new.natural": 1})  # breaks T3-1 (error)
    assert doc.states["t3.new.research"] == "blank"
    assert doc.states["t3.new.natural"] == "error"
    blank, error = bg(t3, "t3.new.research"), bg(t3, "t3.new.natural")
    auto_ref = next(r for r in t3.table_model.refs() if window.report.is_auto(r) and r not in doc.states)
    auto = bg(t3, auto_ref)
    plain = bg(t3, "t3.new.public_interest")
    assert blank == tm.BLANK_BG.name() and error == tm.ERROR_BG.name()
    assert auto == tm.AUTO_BG.name() and plain == tm.INPUT_BG.name()
    warned = [r for r, s in doc.states.items() if s == "warning" and r.startswith("t3.")]
    colours = {blank, error, auto, plain}
    if warned:
        assert bg(t3, warned[0]) == tm.WARNING_BG.name()
        colours.add(tm.WARNING_BG.name())
    window.document.set_totals_mode("printed")
    total_ref = next(r for r in t3.table_model.refs()
                     if window.report.fmt.cell(r).auto_total and r not in doc.states)
    typed_total = bg(t3, total_ref)
    assert typed_total == tm.TYPED_TOTAL_BG.name()
    colours.add(typed_total)
    assert len(colours) == 5 + bool(warned)  # all different


def test_a_blank_cell_with_another_warning_stays_amber(qtbot, window, t3):
    doc = window.document
    doc.set_cells({"t3.new.research": None})
    assert doc.states["t3.new.research"] == "blank"
    # acknowledging is not needed: a non-blank warning on the same cell wins
    from gaic_desktop.ui.document import blank_states
    from gaic_desktop.core.rules import Finding

    f1 = Finding("T3-4b", "warning", "T3-4b", ("t3.x.y",), "未填写")
    f2 = Finding("X-9", "warning", "X-9", ("t3.x.y",), "其他")
    assert blank_states(window.report, {"t3.x.y": "warning"}, [f1], {"t3.x.y": None}) == {"t3.x.y": "blank"}
    assert blank_states(window.report, {"t3.x.y": "warning"}, [f1, f2], {"t3.x.y": None}) == {"t3.x.y": "warning"}


def test_typing_the_original_value_back_clears_the_unsaved_marker(qtbot, window):
    ref = "t3.new.natural"
    original = window.report.stored(ref)
    window.document.set_cells({ref: 999})
    assert window.is_modified() and window.isWindowModified()
    window.document.set_cells({ref: original})  # typed back (a step of its own)
    assert not window.document.undo_stack.isClean()
    assert not window.is_modified()
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=3000)  # the title, once typing pauses
    window.document.set_cells({ref: 1000})
    assert window.is_modified() and window.isWindowModified()


def test_the_cell_being_edited_has_the_legend_frame_and_shows_a_broken_total(qtbot, window, t3):
    from test_typing import editor_of, start_at  # tests/ui is on sys.path

    start_at(qtbot, t3, "t3.new.business")
    qtbot.keyClicks(t3, "9")
    editor = editor_of(t3)
    qtbot.keyClicks(editor, "9")  # 99 instead of 17: 一+二＝三+四 breaks
    sheet = editor.styleSheet()
    assert f"border: 2px solid {tm.EDITING_FRAME.name()}" in sheet
    assert tm.ERROR_BG.name() in sheet
    frame = [s for s in ENTRIES if s[0] == "正在填写"][0]
    assert frame[1] is None  # shown in the legend by the same frame
