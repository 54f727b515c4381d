"""The export dialog renders in a worker thread and writes the chosen copy."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gaic_desktop.core import load  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample-2021.gaic.json"


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
