"""Qt's own file dialog (used where the native one would not be Chinese) in Chinese: the 类型
column, sizes, dates, and a size that shows its columns."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QCoreApplication, QTimer, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QTreeView

from gaic_desktop.ui import file_dialogs
from gaic_desktop.ui.app import make_app



def _folder(tmp_path):
    (tmp_path / "子文件夹").mkdir()
    (tmp_path / "小.txt").write_bytes(b"abc")
    (tmp_path / "年报.pdf").write_bytes(b"x" * 5000)
    stamp = dt.datetime(2021, 3, 4, 9, 5).timestamp()
    for p in tmp_path.iterdir():
        os.utime(p, (stamp, stamp))
    return tmp_path


def _rows(qtbot, model, root_path):
    root = model.index(str(root_path))
    qtbot.waitUntil(lambda: model.rowCount(root) == 3, timeout=5000)
    qtbot.wait(50)  # the file details arrive in a second step
    return {model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in range(4)]
            for r in range(model.rowCount(root))}


def test_qt_texts_of_the_file_list_are_chinese(qtbot, tmp_path):
    make_app()
    tr = QCoreApplication.translate
    # the exact sources Qt 6 asks for (qabstractfileiconprovider.cpp)
    assert tr("QAbstractFileIconProvider", "Folder", "All other platforms") == "文件夹"
    assert tr("QAbstractFileIconProvider", "File Folder", "Match Windows Explorer") == "文件夹"
    assert tr("QAbstractFileIconProvider", "Drive") == "驱动器"
    model = QFileSystemModel()
    model.setRootPath(str(_folder(tmp_path)))
    rows = _rows(qtbot, model, tmp_path)
    assert rows["子文件夹"][2] == "文件夹"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["名称", "大小", "类型", "修改日期"]


def test_proxy_shows_sizes_and_dates_in_chinese(qtbot, tmp_path):
    make_app()
    model = QFileSystemModel()
    model.setRootPath(str(_folder(tmp_path)))
    proxy = file_dialogs.ChineseFileModel()
    proxy.setSourceModel(model)
    _rows(qtbot, model, tmp_path)
    root = proxy.mapFromSource(model.index(str(tmp_path)))
    rows = {proxy.index(r, 0, root).data(): [proxy.index(r, c, root).data() for c in range(4)]
            for r in range(proxy.rowCount(root))}
    assert rows["小.txt"][1] == "3 字节"
    assert rows["年报.pdf"][1] == "4.9 KB"
    assert rows["子文件夹"][1] == ""
    assert {r[3] for r in rows.values()} == {"2021/3/4 09:05"}
    assert not any(w in r[1] + r[3] for r in rows.values() for w in ("KiB", "bytes"))
    assert [file_dialogs.size_text(n) for n in (0, 1023, 1024, 3 * 1024 ** 2, 150 * 1024 ** 3)] == \
        ["0 字节", "1023 字节", "1.0 KB", "3.0 MB", "150 GB"]


def test_file_dialog_is_dressed_when_shown(qtbot, tmp_path, monkeypatch, dialogs):
    """Through the program's helper, Qt's own file dialog comes up with the Chinese list, at a
    size that shows the columns (900×560, or what the screen allows)."""
    make_app()
    _folder(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialogs.real_get_open_file_name)
    seen = {}

    def inspect():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, QFileDialog):
            QTimer.singleShot(20, inspect)
            return
        tree = dlg.findChild(QTreeView, "treeView")
        proxy = dlg.proxyModel()
        seen["size"] = dlg.size()
        seen["proxy"] = isinstance(proxy, file_dialogs.ChineseFileModel)
        seen["title"] = dlg.windowTitle()
        seen["tree_model"] = tree.model() is proxy
        dlg.reject()

    QTimer.singleShot(0, inspect)
    got = file_dialogs.get_open_file_name(None, "打开年报", str(tmp_path), "所有文件 (*)",
                                          options=QFileDialog.Option.DontUseNativeDialog)
    assert got[0] == ""
    assert seen["proxy"] and seen["tree_model"] and seen["title"] == "打开年报"
    avail = QApplication.primaryScreen().availableGeometry().size() * 0.95
    want = file_dialogs.DEFAULT_SIZE.boundedTo(avail)
    assert seen["size"].width() >= want.width() and seen["size"].height() >= want.height()
    # only while the helper runs: a dialog shown afterwards is left alone
    fd = QFileDialog(None, "x", str(tmp_path))
    fd.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(fd)
    fd.show()
    assert not isinstance(fd.proxyModel(), file_dialogs.ChineseFileModel)
    assert file_dialogs.dress(fd) and not file_dialogs.dress(fd)  # once
