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
