"""What the second pass (importer/build.py) makes of a whole report: the year, the organisation,
the 落款 and the Hubei variant. Each test changes a line of a printed report (huaian-2024, or the
hanyang-2020 seed of the Hubei form); the expected texts are typed from those reports."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gaic_desktop.importer import INFO, INTERPRETED, ImportFailed, import_text
from tests.conftest import SHARED
from tests.importer.printed import HUAIAN, huaian

pytestmark = pytest.mark.shared

HANYANG = SHARED / "seed" / "hanyang-2020-report.txt"


def test_a_title_without_its_year_takes_the_year_from_the_text_and_says_so():
    """「政府信息公开工作年度报告」 under 「淮安市人民政府」: the year 2024 is read from the opening
    text, and the note says it came from the text (正文), not from the title."""
    res = import_text(huaian(replace={"2024 年政府信息公开工作年度报告": "政府信息公开工作年度报告"}))
    assert (res.report.year, res.report.organisation) == (2024, "淮安市人民政府")
    assert [i.message for i in res.by_kind(INFO) if i.message.startswith("报告年度")] == ["报告年度：2024年（据正文识别）"]


def test_the_year_in_the_title_is_said_to_come_from_the_title():
    res = import_text(huaian())
    assert res.report.year == 2024
    assert [i.message for i in res.by_kind(INFO) if i.message.startswith("报告年度")] == ["报告年度：2024年（据标题识别）"]


def test_a_signoff_printed_on_one_line_gives_the_organisation_and_the_date():
    """「淮安市人民政府办公室　2025年1月20日」 as the last line: the 落款 is that office and
    20 January 2025, and the line leaves the text of 六 (the paragraphs before it stay)."""
    res = import_text(huaian(after={"2024 年，市政府严格落实": ["本报告电子版可在淮安市人民政府门户网站下载。",
                                                           "淮安市人民政府办公室　2025年1月20日"]}))
    rep = res.report
    assert (rep.signoff.organisation, rep.signoff.date) == ("淮安市人民政府办公室", dt.date(2025, 1, 20))
    assert rep.sections["s6"] == ["2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。",
                                  "本报告电子版可在淮安市人民政府门户网站下载。"]
    assert [i.message for i in res.by_kind(INTERPRETED) if "落款" in i.message] == \
        ["正文末尾的“淮安市人民政府办公室\u30002025-01-20”按落款读取，请核对"]


def test_a_signoff_line_of_forty_characters_is_still_split_into_organisation_and_date():
    org = "江苏省淮安市清江浦区人民政府办公室政务公开与信息化服务中心"  # 29 characters
    res = import_text(huaian(after={"2024 年，市政府严格落实": [org + "　2025年1月20日"]}))
    rep = res.report
    assert (rep.signoff.organisation, rep.signoff.date) == (org, dt.date(2025, 1, 20))
    assert len(rep.sections["s6"]) == 1


def test_a_last_line_ending_in_a_date_but_naming_no_body_stays_text():
    """「会议于2025年1月20日」: no organisation before the date, so no 落款 is taken."""
    res = import_text(huaian(after={"2024 年，市政府严格落实": ["全年工作总结于2025年1月20日"]}))
    rep = res.report
    assert (rep.signoff.organisation, rep.signoff.date) == ("", None)
    assert rep.sections["s6"][-1] == "全年工作总结于2025年1月20日"


def _hanyang_without_glosses() -> list[str]:
    """The Hubei seed with the 「（指 2019 年事项数）」 glosses of its column headers removed."""
    lines = [re.sub(r"（指[^）]*）", "", x) for x in HANYANG.read_text(encoding="utf-8").split("\n")]
    assert not any("（指" in x for x in lines)
    return lines


def test_a_hubei_report_without_its_glosses_is_told_by_its_extra_row():
    """The 其他主动公开文件 row of 表二 is enough to tell the Hubei form."""
    res = import_text("\n".join(_hanyang_without_glosses()))
    assert res.report.variant == "hubei"
    assert "识别为湖北省地方格式（含“其他主动公开文件”行及栏目说明）" in [i.message for i in res.by_kind(INFO)]


def test_a_table_two_of_the_2021_form_in_a_2020_report_is_reported():
    """huaian's 2021-form 表二 under the year 2020 (which uses the 2019 form): imported as the
    2019 form, and the user is told the table belongs to the other one."""
    res = import_text(huaian().replace("2024", "2020"))
    assert (res.report.year, res.report.format) == (2020, "2019")
    told = [i.message for i in res.by_kind(INTERPRETED) if i.message.startswith("表二的栏目属于")]
    assert told == ["表二的栏目属于国办公开办函〔2021〕30号格式，但2020年度报告应使用国办公开办函〔2019〕60号格式；"
                    "已按国办公开办函〔2019〕60号格式导入，无法对应的单元格未填"]
    assert "2020年度报告使用了国办公开办函〔2021〕30号格式的表二" in res.report.import_deviations


def test_the_year_is_found_in_the_second_paragraph_of_section_one():
    """No year in the title, the preface or the first paragraph of 一: 「（一）主动公开情况。2024年…」
    (the second) gives 2024."""
    res = import_text(huaian(replace={"2024 年政府信息公开工作年度报告": "政府信息公开工作年度报告",
                                      "本报告由": "本报告由淮安市人民政府办公室编制。",
                                      "2024 年，我市坚持": "我市坚持以人民为中心。"}))
    assert res.report.year == 2024
    assert "报告年度：2024年（据正文识别）" in [i.message for i in res.by_kind(INFO)]


def test_a_pasted_table_three_of_five_rows_is_imported():
    """The title, the heading 三 and table 三 down to its first 不予公开 row (five rows, one
    heading): enough to be a report; the figures are those printed."""
    lines = HUAIAN.read_text(encoding="utf-8").split("\n")
    i = next(k for k, x in enumerate(lines) if x.startswith("三、收到和处理政府信息公开申请情况"))
    rows = [x for x in lines[i + 4:] if "\t" in x][:5]
    assert rows[0].startswith("一、本年新收") and rows[4].endswith("1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2")
    rep = import_text("\n".join(lines[3:5] + lines[i:i + 4] + rows)).report
    got = {c: [rep.value(f"t3.{c}.{k}") for k in ("natural", "business", "legal_service", "other", "total")]
           for c in ("new", "carried_in", "r_open", "r_partial", "d1")}
    assert got == {"new": [3001, 53, 61, 4, 3119], "carried_in": [34, 0, 0, 0, 34], "r_open": [1288, 21, 50, 3, 1362],
                   "r_partial": [447, 7, 0, 0, 454], "d1": [2, 0, 0, 0, 2]}


def test_a_pasted_table_three_of_four_rows_is_not_taken_for_a_report():
    lines = HUAIAN.read_text(encoding="utf-8").split("\n")
    i = next(k for k, x in enumerate(lines) if x.startswith("三、收到和处理政府信息公开申请情况"))
    rows = [x for x in lines[i + 4:] if "\t" in x][:4]
    with pytest.raises(ImportFailed) as exc:
        import_text("\n".join(lines[3:5] + lines[i:i + 4] + rows))
    assert str(exc.value).startswith("未能识别为政府信息公开工作年度报告")


def test_a_report_without_any_year_asks_for_the_year():
    """No 「20XX年」 anywhere: refused with a message asking for the year, marked so that the
    import dialog asks for it; given the year, the same text imports."""
    text = huaian().replace("2024", "本")
    with pytest.raises(ImportFailed) as exc:
        import_text(text)
    assert str(exc.value) == "没有找到报告年度：标题和正文开头都没有“20XX年”。请在导入时指定年度。"
    assert exc.value.needs_year is True
    assert import_text(text, year=2024).report.year == 2024


def test_a_one_line_title_without_a_year_names_its_organisation():
    """「淮安市人民政府政府信息公开工作年度报告」 on one line, no year: the organisation is read from
    the start of the title as with a year (not the whole line), and told as read from the title."""
    res = import_text(huaian(replace={"淮安市人民政府": "",
                                      "2024 年政府信息公开工作年度报告": "淮安市人民政府政府信息公开工作年度报告"}))
    assert (res.report.year, res.report.organisation) == (2024, "淮安市人民政府")
    assert "机关名称按标题推断为“淮安市人民政府”，请核对全称" in [i.message for i in res.by_kind(INTERPRETED)]


def test_a_last_sentence_naming_an_office_is_not_taken_for_the_signoff():
    """「详情请咨询市政务服务管理办公室。」 ends in 办公室 but is a sentence (。): it stays text."""
    res = import_text(huaian(after={"2024 年，市政府严格落实": ["详情请咨询市政务服务管理办公室。"]}))
    assert res.report.signoff.organisation == ""
    assert res.report.sections["s6"][-1] == "详情请咨询市政务服务管理办公室。"


def test_a_2019_table_two_without_its_header_lines_is_told_by_its_rows():
    """The Hubei seed (2019 form) under the year 2021 with the 「信息内容…」 header lines of 表二
    left out: its 政府集中采购 row still tells the 2019 form, and the user is told."""
    text = HANYANG.read_text(encoding="utf-8").replace("2020", "2021")
    res = import_text("\n".join(x for x in text.split("\n") if not x.startswith("信息内容\t")))
    assert res.report.format == "2021"
    told = [i.message for i in res.by_kind(INTERPRETED) if i.message.startswith("表二的栏目属于")]
    assert told == ["表二的栏目属于国办公开办函〔2019〕60号格式，但2021年度报告应使用国办公开办函〔2021〕30号格式；"
                    "已按国办公开办函〔2021〕30号格式导入，无法对应的单元格未填"]
    assert "2021年度报告使用了国办公开办函〔2019〕60号格式的表二" in res.report.import_deviations


def test_a_title_broken_over_three_lines_keeps_all_three_and_the_organisation():
    """「淮安市人民政府办公室」 / 「2024 年政府信息公开工作」 / 「年度报告」 (a title broken before
    its end, as a PDF prints it): the whole title, the organisation and the year from the title;
    no title line is listed as unrelated text."""
    res = import_text(huaian(replace={"淮安市人民政府": "淮安市人民政府办公室",
                                      "2024 年政府信息公开工作年度报告": "2024 年政府信息公开工作"},
                             after={"2024 年政府信息公开工作": ["年度报告"]}))
    rep = res.report
    assert (rep.title, rep.organisation, rep.year) == ("淮安市人民政府办公室2024年政府信息公开工作年度报告", "淮安市人民政府办公室", 2024)
    assert "报告年度：2024年（据标题识别）" in [i.message for i in res.by_kind(INFO)]
    assert not [i for i in res.issues if "无关" in i.message or "机关名称" in i.message]


def test_a_menu_line_above_the_title_is_not_part_of_it():
    """A saved page's menu item 「政府信息公开」 right above the title stays out of it."""
    res = import_text(huaian(before={"淮安市人民政府": ["政府信息公开"]}))
    assert (res.report.title, res.report.organisation) == ("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府")


def test_a_table_at_the_end_of_section_six_naming_an_office_is_not_the_signoff():
    """A small table closing 六 whose last row is 「收取单位 | 淮安市人民政府办公室」: table cells
    are never the 落款; the table stays text of 六."""
    rows = ["收费项目\t信息处理费", "收费金额\t3940元", "收取单位\t淮安市人民政府办公室"]
    res = import_text(huaian(after={"2024 年，市政府严格落实": rows}))
    rep = res.report
    assert (rep.signoff.organisation, rep.signoff.date) == ("", None)
    assert rep.sections["s6"][-1] == "收费项目信息处理费收费金额3940元收取单位淮安市人民政府办公室"
