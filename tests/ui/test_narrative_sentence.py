"""A finding about the text (X-1) points to its sentence: clicking it selects and underlines the
sentence in the narrative editor, besides selecting the table's cells (issue 10, item 8)."""

from __future__ import annotations

from types import SimpleNamespace

from gaic_desktop.ui.sentence_locate import finding_sentence, quoted_clauses, sentence_around

from tests.ui.test_findings import click_item

SENTENCE = "2020年，全区办理信息公开申请224件，本年度新收申请221件，上年结转3件，区政府受理依申请公开101件，各街道、各部门共受理123件。"


def x1(window):
    return next(f for f in window.document.findings if f.rule_id == "X-1")


def test_clicking_a_narrative_finding_selects_its_sentence_and_its_cell(qtbot, window):
    window.document.set_cells({"t3.new.natural": 2040})  # the text says 221 received
    f = x1(window)
    panel = window.findings_panel
    click_item(qtbot, panel, window.document.findings.index(f))
    tab = window.section_tabs["s3"]
    assert window.tabs.currentWidget() is tab
    view = tab.tables["t3"]
    assert view.table_model.ref_at(view.currentIndex().row(), view.currentIndex().column()) == f.cells[0]
    ed = tab.narrative
    start, end = ed.finding_passage()
    assert ed.toPlainText()[start:end] == SENTENCE
    assert ed.textCursor().selectedText() == SENTENCE
    # the underline goes once the sentence is edited
    ed.textCursor().insertText("全区")
    assert ed.finding_passage() is None


def test_sentence_found_through_the_cores_normalisation(qtbot, window):
    """Traditional characters, full-width digits, spaces and a blank line typed on screen: the
    clause the core quotes (normalised) is still found in the editor's text."""
    tab = window.section_tabs["s5"]
    window.tabs.setCurrentWidget(tab)
    ed = tab.narrative
    typed = "\n首段。\n\n本年度新收申請 ２２１ 件，其中自然人申請1,000件。另一句。"
    ed.setPlainText(typed)  # stored as paragraphs; the editor keeps the blank line and spaces
    window.document.set_cells({"t3.new.natural": 5})
    f = next(f for f in window.document.findings if f.rule_id == "X-1" and f.section == "s5")
    window.go_to_finding(f)
    assert window.tabs.currentWidget() is tab  # the sentence's tab, not the table's
    start, end = ed.finding_passage()
    assert ed.toPlainText()[start:end] == "本年度新收申請 ２２１ 件，其中自然人申請1,000件。"


def test_preface_finding_opens_basic_info_at_the_sentence(qtbot, window):
    window.document.set_field("preface", ["本机关全年共收到政府信息公开申请999件。"], "编辑")
    f = next(f for f in window.document.findings if f.rule_id == "X-1" and f.section == "preface")
    window.go_to_finding(f)
    assert window.tabs.currentWidget() is window.basic_tab
    ed = window.basic_tab.preface
    start, end = ed.finding_passage()
    assert ed.toPlainText()[start:end] == "本机关全年共收到政府信息公开申请999件。"


def test_a_span_from_the_core_is_used_and_mapped_onto_the_editors_text():
    paras = ["首段。", "甲句。本年收到申请5件，办结4件。乙句"]
    joined = "\n".join(paras)
    s = joined.index("本年收到申请5件")
    f = SimpleNamespace(message="正文“不在文中的引文”与表三不一致", span=(s, s + 8))
    assert finding_sentence(joined, paras, f) == (joined.index("本年"), joined.index("乙句"))
    shown = "\n  首段。\n\n" + paras[1]  # blank lines and spaces kept on screen, not stored
    a, b = finding_sentence(shown, paras, f)
    assert shown[a:b] == "本年收到申请5件，办结4件。"
    # a span that does not fit the text falls back to the quote
    f = SimpleNamespace(message="正文“办结4件”与表三不一致", span=(900, 990))
    a, b = finding_sentence(shown, paras, f)
    assert shown[a:b] == "本年收到申请5件，办结4件。"
    assert finding_sentence(shown, paras, SimpleNamespace(message="正文“别的”", span=None)) is None


def test_quoted_clause_and_sentence_edges():
    assert quoted_clauses("正文“称“均获维持”的复议”称均获维持，但…") == ["称“均获维持”的复议", "称“均获维持"]
    assert quoted_clauses("表三尚未填写") == []
    assert quoted_clauses("正文“" + "字" * 200 + "…”与表三") == ["字" * 200 + "…", "字" * 200]
    text = "第一句。第二句没有句号\n第三句！"
    assert sentence_around(text, text.index("二"), text.index("二") + 1) == (4, text.index("\n"))
    assert sentence_around(text, text.index("三"), text.index("三") + 1) == (text.index("第三"), len(text))


def test_another_finding_clears_the_sentence_shown_before(qtbot, window):
    window.document.set_cells({"t3.new.natural": 2040})
    window.go_to_finding(x1(window))
    ed = window.section_tabs["s3"].narrative
    assert ed.finding_passage() is not None
    window.go_to_finding(next(f for f in window.document.findings if f.rule_id == "X-6"))
    assert ed.finding_passage() is None and not ed.textCursor().hasSelection()
