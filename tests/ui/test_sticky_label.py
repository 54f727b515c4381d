"""The vertical label 「三、本年度办理结果」 (a merged cell 22 rows high) stays readable while
表三 scrolls: it is drawn within the visible part of its cell (issue 10, item 8)."""

from __future__ import annotations

from PySide6.QtGui import QColor


def label_span(view):
    return next(p for p in view.table_model.spans() if p.col == 0 and p.rowspan > 10)


def ink_rows(view, span) -> tuple[list[int], int, int]:
    """The rows of dark pixels inside the label's cell as it is on screen (its grid lines left
    out), and the top and bottom of the part of the cell that is visible."""
    img = view.viewport().grab().toImage()
    x0 = view.columnViewportPosition(0) + 3
    x1 = x0 + view.columnWidth(0) - 7
    top = max(0, view.rowViewportPosition(span.row) + 3)
    last = span.row + span.rowspan - 1
    bottom = min(img.height(), view.rowViewportPosition(last) + view.rowHeight(last) - 3)
    rows = [y for y in range(top, bottom)
            if any(QColor(img.pixel(x, y)).lightness() < 110 for x in range(x0, x1))]
    return rows, top, bottom


def test_the_tall_vertical_label_is_drawn_where_it_can_be_seen(qtbot, window, t3):
    t3.setFocus()
    qtbot.wait(50)
    span = label_span(t3)
    assert "本年度办理结果" in t3.table_model.data(t3.table_model.index(span.row, 0))
    bar = t3.verticalScrollBar()
    assert bar.maximum() > 0  # the table is taller than its view at 1366×768
    for value in (0, bar.maximum() // 2, bar.maximum()):
        bar.setValue(value)
        qtbot.wait(20)
        rows, top, bottom = ink_rows(t3, span)
        assert len(rows) >= 30, value  # the label's characters, not an empty column
        # whole: not cut off by the edge of the view
        assert rows[0] > top + 2 and rows[-1] < bottom - 2, (value, rows[0], rows[-1], top, bottom)
