"""The import report names the errors printed in the source (issue 10, item 13)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gaic_desktop.importer import import_file

from tests.conftest import SHARED

REAL = SHARED / "realreports"


def test_printed_errors_are_named_with_printed_and_correct_figures():
    res = import_file(REAL / "hongze-2023.txt")
    assert res.printed_errors() == [
        "原文表四“案件数”的“行政复议·总计”印为0，应为11",
        "原文表四“案件数”的“行政诉讼·复议后起诉·总计”印为0，应为5",
    ]


def test_import_report_dialog_shows_them(qtbot):
    from gaic_desktop.ui.import_dialog import ImportReportDialog

    res = import_file(REAL / "hongze-2023.txt")
    dlg = ImportReportDialog(res, "hongze-2023.txt")
    qtbot.addWidget(dlg)
    head = dlg.findChild(QLabel).text()
    assert "发现原文错误 2 处：原文表四“案件数”的“行政复议·总计”印为0，应为11；" in head
    assert "发现原文错误 2 处：原文表四" in ImportReportDialog.as_text(res, "hongze-2023.txt")
    clean = import_file(SHARED / "seed" / "hanyang-2020-report.txt")
    assert clean.printed_errors() == []
    dlg2 = ImportReportDialog(clean, "seed.txt")
    qtbot.addWidget(dlg2)
    assert "原文未发现错误" in dlg2.findChild(QLabel).text()
