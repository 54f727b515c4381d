"""The findings panel lists the text lint's slips (X-8) per part as one entry 「标点符号不规范 N 处」
that opens to each slip (reached, 修正, 全部修正…), and every entry is as high as its text."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle

from gaic_desktop.core import load
from gaic_desktop.ui.findings import INDENT, SlipGroup, counts_text


def click(qtbot, panel, row):
    lst = panel.list
    lst.scrollToItem(lst.item(row))
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(lst.item(row)).center())


def texts(panel):
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def row_of(panel, words):
    return next(i for i, t in enumerate(texts(panel)) if words in t)


def test_the_seeds_slips_are_one_entry_per_part(qtbot, window):
    panel = window.findings_panel
    assert texts(panel) == ["【警告】落款日期尚未填写",
                            "▸【警告】正文“一、总体情况”：标点符号不规范 6 处（点击展开）",
                            "▸【警告】正文“二、主动公开政府信息情况”：标点符号不规范 30 处（点击展开）"]
    # the counts still name every warning
    assert counts_text(window.document.findings) == "错误 0 处　警告 37 处" and len(panel.findings()) == 37


def test_an_entry_opens_to_its_slips_which_are_reached_and_fixed(qtbot, window, dialogs):
    panel = window.findings_panel
    fix_button, all_button = window.lint_buttons
    click(qtbot, panel, 1)
    assert texts(panel)[1].startswith("▾") and "点击收起" in texts(panel)[1]
    slips = texts(panel)[2:8]
    assert len(slips) == 6 and all("序号" in t and "后的空格应删去" in t for t in slips)
    assert texts(panel)[8].startswith("▸【警告】正文“二、")
    # the entry itself: 全部修正… for its part (修正 needs one slip)
    assert isinstance(panel.list.currentItem().data(Qt.ItemDataRole.UserRole), SlipGroup)
    assert all_button.isEnabled() and not fix_button.isEnabled() and not panel.ack_button.isEnabled()
    all_button.click()
    assert dialogs.calls[-1][1] == "全部修正" and "将修改以下 6 处" in dialogs.calls[-1][2]
    # a slip: clicked, its text is selected in its editor; 修正 changes it
    activated = []
    panel.findingActivated.connect(activated.append)
    click(qtbot, panel, 3)
    f = activated[-1]
    assert f.rule_id == "X-8" and f.fix.field == "sections.s1" and panel.current_finding() is f
    qtbot.waitUntil(lambda: window.section_tabs["s1"].narrative.textCursor().selectedText() == f.fix.found)
    assert fix_button.isEnabled()
    fix_button.click()
    assert "标点符号不规范 5 处" in texts(panel)[1]
    # closed again by a click; its count follows the text while closed
    click(qtbot, panel, 1)
    assert texts(panel)[1].startswith("▸") and len(texts(panel)) == 3
    paras = list(window.report.sections["s1"])
    window.document.set_field("sections.s1", [p.replace("1. ", "1.") for p in paras], "改")
    assert "标点符号不规范 3 处" in texts(panel)[1]


def test_one_slip_in_a_part_is_listed_by_itself(qtbot, window):
    window.document.set_field("sections.s1", ["本机关坚持公开为常态,不公开为例外。"], "改")
    panel = window.findings_panel
    (row,) = [t for t in texts(panel) if "一、总体情况" in t]
    assert row.startswith("【警告】一、总体情况第1段") and "半角逗号" in row


def test_every_entry_is_as_high_as_its_wrapped_text(qtbot, make_window, seed_path):
    """No blank line under some entries and no cut-off end on others (the list leaves no uneven
    gaps): a report opened with a long list, its slips' groups opened, the dock resized."""
    report = load(seed_path)
    refs = [r for r in report.cells() if r.startswith("t3.") and not r.endswith("total")][:40:3]
    for ref in refs:  # blank cells: sums off, and the narrative's figures no longer those of the table
        t, row, col = ref.split(".")
        report.tables[t][row][col] = None
    window = make_window(report, seed_path)
    panel = window.findings_panel
    lst = panel.list
    assert sum(1 for f in window.document.findings if f.rule_id == "X-1") >= 5
    qtbot.wait(50)  # (a delayed layout after the scroll bar came)
    assert lst.verticalScrollBar().isVisible()
    check_heights(lst)
    panel.set_group_open("sections.s1", True)
    panel.set_group_open("sections.s2", True)
    qtbot.wait(50)
    check_heights(lst)
    for width in (300, 460):
        window.resizeDocks([window.findings_dock], [width], Qt.Orientation.Horizontal)
        qtbot.wait(50)
        check_heights(lst)


def check_heights(lst):
    fm = QFontMetrics(lst.font())
    margin = lst.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, lst) + 1
    heights = {}
    # every entry as wide as the list (the default size made some a few pixels wider than the
    # list, and those were drawn with their last line cut off and a blank line under them)
    assert {lst.visualItemRect(lst.item(i)).width() for i in range(lst.count())} == \
        {lst.viewport().width() - 2 * lst.spacing()}
    for i in range(lst.count()):
        item = lst.item(i)
        rect = lst.visualItemRect(item)
        indent = INDENT if item.data(Qt.ItemDataRole.UserRole + 1) == "slip" else 0
        width = rect.width() - indent - 2 * margin
        need = fm.boundingRect(QRect(0, 0, width, 10 ** 6), Qt.TextFlag.TextWordWrap, item.text()).height()
        assert need <= rect.height() < need + fm.lineSpacing(), (i, item.text(), rect, need)
        heights.setdefault(need, set()).add(rect.height())
    assert all(len(h) == 1 for h in heights.values()), heights  # the same text height, the same gap


def test_the_summary_counts_an_explanation_undone_inside_a_closed_group(qtbot, window):
    """The closed group's entry is the same before and after (not all of its slips are explained
    either way), but the summary counts the explained ones: it said 「已说明 1 处」 after the undo."""
    from gaic_desktop.core.rules import explanation_rules

    panel, doc = window.findings_panel, window.document
    slip = next(f for f in doc.findings if f.fix and f.fix.field == "sections.s1")
    panel.set_group_open("sections.s1", True)
    text = explanation_rules().example("X-8") or "此处为引用的英文原文标题，按原文保留半角标点，不属于书写错误。"
    assert panel.acknowledge(slip, text)
    panel.set_group_open("sections.s1", False)
    assert "已说明 1 处" in panel.summary.text()
    doc.undo_stack.undo()
    assert panel.summary.text() == f"{counts_text(doc.findings)}。点击一条可跳到相应单元格。"
    assert "已说明" not in panel.summary.text()
