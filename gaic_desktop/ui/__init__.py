"""The desktop editor (PySide6). The only package that imports Qt.

Modules:
  app          start-up: ``run(path)``, fonts, QApplication
  document     ReportDocument: the open report, its undo stack, findings and live preview
  commands     QUndoCommands over the core API
  table_model  ReportTableModel: a QAbstractTableModel adapter over one table of the Report
  table_view   ReportTableView: Excel-like keyboard, paste/copy, validator, form layout
  section_tab / basic_info / findings / dialogs / recovery / main_window
"""
