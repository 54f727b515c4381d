"""Running an import off the GUI thread: a worker thread, a progress dialog with 取消.

The import (``gaic_desktop.importer``, Qt-free) runs in a ``QThread``; it reports progress
between pages and stages and checks a cancel flag there, so 取消 stops it within a page. The
dialog is window-modal: the window keeps repainting while a long PDF is read, and nothing can
change the report meanwhile. The outcome comes back to the GUI thread through a queued signal;
the caller applies it there.
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from ..importer import ImportCancelled, ImportFailed

# What the worker calls: (cancel event, progress callback) -> ImportResult
ImportCall = Callable[[threading.Event, Callable[[float, str], None]], object]

OK, FAILED, ERROR, CANCELLED = "ok", "failed", "error", "cancelled"
_STACK = 32 << 20  # deep but legal structures recurse a few hundred levels; 1 MB is Windows' default


class ImportWorker(QThread):
    progressed = Signal(float, str)
    done = Signal(object)  # (OK, ImportResult) | (FAILED, ImportFailed) | (ERROR, Exception) | (CANCELLED, None)

    def __init__(self, call: ImportCall, parent=None):
        super().__init__(parent)
        self.call = call
        self.cancel_event = threading.Event()
        self.setStackSize(_STACK)

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        try:
            outcome = (OK, self.call(self.cancel_event, self.progressed.emit))
        except ImportCancelled:
            outcome = (CANCELLED, None)
        except ImportFailed as exc:
            outcome = (FAILED, exc)
        except BaseException as exc:  # never let the thread die with an exception: the caller tells the user
            outcome = (ERROR, exc)
        self.done.emit(outcome)


class ImportProgressDialog(QDialog):
    """「正在导入…」 with a progress bar and 取消; closes itself when the worker is done."""

    cancelled = Signal()

    def __init__(self, source: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导入已发布年报")
        self.setMinimumWidth(420)
        lay = QVBoxLayout(self)
        self.label = QLabel(f"正在导入“{source}”…")
        self.label.setWordWrap(True)
        lay.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        lay.addWidget(self.bar)
        self.stage = QLabel("")
        lay.addWidget(self.stage)
        buttons = QDialogButtonBox(self)
        self.cancel_button = buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        lay.addWidget(buttons)
        self.cancel_requested = False
        self.outcome: tuple[str, object] | None = None
        self.cancel_button.clicked.connect(self.reject)

    def set_progress(self, fraction: float, text: str) -> None:
        self.bar.setValue(int(fraction * 1000))
        if not self.cancel_requested:
            self.stage.setText(text)

    def reject(self) -> None:
        """取消, Esc or closing the dialog: ask the worker to stop; the dialog closes when it has."""
        if not self.cancel_requested:
            self.cancel_requested = True
            self.cancel_button.setEnabled(False)
            self.stage.setText("正在取消…")
            self.cancelled.emit()

    def on_done(self, outcome: tuple[str, object]) -> None:
        """The worker's outcome (a queued call on the GUI thread): keep it and close."""
        self.outcome = outcome
        super().accept()


def run_import(parent: QWidget, source: str, call: ImportCall) -> tuple[str, object]:
    """Run ``call`` in a worker thread behind a modal progress dialog; return its outcome."""
    worker = ImportWorker(call)
    dialog = ImportProgressDialog(source, parent)
    worker.progressed.connect(dialog.set_progress)  # queued: the dialog lives on the GUI thread
    worker.done.connect(dialog.on_done)
    dialog.cancelled.connect(worker.cancel)
    worker.start()
    dialog.exec()  # runs the event loop until ``on_done`` closes the dialog
    if dialog.outcome is None:  # closed some other way: stop the worker before waiting for it
        worker.cancel()
    worker.wait()
    outcome = dialog.outcome or (CANCELLED, None)
    dialog.deleteLater()
    worker.deleteLater()
    return outcome
