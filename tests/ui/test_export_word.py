"""文件 → 导出Word: the save dialog starts beside the report under its name, a report with errors
is exported only when the user says so, success and failure are told in Chinese, and nothing
escapes the slot."""

from __future__ import annotations

import errno
import os

from PySide6.QtWidgets import QFileDialog, QMessageBox

from gaic_desktop.importer import import_file
from gaic_desktop.ui import file_actions


def _save_as(monkeypatch, target, asked: list):
    def fake(parent, caption, directory, filter, *a, **k):
        asked.append((caption, directory, filter))
        return (str(target) if target else "", "")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def test_menu_entry_sits_right_after_export_pdf(window):
    actions = window.file_menu.actions()
    i = actions.index(window.actions["export_pdf"])
    assert actions[i + 1] is window.actions["export_docx"]
    assert window.actions["export_docx"].text() == "导出Word(&W)…"
    mnemonics = [a.text().split("(&")[1][0] for a in actions if "(&" in a.text()]
    assert len(mnemonics) == len(set(mnemonics))  # Alt+F, W reaches it alone


def test_exports_beside_the_report_and_says_so(window, seed_path, monkeypatch, dialogs, tmp_path):
    asked: list = []
    target = tmp_path / "out" / "年报"  # typed without the extension
    target.parent.mkdir()
    _save_as(monkeypatch, target, asked)
    window.actions["export_docx"].trigger()
    (caption, directory, filter), = asked
    assert caption == "导出Word" and "docx" in filter
    assert directory == str(seed_path.with_name("hanyang-2020.docx"))
    written = target.with_suffix(".docx")
    assert written.is_file()
    assert import_file(written).report.display_title() == window.report.display_title()
    assert "已导出Word文档" in window.statusBar().currentMessage()
    assert dialogs.calls == []  # no error: no question, no message box


def test_cancelled_save_dialog_writes_nothing(window, monkeypatch, dialogs, tmp_path):
    asked: list = []
    _save_as(monkeypatch, None, asked)
    assert file_actions.export_word(window) is None
    assert asked and not list(tmp_path.glob("*.docx"))


def _with_an_error(window):
    window.report.set_totals_mode("printed")
    window.report.set_cell("t3.new.total", 999999)  # the total no longer adds up: an error
    from gaic_desktop.core.rules import error_count, evaluate

    assert error_count(evaluate(window.report)) > 0


def test_a_report_with_errors_asks_first(window, monkeypatch, dialogs, tmp_path):
    _with_an_error(window)
    asked: list = []
    _save_as(monkeypatch, tmp_path / "r.docx", asked)
    dialogs.answer = QMessageBox.StandardButton.No
    assert file_actions.export_word(window) is None
    (kind, title, text), = dialogs.calls
    assert kind == "question" and title == "导出Word" and "处错误" in text and "仍要导出" in text
    assert asked == [] and not (tmp_path / "r.docx").exists()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert file_actions.export_word(window) == str(tmp_path / "r.docx")
    assert (tmp_path / "r.docx").is_file()


def test_write_failure_is_told_in_chinese_and_the_old_file_stays(window, monkeypatch, dialogs, tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    _save_as(monkeypatch, out, [])

    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    assert file_actions.export_word(window) is None
    (kind, title, text), = dialogs.calls
    assert kind == "critical" and "没有权限" in text and "Permission" not in text
    assert out.read_bytes() == b"old"


def test_an_unexpected_failure_does_not_escape_the_slot(window, monkeypatch, dialogs, tmp_path):
    _save_as(monkeypatch, tmp_path / "r.docx", [])
    import gaic_desktop.publish.docx as docx_export

    def boom(report, path):
        raise KeyError("x")

    monkeypatch.setattr(docx_export, "export_docx", boom)
    window.actions["export_docx"].trigger()  # through Qt: an exception would reach the guard
    (kind, _, text), = dialogs.calls
    assert kind == "critical" and "导出Word文档失败" in text
