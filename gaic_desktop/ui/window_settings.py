"""Recent files and the window's remembered geometry, state and splitters (a mixin of
``MainWindow``)."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication

MAX_RECENT = 8
DEFAULT_SIZE = (1280, 760)
#: room for the title bar and borders the window manager adds around the window
FRAME_ALLOWANCE = (16, 40)


def available_geometry(widget) -> QRect | None:
    """The part of the widget's screen not taken by task bars (tests replace this)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def first_start_geometry(avail: QRect | None) -> QRect:
    """The window's geometry (without frame) on first start: the default size, made smaller to
    fit the available screen with its frame (1366×768 with a task bar: the status bar with the
    error counts stays visible), centred."""
    w, h = DEFAULT_SIZE
    if avail is None or avail.isEmpty():
        return QRect(0, 0, w, h)
    fw, fh = FRAME_ALLOWANCE
    w = min(w, avail.width() - fw)
    h = min(h, avail.height() - fh)
    x = avail.x() + (avail.width() - w) // 2
    y = avail.y() + fh - fw // 2 + max(0, (avail.height() - fh - h) // 2)
    return QRect(x, y, w, h)


class SettingsMixin:
    """Uses ``self.settings`` (QSettings), ``self.recent_menu``, ``self.section_tabs``."""

    def recent_files(self) -> list[str]:
        v = self.settings.value("recent_files", [])
        if isinstance(v, str):
            v = [v]
        return [str(p) for p in (v or [])]

    def _add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        self.settings.setValue("last_folder", os.path.dirname(path))
        files = [p for p in self.recent_files() if p != path]
        files.insert(0, path)
        self.settings.setValue("recent_files", files[:MAX_RECENT])

    def reopen_last(self) -> bool:
        """Started without a file: open the file worked on last. If it is gone, say so and
        point to the recent files."""
        files = self.recent_files()
        if not files:
            return False
        if os.path.isfile(files[0]):
            return self.open_file(files[0], ask=False)
        others = [p for p in files[1:] if os.path.isfile(p)]
        text = f"上次打开的“{os.path.basename(files[0])}”已不存在（可能已移动或删除）"
        if others:
            text += "，可从“文件 → 最近打开”选择其他年报"
        self.statusBar().showMessage(text, 30000)
        return False

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        if not files:
            a = self.recent_menu.addAction("（无）")
            a.setEnabled(False)
            return
        for i, p in enumerate(files, 1):
            a = self.recent_menu.addAction(f"&{i}  {p}")
            a.triggered.connect(lambda _=False, p=p: self.open_file(p))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("清除列表", lambda: self.settings.setValue("recent_files", []))

    def _restore_settings(self) -> None:
        geo = self.settings.value("window/geometry", QByteArray())
        if not (isinstance(geo, (QByteArray, bytes)) and len(geo) and self.restoreGeometry(geo)):
            self.fit_to_screen()
        state = self.settings.value("window/state", QByteArray())
        if isinstance(state, (QByteArray, bytes)) and len(state):
            self.restoreState(state)
        else:
            self.resizeDocks([self.findings_dock], [270], Qt.Orientation.Horizontal)

    def fit_to_screen(self) -> None:
        """First start (nothing remembered): fit the available screen geometry."""
        self.setGeometry(first_start_geometry(available_geometry(self)))

    def _restore_splitter(self, tab) -> None:
        """A section tab just built: the text/table split remembered for this format, if any."""
        if tab.splitter is not None:
            s = self.settings.value(f"splitter/{self.report.format}/{tab.section_key}", QByteArray())
            if isinstance(s, (QByteArray, bytes)) and tab.splitter.restoreState(s):
                tab.split_restored = True

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for key, tab in self.section_tabs.items():
            if tab.is_built and tab.splitter is not None:  # (an unbuilt tab keeps what was saved)
                self.settings.setValue(f"splitter/{self.report.format}/{key}", tab.splitter.saveState())
        self.settings.sync()
