"""One guard for every exception that would escape into Qt's event loop.

PySide6 hands an exception raised in a slot, a timer callback, an event handler or a Python
override called by Qt (``QUndoCommand.redo`` pushed from a ``textChanged`` slot, …) to
``sys.excepthook`` and carries on. ``install()`` (called by ``app.run``) puts ``excepthook``
there: it writes the traceback to a log file, attempts an autosave of every open window (the
recovery copy), and tells the user in Chinese — once, after the failing call has returned, so a
failure repeating in a timer does not stack up message boxes. The program keeps running.

Where an error must not leave a half-made change, ``rolled_back(revert)`` undoes it before the
error is told (the undo commands use it: a step whose redo fails is put back and dropped).
``contained(what)`` is a decorator/context for a slot that should stop quietly on an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sys
import tempfile
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from . import messages

TITLE = "程序内部出错"
MAX_LOG_BYTES = 1024 * 1024  # then the log starts again (the previous one kept as .1)
DETAIL_CHARS = 160

#: tests point this to a temporary folder; None: the application's data folder
log_path_override: Path | None = None


def log_path() -> Path:
    """Where tracebacks are written: <应用数据>/logs/errors.log (a temporary folder if that
    cannot be determined)."""
    if log_path_override is not None:
        return Path(log_path_override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(base) if base else Path(tempfile.gettempdir()) / "gaic_desktop"
    return folder / "logs" / "errors.log"


def write_log(exc_type, exc, tb) -> Path | None:
    """Append the traceback with a time stamp; returns the file, or None if it could not be
    written (the error is then only on stderr)."""
    path = log_path()
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(path.name + ".1"))
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as f:
            f.write(f"===== {dt.datetime.now().isoformat(timespec='seconds')} pid {os.getpid()}\n{text}\n")
        return path
    except OSError:
        return None


def detail(exc: BaseException) -> str:
    """A short, single-line description of the error (type and start of its message)."""
    msg = " ".join(str(exc).split())
    if len(msg) > DETAIL_CHARS:
        msg = msg[:DETAIL_CHARS] + "…"
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _windows() -> list:
    app = QApplication.instance()
    if app is None:
        return []
    return [w for w in app.topLevelWidgets() if hasattr(w, "autosaver") and hasattr(w, "report")]


def autosave_all() -> bool | None:
    """Write the recovery copy of every window with unsaved changes. True if at least one was
    written, False if writing failed, None if there was nothing to write."""
    result = None
    for w in _windows():
        saver = getattr(w, "autosaver", None)
        if saver is None:
            continue
        try:
            if saver.autosave():
                result = True
        except Exception:  # noqa: BLE001 - the guard must not fail itself
            result = result or False
    return result


class _State:
    pending: list[tuple[str, Path | None, bool]] = []
    showing = False
    told = 0  # how many messages were shown (tests)
    relay = None  # _Relay living in the GUI thread


class _Relay(QObject):
    """Brings an error reported in a worker thread to the GUI thread (queued signal)."""

    show = Signal()

    def __init__(self):
        super().__init__()
        self.show.connect(_show_pending, Qt.ConnectionType.QueuedConnection)


def _in_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def _schedule() -> None:
    """Show the pending message once the event loop runs again (in the GUI thread)."""
    if _in_gui_thread():
        QTimer.singleShot(0, _show_pending)
    elif _State.relay is not None:
        _State.relay.show.emit()


def report(exc_type, exc, tb, *, action: str = "", reverted: bool = False) -> None:
    """Log the error now; autosave and tell the user once the failing call has returned (in
    the middle of an undo stack's push an autosave must not commit editors). ``reverted``: the
    change that failed was put back (the message says so)."""
    traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
    where = write_log(exc_type, exc, tb)
    _State.pending.append((f"{action}：{detail(exc)}" if action else detail(exc), where, reverted))
    if len(_State.pending) == 1 and not _State.showing:
        if QApplication.instance() is not None:
            _schedule()
        else:
            _State.pending.clear()


def message_text(detail_text: str, where: Path | None, saved: bool | None, more: int = 0, *,
                 reverted: bool = False) -> str:
    text = "程序内部出错，您的数据已保留。"
    text += ("刚才的操作没有完成，已撤回。" if reverted else "刚才的操作可能没有完成，请核对后继续。")
    text += "程序可以继续使用，建议尽快保存。"
    if saved:
        text += "\n\n已自动保存了一份恢复副本。"
    text += f"\n\n技术信息（供技术支持人员参考）：{detail_text}"
    if more:
        text += f"\n（此后又出错 {more} 次）"
    if where is not None:
        text += f"\n详细记录已写入：{where}"
    text += "\n\n如果再次出现，请将该记录文件发给技术支持人员。"
    return text


def _show_pending() -> None:
    if not _State.pending or _State.showing:
        return
    first, *rest = _State.pending
    _State.pending = []
    _State.showing = True
    try:
        detail_text, where, reverted = first
        saved = autosave_all()
        parent = QApplication.activeWindow() or next(iter(_windows()), None)
        box = QMessageBox(QMessageBox.Icon.Critical, TITLE,
                          message_text(detail_text, where, saved, len(rest), reverted=reverted), QMessageBox.StandardButton.Ok,
                          parent)
        messages.chinese_buttons(box)
        _State.told += 1
        box.exec()
    finally:
        _State.showing = False
    if _State.pending:  # errors while the box was open: one more box
        QTimer.singleShot(0, _show_pending)


def excepthook(exc_type, exc, tb) -> None:
    """sys.excepthook: an exception escaped a slot, a timer or a Qt virtual method."""
    if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
        sys.__excepthook__(exc_type, exc, tb)
        return
    try:
        report(exc_type, exc, tb)
    except Exception:  # noqa: BLE001 - never let the hook itself fail
        sys.__excepthook__(exc_type, exc, tb)


def install() -> None:
    """sys.excepthook (slots, timers, Qt virtual methods) and threading.excepthook (worker
    threads) report to the user; call in the GUI thread with the QApplication made."""
    if _State.relay is None and _in_gui_thread():
        _State.relay = _Relay()
    sys.excepthook = excepthook
    threading.excepthook = lambda args: excepthook(args.exc_type, args.exc_value, args.exc_traceback)


@contextlib.contextmanager
def rolled_back(revert, *, action: str = ""):
    """Run the block; if it raises, call ``revert()`` (which puts things back as they were
    before the block) and report the error instead of raising it."""
    try:
        yield
    except Exception:  # noqa: BLE001
        exc_type, exc, tb = sys.exc_info()
        try:
            revert()
        except Exception:  # noqa: BLE001 - tell the first error; log the second too
            write_log(*sys.exc_info())
        report(exc_type, exc, tb, action=action, reverted=True)


def contained(action: str = ""):
    """Decorator for a slot: an error is reported (see ``report``) and the slot returns None."""
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception:  # noqa: BLE001
                report(*sys.exc_info(), action=action)
                return None
        return wrapper
    return deco
