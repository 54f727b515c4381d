"""Atomic writing of the exported PDF, with Chinese messages for the user."""
from __future__ import annotations

import errno
import os
from pathlib import Path

from ..core.atomic import atomic_write


class ExportError(Exception):
    """Export failed; ``str(exc)`` is a Chinese message for the user."""


def write_atomic(data: bytes, path: os.PathLike | str) -> None:
    """Write ``data`` to ``path`` with core's atomic write (a temporary file in the same folder,
    fsynced, then ``os.replace``): the old file stays intact on any failure.  Raises
    :class:`ExportError` (Chinese)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在。")
    try:
        atomic_write(folder / path.name, data)
    except OSError as exc:
        raise ExportError(_os_message(exc, path)) from exc


def _os_message(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"磁盘空间不足，无法保存“{path.name}”。原有文件未改动。"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        if os.name == "nt" and path.exists():
            return (f"无法覆盖“{path.name}”：文件可能正在被其他程序（如PDF阅读器）打开。"
                    "请关闭该文件后重试。原有文件未改动。")
        return f"没有写入“{path.parent}”的权限，无法保存“{path.name}”。请换一个文件夹。"
    if exc.errno == errno.EROFS:
        return f"“{path.parent}”是只读位置，无法保存“{path.name}”。"
    return f"无法保存“{path.name}”：{exc.strerror or exc}。原有文件未改动。"


