"""Work-arounds for bugs in the Qt bindings.

PySide6 6.12 on Python 3.11: every binding call that returns ``None`` (an invalid QVariant from
``QModelIndex.data()``/``QWidget.property()``, a null pointer from ``currentItem()``,
``focusWidget()``, ``parentWidget()`` ...) drops a reference to ``None`` without having taken
one — the bindings assume Python 3.12's immortal ``None``. After enough such calls CPython aborts
with "none_dealloc: deallocating None". Measured: 1000 calls of ``QWidget.parentWidget()`` on a
top-level widget lower ``sys.getrefcount(None)`` by 1000.

``True``/``False`` suffer the same (``Signal.emit()`` returns a bool): 1000 emits crash a
process whose ``sys.getrefcount(True)`` is a few thousand.

Until the project pins a fixed PySide6 (or Python >= 3.12, where None is immortal), we give
``None`` an effectively infinite reference count on Python < 3.12, which is exactly what 3.12
does. This is a no-op on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys


def protect_none() -> None:
    if sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):  # the same bug hits bools (e.g. Signal.emit() returns one)
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is PyObject's first field
        if refcnt.value < (1 << 40):
            refcnt.value += 1 << 60
