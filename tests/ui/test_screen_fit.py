"""First start fits the available screen (1366×768 with a task bar); size and state are
remembered after."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from gaic_desktop.core import load
from gaic_desktop.ui import window_settings


def make(qtbot, settings, report=None, path=None):
    from gaic_desktop.ui.main_window import MainWindow

    w = MainWindow(report, str(path) if path else None, settings=settings, autosave=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("avail", [QRect(0, 0, 1366, 728), QRect(0, 0, 1366, 768), QRect(0, 30, 1280, 690),
                                   QRect(1920, 0, 1366, 728)])
def test_first_start_fits_the_available_screen(qtbot, settings, seed_path, monkeypatch, avail):
    monkeypatch.setattr(window_settings, "available_geometry", lambda widget: QRect(avail))
    w = make(qtbot, settings, load(seed_path), seed_path)
    fw, fh = window_settings.FRAME_ALLOWANCE
    g = w.geometry()
    # the window plus a title bar and borders lies inside the available area
    assert g.adjusted(-fw // 2, -(fh - fw // 2), fw // 2, fw // 2).intersected(avail) == \
        g.adjusted(-fw // 2, -(fh - fw // 2), fw // 2, fw // 2)
    # the status bar with the error counts and the fingerprint is inside the window, visible
    sb = w.statusBar()
    assert sb.isVisible() and w.counts_label.isVisible() and w.fingerprint_label.isVisible()
    bottom_right = sb.mapTo(w, QPoint(sb.width() - 1, sb.height() - 1))
    assert w.rect().contains(bottom_right)
    for label in (w.counts_label, w.fingerprint_label):
        assert w.rect().contains(label.mapTo(w, QPoint(label.width() - 1, label.height() - 1)))


def test_size_and_state_are_remembered(qtbot, settings, seed_path, monkeypatch):
    monkeypatch.setattr(window_settings, "available_geometry", lambda widget: QRect(0, 0, 1366, 728))
    w = make(qtbot, settings, load(seed_path), seed_path)
    w.setGeometry(20, 40, 700, 500)  # within the offscreen screen (800×600): restoreGeometry clamps to it
    w.findings_dock.hide()
    w.save_settings()
    w.release_file()
    w2 = make(qtbot, settings)
    assert (w2.width(), w2.height()) == (700, 500)
    assert not w2.findings_dock.isVisible()


def test_large_screen_keeps_the_default_size(qtbot, settings, monkeypatch):
    monkeypatch.setattr(window_settings, "available_geometry", lambda widget: QRect(0, 0, 1920, 1040))
    w = make(qtbot, settings)
    assert (w.width(), w.height()) == window_settings.DEFAULT_SIZE
