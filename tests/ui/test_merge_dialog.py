"""文件 → 汇总下级单位报告: the dialog driven headless (worker thread, progress, cancel, include /
exclude, 未报送, result opened as the current document), 导出汇总明细, breakdown tooltips."""

from __future__ import annotations

import random
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QFileDialog, QToolTip

from gaic_desktop.core.report import Report
from gaic_desktop.core.storage import load, save
from gaic_desktop.ui import merge_dialog
from gaic_desktop.ui.merge_dialog import MergeDialog
from tests.merge_gen import consistent_report, write_units

NAMES = ["区政府办公室", "区教育局", "某某街道办事处"]


@pytest.fixture
def units_dir(tmp_path) -> Path:
    return write_units(tmp_path / "units", NAMES, seed=11)


@pytest.fixture
def win(make_window, monkeypatch):
    w = make_window(Report(format="2021", year=2024, organisation="某某区人民政府"))
    monkeypatch.setattr(w, "maybe_save", lambda: True)
    return w


def load_dialog(qtbot, win, units_dir, roster=None) -> MergeDialog:
    dlg = MergeDialog(win)
    qtbot.addWidget(dlg)
    if roster is not None:
        assert dlg.set_roster(roster)
    dlg.set_inputs([units_dir])
    qtbot.waitUntil(lambda: not dlg.busy(), timeout=20000)
    return dlg


def test_menu_entries(win):
    texts = [a.text() for a in win.file_menu.actions()]
    assert any("汇总下级单位报告" in t for t in texts) and any("导出汇总明细" in t for t in texts)


def test_dialog_reads_units_merges_and_opens_the_total(qtbot, win, units_dir, tmp_path):
    roster = tmp_path / "units.txt"
    roster.write_text("\n".join(NAMES + ["区财政局"]), encoding="utf-8")
    dlg = load_dialog(qtbot, win, units_dir, roster)
    assert dlg.table.rowCount() == 3
    assert [dlg.table.item(r, 1).text() for r in range(3)] == NAMES
    assert "未报送（1个）：区财政局" in dlg.missing_label.text()
    assert dlg.progress.value() == dlg.progress.maximum()
    assert dlg.merge_button.isEnabled() and not dlg.open_button.isEnabled()

    dlg.set_included(2, False)  # the office sends 某某街道办事处 back
    assert dlg.units[2].include is False
    dlg.own_combo.setCurrentIndex(1)  # 区政府办公室 named in the draft's split
    qtbot.mouseClick(dlg.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.open_button.isEnabled(), timeout=20000)
    assert "已汇总2个单位" in dlg.status.text()
    assert dlg.open_result()
    rep = win.report
    units = [load(p).effective_values() for p in sorted(units_dir.iterdir())[:2]]
    assert rep.value("t3.new.total") == sum(u["t3.new.total"] for u in units)
    assert [s.unit for s in rep.sources if not s.excluded] == NAMES[:2]
    assert rep.organisation == "某某区人民政府"
    assert "其中区政府办公室" in rep.sections["s3"][0]
    assert win.is_modified()


def test_unit_with_errors_is_marked_and_its_findings_shown(qtbot, win, units_dir):
    p = sorted(units_dir.iterdir())[1]
    r = load(p)
    r.set_totals_mode("printed")
    r.set_cell("t3.new.total", r.value("t3.new.total") + 1)
    save(r, p, keep_backup=False)
    dlg = load_dialog(qtbot, win, units_dir)
    assert dlg.table.item(1, 3).text() != "0"
    assert dlg.table.item(1, 1).background().color() == merge_dialog.ERROR_BG
    assert "1个单位有错误" in dlg.status.text()
    dlg.table.selectRow(1)
    assert "[错误] T3-" in dlg.details.toPlainText()


def test_refusal_is_shown_and_nothing_can_be_merged(qtbot, win, units_dir):
    save(consistent_report(random.Random(3), "区卫健委", year=2023), units_dir / "9.gaic.json", keep_backup=False)
    dlg = load_dialog(qtbot, win, units_dir)
    assert "9.gaic.json" in dlg.status.text() and "不是同一年度" in dlg.status.text()
    assert not dlg.merge_button.isEnabled()


def test_cancel_stops_reading_and_changes_nothing(qtbot, win, units_dir, monkeypatch):
    import gaic_desktop.merge_io as mio

    real = mio.load_unit
    dlg = MergeDialog(win)
    qtbot.addWidget(dlg)

    def slow(path):
        dlg.cancel()  # the user presses 取消 while the first file is read
        return real(path)

    monkeypatch.setattr(mio, "load_unit", slow)
    before = win.report
    dlg.set_inputs([units_dir])
    qtbot.waitUntil(lambda: not dlg.busy(), timeout=20000)
    assert "已取消" in dlg.status.text()
    assert dlg.units == [] and not dlg.merge_button.isEnabled()
    assert win.report is before


def test_export_detail_and_breakdown_tooltip(qtbot, win, units_dir, tmp_path, monkeypatch):
    dlg = load_dialog(qtbot, win, units_dir)
    dlg.start_merge()
    qtbot.waitUntil(lambda: dlg.open_button.isEnabled(), timeout=20000)
    out = tmp_path / "明细.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(dlg.detail_button, Qt.MouseButton.LeftButton)
    wb = openpyxl.load_workbook(out)
    assert "各单位检查结果" in wb.sheetnames
    assert dlg.open_result()

    # 导出汇总明细 from the menu works on the open consolidated report (its sources)
    out.unlink()
    win.actions["merge_detail"].trigger()
    assert set(NAMES) <= {r[0] for r in openpyxl.load_workbook(out)["汇总来源"].iter_rows(values_only=True)}

    win.tabs.setCurrentWidget(win.section_tab_for_table("t3"))
    view = win.table_view("t3")
    model = view.model()
    idx = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
               if model.index(r, c).data(merge_dialog.CELL_REF_ROLE) == "t3.new.natural")
    pos = view.visualRect(idx).center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    assert win.merge_tips.eventFilter(view.viewport(), event)
    text = QToolTip.text()
    for name in NAMES:
        assert f"{name}：" in text
    assert "由3个单位汇总" in text


def test_tooltip_unchanged_for_an_ordinary_report(win):
    assert win.merge_tips.text_for("t3.new.natural") == ""
    assert not win.merge_tips.eventFilter(win.table_view("t3").viewport(),
                                          QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), QPoint(5, 5)))


def test_hand_out_writes_one_blank_report_per_unit(win, tmp_path, dialogs, monkeypatch):
    roster = tmp_path / "名单.txt"
    roster.write_text("区教育局\n某某街道办事处\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(roster), "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "下发")))
    from PySide6.QtWidgets import QInputDialog
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (2025, True)))
    assert "hand_out" in win.actions
    win.actions["hand_out"].trigger()
    files = sorted((tmp_path / "下发").iterdir())
    assert sorted(load(p).organisation for p in files) == ["区教育局", "某某街道办事处"]
    assert {load(p).year for p in files} == {2025}
    assert "为2个单位" in dialogs.texts("information")[-1]


def test_hand_out_refuses_a_roster_with_duplicates(win, tmp_path, dialogs):
    roster = tmp_path / "名单.txt"
    roster.write_text("区教育局\n区教育局\n", encoding="utf-8")
    assert merge_dialog.hand_out(win, str(roster), str(tmp_path / "o"), 2025) == 0
    assert "出现了两次" in dialogs.texts("warning")[-1]
    assert not (tmp_path / "o").exists()


def test_update_keeps_the_other_units_of_the_open_total(qtbot, win, units_dir, tmp_path):
    dlg = load_dialog(qtbot, win, units_dir)
    assert not dlg.update_box.isVisibleTo(dlg)
    dlg.start_merge()
    qtbot.waitUntil(lambda: dlg.open_button.isEnabled(), timeout=20000)
    assert dlg.open_result()
    before = win.report.value("t2.regulation.made")

    p = sorted(units_dir.iterdir())[0]
    r = load(p)
    r.set_cell("t2.regulation.made", r.value("t2.regulation.made") + 3)
    single = tmp_path / "single"
    single.mkdir()
    save(r, single / "更正.gaic.json", keep_backup=False)
    dlg2 = load_dialog(qtbot, win, single)
    assert dlg2.update_box.isVisibleTo(dlg2)
    dlg2.update_box.setChecked(True)
    dlg2.start_merge()
    qtbot.waitUntil(lambda: dlg2.open_button.isEnabled(), timeout=20000)
    assert "重新报送的单位：区政府办公室" in dlg2.status.text()
    assert dlg2.open_result()
    assert win.report.value("t2.regulation.made") == before + 3
    assert [s.unit for s in win.report.sources] == NAMES
