"""The table models: consistent for Qt (qtmodeltester), drawn as the form (labels, spans)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gaic_desktop.core import load, new_report
from gaic_desktop.ui.document import ReportDocument
from gaic_desktop.ui.table_model import ReportTableModel

from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "hanyang-2020.gaic.json"


def reports():
    return {"2019-hubei": load(SEED), "2021-blank": new_report(2023, "某区人民政府")}


@pytest.mark.parametrize("which", ["2019-hubei", "2021-blank"])
@pytest.mark.parametrize("table", ["t2", "t3", "t4"])
def test_qtmodeltester(qtmodeltester, which, table):
    doc = ReportDocument(reports()[which])
    model = ReportTableModel(doc, table)
    qtmodeltester.check(model, force_py=True)


def test_t3_layout_matches_the_form(qtbot):
    doc = ReportDocument(new_report(2023, "某区人民政府"))
    m = ReportTableModel(doc, "t3")
    assert (m.rowCount(), m.columnCount()) == (28, 10)
    note = m.placed_at(0, 0)
    assert (note.rowspan, note.colspan) == (3, 3)
    assert m.data(m.index(0, 0)) == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert m.data(m.index(0, 3)) == "申请人情况"
    result = m.placed_at(5, 0)
    assert result.cell.text == "三、本年度办理结果" and result.rowspan == 22
    spans = {(p.row, p.col, p.rowspan, p.colspan) for p in m.spans()}
    assert (0, 3, 1, 7) in spans and (1, 4, 1, 5) in spans and (1, 9, 2, 1) in spans
    # label cells are not selectable or editable; totals are read-only in auto mode
    assert not (m.flags(m.index(3, 0)) & Qt.ItemFlag.ItemIsSelectable)
    total = m.index_of("t3.new.total")
    assert not (m.flags(total) & Qt.ItemFlag.ItemIsEditable)
    assert m.flags(m.index_of("t3.new.natural")) & Qt.ItemFlag.ItemIsEditable


def test_blank_zero_na_and_money_display(qtbot):
    r = new_report(2023, "某区人民政府")
    r.set_cell("t3.new.natural", 0)
    r.set_cell("t3.new.business", "/")
    r.set_cell("t2.fee.amount", "0.35")
    doc = ReportDocument(r)
    m3, m2 = ReportTableModel(doc, "t3"), ReportTableModel(doc, "t2")
    show = lambda m, ref: m.data(m.index_of(ref))
    assert show(m3, "t3.new.natural") == "0"
    assert show(m3, "t3.new.business") == "／"
    assert show(m3, "t3.new.research") == ""
    assert show(m2, "t2.fee.amount") == "0.35 万元"
    assert m2.data(m2.index_of("t2.fee.amount"), Qt.ItemDataRole.EditRole) == "0.35"
    assert "未填写" in m3.tooltip("t3.new.research")


def test_views_set_the_spans(window):
    view = window.table_view("t3")
    assert view.rowSpan(5, 0) == 20  # the seed is in the 2019 format (2021: 22)
    assert view.columnSpan(0, 3) == 7
    assert window.table_view("t4").columnSpan(0, 5) == 10
