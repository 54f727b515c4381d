"""Putting rich content (HTML and plain text) on the system clipboard.

A ``QMimeData`` made in Python is an instance of PySide6's C++ wrapper class, whose destructor
calls back into Python. Once it is on the clipboard, the clipboard owns it and deletes it when
Qt's platform layer is torn down — after the Python interpreter has been finalised, in the C
library's exit handlers: the program crashed (segmentation fault) on every normal exit after
「复制为网页」, and on Windows that is the moment Qt hands the data over to the system
clipboard. So the clipboard gets a ``QMimeData`` that Qt itself made (a plain C++ object, no
wrapper, nothing to call back), filled with our formats.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QStandardItemModel


def _qt_made_mime_data() -> QMimeData:
    """An empty QMimeData created by Qt's C++ code, owned by the caller."""
    model = QStandardItemModel(1, 1)
    mime = model.mimeData([model.index(0, 0)])  # a new QMimeData, ours to give away
    if mime is None:  # pragma: no cover - Qt always returns one for a valid index
        raise RuntimeError("Qt made no QMimeData")
    for fmt in mime.formats():  # the model's own drag-and-drop format
        mime.removeFormat(fmt)
    return mime


def put_html_and_text(html: str, text: str) -> None:
    """Put ``html`` (for editors that paste formatted text) and ``text`` (for the others) on the
    clipboard."""
    mime = _qt_made_mime_data()
    mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)
