"""A tab widget whose tab bar lives in its own tool bar row, so the tabs use the full window
width (the findings dock sits beside the pages, not beside the tabs). The seven section titles
of the form are long; this keeps them all visible at 1366 px."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QTabBar, QWidget


class SectionTabs(QStackedWidget):
    """The QTabWidget subset the window uses: addTab, removeTab, count, widget, indexOf,
    currentIndex/setCurrentIndex, currentWidget/setCurrentWidget, setTabToolTip, tabText."""

    currentChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tab_bar = QTabBar()
        self.tab_bar.setObjectName("section_tab_bar")
        self.tab_bar.setDocumentMode(True)
        self.tab_bar.setExpanding(False)
        self.tab_bar.setUsesScrollButtons(True)
        self.tab_bar.setDrawBase(False)
        self.tab_bar.currentChanged.connect(self._bar_changed)

    def _bar_changed(self, i: int) -> None:
        if 0 <= i < QStackedWidget.count(self):
            QStackedWidget.setCurrentIndex(self, i)
        self.currentChanged.emit(i)

    def addTab(self, widget: QWidget, text: str) -> int:
        i = self.addWidget(widget)
        self.tab_bar.addTab(text)
        return i

    def removeTab(self, i: int) -> None:
        w = self.widget(i)
        self.tab_bar.removeTab(i)
        if w is not None:
            self.removeWidget(w)

    def setCurrentIndex(self, i: int) -> None:
        self.tab_bar.setCurrentIndex(i)
        QStackedWidget.setCurrentIndex(self, i)

    def setCurrentWidget(self, w: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(w))

    def setTabToolTip(self, i: int, text: str) -> None:
        self.tab_bar.setTabToolTip(i, text)

    def tabText(self, i: int) -> str:
        return self.tab_bar.tabText(i)
