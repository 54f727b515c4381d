"""文件 → 导入已发布年报 in the main window (headless)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from gaic_desktop.importer import import_file  # noqa: E402
from tests.conftest import SHARED  # noqa: E402

REAL = SHARED / "realreports"


@pytest.fixture
def window(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from gaic_desktop.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, autosave=False)
    qtbot.addWidget(win)
    return win


def test_menu_entry_present(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert any("导入已发布年报" in t for t in texts)
    assert "import" in window.actions


def test_import_loads_the_report_unsaved(window, monkeypatch):
    from gaic_desktop.ui import import_dialog

    monkeypatch.setattr(window, "maybe_save", lambda: True)
    assert import_dialog.import_published(window, str(REAL / "hongze-2023.txt"), confirm=False)
    rep = window.report
    assert rep.totals_mode == "printed" and rep.year == 2023 and rep.value("t4.cases.rv_keep") == 10
    assert window.is_modified() and window.current_path is None
    assert sum(1 for f in window.document.findings if f.is_error) == 2


def test_import_report_dialog_lists_issues(qtbot):
    from gaic_desktop.ui.import_dialog import ImportReportDialog

    res = import_file(SHARED / "seed" / "hanyang-2020-report.txt")
    dlg = ImportReportDialog(res, "seed.txt")
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == len(res.issues)
    cells = [dlg.table.item(r, 1).text() for r in range(dlg.table.rowCount())]
    assert any("66(招投标)+847(电子商城)" in c for c in cells)
    assert "导入 seed.txt" in ImportReportDialog.as_text(res, "seed.txt")


def test_garbage_shows_a_message(window, monkeypatch, tmp_path):
    from gaic_desktop.ui import import_dialog

    shown = []
    monkeypatch.setattr(window, "maybe_save", lambda: True)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "x.txt"
    bad.write_text("不是年报。", encoding="utf-8")
    before = window.report
    assert not import_dialog.import_published(window, str(bad), confirm=False)
    assert shown and "年度报告" in shown[0] and window.report is before


def no_year_copy(tmp_path):
    """hongze-2023 with every 「20XX年」 removed: the importer cannot find the year."""
    import re

    text = (REAL / "hongze-2023.txt").read_text(encoding="utf-8")
    path = tmp_path / "no-year.txt"
    path.write_text(re.sub(r"(?:19|20)\d{2}\s*年", "本", text), encoding="utf-8")
    return path


def test_import_without_a_year_asks_for_it(window, monkeypatch, tmp_path):
    import datetime as dt

    from PySide6.QtWidgets import QInputDialog

    from gaic_desktop.ui import import_dialog

    path = no_year_copy(tmp_path)
    asked = []

    def get_int(parent, title, label, value, lo, hi, step=1, *a, **k):
        asked.append((title, label, lo, hi))
        return 2023, True

    monkeypatch.setattr(window, "maybe_save", lambda: True)
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(get_int))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: pytest.fail(f"warning shown: {a[2]}"))
    assert import_dialog.import_published(window, str(path), confirm=False)
    assert window.report.year == 2023 and window.report.value("t4.cases.rv_keep") == 10
    (title, label, lo, hi), = asked
    assert title == "指定报告年度" and "报告年度" in label and "没有找到报告年度" in label
    assert (lo, hi) == (2019, dt.date.today().year)


def test_import_without_a_year_cancelled(window, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QInputDialog

    from gaic_desktop.ui import import_dialog

    monkeypatch.setattr(window, "maybe_save", lambda: True)
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (0, False)))
    before = window.report
    assert not import_dialog.import_published(window, str(no_year_copy(tmp_path)), confirm=False)
    assert window.report is before
