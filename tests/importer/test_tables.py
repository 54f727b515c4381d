"""Where the figures of tables 二 and 四 land when the printed table is not the form's
(importer/tables.py), and what the user is told. Each test changes one line of the printed
huaian-2024 report; the expected figures are typed from that report."""

from __future__ import annotations

import pytest

from gaic_desktop.importer import INTERPRETED, UNREADABLE, import_text
from tests.conftest import SHARED
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


def test_table_four_with_corrected_before_upheld_is_read_by_label_and_the_order_is_reported():
    """表四 printing 结果纠正 before 结果维持 in each group: each figure lands under its label
    (huaian: 行政复议 72 upheld / 64 corrected, …) and the different order is told and recorded."""
    five = "结果纠正\t结果维持\t其他结果\t尚未审结\t总计"
    res = import_text(huaian(replace={"结果维持\t": "\t".join([five] * 3),
                                      "72\t64": "64\t72\t178\t37\t351\t4\t13\t8\t1\t26\t1\t12\t1\t6\t20"}))
    rep = res.report
    got = {c: rep.value(f"t4.cases.{c}") for c in ("rv_keep", "rv_fix", "rv_total", "ld_keep", "ld_fix", "lr_keep", "lr_fix")}
    assert got == {"rv_keep": 72, "rv_fix": 64, "rv_total": 351, "ld_keep": 13, "ld_fix": 4, "lr_keep": 12, "lr_fix": 1}
    told = [i for i in res.by_kind(INTERPRETED) if i.message.startswith("表四的栏目顺序与本格式不同")]
    order = "、".join(f"{g}·{o}" for g in ("行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉")
                     for o in ("结果纠正", "结果维持", "其他结果", "尚未审结", "总计"))
    assert [i.message for i in told] == ["表四的栏目顺序与本格式不同，已按栏目名称读取：" + order]
    assert any(d.startswith("表四的栏目顺序为") for d in rep.import_deviations)


def test_a_purchase_row_of_the_2019_form_printed_with_one_figure_keeps_the_amount_blank():
    """汉阳 2020 (the seed, 2019 form): 政府集中采购 has two columns; printed with the number of
    projects only (913), the amount stays blank and is named — no figure is called extra."""
    seed = (SHARED / "seed" / "hanyang-2020-report.txt").read_text(encoding="utf-8")
    lines = ["政府集中采购\t913" if x.startswith("政府集中采购\t") else x for x in seed.split("\n")]
    res = import_text("\n".join(lines))
    rep = res.report
    assert (rep.value("t2.procurement.count"), rep.value("t2.procurement.amount")) == (913, None)
    said = [i.message for i in res.issues if "政府集中采购" in i.message and "t2.procurement.amount" in i.cells]
    assert said == ["「政府集中采购」的「采购总金额」原文为空白，保持空白"]
    assert not [i for i in res.issues if "多于栏目" in i.message]


def test_a_table_two_row_named_by_a_two_character_label_and_more_is_that_row():
    """「规章制定情况」: starts with the two-character label 规章 — read as 规章 (1 / 0 / 11 as
    printed), with a note; a short label is matched by its beginning like a long one."""
    res = import_text(huaian(replace={"规章\t": "规章制定情况\t1\t0\t11"}))
    assert [res.report.value(f"t2.regulation.{c}") for c in ("made", "repealed", "effective")] == [1, 0, 11]
    assert [i.message for i in res.by_kind(INTERPRETED) if i.message.startswith("表二行标签")] == [
        "表二行标签“规章制定情况”按“规章”读取"]


def test_a_table_two_row_with_an_empty_cell_after_its_figures_reads_without_a_complaint():
    """「规章 1 0 11」 followed by an empty cell (a web table one column wider): the three
    figures in their columns, and no "more figures than columns" message."""
    res = import_text(huaian(replace={"规章\t": "规章\t1\t0\t11\t"}))
    assert [res.report.value(f"t2.regulation.{c}") for c in ("made", "repealed", "effective")] == [1, 0, 11]
    assert [i.message for i in res.issues if "「规章」" in i.message or "“规章”" in i.message] == []


def test_table_four_with_litigation_before_review_is_read_by_label():
    """表四 printing the two 行政诉讼 groups first and 行政复议 last: each figure lands under its
    group (行政复议 total 351, 未经复议直接起诉 total 26, 复议后起诉 total 20, as printed). Was read
    in the form's order: the group line with 行政诉讼 first was not taken for the header."""
    res = import_text(huaian(replace={"行政复议\t": "行政诉讼\t\t\t\t\t\t\t\t\t\t行政复议",
                                      "\t\t\t\t\t未经复议直接起诉": "未经复议直接起诉\t\t\t\t\t复议后起诉",
                                      "72\t64": "13\t4\t8\t1\t26\t12\t1\t1\t6\t20\t72\t64\t178\t37\t351"}))
    rep = res.report
    assert [rep.value(f"t4.cases.{c}") for c in ("rv_keep", "rv_total", "ld_keep", "ld_total", "lr_keep", "lr_total")] == \
        [72, 351, 13, 26, 12, 20]
    assert any(i.message.startswith("表四的栏目顺序与本格式不同") for i in res.by_kind(INTERPRETED))
    assert rep.sections.get("s4", []) == []  # the group line is the table's header, not text of 四


def test_table_four_with_an_extra_outcome_column_is_refused_not_guessed():
    """表四 header with 16 outcome columns (an extra 其他 after the last 总计) and 15 figures: which
    figure belongs where cannot be known — 表四 stays blank, and the user is told why."""
    outcomes = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
    res = import_text(huaian(replace={"结果维持\t": "\t".join([outcomes] * 3) + "\t其他"}))
    rep = res.report
    assert [ref for ref in rep.cells() if ref.startswith("t4.") and rep.value(ref) is not None] == []
    said = [i.message for i in res.by_kind(UNREADABLE) if i.cells and i.cells[0].startswith("t4.")]
    assert said == ["表四的栏目标题有16个结果栏（应为3组各5栏），无法按栏目名称对应，表四保持空白"]
