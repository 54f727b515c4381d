"""Rules as the user meets them in the less common cases: the Hubei form's extra 表二 row, and
an explanation too long to store."""

from __future__ import annotations

import pytest

from gaic_desktop.core import evaluate, load
from gaic_desktop.core.rules import ExplanationError, validate_explanation

from ..conftest import SAMPLES


def test_a_blank_cell_of_the_hubei_row_is_flagged_like_any_other():
    report = load(SAMPLES / "hanyang-2020.gaic.json")  # 湖北省地方格式: 「其他主动公开文件」 row
    assert report.variant == "hubei"
    report.set_cell("t2.other_docs.made", None)
    got = [(f.rule_id, f.severity, f.cells, f.message) for f in evaluate(report) if f.rule_id != "X-6"]
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
