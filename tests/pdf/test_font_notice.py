"""The face each role uses and the notice for a stand-in, where the officer sees them: the
export dialog, the CLI, the 审签单."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from gaic_desktop.core import load
from gaic_desktop.pdf import fonts as F

from .test_fonts import _tiny_font

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "sample-2021.gaic.json"


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """Make the machine's installed fonts exactly the given files (none by default)."""

    def install(*files: str):
        fonts_dir = tmp_path / "Fonts"
        fonts_dir.mkdir(exist_ok=True)
        for name in files:
            _tiny_font(fonts_dir / name)
        F.clear_caches()
        monkeypatch.setattr(F, "font_search_dirs", lambda: [fonts_dir])
        monkeypatch.setattr("gaic_desktop.pdf.fontdiscovery.font_search_dirs", lambda: [fonts_dir])
        monkeypatch.setattr("gaic_desktop.pdf.fontdiscovery._fc_list", lambda: [])

    yield install
    F.clear_caches()


def test_cli_export_prints_the_notice(installed, tmp_path, capsys):
    from gaic_desktop.cli import main

    installed()
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "a.pdf")]) == 0
    err = capsys.readouterr().err
    assert "注意：未找到仿宋字体，正文将以" in err

    installed("simfang.ttf")
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "b.pdf")]) == 0
    assert "未找到仿宋字体" not in capsys.readouterr().err


def test_sign_copy_lists_the_faces_used(installed):
    import pdfplumber

    from gaic_desktop.pdf import ExportOptions
    from gaic_desktop.pdf.render import render_pdf

    installed()
    data, _ = render_pdf(load(SAMPLE), ExportOptions(variant="审签版"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join((pdf.pages[-1].extract_text() or "").split())
    assert "所用字体" in text
    assert "仿宋（正文）：Noto宋体（内置）（代用）" in text


@pytest.fixture
def dialog(qtbot, qapp, monkeypatch, tmp_path):
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import QSettings

    from gaic_desktop.ui import export_dialog
    from gaic_desktop.ui.app import setup_fonts

    setup_fonts(qapp)
    # no saved font choice from another run: what the dialog picks by itself
    ini = str(tmp_path / "settings.ini")
    monkeypatch.setattr(export_dialog, "QSettings", lambda: QSettings(ini, QSettings.Format.IniFormat))

    def make():
        from gaic_desktop.ui.export_dialog import ExportDialog

        dlg = ExportDialog(load(SAMPLE), None)
        qtbot.addWidget(dlg)
        return dlg

    return make


def test_dialog_without_fangsong_shows_the_notice(installed, dialog):
    installed()
    dlg = dialog()
    assert dlg.font_notice.isVisibleTo(dlg)
    assert dlg.font_notice.text().startswith("未找到仿宋字体，正文将以“Noto 宋体（内置）”代替")
    assert dlg.font_boxes["fangsong"].currentText() == "Noto 宋体（内置）（代用）"


def test_dialog_with_fangsong_installed_chooses_it_without_notice(installed, dialog):
    installed("simfang.ttf")
    dlg = dialog()
    assert dlg.font_boxes["fangsong"].currentText() == "仿宋（系统）"
    assert "仿宋" not in dlg.font_notice.text()
    # choosing the Song face by hand brings the notice back, naming the installed 仿宋
    combo = dlg.font_boxes["fangsong"]
    combo.setCurrentIndex(combo.findText("Noto 宋体（内置）（代用）"))
    assert "正文没有选用仿宋字体" in dlg.font_notice.text() and "仿宋（系统）" in dlg.font_notice.text()
