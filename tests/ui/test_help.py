"""帮助 → 使用说明 (F1): an offline guide that covers every rule and opens at the current tab."""

from __future__ import annotations

import json
import re

from PySide6.QtCore import Qt, QUrl

from gaic_desktop.core.formats import format_ids, get_format, resources_dir
from gaic_desktop.ui import help as guide
from gaic_desktop.ui import table_model


def every_rule_id() -> set[str]:
    return {rule.id for fid in format_ids() for rule in get_format(fid).rules}


def test_every_rule_of_both_formats_is_explained():
    assert set(format_ids()) >= {"2019", "2021"}
    ids = every_rule_id()
    helps = guide.rule_help()
    missing = ids - set(helps)
    assert not missing, f"帮助中缺少这些规则的说明（resources/help/rules.json）：{sorted(missing)}"
    assert not set(helps) - ids, "rules.json names rules no format has"
    for rule_id in ids:
        assert len(helps[rule_id].get("checks", "")) >= 10 and len(helps[rule_id].get("resolve", "")) >= 6, rule_id
    text = guide.guide_html()
    for rule_id in ids:
        assert f'name="{guide.rule_anchor(rule_id)}"' in text, rule_id
        assert f"<b>{rule_id}</b>" in text.replace("&#x27;", "'"), rule_id
    # the message a user sees is quoted, with placeholders in words
    assert "「〈列名〉」列：第一项加第二项之和" in text
    assert not re.search(r"\{\w+\}", text) and "<!--@" not in text  # everything filled in


def test_rules_only_in_one_format_are_marked():
    text = guide.guide_html()
    t36 = text[text.index(guide.rule_anchor("T3-6")):]
    assert "仅2021年格式" in t36[:300]
    t22 = text[text.index(guide.rule_anchor("T2'-2")):]
    assert "仅2019年格式" in t22[:300]


def test_colours_are_the_tables_own():
    data = json.loads((resources_dir() / "help" / "colors.json").read_text(encoding="utf-8"))["colors"]
    text = guide.guide_html()
    for c in data:
        for key in ("background", "foreground"):
            colour = getattr(table_model, c[key], None)
            assert colour is not None, f"table_model has no {c[key]}"
            assert colour.name() in text
        assert c["meaning"] in text
    for name in ("ERROR_BG", "WARNING_BG", "AUTO_BG"):  # the states a cell can be in
        assert name in {c["background"] for c in data}


def test_guide_covers_the_workflow_totals_explanations_and_files(make_window, seed_path):
    from gaic_desktop.core import load
    from gaic_desktop.ui.recovery import recovery_dir

    window = make_window(load(seed_path), seed_path)
    text = guide.guide_html(window)
    titles = [t for _, t in guide.chapters(text)]
    assert titles[0].startswith("一、工作流程") and any("说明" in t for t in titles)
    for words in ("新建", "导出PDF", "打印", "合计自动计算", "照印刷录入", ".bak", "数据指纹"):
        assert words in text, words
    assert str(recovery_dir()) in text
    assert str(seed_path.resolve()) + ".bak" in text  # this file's backup, by name
    # the kinds of reason a 说明 needs come from the explanation rules
    from gaic_desktop.core.rules import explanation_reasons
    example = text.split("<p>例如：", 1)[1].split("</p>", 1)[0]
    assert explanation_reasons(example.replace("&quot;", "")), example
    assert "http" not in text and "<img" not in text  # nothing to fetch


def test_help_menu_has_the_guide_first_and_about(window):
    items = [a for a in window.help_menu.actions() if not a.isSeparator()]
    assert items[0] is window.actions["help"] and items[0].text().startswith("使用说明")
    assert window.actions["help"].shortcut().toString() == "F1"
    assert any(a.text().startswith("关于") for a in items)


EXPECTED_ANCHORS = {"基本信息": "basic", "一、": "text", "二、": "rules-t2", "三、": "rules-t3",
                    "四、": "rules-t4", "五、": "text", "六、": "text"}


def test_f1_opens_the_part_for_the_current_tab(qtbot, window):
    positions = {}
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        name = window.tabs.tabText(i)
        expected = next(v for k, v in EXPECTED_ANCHORS.items() if name.startswith(k))
        window.activateWindow()  # back from the guide to the window, as the user does
        qtbot.waitUntil(window.isActiveWindow)
        window.tabs.currentWidget().setFocus()
        qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F1)
        dlg = window._help_dialog
        assert dlg.isVisible() and dlg.current_anchor == expected, name
        qtbot.wait(10)  # the second scroll, once laid out
        positions[expected] = dlg.browser.verticalScrollBar().value()
        chapter = dlg.contents.currentItem().data(Qt.ItemDataRole.UserRole)
        assert chapter == ("rules" if expected.startswith("rules") else expected)
    # each part is somewhere else in the guide, in the guide's order
    assert 0 < positions["basic"] < positions["text"] < positions["rules-t2"] < positions["rules-t3"] \
        < positions["rules-t4"]
    assert len({id(window._help_dialog)}) == 1


def test_links_inside_the_guide_scroll_and_nothing_is_opened(qtbot, window):
    dlg = guide.show_help(window, "workflow")
    qtbot.wait(10)
    top = dlg.browser.verticalScrollBar().value()
    assert not dlg.browser.openLinks() and not dlg.browser.openExternalLinks()
    dlg.browser.anchorClicked.emit(QUrl("#explanations"))
    qtbot.wait(10)
    assert dlg.current_anchor == "explanations" and dlg.browser.verticalScrollBar().value() > top
    dlg.browser.anchorClicked.emit(QUrl("http://example.com/"))  # ignored
    assert dlg.current_anchor == "explanations"
    dlg.close()


def test_the_guide_follows_the_open_file(qtbot, window, tmp_path):
    dlg = guide.show_help(window, "files")
    assert window.current_path and str(tmp_path / "elsewhere.gaic.json") not in dlg.browser.toPlainText()
    assert window._save_to(str(tmp_path / "elsewhere.gaic.json"))
    assert guide.show_help(window, "files") is dlg
    assert str(tmp_path / "elsewhere.gaic.json.bak") in dlg.browser.toPlainText()
