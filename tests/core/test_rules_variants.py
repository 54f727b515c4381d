"""Rules as the user meets them in the less common cases: the Hubei form's extra 表二 row, and
an explanation too long to store."""

from __future__ import annotations

import json

import pytest

from gaic_desktop.core import evaluate, load
from gaic_desktop.core.rules import ExplanationError, validate_explanation

from ..conftest import SAMPLES


def test_a_blank_cell_of_the_hubei_row_is_flagged_like_any_other():
    report = load(SAMPLES / "hanyang-2020.gaic.json")  # 湖北省地方格式: 「其他主动公开文件」 row
    assert report.variant == "hubei"
    report.set_cell("t2.other_docs.made", None)
    got = [(f.rule_id, f.severity, f.cells, f.message) for f in evaluate(report)
           if f.rule_id not in ("X-6", "X-8")]  # the sample's typing slips, half-width commas)
    assert got == [("T2-1b", "warning", ("t2.other_docs.made",),
                    "表二有 1 个单元格未填写（按0计算），例如「其他主动公开文件」的「本年新制作数量」；"
                    "无数据请填0，不适用请填“/”")]


def test_an_explanation_too_long_to_store_is_refused_with_its_length():
    reason = "因系统升级，数据在2024年3月1日重新统计。"  # 23 characters, a specific reason
    assert validate_explanation(reason) == reason
    with pytest.raises(ExplanationError) as exc:
        validate_explanation(reason * 200)
    assert str(exc.value) == "说明过长（4600 字，最多 2000 字）。"


def test_a_column_check_names_the_column_it_failed_in():
    """T3-1 checks each column of 表三; the message names that column, not the first one.
    sample-2021 商业企业: 新收 21, 上年结转 1, 办理结果总计 19, 结转下年 3 (21 + 1 = 19 + 3)."""
    report = load(SAMPLES / "sample-2021.gaic.json")
    report.set_cell("t3.new.business", 26)  # 21 → 26
    got = [(f.rule_id, f.key, f.message) for f in evaluate(report) if f.is_error]
    assert got == [
        ("T3-1", "T3-1:business", "「商业企业」列：第一项加第二项之和（27）应等于第三项加第四项之和（22），相差 5"),
        ("T3-1", "T3-1:total", "「总计」列：第一项加第二项之和（159）应等于第三项加第四项之和（154），相差 5"),
    ]


def test_errors_come_before_warnings():
    report = load(SAMPLES / "sample-2021.gaic.json")
    report.set_cell("t3.new.natural", 123)  # T3-1 in 自然人 and 总计; the narrative's 148 now differs
    assert [(f.rule_id, f.severity) for f in evaluate(report)] == [
        ("T3-1", "error"), ("T3-1", "error"), ("X-1", "warning")]


def test_a_calculated_total_beyond_the_largest_count_is_an_error():
    report = load(SAMPLES / "sample-2021.gaic.json")
    assert report.totals_mode == "auto"
    report.set_cell("t3.new.natural", 999_999_999)
    report.set_cell("t3.new.business", 999_999_999)  # + 科研 0, 公益 1, 法律服务 6, 其他 2 = 9
    v1 = [(f.cells, f.message) for f in evaluate(report) if f.rule_id == "V-1"]
    assert (("t3.new.total",), "「一、本年新收政府信息公开申请数量」的「总计」（自动计算的合计）为 2000000007，"
            "超出可填写的范围（最大 999999999），请核对各项数字。") in v1


def test_a_national_2019_report_is_not_asked_for_the_hubei_row(tmp_path):
    data = json.loads((SAMPLES / "hanyang-2020.gaic.json").read_text(encoding="utf-8"))
    data["variant"] = None
    del data["tables"]["t2"]["other_docs"]
    path = tmp_path / "national.gaic.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = load(path)
    assert report.variant is None
    # like the Hubei original: 落款日期 (and the text's typing slips, X-8) only
    assert [f.rule_id for f in evaluate(report) if f.rule_id != "X-8"] == ["X-6"]


def test_last_years_figures_of_the_same_form_are_compared_after_a_reload(tmp_path):
    """T3-5: this year's 上年结转 must be last year's 结转下年度. Both files are read from disk (the
    format names are then separate strings, equal but not identical)."""
    from gaic_desktop.core.report import new_report
    from gaic_desktop.core.storage import save

    last = load(SAMPLES / "sample-2021.gaic.json")
    report = new_report(last.year + 1, last.organisation, last_year=last)
    save(report, tmp_path / "next.gaic.json")
    again = load(tmp_path / "next.gaic.json")
    carried = last.value("t3.carried_out.natural")
    again.set_cell("t3.carried_in.natural", carried + 2)
    assert any(f.rule_id == "T3-5" and "t3.carried_in.natural" in f.cells for f in evaluate(again))


def test_checking_asserted_six_times_with_a_because_is_still_only_an_assertion():
    # every phrase only says the figures were checked (核实/核查/复核 … 过了); the longest
    # boilerplate phrase must be removed first, or 「过」 is left over and counted as content
    text = "核实过了，核查过了，复核过了，又核实过了，又核查过了，又复核过了，因"
    with pytest.raises(ExplanationError):
        validate_explanation(text)
