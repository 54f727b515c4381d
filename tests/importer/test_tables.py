"""Where the figures of tables 二 and 四 land when the printed table is not the form's
(importer/tables.py), and what the user is told. Each test changes one line of the printed
huaian-2024 report; the expected figures are typed from that report."""

from __future__ import annotations

import pytest

from gaic_desktop.importer import INTERPRETED, UNREADABLE, import_text
from tests.importer.printed import huaian

pytestmark = pytest.mark.shared


def test_a_reworded_table_two_row_is_read_as_the_row_it_names_and_the_note_says_which():
    """「行政许可事项」 for 「行政许可」: read into 行政许可 (447228 as printed), and the note and
    the deviation name 行政许可 — not another row of the table."""
    res = import_text(huaian(replace={"行政许可\t": "行政许可事项\t447228"}))
    rep = res.report
    assert rep.value("t2.licensing.decisions") == 447228
    notes = [i for i in res.by_kind(INTERPRETED) if i.message.startswith("表二行标签“行政许可事项”")]
    assert [i.message for i in notes] == ["表二行标签“行政许可事项”按“行政许可”读取"]
    assert notes[0].cells == ("t2.licensing.decisions",)
    assert "表二行标签“行政许可”印为“行政许可事项”" in rep.import_deviations
