"""New, open, save, unsaved-changes prompts, autosave and recovery, start-up helpers."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import run_in_own_process
from gaic_desktop.core import load, save


def test_title_follows_undo_clean_state(qtbot, window):
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("hanyang-2020.gaic.json")
    window.document.set_cells({"t3.new.natural": 1})
    assert window.isWindowModified()
    window.document.undo_stack.undo()
    assert not window.isWindowModified()


def test_fingerprint_in_status_bar(qtbot, window):
    assert window.fingerprint_label.text() == "数据指纹 8F03A3EF"
    window.document.set_cells({"t3.new.natural": 1})
    assert window.fingerprint_label.text() == f"数据指纹 {window.report.fingerprint()}" != "数据指纹 8F03A3EF"


def test_save_and_reopen(qtbot, window, seed_path):
    window.document.set_cells({"t3.new.natural": 1})
    assert window.save()
    assert not window.isWindowModified()
    assert load(seed_path).stored("t3.new.natural") == 1
    assert window.recent_files()[0] == str(seed_path)


def test_save_as(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "copy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.save_as()
    assert window.current_path == str(target) + ".gaic.json"
    assert load(window.current_path).organisation == "武汉市汉阳区人民政府"


def test_unsaved_changes_prompt_on_close(qtbot, window, dialogs):
    window.document.set_cells({"t3.new.natural": 1})
    dialogs.answer = QMessageBox.StandardButton.Cancel
    window.close()
    assert window.isVisible()  # cancelled
    assert "尚未保存" in dialogs.texts("question")[-1]
    dialogs.answer = QMessageBox.StandardButton.Discard
    window.close()
    assert not window.isVisible()


def test_unsaved_changes_prompt_on_open_and_cancel_keeps_report(qtbot, window, dialogs, tmp_path):
    other = tmp_path / "other.gaic.json"
    save(load(window.current_path), other)
    window.document.set_cells({"t3.new.natural": 1})
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.open_file(str(other))
    assert window.report.stored("t3.new.natural") == 1
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.open_file(str(other))
    assert window.current_path == str(other)


def test_bad_file_shows_core_error_and_keeps_report(qtbot, window, dialogs, tmp_path):
    bad = tmp_path / "bad.gaic.json"
    bad.write_text("{ not json", encoding="utf-8")
    before = window.report
    assert not window.open_file(str(bad))
    assert window.report is before
    kind, title, text = dialogs.calls[-1]
    assert kind == "warning" and title == "无法打开" and text  # the core's Chinese message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_new_from_last_year_carries_over(qtbot, window, seed_path):
    assert window.create_report("", 2021, str(seed_path))
    r = window.report
    assert r.format == "2021" and r.year == 2021
    assert r.organisation == "武汉市汉阳区人民政府"
    last = load(seed_path)
    for col in ("natural", "business", "research", "public_interest", "legal_service", "other"):
        assert r.stored(f"t3.carried_in.{col}") == last.value(f"t3.carried_out.{col}")
    assert r.previous is not None and r.previous.year == 2020
    # the 2021 layout is shown (table 三 has 28 rows now) and the new report counts as unsaved
    assert window.table_view("t3").table_model.rowCount() == 28
    assert window.isWindowModified() and window.current_path is None


def test_new_report_dialog_values(qtbot):
    from gaic_desktop.ui.dialogs import NewReportDialog

    d = NewReportDialog(None)
    qtbot.addWidget(d)
    d.org.setText("某区人民政府")
    d.year.setValue(2020)
    assert "2019" in d.format_label.text()
    d.year.setValue(2024)
    assert "2021" in d.format_label.text()
    assert d.values() == ("某区人民政府", 2024, None)


def test_autosave_and_recovery(qtbot, make_window, seed_path, dialogs, tmp_path):
    w = make_window(load(seed_path), seed_path, autosave=True)
    assert not w.autosaver.autosave()  # nothing unsaved: nothing written
    w.document.set_cells({"t3.new.natural": 7})
    assert w.autosaver.autosave()
    assert load(w.autosaver.file).stored("t3.new.natural") == 7
    assert json.loads(w.autosaver.meta.read_text(encoding="utf-8"))["path"] == str(seed_path)
    # simulate a crash: the lock goes away without discarding the file
    w.autosaver.release()
    w2 = make_window(None, None, autosave=True)
    assert w2.autosaver.pending()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w2.offer_recovery()
    assert w2.report.stored("t3.new.natural") == 7
    assert w2.current_path == str(seed_path) and w2.isWindowModified()
    assert "上次程序没有正常关闭" in dialogs.texts("question")[-1]
    # saving removes the recovery file
    assert w2.save()
    assert not w2.autosaver.file.exists()


def test_settings_persist_recent_and_geometry(qtbot, make_window, seed_path, settings):
    w = make_window(load(seed_path), seed_path)
    w.load_report(load(seed_path), seed_path)
    w.save_settings()
    assert settings.value("window/geometry") is not None
    assert w.recent_files()[0] == str(seed_path)


def test_add_file_action_for_other_features(qtbot, window):
    from PySide6.QtGui import QAction

    act = QAction("导出PDF…", window)
    window.add_file_action(act, after="export", toolbar=True)
    items = window.file_menu.actions()
    assert items.index(act) < items.index(window.actions["quit"])
    assert items.index(act) > items.index(window.actions["save_as"])
    assert act in window.toolbar.actions()


def test_fonts_registered(qtbot):
    from PySide6.QtWidgets import QApplication

    from gaic_desktop.ui.app import register_fonts, setup_fonts

    fams = register_fonts()
    assert any("GAIC" in f for f in fams)
    font = setup_fonts(QApplication.instance())
    assert any(f in fams for f in font.families())


def test_run_opens_the_file_and_returns(seed_path, tmp_path):
    """``run()`` in a process of its own: its app.exec()/quit() must not touch the test
    process's QApplication (a quit there stalls later QThreadPool work)."""
    code = f"""
import json
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from gaic_desktop.ui.app import make_app, run
from gaic_desktop.ui.main_window import MainWindow
make_app()  # the timer below needs the application object
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path / "cfg")!r})
seen = {{}}
def check_and_quit():
    win = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()][-1]
    seen.update(path=win.current_path, title=win.windowTitle())
    win.close()
    QApplication.instance().quit()
QTimer.singleShot(300, check_and_quit)
rc = run({str(seed_path)!r})
print(json.dumps(dict(seen, rc=rc), ensure_ascii=False))
"""
    seen = run_in_own_process(code, tmp_path)
    assert seen["rc"] == 0
    assert seen["path"] == str(seed_path)
    assert seen["title"].startswith("hanyang-2020.gaic.json")


def test_new_report_of_the_wrong_year_shows_the_core_message(qtbot, window, seed_path, dialogs):
    before = window.report
    assert not window.create_report("", 2023, str(seed_path))  # a 2020 file is not last year of 2023
    kind, title, text = dialogs.calls[-1]
    assert kind == "warning" and title == "新建年报" and "2020" in text
    assert window.report is before


def test_new_report_does_not_hide_unexpected_errors(qtbot, window, monkeypatch, dialogs):
    import pytest

    from gaic_desktop.ui import window_files as main_window

    def broken(*a, **k):
        raise KeyError("bug")

    monkeypatch.setattr(main_window, "new_report", broken)
    with pytest.raises(KeyError):
        window.create_report("某区人民政府", 2024)
    assert not dialogs.calls


def test_new_report_dialog_comes_back_after_a_failure(qtbot, window, monkeypatch, dialogs):
    from gaic_desktop.ui import window_files as main_window

    runs = []

    def wrong_year(year, org, last_year=None, **k):
        raise ValueError("所选的上年度报告是2020年度的，不能作为2024年度报告的上年数据（应选2023年度的报告）。")

    monkeypatch.setattr(main_window, "new_report", wrong_year)

    def fake_exec(dlg):
        runs.append(1)
        if len(runs) == 1:
            dlg.org.setText("某区人民政府")
            return main_window.QDialog.DialogCode.Accepted
        assert dlg.org.text() == "某区人民政府"  # what was entered is kept
        return main_window.QDialog.DialogCode.Rejected

    monkeypatch.setattr(main_window.NewReportDialog, "exec", fake_exec)
    assert not window.new_report_dialog()
    assert len(runs) == 2 and "应选2023年度" in dialogs.texts("warning")[-1]


def _damage_with_backup(seed_path):
    """Save twice (the second save keeps the first as <file>.bak), then damage the file."""
    from gaic_desktop.core import storage

    save(load(seed_path), seed_path)
    bak = storage.backup_path(seed_path)
    assert bak.is_file()
    seed_path.write_text('{"schema": 1, "tables": {', encoding="utf-8")
    return bak


def test_damaged_file_offers_its_backup_and_save_restores_it(qtbot, make_window, dialogs, seed_path, monkeypatch):
    from gaic_desktop.ui import messages

    bak = _damage_with_backup(seed_path)
    good = bak.read_bytes()
    window = make_window()
    asked = []
    monkeypatch.setattr(messages, "choose", lambda parent, title, text, buttons, *a, **k:
                        asked.append((title, text, buttons)) or 0)
    assert window.open_file(str(seed_path), ask=False)
    title, text, buttons = asked[0]
    assert buttons == ["从备份恢复", "取消"] and title == "无法打开"
    assert bak.name in text and "替换损坏的文件" in text
    # the backup's content, as the report of the ORIGINAL file, unsaved
    assert window.current_path == str(seed_path)
    assert window.report.fingerprint() == load(bak).fingerprint()
    assert window.is_modified() and window.isWindowModified()
    assert window.statusBar().currentMessage() == "已打开上次保存前的备份，保存后即可替换损坏的文件"
    assert not [c for c in dialogs.calls if c[0] == "warning"]
    # 保存 restores the file; the good backup is not replaced by the damaged content
    assert window.save()
    assert load(seed_path).fingerprint() == load(bak).fingerprint()
    assert bak.read_bytes() == good
    assert not window.is_modified()
    # later saves keep a backup as usual (of the restored file)
    window.document.set_cells({"t3.new.natural": 1})
    assert window.save()
    assert load(bak).fingerprint() != load(seed_path).fingerprint()


def test_damaged_file_backup_offer_cancelled(qtbot, window, dialogs, seed_path, tmp_path, monkeypatch):
    from gaic_desktop.ui import messages

    other = tmp_path / "other.gaic.json"
    save(load(seed_path), other)
    save(load(seed_path), other)
    other.write_text("{", encoding="utf-8")
    monkeypatch.setattr(messages, "choose", lambda *a, **k: 1)
    before = window.report
    assert not window.open_file(str(other))
    assert window.report is before and window.current_path == str(seed_path)
    monkeypatch.setattr(messages, "choose", lambda *a, **k: None)  # Esc / closed
    assert not window.open_file(str(other))
    assert window.report is before
    # a damaged backup: its own message, nothing changes
    from gaic_desktop.core import storage

    storage.backup_path(other).write_text("{", encoding="utf-8")
    monkeypatch.setattr(messages, "choose", lambda *a, **k: 0)
    assert not window.open_file(str(other))
    assert window.report is before
    assert dialogs.calls[-1][:2] == ("warning", "无法打开备份")


def test_choose_box_has_the_given_chinese_buttons(qtbot, monkeypatch, dialogs):
    seen = []

    def click(box, i):
        seen.append([b.text() for b in box.buttons()])
        assert box.escapeButton().text() == "取消"
        [b for b in box.buttons() if b.text() == ["打开备份", "取消"][i]][0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", lambda box: click(box, 0))
    assert dialogs.real_choose(None, "无法打开", "x", ["打开备份", "取消"]) == 0
    monkeypatch.setattr(QMessageBox, "exec", lambda box: click(box, 1))
    assert dialogs.real_choose(None, "无法打开", "x", ["打开备份", "取消"]) == 1
    assert sorted(seen[0]) == sorted(["打开备份", "取消"])
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    assert dialogs.real_choose(None, "无法打开", "x", ["打开备份", "取消"]) is None


def test_new_dialog_takes_year_and_organisation_from_last_years_file(qtbot, window, seed_path, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from gaic_desktop.ui.dialogs import NewReportDialog

    other = tmp_path / "other.gaic.json"
    from gaic_desktop.core.report import new_report

    save(new_report(2021, "某某市某某局"), other)
    chosen = [str(seed_path)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen[0], "")))
    dlg = NewReportDialog(window, year=2024)
    qtbot.addWidget(dlg)
    assert dlg.org.text() == ""
    dlg.from_last.setChecked(True)
    qtbot.mouseClick(dlg.browse, Qt.MouseButton.LeftButton)
    assert dlg.from_last.isChecked() and dlg.last_path.text() == str(seed_path)
    assert dlg.year.value() == 2021 and dlg.org.text() == "武汉市汉阳区人民政府"
    # another file: the organisation it filled in is still the default, so it follows
    chosen[0] = str(other)
    dlg._browse()
    assert dlg.year.value() == 2022 and dlg.org.text() == "某某市某某局"
    # a name the user typed is kept; the year still follows the file
    dlg.org.setText("我的单位")
    chosen[0] = str(seed_path)
    dlg._browse()
    assert dlg.year.value() == 2021 and dlg.org.text() == "我的单位"
    assert dlg.values() == ("我的单位", 2021, str(seed_path))


def test_new_dialog_typed_path_and_unreadable_file(qtbot, window, seed_path, tmp_path):
    from gaic_desktop.ui.dialogs import NewReportDialog

    dlg = NewReportDialog(window, organisation="原来的单位", year=2024)
    qtbot.addWidget(dlg)
    bad = tmp_path / "bad.gaic.json"
    bad.write_text("{", encoding="utf-8")
    dlg.from_last.setChecked(True)
    dlg.last_path.setText(str(bad))
    dlg.last_path.editingFinished.emit()
    assert dlg.year.value() == 2024 and dlg.org.text() == "原来的单位"  # nothing read: nothing changed
    dlg.last_path.setText(str(seed_path))
    dlg.last_path.editingFinished.emit()
    # a typed path never changes the name silently: the file's name is shown, with 「改用」
    assert dlg.year.value() == 2021 and dlg.org.text() == "原来的单位"
    assert not dlg.org_note_holder.isHidden() and "武汉市汉阳区人民政府" in dlg.org_note.text()
    assert dlg.values() == ("原来的单位", 2021, str(seed_path))
    qtbot.mouseClick(dlg.use_file_org, Qt.MouseButton.LeftButton)
    assert dlg.org.text() == "武汉市汉阳区人民政府" and dlg.use_file_org.isHidden()
