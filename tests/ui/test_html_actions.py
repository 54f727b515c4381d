"""文件 → 导出网页… and 文件 → 复制为网页: the portal web page from the window."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gaic_desktop.core.rules import error_count, evaluate
from gaic_desktop.core.storage import load
from gaic_desktop.importer import import_file, import_text
from gaic_desktop.publish import html as publish_html

from tests.ui.test_pending_edits import type_without_enter

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _save_as(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _break(window):
    """One error (T3-1): more new applications than the results account for."""
    window.report.set_cell("t3.new.natural", 9999)


def _same(got, want):
    assert got.effective_values() == want.effective_values()
    assert got.title == want.display_title() and got.preface == want.preface
    for s in want.fmt.sections:
        assert got.section_text(s.key) == want.section_text(s.key)


def test_actions_are_in_the_export_group_of_the_file_menu(window):
    items = window.file_menu.actions()
    pdf, page, copy = (window.actions[k] for k in ("export_pdf", "export_html", "copy_html"))
    assert items.index(pdf) < items.index(page) and items.index(page) + 1 == items.index(copy)
    assert items[items.index(copy) + 1].isSeparator()
    assert page.text() == "导出网页(&G)…" and copy.text() == "复制为网页(&H)"


def test_export_writes_the_page_the_importer_reads_back(window, monkeypatch, tmp_path, dialogs):
    out = tmp_path / "年报"
    _save_as(monkeypatch, out)
    window.actions["export_html"].trigger()
    written = tmp_path / "年报.html"
    assert written.is_file() and not out.exists()
    _same(import_file(written).report, window.report)
    assert window.statusBar().currentMessage() == f"已导出网页：{written}"
    assert dialogs.calls == []


def test_suggested_name_is_the_report_file_with_html(window, monkeypatch, seed_path):
    seen = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, caption, directory, *a, **k: seen.append(directory) or ("", "")))
    window.actions["export_html"].trigger()
    assert seen == [str(seed_path.with_name("hanyang-2020.html"))]


def test_existing_file_is_replaced_only_when_confirmed(window, monkeypatch, tmp_path, dialogs):
    (tmp_path / "r.html").write_text("旧", encoding="utf-8")
    _save_as(monkeypatch, tmp_path / "r")  # the dialog asked about "r", not "r.html"
    dialogs.answer = NO
    window.actions["export_html"].trigger()
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == "旧"
    assert "已存在" in dialogs.texts("question")[0]
    dialogs.answer = YES
    window.actions["export_html"].trigger()
    assert "<table" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_errors_are_told_and_asked_before_export(window, monkeypatch, tmp_path, dialogs):
    _break(window)
    _save_as(monkeypatch, tmp_path / "r.html")
    dialogs.answer = NO
    window.actions["export_html"].trigger()
    assert not (tmp_path / "r.html").exists()
    errors = error_count(evaluate(window.report))
    assert errors and f"年报还有 {errors} 处错误" in dialogs.texts("question")[0]
    assert "仍要导出网页吗" in dialogs.texts("question")[0]
    dialogs.answer = YES
    window.actions["export_html"].trigger()
    assert (tmp_path / "r.html").is_file()


def test_write_failure_is_a_chinese_message(window, monkeypatch, tmp_path, dialogs):
    _save_as(monkeypatch, tmp_path / "无此文件夹" / "r.html")
    window.actions["export_html"].trigger()
    assert dialogs.texts("critical") == [f"文件夹“{tmp_path / '无此文件夹'}”不存在，网页没有保存。"]


def test_copy_puts_html_and_text_on_the_clipboard(window, dialogs):
    QGuiApplication.clipboard().clear()
    window.actions["copy_html"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    html = mime.html()
    assert "<html" not in html and "<head" not in html and 'rowspan="20"' in html
    _same(import_text(html, html=True).report, window.report)
    assert mime.text().startswith(window.report.display_title() + "\n")
    assert "\t".join(["（七）总计", "207", "17", "0", "0", "0", "0", "224"]) in mime.text()
    assert window.statusBar().currentMessage() == "已复制为网页，可粘贴到网站编辑器中"
    assert dialogs.calls == []


def test_copy_with_errors_asks_first(window, dialogs):
    _break(window)
    QGuiApplication.clipboard().setText("之前的内容")
    dialogs.answer = NO
    window.actions["copy_html"].trigger()
    assert QGuiApplication.clipboard().text() == "之前的内容"
    assert "仍要复制为网页吗" in dialogs.texts("question")[0]
    dialogs.answer = YES
    window.actions["copy_html"].trigger()
    assert QGuiApplication.clipboard().mimeData().hasHtml()


def test_copy_takes_the_text_still_being_typed(window, t3, qtbot, dialogs):
    QGuiApplication.clipboard().clear()
    ref = type_without_enter(qtbot, t3, "31")
    dialogs.answer = YES  # 31 new applications of which the results do not account: an error
    window.actions["copy_html"].trigger()
    assert window.report.stored(ref) == 31
    assert import_text(QGuiApplication.clipboard().mimeData().html(), html=True).report.value(ref) == 31


def test_no_exception_escapes_the_slots(window, monkeypatch, tmp_path, dialogs):
    def broken(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(publish_html, "render_html", broken)
    _save_as(monkeypatch, tmp_path / "r.html")
    window.actions["copy_html"].trigger()
    window.actions["export_html"].trigger()
    assert dialogs.texts("critical") == ["复制为网页失败：程序内部出错，请重试；如果再次出现，请保存后重新启动程序。",
                                         "导出网页失败：程序内部出错，请重试；如果再次出现，请保存后重新启动程序。"]
    assert not (tmp_path / "r.html").exists()


def test_the_program_exits_cleanly_after_copying(seed_path, tmp_path):
    """The clipboard keeps what was copied until Qt shuts down, after Python has: a QMimeData
    made in Python crashed the program (segmentation fault) on every normal exit after
    「复制为网页」."""
    from tests.ui.conftest import run_in_own_process

    code = f"""
import json
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from gaic_desktop.core.storage import load
from gaic_desktop.ui.app import make_app
from gaic_desktop.ui.main_window import MainWindow
app = make_app()
win = MainWindow(load({str(seed_path)!r}), None, autosave=False,
                 settings=QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
win.actions["copy_html"].trigger()
mime = QGuiApplication.clipboard().mimeData()
print(json.dumps({{"html": mime.hasHtml(), "text": mime.text().splitlines()[0],
                  "formats": sorted(mime.formats())}}))
"""
    seen = run_in_own_process(code, tmp_path)  # and it ended with exit code 0
    assert seen["html"] and seen["text"] == load(seed_path).display_title()
    assert not any("qstandarditemmodel" in f for f in seen["formats"]), seen["formats"]
