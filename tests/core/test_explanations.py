"""说明 (explanations of warnings): a reason specific to the warning is accepted, an assertion
that the figures are right is refused. The examples are written as officers write them."""

import pytest

from gaic_desktop.core.rules import (ExplanationError, explanation_reasons, explanation_rules,
                                     validate_explanation)

ACCEPTED = [
    # a cause
    "因机构改革，原区农业局的行政许可事项于2024年3月划转至本机关，故与上年数字不一致。",
    "由于2023年12月受理的2件申请在2024年1月补正后办结，按上年结转统计。",
    "系申请人重复提交同一申请，合并办理后只计一件。",
    "属于跨年度办理的行政复议案件，上年已计入受理数，本年只计结果。",
    "本年度未收到法人或其他组织提出的政府信息公开申请，该栏如实填零。",
    "该栏目本年度确无数据，经与业务科室逐项核对后确认留空。",
    "两件行政诉讼由上级机关作为被告应诉，本机关为第三人，不计入本表。",
    "科研机构的申请数在原始台账中缺失，已向上级报备",
    "正文所述为信函申请，表三为全部渠道合计，统计口径不同。",
    "上年年报“结转下年度继续办理”误填为五件，实为三件，本年按实际数结转。",
    # a document
    "依据《某市行政规范性文件管理办法》清理后废止的文件计入本年度废止件数。",
    "按区政府办〔2024〕12号通知要求，行政处罚数据由区司法局统一报送，本机关不重复统计。",
    "本年度无收费事项，信息处理费已按国办函〔2020〕109号停止收取。",
    # a number or a date
    "受理的申请中有4件为同一申请人重复提交，合并办理后按1件统计。",
    "年报正文所述数字为截至2024年11月30日的统计，表格为全年数据。",
    "2024年6月起政务服务事项划归区行政审批局，本机关不再实施行政许可。",
    "该段回顾2019年度报告所列问题的整改情况，年份无误。",
    "核实无误，科研机构的申请数在原始台账中缺失",
    "其中３件申请在年底前撤回，未作答复。",  # full-width digits
]

REFUSED = [
    "核实无误",
    "经核实，以上数据准确无误，没有问题。",
    "经核查，数据真实准确。",
    "数据已反复核对，确认无误。",
    "本表数据均经认真核实，准确可靠。",
    "已与业务科室核对，数据一致，无需修改。",
    "情况属实，特此说明。",
    "以上数据为实际数据，请予认可。",
    "数据来源可靠，统计无误。",
    "经单位领导审核同意，数据正确。",
    "按实际情况如实填写。",
    "该数据无误，不存在问题。",
    "已知悉，确认无误，特此说明。",
    "数据没有错误，是正确的。",
    "本单位严格按照要求填报，数据真实有效。",
    "属正常波动，数据准确无误。",
    "经核实，2024年数据准确无误。",
    "同上",
    "正确",
    "  ",
    "已确认无误无误",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_a_specific_reason_is_accepted(text):
    assert explanation_reasons(text), text
    assert validate_explanation("  " + text + "\n") == text


@pytest.mark.parametrize("text", REFUSED)
def test_an_assertion_of_correctness_is_refused(text):
    with pytest.raises(ExplanationError) as exc:
        validate_explanation(text)
    message = str(exc.value)
    # the refusal says what a good explanation contains, with an example
    assert message.startswith("说明过于简单")
    assert "原因" in message and "文件" in message and "日期" in message and "例如" in message
    # ... and the example it gives is itself accepted
    example = message.split("例如：", 1)[1].strip("“”。") + "。"
    assert explanation_reasons(example)


def test_the_kinds_of_reason_are_named():
    assert explanation_reasons("因2023年12月受理的2件申请补正后办结，见《台账》。") == ["原因", "文件", "数字"]
    assert explanation_reasons("年底前撤回三件，另有上半年结转的两件") == ["原因", "数字", "日期"]


def test_the_rules_are_data_loaded_once():
    rules = explanation_rules()
    assert rules is explanation_rules()
    assert {kind for kind, _ in rules.reasons} == {"原因", "文件", "数字", "日期"}
    assert rules.assertions.fullmatch("核实无误")


def test_the_dialogs_examples_are_accepted_and_name_real_warning_rules():
    """The 添加说明 dialog shows an example per warning rule (data): each must itself pass, and
    name a warning rule of a format (a typo in the data would never be shown)."""
    from gaic_desktop.core.formats import get_format

    rules = explanation_rules()
    assert rules.hint and rules.example("*")
    warnings = {r.id for f in ("2019", "2021") for r in get_format(f).rules if r.severity == "warning"}
    for rule_id, text in rules.examples:
        assert rule_id == "*" or rule_id in warnings, rule_id
        assert validate_explanation(text) == text
    assert rules.example("T3-5") != rules.example("*")
    assert rules.example("no-such-rule") == rules.example("*")


def test_an_explanation_of_exactly_the_minimum_length_counts():
    """explanations.json min_chars is 8: eight characters with a reason or a figure are enough."""
    assert explanation_reasons("因系统故障少报件") == ["原因"]  # 8 characters
    assert explanation_reasons("系统故障少报3件") == ["数字"]
    assert explanation_reasons("因故障少报3件") == []  # 7
