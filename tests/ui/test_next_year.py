"""新建下一年度报告 from the open report, the first save's folder, reopening the last file,
and 落款单位 following 机关名称 (issue 10, items 9 and 10)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from gaic_desktop.core import load, save
from gaic_desktop.core.formats import resources_dir
from gaic_desktop.core.report import DRAFT_MARK, new_report
from gaic_desktop.ui import window_files
from gaic_desktop.ui.dialogs import NewReportDialog

SAMPLE_2024 = resources_dir() / "samples" / "sample-2021.gaic.json"


def _sample_copy(tmp_path) -> Path:
    p = tmp_path / "去年" / "sample-2024.gaic.json"
    p.parent.mkdir()
    shutil.copy(SAMPLE_2024, p)
    return p


def _run_dialog(monkeypatch, steps):
    """Replace the dialog's exec: ``steps(dlg)`` acts on it, then 新建 is clicked."""
    seen = []

    def fake_exec(dlg):
        seen.append(dlg)
        steps(dlg)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(window_files.NewReportDialog, "exec", fake_exec)
    return seen


def test_next_year_from_the_open_file_carries_people_and_last_years_figures(qtbot, make_window, tmp_path,
                                                                            monkeypatch):
    path = _sample_copy(tmp_path)
    last = load(path)
    w = make_window(last, path)
    seen = _run_dialog(monkeypatch, lambda dlg: None)
    w.actions["new_next_year"].trigger()
    dlg = seen[0]
    assert dlg.windowTitle() == "新建下一年度报告"
    # the open file is offered and chosen; the year and the organisation follow from it
    assert dlg.from_last.isChecked() and dlg.last_path.text() == str(path)
    assert dlg.choice.currentText().startswith("当前打开：sample-2024.gaic.json")
    assert dlg.year.value() == 2025 and dlg.org.text() == "示例市示例区人民政府"
    r = w.report
    assert r.year == 2025 and r.organisation == "示例市示例区人民政府"
    assert r.signoff.organisation == "示例市示例区人民政府" and r.signoff.date is None
    assert (r.contact.person, r.contact.phone) == ("张明", "0510-12345678")
    assert (r.people.drafter, r.people.reviewer, r.people.approver) == ("李华", "王强", "赵建国")
    # tables blank (only 上年结转 carried over), last year's figures attached for the cross-year rules
    assert r.previous is not None and r.previous.year == 2024
    assert r.previous.value("t3", "carried_out", "natural") == last.value("t3.carried_out.natural")
    typed = {ref for ref in r.cells() if r.stored(ref) is not None}
    assert typed and all(ref.startswith("t3.carried_in.") for ref in typed)
    assert r.stored("t3.carried_in.natural") == last.value("t3.carried_out.natural")
    # without the draft box, no narrative is carried
    assert not r.preface and not any(r.sections.values())
    assert w.current_path is None and w.isWindowModified()


def test_carried_narrative_is_a_marked_draft_that_warns_until_edited(qtbot, make_window, tmp_path, monkeypatch):
    path = _sample_copy(tmp_path)
    w = make_window(load(path), path)
    _run_dialog(monkeypatch, lambda dlg: dlg.carry_text.setChecked(True))
    assert w.new_report_dialog(next_year=True)
    r = w.report
    s1 = r.sections["s1"]
    assert s1[0].startswith("2024年，" + DRAFT_MARK) and s1[1:] == load(path).sections["s1"]
    assert r.preface[0].startswith("2024年，" + DRAFT_MARK)
    marked = [f for f in w.document.findings if DRAFT_MARK in f.message]
    assert {f.section for f in marked} >= {"s1", "s2", "s3", "s4", "s5", "s6"}
    assert all(f.rule_id == "X-5" for f in marked)
    assert DRAFT_MARK in w.statusBar().currentMessage()
    # the officer deletes the notice of 一、: its warning goes, the others stay
    w.document.set_field("sections.s1", s1[1:], "修改正文")
    left = [f for f in w.document.findings if DRAFT_MARK in f.message]
    assert "s1" not in {f.section for f in left} and len(left) == len(marked) - 1


def test_typed_path_does_not_change_the_organisation(qtbot, window, seed_path):
    dlg = NewReportDialog(window, organisation="某区人民政府", year=2024)
    qtbot.addWidget(dlg)
    dlg.from_last.setChecked(True)
    dlg.last_path.setText(str(seed_path))
    dlg.last_path.editingFinished.emit()
    assert dlg.year.value() == 2021
    assert dlg.org.text() == "某区人民政府"
    assert "武汉市汉阳区人民政府" in dlg.org_note.text() and not dlg.use_file_org.isHidden()
    assert window.create_report(*dlg.values())
    assert window.report.organisation == "某区人民政府" == window.report.signoff.organisation


def test_new_dialog_offers_the_2024_sample(qtbot, window):
    dlg = NewReportDialog(window, candidates=window.last_year_candidates())
    qtbot.addWidget(dlg)
    labels = [dlg.choice.itemText(i) for i in range(dlg.choice.count())]
    assert "示例：示例市示例区人民政府2024年度" in labels
    assert labels[1].startswith("当前打开：hanyang-2020.gaic.json（2020年度）")
    dlg.choice.setCurrentIndex(labels.index("示例：示例市示例区人民政府2024年度"))
    dlg.choice.activated.emit(dlg.choice.currentIndex())
    assert dlg.from_last.isChecked() and dlg.year.value() == 2025
    assert Path(dlg.last_path.text()) == SAMPLE_2024


def test_first_save_of_a_report_from_the_sample_goes_to_documents(qtbot, window, tmp_path, monkeypatch):
    docs = tmp_path / "文档"
    monkeypatch.setattr(window_files.QStandardPaths, "writableLocation", staticmethod(lambda loc: str(docs)))
    window.settings.setValue("last_folder", str(SAMPLE_2024.parent))  # the sample was opened last
    assert window.create_report("", 2025, str(SAMPLE_2024))
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, caption, directory, *a, **k: asked.append(directory) or ("", "")))
    assert not window.save()
    assert Path(asked[0]).parent == docs and docs.is_dir()
    assert not window_files.in_program_folder(asked[0])


def test_saving_an_opened_sample_asks_for_a_new_place(qtbot, make_window, tmp_path, monkeypatch):
    before = SAMPLE_2024.read_bytes()
    w = make_window(load(SAMPLE_2024), SAMPLE_2024)
    monkeypatch.setattr(window_files.QStandardPaths, "writableLocation",
                        staticmethod(lambda loc: str(tmp_path / "文档")))
    w.document.set_cells({"t3.new.natural": 7})
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, caption, directory, *a, **k: asked.append(directory) or ("", "")))
    assert not w.save()
    assert asked and Path(asked[0]).parent == tmp_path / "文档"
    assert SAMPLE_2024.read_bytes() == before


def test_started_without_a_file_reopens_the_last_one(qtbot, make_window, seed_path, tmp_path, settings):
    w = make_window()
    w._add_recent(str(seed_path))
    assert w.reopen_last()
    assert w.current_path == str(seed_path) and w.report.year == 2020
    w2 = make_window()
    gone = tmp_path / "gone.gaic.json"
    save(new_report(2021, "某区"), gone)
    w2._add_recent(str(gone))
    gone.unlink()
    assert not w2.reopen_last()
    msg = w2.statusBar().currentMessage()
    assert "gone.gaic.json" in msg and "最近打开" in msg


def _type(edit, text: str) -> None:
    """As typing replaces the field's text (QTest cannot type Chinese)."""
    edit.setText(text)
    edit.textEdited.emit(text)


def test_signoff_organisation_follows_the_organisation_until_typed(qtbot, window):
    fields = window.basic_tab.fields
    org, signoff = fields["organisation"], fields["signoff.organisation"]
    assert window.report.signoff.organisation == window.report.organisation == "武汉市汉阳区人民政府"
    _type(org, "某区人民")
    _type(org, "某区人民政府")
    assert window.report.signoff.organisation == "某区人民政府" and signoff.text() == "某区人民政府"
    window.document.undo_stack.undo()  # one step undoes both (typing merges)
    assert window.report.organisation == window.report.signoff.organisation == "武汉市汉阳区人民政府"
    assert signoff.text() == "武汉市汉阳区人民政府"
    # typed otherwise: kept when the organisation changes
    _type(signoff, "某区人民政府办公室")
    _type(org, "某区政府")
    assert window.report.organisation == "某区政府"
    assert window.report.signoff.organisation == "某区人民政府办公室"
    # emptied: follows again
    _type(signoff, "")
    _type(org, "某区政府X")
    assert window.report.signoff.organisation == "某区政府X"


def test_missing_signoff_is_flagged_and_x6_leads_to_the_date(qtbot, window):
    tab = window.basic_tab
    window.document.set_field("signoff.date", None, "修改落款日期")
    window.document.set_field("signoff.organisation", "", "修改落款单位")
    assert not tab.signoff_hint.isHidden()
    assert "落款单位和落款日期尚未填写" in tab.signoff_hint.text()
    x6 = next(f for f in window.document.findings if f.rule_id == "X-6")
    window.tabs.setCurrentIndex(2)
    window.go_to_finding(x6)
    assert window.tabs.currentWidget() is tab
    assert tab.date.hasFocus()
    _type(tab.fields["signoff.organisation"], "某区")
    assert tab.signoff_hint.text() == "落款日期尚未填写，印发前请补填。"


def test_start_up_without_a_file_reopens_the_last_one_unless_recovery_restored(qtbot, make_window, seed_path,
                                                                             monkeypatch):
    from gaic_desktop.ui.app import after_show

    w = make_window()
    w._add_recent(str(seed_path))
    after_show(w, None, None)
    assert w.current_path == str(seed_path)
    w2 = make_window()
    monkeypatch.setattr(type(w2), "offer_recovery", lambda self: True)
    after_show(w2, None, None)
    assert w2.current_path is None  # the recovered report stays in the window


def test_a_blank_signoff_date_can_be_typed(qtbot, window):
    """「（未填写）」 used to swallow typed digits (「（未填写）20211月20日」, nothing set): typing a
    date over the blank field sets it (found in the X walkthrough)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    window.document.set_field("signoff.date", None, "修改落款日期")
    date = window.basic_tab.date
    window.tabs.setCurrentWidget(window.basic_tab)
    date.setFocus()
    assert date.is_blank()
    for ch in "2021年1月20日":  # QTest.keyClicks cannot send non-ASCII text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(date, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
    assert date.text() == "2021年1月20日"
    assert str(window.report.signoff.date) == "2021-01-20"
