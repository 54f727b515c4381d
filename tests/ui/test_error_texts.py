"""Failures are told in Chinese: never the system's English text ("[Errno 28] No space left on device")."""

from __future__ import annotations

import errno

from gaic_desktop.core import load
from gaic_desktop.ui import export_dialog, import_dialog, recovery
from gaic_desktop.ui.messages import error_text

NO_SPACE = OSError(errno.ENOSPC, "No space left on device")


def test_error_text_maps_os_errors():
    assert error_text("保存", NO_SPACE) == "保存失败：磁盘空间不足。"
    assert "权限" in error_text("保存", PermissionError(errno.EACCES, "Permission denied"))
    assert "不存在" in error_text("保存", FileNotFoundError(errno.ENOENT, "No such file or directory"))
    assert error_text("保存", OSError(errno.EIO, "Input/output error")) == "保存失败：文件读写出错。"
    assert "程序内部出错" in error_text("导出", KeyError("font"))


def test_autosave_failure_is_chinese(make_window, seed_path, monkeypatch):
    w = make_window(load(seed_path), seed_path, autosave=True)
    w.document.set_cells({"t3.new.natural": 3})

    def fail(*a, **k):
        raise NO_SPACE

    monkeypatch.setattr(recovery.storage, "save", fail)
    assert w.autosaver.autosave() is False
    assert w.statusBar().currentMessage() == "自动保存失败：磁盘空间不足。"


def test_import_failure_is_chinese(window, dialogs, monkeypatch, tmp_path):
    src = tmp_path / "a.pdf"
    src.write_bytes(b"%PDF")
    for exc in (PermissionError(errno.EACCES, "Permission denied"), ValueError("unpack requires a buffer")):
        def fail(*a, exc=exc, **k):
            raise exc
        monkeypatch.setattr(import_dialog, "import_file", fail)
        assert import_dialog.import_published(window, str(src)) is False
        text = dialogs.texts("warning")[-1]
        assert "Permission" not in text and "unpack" not in text
        assert text.startswith(f"读取“{src}”失败：")


def test_export_failure_is_chinese(window, monkeypatch, tmp_path, qtbot):
    def fail(*a, **k):
        raise NO_SPACE

    monkeypatch.setattr(export_dialog, "export_pdf", fail)
    job = export_dialog.ExportJob(window.report, str(tmp_path / "x.pdf"), None)
    got = []
    job.signals.failed.connect(got.append)
    job.run()
    assert got == ["导出失败：磁盘空间不足。"]
