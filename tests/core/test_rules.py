"""Rules versus an independent reference implementation of the form's relations."""

import copy

import pytest
from hypothesis import given, settings, strategies as st

from gaic_desktop.core import evaluate, load, new_report, previous_from
from gaic_desktop.core.rules import (ExplanationError, acknowledge, cell_states, error_count,
                                     validate_explanation)
from gaic_desktop.core.values import num

from ..conftest import DATA, SAMPLES

SEED = load(SAMPLES / "hanyang-2020.gaic.json")
APPLICANTS = ["natural", "business", "research", "public_interest", "legal_service", "other"]
T3_COLS = APPLICANTS + ["total"]
T4_GROUPS = ["rv", "ld", "lr"]


def result_rows(fmt_id):
    if fmt_id == "2019":
        return ["r_open", "r_partial", *[f"d{i}" for i in range(1, 9)], "u1", "u2", "u3",
                *[f"n{i}" for i in range(1, 6)], "o"]
    return ["r_open", "r_partial", *[f"d{i}" for i in range(1, 9)], "u1", "u2", "u3",
            *[f"n{i}" for i in range(1, 6)], "o1", "o2", "o3"]


def reference_errors(report):
    """Expected error findings of tables 三 and 四, written straight from format-spec §1.6."""
    res = result_rows(report.format)
    rows = ["new", "carried_in", *res, "r_total", "carried_out"]
    printed = report.totals_mode == "printed"
    v = {}
    for r in rows:
        for c in T3_COLS:
            v[r, c] = num(report.stored(f"t3.{r}.{c}"))
    if not printed:  # the program calculates the totals
        for r in rows:
            if r != "r_total":
                v[r, "total"] = sum(v[r, c] for c in APPLICANTS)
        for c in APPLICANTS:
            v["r_total", c] = sum(v[r, c] for r in res)
        v["r_total", "total"] = sum(v["r_total", c] for c in APPLICANTS)
    expected = set()
    for c in T3_COLS:
        if v["new", c] + v["carried_in", c] != v["r_total", c] + v["carried_out", c]:
            expected.add(("T3-1", f"T3-1:{c}"))
        if printed and v["r_total", c] != sum(v[r, c] for r in res):
            expected.add(("T3-2", f"T3-2:{c}"))
        if v["new", c] + v["carried_in", c] == 0:
            for r in res + ["r_total", "carried_out"]:
                if v[r, c] != 0:
                    expected.add(("T3-7", f"T3-7:{c}:{r}"))
    if printed:
        for r in rows:
            if v[r, "total"] != sum(v[r, c] for c in APPLICANTS):
                expected.add(("T3-3", f"T3-3:{r}"))
        for g in T4_GROUPS:
            parts = sum(num(report.stored(f"t4.cases.{g}_{o}")) for o in ("keep", "fix", "other", "pending"))
            if num(report.stored(f"t4.cases.{g}_total")) != parts:
                expected.add(("T4-1", f"T4-1:cases:{g}_total"))
    return expected


def test_seed_has_no_findings_but_the_missing_signoff_date_and_its_typing_slips():
    # The published text carries no 落款 date; the sample does not invent one. Its text, typed as
    # published, has 22 half-width commas and 14 list numbers 「1. 」 with a space.
    found = [(f.rule_id, f.severity) for f in evaluate(SEED)]
    assert found[0] == ("X-6", "warning") and set(found[1:]) == {("X-8", "warning")}
    lint = [f.fix for f in evaluate(SEED) if f.rule_id == "X-8"]
    assert sorted((f.found.strip(), f.replacement) for f in lint) == [("", "")] * 14 + [(",", "，")] * 22


def _without_lint(findings):
    return [f for f in findings if f.rule_id != "X-8"]


def test_signoff_date_in_the_following_year():
    import datetime as dt

    report = copy.deepcopy(SEED)
    report.signoff.date = dt.date(2021, 1, 28)
    assert _without_lint(evaluate(report)) == []
    report.signoff.date = dt.date(2000, 1, 15)
    (f,) = _without_lint(evaluate(report))
    assert f.rule_id == "X-6" and f.message == "落款日期（2000年1月15日）不在报告年度的次年（2021年）"


@pytest.mark.parametrize("year", [2020, 2021, 2023, 2024])
def test_signoff_date_is_checked_against_the_following_year_for_odd_and_even_years(year):
    import datetime as dt

    report = copy.deepcopy(SEED)
    report.year = year
    report.signoff.date = dt.date(year + 1, 1, 28)
    assert [f for f in evaluate(report) if f.rule_id == "X-6"] == []
    report.signoff.date = dt.date(year, 12, 31)
    (f,) = [f for f in evaluate(report) if f.rule_id == "X-6"]
    assert f.message == f"落款日期（{year}年12月31日）不在报告年度的次年（{year + 1}年）"


def test_the_same_typing_slip_seen_in_the_same_words_gets_distinct_stable_keys():
    """X-8 keys carry the excerpt; three slips with the same excerpt are told apart by #2, #3 (a
    说明 given to one stays with it), the first keeps the plain key."""
    report = copy.deepcopy(SEED)
    report.sections["s6"] = ["无,无,无,无", "好。", "有,有"]
    found = [f for f in evaluate(report) if f.rule_id == "X-8" and f.section == "s6"]
    base = "X-8:sections.s6:0:无,无,无,无"
    assert [f.key for f in found] == [base, f"{base}#2", f"{base}#3", "X-8:sections.s6:2:有,有"]
    # paragraphs are counted from 1 in the message
    assert ["第1段" in f.message for f in found] == [True, True, True, False] and "第3段" in found[3].message


def test_a_negative_year_end_count_names_each_term_with_its_figure():
    report = copy.deepcopy(SEED)
    report.set_cell("t2.licensing.prev_items", 3)
    report.set_cell("t2.licensing.delta", -5)
    (f,) = [f for f in evaluate(report) if f.rule_id == "T2'-2"]
    assert f.message == "「行政许可」：上一年项目数量3＋本年增/减-5＝-2，年末项目数不能为负数"


def test_an_import_deviation_naming_a_table_points_at_that_tables_part():
    report = copy.deepcopy(SEED)
    report.import_deviations = ["表三缺少“其他”列", "正文缺少落款"]
    found = [f for f in evaluate(report) if f.rule_id == "X-7"]
    assert [f.section for f in found] == ["s3", None]


def _input_refs(report, tables=("t3", "t4")):
    return sorted(ref for ref in report.cells() if ref.split(".")[0] in tables)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), printed=st.booleans())
def test_changing_any_single_number_gives_exactly_the_predicted_findings(data, printed):
    report = copy.deepcopy(SEED)
    if printed:
        report.set_totals_mode("printed")
    refs = [r for r in _input_refs(report) if not report.is_auto(r)]
    ref = data.draw(st.sampled_from(refs))
    new = data.draw(st.integers(min_value=0, max_value=500))
    report.set_cell(ref, new)
    got = {(f.rule_id, f.key) for f in evaluate(report) if f.is_error}
    assert got == reference_errors(report)


def test_every_cell_of_tables_3_and_4_changed_by_one_is_caught():
    for printed in (False, True):
        for ref in _input_refs(SEED):
            report = copy.deepcopy(SEED)
            if printed:
                report.set_totals_mode("printed")
            if report.is_auto(ref):
                continue
            report.set_cell(ref, num(report.stored(ref)) + 1)
            expected = reference_errors(report)
            # A single change always breaks a relation, except table 四 in auto mode, where the
            # totals follow their terms.
            assert bool(expected) == (printed or ref.startswith("t3.")), ref
            assert {(f.rule_id, f.key) for f in evaluate(report) if f.is_error} == expected, ref


def test_message_shows_the_actual_numbers():
    report = copy.deepcopy(SEED)
    report.set_cell("t3.carried_out.natural", 1)
    (f,) = [f for f in evaluate(report) if f.key == "T3-1:total"]
    assert f.message == "「总计」列：第一项加第二项之和（224）应等于第三项加第四项之和（225），相差 1"
    assert set(f.cells) == {"t3.new.total", "t3.carried_in.total", "t3.r_total.total", "t3.carried_out.total"}
    states = cell_states(evaluate(report))
    assert states["t3.carried_out.natural"] == "error"


def test_overrides_evaluate_a_value_being_typed_without_storing_it():
    report = copy.deepcopy(SEED)
    findings = evaluate(report, overrides={"t3.new.natural": 205})
    # X-1 (a warning) also notices that the narrative still says 新收申请221件.
    assert {f.key for f in findings if f.is_error} == {"T3-1:natural", "T3-1:total"}
    assert report.value("t3.new.natural") == 204 and error_count(evaluate(report)) == 0


def test_blank_totals_flagged_in_printed_mode_only():
    report = copy.deepcopy(SEED)
    report.set_totals_mode("printed")
    report.set_cell("t3.d1.total", None)
    keys = {f.key for f in evaluate(report)}
    assert "T3-4:d1:total" in keys
    report.set_totals_mode("auto")
    assert not [f for f in evaluate(report) if f.rule_id == "T3-4"]


def test_blank_input_cells_warn_once_per_table():
    report = copy.deepcopy(SEED)
    report.set_cell("t3.d1.natural", None)
    report.set_cell("t3.d2.natural", None)
    (f,) = [f for f in evaluate(report) if f.rule_id == "T3-4b"]
    assert f.severity == "warning" and "2 个单元格未填写" in f.message
    assert set(f.cells) == {"t3.d1.natural", "t3.d2.natural"}


def test_empty_tables_are_errors_until_filled():
    r = new_report(2025, "某某区人民政府")
    found = {(f.rule_id, f.severity, f.section) for f in evaluate(r) if f.rule_id.endswith("-0")}
    assert found == {("T2-0", "error", "s2"), ("T3-0", "error", "s3"), ("T4-0", "error", "s4")}
    for ref in r.cells():
        if ref.startswith("t4.") and not r.is_auto(ref):
            r.set_cell(ref, 0)
    assert "T4-0" not in {f.rule_id for f in evaluate(r)}
    r.set_cell("t2.licensing.decisions", 5)
    (f,) = [f for f in evaluate(r) if f.rule_id == "T2-1b"]
    assert f.severity == "warning" and "9 个单元格未填写" in f.message


def test_2019_item_count_rules():
    report = copy.deepcopy(SEED)
    report.set_cell("t2.fee.delta", -16)  # 15 + (-16) < 0
    (f,) = [f for f in evaluate(report) if f.rule_id == "T2'-2"]
    assert f.is_error and "-1" in f.message
    report.set_cell("t2.fee.delta", -3)
    report.set_cell("t2.normative.published", 14)  # > 对外公开总数量 13
    assert [f.rule_id for f in evaluate(report) if f.rule_id not in ("X-6", "X-8")] == ["T2'-4"]


def test_year_rule():
    report = copy.deepcopy(SEED)
    report.title = "汉阳区2019年度政府信息公开工作年度报告"
    report.preface = [report.preface[0].replace("自2020年1月1日至2020年12月31日", "自2019年1月1日至2019年12月31日")]
    found = [f for f in evaluate(report) if f.rule_id == "X-2"]
    assert len(found) == 2 and all(f.is_error for f in found)
    assert "报告标题中的年度（2019年）与报告年度（2020年）不一致" in [f.message for f in found]


def test_fee_notice_needs_section_6_in_2021():
    r = load(SAMPLES / "sample-2021.gaic.json")
    assert evaluate(r) == []
    r.sections["s6"] = ["无。"]
    (f,) = [f for f in evaluate(r) if f.rule_id == "T3-6"]
    assert f.section == "s6" and "1 件" in f.message


# --------------------------------------------------------------------------- cross-year


def test_carry_over_across_the_2020_to_2021_change():
    this = new_report(2021, "", last_year=SEED)
    this.set_cell("t3.carried_in.natural", 2)  # last year carried out 0
    found = [f for f in evaluate(this) if f.rule_id == "T3-5"]
    assert {f.key for f in found} == {"T3-5:natural", "T3-5:total"}
    f = found[0]
    assert f.severity == "warning" and f.key == "T3-5:natural"
    assert "上年结转（2）应等于上年度报告的“结转下年度继续办理”（0）" in f.message


def test_in_force_chain_hongze_2023_to_2024():
    y2023 = load(DATA / "realreports" / "hongze-2023.gaic.json")
    y2024 = load(DATA / "realreports" / "hongze-2024.gaic.json")
    y2024.previous = previous_from(y2023)
    assert not [f for f in evaluate(y2024) if f.rule_id in ("T2-2", "T3-5")]
    y2024.set_cell("t2.normative.effective", 9)
    (f,) = [f for f in evaluate(y2024) if f.rule_id == "T2-2"]
    assert f.message == "「行政规范性文件」：现行有效件数（9）应为上年报告现行有效件数5＋本年制发件数3－本年废止件数0＝8，相差 1"


def test_item_count_chain_2019_format():
    last = copy.deepcopy(SEED)
    last.year = 2019
    this = copy.deepcopy(SEED)
    this.previous = previous_from(last)
    found = {f.key for f in evaluate(this) if f.rule_id == "T2'-3"}
    # 2020 上一年项目数量 should be 2019's 上一年项目数量 + 本年增/减; the seed copied unchanged breaks it
    assert "T2'-3:licensing" in found and "T2'-3:fee" in found


def test_identical_tables_warn_content_copied():
    last = copy.deepcopy(SEED)
    last.year = 2019
    this = copy.deepcopy(SEED)
    this.previous = previous_from(last)
    same = {f.key for f in evaluate(this) if f.rule_id == "X-4"}
    assert same == {"X-4:t2", "X-4:t3", "X-4:t4"}
    t3 = next(f for f in evaluate(this) if f.key == "X-4:t3")
    assert t3.message == "本年度的表三（收到和处理政府信息公开申请情况）与上年度报告完全相同（内容雷同），请核实"


def test_identical_tables_warn_whatever_string_object_names_the_form():
    """X-4 compares the two years' form names by value: a name built at run time (e.g. from a
    year) is the same form as the literal one."""
    last = copy.deepcopy(SEED)
    last.year = 2019
    this = copy.deepcopy(SEED)
    this.previous = previous_from(last)
    this.previous.format = str(int(this.format))  # "2019", a new string object
    assert this.previous.format == this.format and this.previous.format is not this.format
    same = {f.key for f in evaluate(this) if f.rule_id == "X-4"}
    assert same == {"X-4:t2", "X-4:t3", "X-4:t4"}


def test_previous_of_another_year_is_ignored():
    this = new_report(2021, "", last_year=SEED)
    this.previous.year = 2018
    this.set_cell("t3.carried_in.natural", 2)
    assert not [f for f in evaluate(this) if f.rule_id == "T3-5"]


# --------------------------------------------------------------------------- acknowledgement


@pytest.mark.parametrize("text", ["核实无误", "经核实，数据无误。", "正确", "  ", "已确认无误无误", "同上"])
def test_thin_explanations_are_refused(text):
    with pytest.raises(ExplanationError):
        validate_explanation(text)


def test_warning_acknowledged_with_explanation_is_kept_in_the_file(tmp_path):
    from gaic_desktop.core import save

    this = new_report(2021, "某区", last_year=SEED)
    this.set_cell("t3.carried_in.natural", 2)
    f = next(f for f in evaluate(this) if f.key == "T3-5:natural")
    acknowledge(this, f, "2020年底有2件申请在2021年1月补正后重新受理，按上年结转统计。")
    (g,) = [g for g in evaluate(this) if g.key == "T3-5:natural"]
    assert g.acknowledged.startswith("2020年底") and "t3.carried_in.natural" not in cell_states([g])
    save(this, tmp_path / "a.gaic.json")
    assert load(tmp_path / "a.gaic.json").acknowledgements == this.acknowledgements


def test_errors_cannot_be_acknowledged():
    report = copy.deepcopy(SEED)
    report.set_cell("t3.new.natural", 1)
    f = next(f for f in evaluate(report) if f.is_error)
    with pytest.raises(ExplanationError):
        acknowledge(report, f, "这是一个足够长的说明文字，但错误必须改正。")
    assert error_count(evaluate(report)) == 2


def test_explanation_expires_when_the_numbers_change():
    y2023 = load(DATA / "realreports" / "hongze-2023.gaic.json")
    y2024 = load(DATA / "realreports" / "hongze-2024.gaic.json")
    y2024.previous = previous_from(y2023)
    y2024.set_cell("t2.normative.effective", 9)
    f = next(f for f in evaluate(y2024) if f.rule_id == "T2-2")
    acknowledge(y2024, f, "2024年有1件规范性文件由区政府办划转至本机关管理，计入现行有效件数。")
    assert next(g for g in evaluate(y2024) if g.rule_id == "T2-2").acknowledged
    y2024.set_cell("t2.normative.effective", 12)  # a different discrepancy: explanation no longer applies
    g = next(g for g in evaluate(y2024) if g.rule_id == "T2-2")
    assert g.acknowledged is None and "t2.normative.effective" in cell_states([g])
    y2024.set_cell("t2.normative.effective", 9)  # back to what was explained
    assert next(g for g in evaluate(y2024) if g.rule_id == "T2-2").acknowledged


def test_statistical_period_with_implied_second_year():
    report = copy.deepcopy(SEED)
    report.preface = ["报告所列数据统计期限为2019年1月1日至12月31日。"]
    (f,) = [f for f in evaluate(report) if f.rule_id == "X-2"]
    assert f.is_error and "（2019年）" in f.message


def test_paragraph_about_another_year_is_a_warning_not_an_error():
    report = copy.deepcopy(SEED)
    report.sections["s5"] = ["2019年，我区年报中存在的问题已全部整改。"] + report.sections["s5"]
    found = [f for f in evaluate(report) if f.rule_id in ("X-2", "X-5")]
    assert [(f.rule_id, f.severity, f.section) for f in found] == [("X-5", "warning", "s5")]
    acknowledge(report, found[0], "该段回顾2019年度报告所列问题的整改情况，年份无误。")
    assert error_count(evaluate(report)) == 0


def test_a_table_with_only_last_years_carry_over_is_as_blank_as_the_others():
    """A report made from last year's file starts with 上年结转 filled in: its 表三 is still not
    filled in, flagged like a blank 表二 and 表四 (one error each, not a 138-cell warning)."""
    from pathlib import Path

    from gaic_desktop.core import load

    seed = Path(__file__).resolve().parents[2] / "resources" / "samples" / "hanyang-2020.gaic.json"
    r = new_report(2021, "", last_year=load(seed))
    assert any(r.value(ref) is not None for ref in r.cells() if ".carried_in." in ref)
    found = {(f.rule_id, f.severity) for f in evaluate(r) if f.rule_id.startswith(("T2", "T3", "T4"))}
    assert found == {("T2-0", "error"), ("T3-0", "error"), ("T4-0", "error")}
    # the first figure typed beyond the carry-over: the table is being filled, blanks are warnings
    r.set_cell("t3.new.natural", 3)
    ids = {f.rule_id: f.severity for f in evaluate(r)}
    assert "T3-0" not in ids and ids["T3-4b"] == "warning"


def test_values_given_with_overrides_are_used_not_computed_again():
    """The window computes the values of a typed (previewed) cell once and hands them to the
    rules: the same findings as letting the rules compute them, without the second pass."""
    rep = load(SAMPLES / "hanyang-2020.gaic.json")
    overrides = {"t3.new.natural": 205}
    values = rep.effective_values(overrides)
    assert evaluate(rep, overrides, values=values) == evaluate(rep, overrides)
    calls = []
    real = rep.effective_values
    object.__setattr__(rep, "effective_values", lambda *a, **k: calls.append(a) or real(*a, **k))
    evaluate(rep, overrides, values=values)
    assert calls == []


def test_the_text_lint_follows_the_text_between_evaluations():
    """X-8 keeps the findings of the last text it linted: a change made in place is still seen."""
    rep = load(SAMPLES / "hanyang-2020.gaic.json")
    before = [f for f in evaluate(rep) if f.rule_id == "X-8"]
    rep.preface.append("新增一段,带半角逗号。")
    after = [f for f in evaluate(rep) if f.rule_id == "X-8"]
    assert len(after) == len(before) + 1
    rep.preface.pop()
    assert [f for f in evaluate(rep) if f.rule_id == "X-8"] == before
