"""Recent files and the window's remembered geometry, state and splitters (a mixin of
``MainWindow``)."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, Qt

MAX_RECENT = 8


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
        if isinstance(geo, (QByteArray, bytes)) and len(geo):
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 760)
        state = self.settings.value("window/state", QByteArray())
        if isinstance(state, (QByteArray, bytes)) and len(state):
            self.restoreState(state)
        else:
            self.resizeDocks([self.findings_dock], [270], Qt.Orientation.Horizontal)

    def _restore_splitters(self) -> None:
        for key, tab in self.section_tabs.items():
            if tab.splitter is not None:
                s = self.settings.value(f"splitter/{self.report.format}/{key}", QByteArray())
                if isinstance(s, (QByteArray, bytes)) and tab.splitter.restoreState(s):
                    tab.split_restored = True

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for key, tab in self.section_tabs.items():
            if tab.splitter is not None:
                self.settings.setValue(f"splitter/{self.report.format}/{key}", tab.splitter.saveState())
        self.settings.sync()
