"""The export dialog renders in a worker thread and writes the chosen copy."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gaic_desktop.core import load  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample-2021.gaic.json"


@pytest.fixture(autouse=True)
def own_settings(tmp_path, monkeypatch):
    """The dialog's remembered choices (版本, fonts) in a file of this test: QSettings() is the
    same file for every test process of the machine (other checkouts' test runs included), and a
    审签版 left there by one run made the next one's default file name 「a（审签版）.pdf」."""
    from PySide6.QtCore import QSettings

    from gaic_desktop.ui import export_dialog

    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(export_dialog, "QSettings", lambda: QSettings(ini, QSettings.Format.IniFormat))


@pytest.fixture(autouse=True)
def app_fonts(qapp):
    """The dialog's layout depends on the UI font, as in the program (which always sets it up):
    without a CJK font the hint's Chinese text measures as narrow boxes on one line."""
    from gaic_desktop.ui.app import setup_fonts

    setup_fonts(qapp)


def test_dialog_exports_in_background(qtbot, tmp_path, monkeypatch):
    from gaic_desktop.ui import export_dialog as ed

    opened = []
    monkeypatch.setattr(ed.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    report = load(SAMPLE)
    dlg = ed.ExportDialog(report, str(tmp_path / "a.gaic.json"))
    qtbot.addWidget(dlg)
    assert dlg.path_edit.text().endswith("a.pdf")
    assert report.fingerprint() in dlg.findChildren(ed.QLabel)[0].text()
    out = tmp_path / "out.pdf"
    dlg.path_edit.setText(str(out))
    dlg.rb_sign.setChecked(True)
    dlg.open_after.setChecked(True)
    with qtbot.waitSignal(dlg.exported, timeout=20000) as blocker:
        dlg.start_export()
        assert not dlg.export_button.isEnabled()  # returns at once; the worker renders
    result = blocker.args[0]
    assert result.path == out and out.read_bytes().startswith(b"%PDF")
    assert opened == [str(out)]


def test_dialog_reports_failure(qtbot, tmp_path, monkeypatch):
    from gaic_desktop.ui import export_dialog as ed

    shown = []
    monkeypatch.setattr(ed.QMessageBox, "critical", lambda *a: shown.append(a[2]))
    dlg = ed.ExportDialog(load(SAMPLE))
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "missing" / "x.pdf"))
    dlg.start_export()
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "不存在" in shown[0]
    assert dlg.export_button.isEnabled()


def test_each_copy_gets_its_own_suggested_name(qtbot, tmp_path):
    from gaic_desktop.ui import export_dialog as ed

    dlg = ed.ExportDialog(load(SAMPLE), str(tmp_path / "a.gaic.json"))
    qtbot.addWidget(dlg)
    dlg.rb_public.setChecked(True)
    assert dlg.path_edit.text() == str(tmp_path / "a.pdf")
    dlg.rb_sign.setChecked(True)
    assert dlg.path_edit.text() == str(tmp_path / "a（审签版）.pdf")
    dlg.rb_public.setChecked(True)
    assert dlg.path_edit.text() == str(tmp_path / "a.pdf")
    # a name the user typed is kept whatever the copy
    dlg.path_edit.setText(str(tmp_path / "mine.pdf"))
    dlg.rb_sign.setChecked(True)
    assert dlg.path_edit.text() == str(tmp_path / "mine.pdf")
    # without a file: the title, in the given folder
    dlg2 = ed.ExportDialog(load(SAMPLE), None, folder=str(tmp_path))
    qtbot.addWidget(dlg2)
    dlg2.rb_sign.setChecked(True)
    assert dlg2.path_edit.text().endswith("（审签版）.pdf")
    assert ed.default_pdf_path(load(SAMPLE), "x/b.gaic.json", None, ed.VARIANT_SIGN).endswith("b（审签版）.pdf")


def test_existing_pdf_is_replaced_only_when_the_user_says_yes(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gaic_desktop.ui import export_dialog as ed, messages

    monkeypatch.setattr(ed.QDesktopServices, "openUrl", lambda url: True)
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    asked = []
    answer = [QMessageBox.StandardButton.No]

    def ask(parent, title, text, buttons, default=None):
        asked.append((title, text, buttons, default))
        return answer[0]

    monkeypatch.setattr(messages, "ask", ask)
    dlg = ed.ExportDialog(load(SAMPLE), str(tmp_path / "a.gaic.json"))
    qtbot.addWidget(dlg)
    dlg.rb_public.setChecked(True)
    dlg.open_after.setChecked(False)
    dlg.start_export()
    title, text, buttons, default = asked[-1]
    assert "a.pdf" in text and "已存在" in text and default == QMessageBox.StandardButton.No
    assert buttons == QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    assert out.read_bytes() == b"old" and dlg.export_button.isEnabled() and dlg._job is None
    answer[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dlg.exported, timeout=20000):
        dlg.start_export()
    assert out.read_bytes().startswith(b"%PDF")
    # a name confirmed in the file dialog (which asks itself) is not asked about again
    dlg2 = ed.ExportDialog(load(SAMPLE), str(tmp_path / "a.gaic.json"))
    qtbot.addWidget(dlg2)
    dlg2.open_after.setChecked(False)
    monkeypatch.setattr(ed.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    dlg2._browse()
    n = len(asked)
    with qtbot.waitSignal(dlg2.exported, timeout=20000):
        dlg2.start_export()
    assert len(asked) == n


def test_sign_hint_keeps_its_space(qtbot):
    from gaic_desktop.ui import export_dialog as ed

    report = load(SAMPLE)
    report.people.drafter = report.people.reviewer = report.people.approver = ""
    report.signoff.date = None  # the longest hint: two lines
    dlg = ed.ExportDialog(report)
    qtbot.addWidget(dlg)
    dlg.rb_public.setChecked(True)
    dlg.show()
    qtbot.waitExposed(dlg)
    size, y = dlg.size(), dlg.export_button.mapTo(dlg, dlg.export_button.rect().topLeft()).y()
    assert dlg.sign_hint.isVisible() and dlg.sign_hint.text() == ""
    dlg.rb_sign.setChecked(True)
    qtbot.wait(20)
    assert "落款日期" in dlg.sign_hint.text()
    assert dlg.sign_hint.height() >= 2 * dlg.sign_hint.fontMetrics().lineSpacing()
    assert dlg.size() == size
    assert dlg.export_button.mapTo(dlg, dlg.export_button.rect().topLeft()).y() == y
    dlg.rb_public.setChecked(True)
    qtbot.wait(20)
    assert dlg.sign_hint.text() == "" and dlg.size() == size
