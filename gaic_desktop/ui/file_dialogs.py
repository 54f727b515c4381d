"""File dialogs that look Chinese also when Qt draws them itself.

Where Qt's own (non-native) file dialog is used — on a Linux system not set to Chinese, see
``app.install_chinese`` — its file list comes from QFileSystemModel, which formats sizes and
dates with the *system* locale and QLocale's IEC units: 「4.88 KiB」, 「3 bytes」,
「26 11 2026 16:15」. ``dress`` gives such a dialog a proxy model that shows 「4.9 KB」, 「3 字节」
and 「2026/11/26 16:15」, column widths that fit the texts and a size of at least 900×560.

Call ``get_open_file_name`` / ``get_save_file_name`` instead of the QFileDialog static
functions: they call those (so tests can still replace them) while a short-lived event filter
dresses the dialog as it is shown. A native dialog (Windows, a Chinese Linux desktop) is left
as the system draws it.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QIdentityProxyModel, QLocale, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QHeaderView, QSplitter, QTreeView

DEFAULT_SIZE = QSize(900, 560)
_CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
DATE_FORMAT = "yyyy/M/d HH:mm"  # as Windows Explorer shows it in Chinese


def size_text(n: int) -> str:
    """「3 字节」, 「4.9 KB」, 「2.9 MB」 (units of 1024, as Windows Explorer counts)."""
    if n < 1024:
        return f"{n} 字节"
    value = float(n)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
    return f"{n} 字节"  # pragma: no cover


class ChineseFileModel(QIdentityProxyModel):
    """The file dialog's QFileSystemModel with Chinese sizes and dates (column 1 and 3)."""

    def _fs(self) -> QFileSystemModel | None:
        src = self.sourceModel()
        return src if isinstance(src, QFileSystemModel) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        fs = self._fs()
        if fs is not None and role == Qt.ItemDataRole.DisplayRole and index.column() in (1, 3):
            src = self.mapToSource(index)
            if index.column() == 1:
                return "" if fs.isDir(src) else size_text(fs.size(src))
            when = fs.lastModified(src)
            return _CHINESE.toString(when, DATE_FORMAT) if when.isValid() else ""
        return super().data(index, role)

    def sort(self, column, order=Qt.SortOrder.AscendingOrder) -> None:
        # the file system model sorts itself (folders first); an identity proxy would not
        if self.sourceModel() is not None:
            self.sourceModel().sort(column, order)


def dress(dialog: QFileDialog) -> bool:
    """Chinese sizes and dates, fitting columns and a reasonable size for Qt's own file
    dialog. Returns False (and changes nothing) for a native dialog or one already dressed."""
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is None or isinstance(dialog.proxyModel(), ChineseFileModel):
        return False
    dialog.setProxyModel(ChineseFileModel(dialog))
    want = QSize(DEFAULT_SIZE)
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        want = want.boundedTo(screen.availableGeometry().size() * 0.95)
    dialog.resize(dialog.size().expandedTo(want))
    # the proxy resets the header: the name takes the room left by the size, the type and the
    # whole date; the side bar shows its place names whole
    em = dialog.fontMetrics().horizontalAdvance("中")
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(int(em * 3))
    widths = {1: int(em * 6), 2: int(em * 9), 3: dialog.fontMetrics().horizontalAdvance("2026/12/31 23:59") + 2 * em}
    for col, w in widths.items():
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, w)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None and splitter.count() == 2:
        side = int(em * 10)
        splitter.setSizes([side, max(side, dialog.width() - side)])
    return True


class _Dresser(QObject):
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(obj, QFileDialog):
            dress(obj)  # before QDialog centres itself on its parent (in its own showEvent)
        return False


@contextlib.contextmanager
def dressed_file_dialogs():
    """While active, every QFileDialog shown is dressed (see ``dress``)."""
    app = QApplication.instance()
    dresser = _Dresser()
    if app is not None:
        app.installEventFilter(dresser)
    try:
        yield
    finally:
        if app is not None:
            app.removeEventFilter(dresser)


def get_open_file_name(parent, caption: str, directory: str = "", filter: str = "", **kwargs) -> tuple[str, str]:
    with dressed_file_dialogs():
        return QFileDialog.getOpenFileName(parent, caption, directory, filter, **kwargs)


def get_save_file_name(parent, caption: str, directory: str = "", filter: str = "", **kwargs) -> tuple[str, str]:
    with dressed_file_dialogs():
        return QFileDialog.getSaveFileName(parent, caption, directory, filter, **kwargs)
