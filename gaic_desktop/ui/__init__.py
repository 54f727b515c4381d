"""The desktop editor (PySide6). The only package that imports Qt.

Modules:
  app          start-up: ``run(path)``, fonts, QApplication
  document     ReportDocument: the open report, its undo stack, findings and live preview
  commands     QUndoCommands over the core API
  table_model  ReportTableModel: a QAbstractTableModel adapter over one table of the Report
  table_view   ReportTableView: Excel-like keyboard, paste/copy, validator, form layout
  section_tab / basic_info / findings / dialogs / recovery / main_window
  window_files / window_sharing / window_recovery / window_menus / window_settings
               the main window's parts (mixins): files, locks and lost updates, recovery,
               menus, remembered geometry
  guard        one guard for exceptions escaping into Qt (sys.excepthook, rolled-back undo steps)
  file_lock    DiskStamp (changed on disk?) and ReportLock (who has a report open)
  shortcuts    the window's keys win inside its editors; cell_menu: the cells' right-click menu
  legend       the colour legend; status_bar: the status bar
"""

# The core (pydantic, the report model, the rules) is imported before Qt: PySide6 hooks ``import``
# and reads the source of every module that imports something after Qt is loaded (looking for
# ``from __feature__ import``), which made loading pydantic's and the core's modules slower.
from .. import core  # noqa: E402,F401


def _known_to_pyside() -> None:
    """The same hook reads the source of each module of this package (~40 files before the
    first paint). None of them uses ``from __feature__ import``: PySide6 records its answer per
    module name in its ``__feature__`` table (0: uses Qt, no features), so the answer is entered
    here and the files are not read. With a PySide6 that has no such table nothing changes."""
    import pkgutil
    import sys

    import PySide6.QtCore  # noqa: F401 - loads Qt and installs the hook with its table

    table = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    if isinstance(table, dict):
        for info in pkgutil.iter_modules(__path__, __name__ + "."):
            table.setdefault(info.name, 0)


_known_to_pyside()
