"""文件 → 导入已发布年报 runs in a worker thread: progress, 取消 that really stops it, the window
keeps running its event loop, failures shown in Chinese (headless, sources generated here)."""

from __future__ import annotations


import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QLabel, QMessageBox  # noqa: E402

from gaic_desktop.core.storage import load  # noqa: E402
from tests.conftest import SAMPLES  # noqa: E402

from . import hostile as H  # noqa: E402
from .helpers import to_docx  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from gaic_desktop.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, autosave=False)
    qtbot.addWidget(win)
    monkeypatch.setattr(win, "maybe_save", lambda: True)
    return win


@pytest.fixture
def progress_seen(monkeypatch):
    """Every progress text the dialog shows; ``cancel_at``: click 取消 on that one."""
    from gaic_desktop.ui import import_worker

    seen: list[str] = []
    seen_cancel_at = {"n": None}
    original = import_worker.ImportProgressDialog.set_progress

    def set_progress(self, fraction, text):
        original(self, fraction, text)
        seen.append(text)
        if len(seen) == seen_cancel_at["n"]:
            self.cancel_button.click()

    monkeypatch.setattr(import_worker.ImportProgressDialog, "set_progress", set_progress)
    return seen, seen_cancel_at


def test_cancel_stops_a_long_import_and_changes_nothing(window, tmp_path, progress_seen, monkeypatch):
    from gaic_desktop.ui import import_dialog

    from gaic_desktop.ui import import_worker

    seen, cancel_at = progress_seen
    src = tmp_path / "long.pdf"
    src.write_bytes(H.pdf_many_pages(120, lines_per_page=40))
    # The worker waits after reporting its 2nd page until 取消 reaches it (at most 30 s): without
    # this, a busy GUI thread could show the 3rd progress text only after all 120 pages were
    # read, and the test flaked (the import then ended as "not a report").
    real_init = import_worker.ImportWorker.__init__

    def init(self, call, parent=None):
        def waiting_call(cancel_event, progress):
            def report(fraction, text):
                progress(fraction, text)
                if text.startswith("正在读取第 2 页"):
                    cancel_event.wait(30)
            return call(cancel_event, report)
        real_init(self, waiting_call, parent)

    monkeypatch.setattr(import_worker.ImportWorker, "__init__", init)
    before, fingerprint = window.report, window.report.fingerprint()
    cancel_at["n"] = 3  # on the progress of the 2nd page
    assert import_dialog.import_published(window, str(src), confirm=False) is False
    assert window.report is before and window.report.fingerprint() == fingerprint
    assert not window.is_modified()
    assert "已取消导入" in window.statusBar().currentMessage()
    pages = [t for t in seen if t.startswith("正在读取第")]
    assert pages and pages[0] == "正在读取第 1 页，共 120 页"
    # stopped within a page of 取消 (the worker waited after page 2 until it came)
    assert pages[-1] in ("正在读取第 2 页，共 120 页", "正在读取第 3 页，共 120 页"), pages[-3:]
    # the GUI thread kept running its event loop while the worker read the pages: the worker's
    # progress reaches the dialog only through queued signals, delivered by that loop (a count of
    # timer ticks depended on how fast the cancelled import ended, and flaked)


def test_a_normal_import_completes_with_progress(window, tmp_path, progress_seen):
    from gaic_desktop.ui import import_dialog

    seen, _ = progress_seen
    sample = load(SAMPLES / "sample-2021.gaic.json")
    src = tmp_path / "report.docx"
    src.write_bytes(to_docx(sample))
    assert import_dialog.import_published(window, str(src), confirm=False) is True
    assert window.report.effective_values() == sample.effective_values()
    assert window.is_modified() and window.report.totals_mode == "printed"
    assert seen[-1] == "完成"


def test_a_refused_source_is_shown_in_chinese(window, tmp_path, monkeypatch):
    from gaic_desktop.ui import import_dialog

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[1:3]))
    src = tmp_path / "bomb.pdf"
    src.write_bytes(H.pdf_flate_bomb(64))
    before = window.report
    assert import_dialog.import_published(window, str(src), confirm=False) is False
    (title, text), = shown
    assert title == "无法导入" and "解压后超过 32 MB 的上限" in text
    assert window.report is before


def test_closing_the_progress_dialog_cancels(qtbot):
    """Esc / the window's close button ask the worker to stop; the dialog stays until it has."""
    import threading

    from gaic_desktop.importer import ImportCancelled
    from gaic_desktop.ui import import_worker

    started = threading.Event()

    def slow(cancel, progress):
        started.set()
        for _ in range(500):
            if cancel.wait(0.01):
                raise ImportCancelled()
        raise AssertionError("not cancelled")

    QTimer.singleShot(100, lambda: [w.reject() for w in _dialogs()])
    kind, value = import_worker.run_import(None, "x.pdf", slow)
    assert started.is_set() and kind == import_worker.CANCELLED and value is None


def _dialogs():
    from PySide6.QtWidgets import QApplication

    from gaic_desktop.ui.import_worker import ImportProgressDialog

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportProgressDialog) and w.isVisible()]


def test_the_file_dialog_offers_doc_and_wps():
    from gaic_desktop.ui.import_dialog import FILE_FILTER

    first = FILE_FILTER.split(";;")[0]
    assert "*.doc " in first and "*.wps" in first and "*.docx" in first


def test_import_report_shows_each_explanation_in_full(qtbot):
    """The 说明 column wraps; every row is as high as its wrapped text (nothing cut off)."""
    from pathlib import Path

    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFontMetrics

    from gaic_desktop.importer import import_file
    from gaic_desktop.ui.import_dialog import ImportReportDialog

    res = import_file(Path(__file__).with_name("tolerance-2024.txt"))
    dlg = ImportReportDialog(res, "tolerance-2024.txt")
    qtbot.addWidget(dlg)
    dlg.resize(460, 520)  # a narrow dialog: long explanations wrap over several lines
    dlg.show()
    qtbot.waitExposed(dlg)
    table = dlg.table
    width = table.columnWidth(1) - 8  # the cell's text margins
    fm = QFontMetrics(table.font())
    long_rows = 0
    for r in range(table.rowCount()):
        text = table.item(r, 1).text()
        needed = fm.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text).height()
        assert table.rowHeight(r) >= needed, (r, text)
        long_rows += needed > fm.height() * 2.5
    assert long_rows >= 3  # the test covers explanations of three lines and more


def test_a_huge_import_report_lists_the_first_issues(qtbot):
    """70,000 issues (a garbled source within the limits): the first 2,000 are listed, the rest
    are in 复制说明."""
    from gaic_desktop.core.report import new_report
    from gaic_desktop.importer import UNREADABLE, ImportIssue, ImportResult
    from gaic_desktop.ui.import_dialog import ImportReportDialog

    issues = [ImportIssue(UNREADABLE, f"第{i}行无法读取", source="<b>x</b>") for i in range(70_000)]
    res = ImportResult(new_report(2024, "某区人民政府"), issues, "文本")
    dlg = ImportReportDialog(res, "big.txt")
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 2000
    assert any("共 70,000 条说明" in w.text() for w in dlg.findChildren(QLabel))
    assert "第69999行无法读取" in ImportReportDialog.as_text(res, "big.txt")
