"""Fixes from a new user's walk through the program: Chinese everywhere Qt draws its own texts,
the 落款日期 calendar, where file dialogs start, export feedback, scrolling to a finding,
status bar hints, undo texts, Ctrl+Y, the message for a damaged file."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QLocale, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from gaic_desktop.core import load, storage
from gaic_desktop.ui import messages
from gaic_desktop.ui.messages import ask as real_ask

from test_typing import editor_of, start_at, type_over

SB = QMessageBox.StandardButton
LATIN = re.compile(r"[A-Za-z]{2,}")


# ---------------------------------------------------------------- 1. Chinese Qt texts


def test_make_app_makes_qt_speak_chinese(qapp):
    from gaic_desktop.ui.app import make_app

    app = make_app()
    assert app is qapp
    assert QLocale().language() == QLocale.Language.Chinese
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", SB.Save | SB.Discard | SB.Cancel)
    texts = [box.button(b).text() for b in (SB.Save, SB.Discard, SB.Cancel)]
    assert texts[0] == "保存" and texts[2] == "取消"
    assert not any(LATIN.search(t) for t in texts), texts
    yes_no = QMessageBox(QMessageBox.Icon.Question, "t", "x", SB.Yes | SB.No | SB.Ok)
    assert not any(LATIN.search(yes_no.button(b).text()) for b in (SB.Yes, SB.No, SB.Ok))
    # Qt's own file dialog (used offscreen and where native dialogs are not Chinese)
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        fd = QFileDialog(None, "打开", "", "年报文件 (*.json)")
        fd.setOption(QFileDialog.Option.DontUseNativeDialog)
        fd.setAcceptMode(mode)
        labels = [w.text() for w in fd.findChildren(QLabel) if w.text()]
        assert labels and not any(LATIN.search(t.replace("&", "")) for t in labels), labels
        fd.deleteLater()
    # the calendar of 落款日期: month and day names
    assert QLocale().monthName(1) == "一月"
    assert not LATIN.search(QLocale().dayName(1, QLocale.FormatType.ShortFormat))


def test_own_message_boxes_have_chinese_buttons(window, monkeypatch):
    seen = []

    def exec_(box):
        seen.append({b: box.button(b).text() for b in (SB.Save, SB.Discard, SB.Cancel, SB.Yes, SB.No)
                     if box.button(b) is not None})
        box.button(SB.Discard if box.button(SB.Discard) else SB.No).click()
        return 0

    monkeypatch.setattr(messages, "ask", real_ask)
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    window.document.set_cells({"t3.new.natural": 1})
    assert window.maybe_save()  # 不保存 chosen
    assert seen[-1] == {SB.Save: "保存(&S)", SB.Discard: "不保存(&N)", SB.Cancel: "取消"}
    assert real_ask(window, "t", "x", SB.Yes | SB.No, SB.Yes) == SB.No
    assert seen[-1] == {SB.Yes: "是", SB.No: "否"}


# ---------------------------------------------------------------- 2. 落款日期


def open_calendar(qtbot, date):
    """Click the arrow at the right end of the date field."""
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(date, Qt.MouseButton.LeftButton, pos=QPoint(date.width() - 6, date.height() // 2))


def test_signoff_calendar_opens_in_the_year_after_the_report(qtbot, window):
    window.tabs.setCurrentWidget(window.basic_tab)
    date = window.basic_tab.date
    assert window.report.signoff.date is None
    assert date.text() == "（未填写）"
    cal = date.calendarWidget()
    open_calendar(qtbot, date)
    qtbot.waitUntil(cal.isVisible, timeout=2000)
    assert (cal.yearShown(), cal.monthShown()) == (window.report.year + 1, 1)
    cal.window().hide()
    assert date.text() == "（未填写）" and window.report.signoff.date is None
    # a date that is set: the calendar shows its month
    import datetime as dt

    window.document.set_field("signoff.date", dt.date(window.report.year + 1, 3, 5), "修改落款日期")
    open_calendar(qtbot, date)
    qtbot.waitUntil(cal.isVisible, timeout=2000)
    assert (cal.yearShown(), cal.monthShown()) == (window.report.year + 1, 3)
    cal.window().hide()


def test_signoff_calendar_header_reads_year_then_month(qtbot, window):
    """「2021年 1月」, not Qt's 「一月 2021」: year button first, Chinese texts after every page
    change (buttons, keys, the year typed in) and after the popup is shown again."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QSpinBox, QToolButton

    window.tabs.setCurrentWidget(window.basic_tab)
    date = window.basic_tab.date
    cal = date.calendarWidget()
    open_calendar(qtbot, date)
    qtbot.waitUntil(cal.isVisible, timeout=2000)
    year, month = cal.findChild(QToolButton, "qt_calendar_yearbutton"), cal.findChild(QToolButton, "qt_calendar_monthbutton")
    y = window.report.year + 1

    def header():
        assert year.x() < month.x()  # year first
        return year.text(), month.text()

    assert header() == (f"{y}年", "1月")
    qtbot.mouseClick(cal.findChild(QToolButton, "qt_calendar_nextmonth"), Qt.MouseButton.LeftButton)
    assert header() == (f"{y}年", "2月")
    cal.setSelectedDate(QDate(2019, 7, 3))
    assert header() == ("2019年", "7月")
    qtbot.mouseClick(year, Qt.MouseButton.LeftButton)  # the year becomes a field to type in
    edit = cal.findChild(QSpinBox, "qt_calendar_yearedit")
    edit.setValue(2023)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert header() == ("2023年", "7月")
    actions = month.menu().actions()
    assert [a.text() for a in actions[:12]] == [f"{i}月" for i in range(1, 13)]
    actions[4].trigger()
    assert header() == ("2023年", "5月")
    cal.window().hide()
    open_calendar(qtbot, date)
    qtbot.waitUntil(cal.isVisible, timeout=2000)
    assert header()[0].endswith("年") and header()[1].endswith("月")
    cal.window().hide()


# ---------------------------------------------------------------- 3. where Save As starts


def _record_save(monkeypatch):
    calls = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, caption, start, *a, **k: calls.append(start) or ("", "")))
    return calls


def test_save_as_starts_in_documents_then_last_folder(make_window, monkeypatch, tmp_path, settings):
    calls = _record_save(monkeypatch)
    w = make_window()
    w.create_report("武汉市汉阳区人民政府", 2021)
    w.save_as()
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = storage.default_name(w.report)
    assert calls[-1].endswith(name)

    start = Path(calls[-1]).parent
    assert start == (Path(docs).resolve() if Path(docs).is_dir() else Path.home())
    assert str(start) != str(Path.cwd()) or Path(docs).resolve() == Path.cwd()
    # after a file was saved somewhere, a new report starts there
    folder = tmp_path / "年报"
    folder.mkdir()
    assert w._save_to(str(folder / "a.gaic.json"))
    w.create_report("某局", 2021)
    w.save_as()
    assert Path(calls[-1]) == folder.resolve() / storage.default_name(w.report)
    # the current file's folder comes first
    other = tmp_path / "other"
    other.mkdir()
    assert w._save_to(str(other / "b.gaic.json"))
    w.save_as()
    assert Path(calls[-1]) == other.resolve() / "b.gaic.json"


def test_save_as_of_report_from_last_year_starts_beside_last_years_file(make_window, monkeypatch, tmp_path, seed_path):
    calls = _record_save(monkeypatch)
    w = make_window()
    w.settings.setValue("last_folder", str(tmp_path))
    sub = tmp_path / "2020"
    sub.mkdir()
    last = sub / seed_path.name
    seed_path.rename(last)
    assert w.create_report("", 2021, str(last))
    w.save_as()

    assert Path(calls[-1]) == sub.resolve() / storage.default_name(w.report)


def test_imported_report_saves_to_last_folder(make_window, monkeypatch, tmp_path):
    calls = _record_save(monkeypatch)
    w = make_window()
    w.settings.setValue("last_folder", str(tmp_path))
    w.load_report(load(Path(__file__).parents[2] / "resources/samples/hanyang-2020.gaic.json"),
                  None, modified=True)  # as the importer does
    w.save_as()
    assert calls[-1].startswith(str(tmp_path.resolve()))


# ---------------------------------------------------------------- 4. export feedback


def test_export_shows_result_in_status_bar_and_says_when_no_viewer(qtbot, window, tmp_path, monkeypatch, dialogs):
    from gaic_desktop.ui import export_dialog as ed

    monkeypatch.setattr(ed.QDesktopServices, "openUrl", lambda url: False)  # no PDF viewer
    dlg = ed.show_export_dialog(window)
    out = tmp_path / "out.pdf"
    dlg.path_edit.setText(str(out))
    dlg.rb_public.setChecked(True)
    dlg.open_after.setChecked(True)
    with qtbot.waitSignal(dlg.exported, timeout=30000):
        dlg.start_export()
    msg = window.statusBar().currentMessage()
    assert msg.startswith("已导出") and str(out) in msg and re.search(r"（\d+页）", msg), msg
    info = [t for k, _, t in dialogs.calls if k == "information"]
    assert info and str(out) in info[-1] and "PDF阅读程序" in info[-1]


def test_export_dialog_warns_when_sign_copy_lacks_names_or_date(qtbot, window):
    from gaic_desktop.ui import export_dialog as ed

    dlg = ed.ExportDialog(window.report, window.current_path, window)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.rb_public.setChecked(True)
    assert dlg.sign_hint.text() == ""  # the label keeps its space: the dialog does not jump
    dlg.rb_sign.setChecked(True)
    assert dlg.sign_hint.isVisible()
    for word in ("拟稿", "审核", "签发", "落款日期"):
        assert word in dlg.sign_hint.text()
    assert dlg.export_button.isEnabled()  # not blocking
    # all filled in: no warning
    import datetime as dt

    r = window.report.model_copy(deep=True)
    r.people.drafter, r.people.reviewer, r.people.approver = "张三", "李四", "王五"
    r.signoff.date = dt.date(r.year + 1, 1, 20)
    dlg2 = ed.ExportDialog(r, None, window)
    qtbot.addWidget(dlg2)
    dlg2.show()
    dlg2.rb_sign.setChecked(True)
    assert dlg2.sign_hint.text() == ""


# ---------------------------------------------------------------- 5. scrolling to a finding


def _visible(view, ref) -> bool:
    rect = view.visualRect(view.table_model.index_of(ref))
    return view.viewport().rect().contains(rect.center())


def test_clicking_a_finding_far_down_the_table_scrolls_to_it(qtbot, make_window, seed_path):
    w = make_window(load(seed_path), seed_path)
    w.resize(1000, 560)
    qtbot.wait(20)
    ref = "t3.carried_out.total"
    view = w.table_view("t3")
    assert not _visible(view, ref) or view.verticalScrollBar().maximum() == 0
    finding = SimpleNamespace(cells=(ref,), section=None)
    w.go_to_finding(finding)  # the tab was never shown before
    qtbot.wait(30)
    assert view.verticalScrollBar().maximum() > 0  # the table really is taller than its pane
    assert _visible(view, ref)
    assert view.currentIndex() == view.table_model.index_of(ref)


def test_scroll_to_cell_also_scrolls_an_enclosing_scroll_area(qtbot, window):
    from gaic_desktop.ui.table_view import ReportTableView

    area = QScrollArea()
    area.setWidgetResizable(True)
    inner = QWidget()
    lay = QVBoxLayout(inner)
    spacer = QWidget()
    spacer.setFixedHeight(900)
    lay.addWidget(spacer)
    view = ReportTableView(window.document, "t3")
    lay.addWidget(view)
    view.setMinimumHeight(view.maximumHeight())  # all rows shown: only the area can scroll
    area.setWidget(inner)
    qtbot.addWidget(area)
    area.resize(900, 400)
    area.show()
    qtbot.waitExposed(area)
    view.relayout()
    view.setMinimumHeight(view.maximumHeight())
    # the area's content takes its final height in a later layout pass (slow on a loaded machine)
    qtbot.waitUntil(lambda: inner.height() >= spacer.height() + view.minimumHeight(), timeout=5000)
    ref = "t3.carried_out.total"
    assert area.verticalScrollBar().value() == 0
    view.select_refs([ref])
    rect = view.visualRect(view.table_model.index_of(ref))
    center = view.viewport().mapTo(area.viewport(), rect.center())
    assert area.viewport().rect().contains(center), (center, area.verticalScrollBar().value())


# ---------------------------------------------------------------- 6. stale status bar hints


def test_hint_is_cleared_by_the_next_successful_edit_undo_redo(qtbot, window, t3):
    view = t3
    sb = window.statusBar()
    start_at(qtbot, view, "t3.new.natural")
    qtbot.keyClicks(view, "a")  # refused
    assert "不能输入“a”" in sb.currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.report.stored("t3.new.natural") is None
    assert sb.currentMessage() == ""
    start_at(qtbot, view, "t3.new.natural")
    assert view.paste("1\t2\t3\t4\n")
    assert "已粘贴 4 个单元格" in sb.currentMessage()
    window.actions["undo"].trigger()
    assert sb.currentMessage() == ""
    assert view.paste("1\t2\t3\t4\n")
    window.actions["undo"].trigger()
    sb.showMessage("提示", 5000)
    window.actions["redo"].trigger()
    assert sb.currentMessage() == ""


# ---------------------------------------------------------------- 7. undo texts


def test_undo_texts_say_what_the_step_did(qtbot, window, t3):
    view = t3
    stack = window.document.undo_stack
    start_at(qtbot, view, "t3.new.natural")
    type_over(qtbot, view, "/")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    assert stack.undoText() == "标记不适用"
    assert window.actions["undo"].text() == "撤销 标记不适用"
    start_at(qtbot, view, "t3.new.natural")
    type_over(qtbot, view, "12")
    qtbot.keyClick(editor_of(view), Qt.Key.Key_Return)
    assert stack.undoText() == "填写数字"
    start_at(qtbot, view, "t3.new.natural")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert stack.undoText() == "清除"
    assert view.paste("5\n")
    assert stack.undoText() == "粘贴"
    window.actions["undo"].trigger()
    assert window.actions["redo"].text() == "重做 粘贴"


# ---------------------------------------------------------------- 8. Ctrl+Y


def test_redo_shows_ctrl_y_and_keeps_ctrl_shift_z(window):
    redo = window.actions["redo"]
    assert redo.shortcut() == QKeySequence("Ctrl+Y")
    keys = [k.toString() for k in redo.shortcuts()]
    assert "Ctrl+Shift+Z" in keys and keys.count("Ctrl+Y") == 1
    assert window.actions["undo"].shortcut() == QKeySequence("Ctrl+Z")


# ---------------------------------------------------------------- 9. damaged file


def test_damaged_file_message_is_shown_whole_with_the_backup(window, tmp_path, dialogs):
    path = tmp_path / "坏文件.gaic.json"
    path.write_text("{\"format\": ", encoding="utf-8")
    (tmp_path / "坏文件.gaic.json.bak").write_text("{}", encoding="utf-8")
    before = window.report
    assert not window.open_file(str(path), ask=False)
    try:
        storage.load(path)
    except storage.ReportFileError as exc:
        expected = str(exc)
    kind, title, text = dialogs.calls[-1]
    assert kind == "choose" and title == "无法打开"  # offers 打开备份 / 取消 (closed here)
    assert text.startswith(expected)
    assert "坏文件.gaic.json.bak" in text
    assert window.report is before


def test_switching_back_to_auto_asks_before_replacing_typed_totals(qtbot, window, dialogs):
    """A total typed in 照印刷录入 that differs from the calculated one is not replaced silently."""
    doc = window.document
    doc.set_totals_mode("printed")
    doc.set_cells({"t3.new.total": 999})
    dialogs.choice = 1  # 取消
    assert doc.set_totals_mode("auto") is False
    assert window.report.totals_mode == "printed" and window.report.value("t3.new.total") == 999
    assert window.basic_tab.printed_radio.isChecked()
    assert "录入为 999，计算为 221" in dialogs.texts("choose")[-1]
    dialogs.choice = 0  # 继续
    assert doc.set_totals_mode("auto") is True
    assert window.report.totals_mode == "auto" and window.report.value("t3.new.total") == 221
    doc.undo_stack.undo()
    assert window.report.value("t3.new.total") == 999


def test_switching_to_auto_without_differences_does_not_ask(qtbot, window, dialogs):
    doc = window.document
    doc.set_totals_mode("printed")
    assert doc.set_totals_mode("auto") is True
    assert not dialogs.texts("choose")


def test_column_caption_stays_when_the_form_header_scrolls_away(qtbot, window, t3):
    m = t3.table_model
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(10)] == [
        "", "", "", "自然人", "商业企业", "科研机构", "社会公\n益组织", "法律服\n务机构", "其他", "总计"]
    window.resize(1366, 600)
    qtbot.wait(10)
    assert not t3.horizontalHeader().isVisible()
    t3.scrollToBottom()
    qtbot.wait(10)
    assert t3.verticalScrollBar().maximum() > 0  # the table scrolls at this size
    assert t3.horizontalHeader().isVisible()
    t3.scrollToTop()
    qtbot.wait(10)
    assert not t3.horizontalHeader().isVisible()
