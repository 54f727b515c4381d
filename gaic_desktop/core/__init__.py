"""The Qt-free core: format definitions, the report model, rules and storage.

Nothing in this package imports PySide6 (tested in tests/core/test_no_qt.py).
"""

from .no_plugins import skip_plugin_discovery

skip_plugin_discovery()  # before the first pydantic model is built


from .formats import CellInfo, FormatDef, FormatError, format_for_year, get_format
from .report import FILE_SUFFIX, Report, new_report, previous_from
from .rules import ERROR, WARNING, Finding, acknowledge, cell_states, error_count, evaluate
from .limits import TextValueError
from .storage import ReadOnlyReportError, ReportFileError, load, save
from .values import NA, CellValueError, fmt_value

__all__ = [
    "CellInfo", "FormatDef", "FormatError", "format_for_year", "get_format",
    "FILE_SUFFIX", "Report", "new_report", "previous_from",
    "ERROR", "WARNING", "Finding", "acknowledge", "cell_states", "error_count", "evaluate",
    "ReportFileError", "ReadOnlyReportError", "TextValueError", "load", "save", "NA", "CellValueError",
    "fmt_value",
]
