import datetime as dt
from decimal import Decimal

import pytest

from gaic_desktop.core import NA, CellValueError, load, new_report
from gaic_desktop.core.report import Report

from ..conftest import SAMPLES


@pytest.fixture
def seed():
    return load(SAMPLES / "hanyang-2020.gaic.json")


def test_seed_numbers(seed):
    assert seed.format == "2019" and seed.variant == "hubei" and seed.year == 2020
    assert seed.value("t3.new.total") == 221
    assert seed.value("t3.r_total.total") == 224
    assert seed.value("t3.r_total.natural") == 207
    assert seed.value("t4.cases.rv_total") == 58
    assert seed.value("t2.procurement.count") == 913
    assert seed.value("t2.procurement.amount") == Decimal("17474.57")
    assert seed.value("t2.fee.delta") == -3
    assert "66(招投标)+847(电子商城)" in seed.cell_notes["t2.procurement.count"]
    assert len(seed.section_text("s1")) > 5 and seed.preface[0].startswith("根据《中华人民共和国政府信息公开条例》")


def test_three_states_are_distinct(seed):
    seed.set_cell("t3.d1.natural", None)
    assert seed.value("t3.d1.natural") is None
    seed.set_cell("t3.d1.natural", "/")
    assert seed.value("t3.d1.natural") == NA
    seed.set_cell("t3.d1.natural", "0")
    assert seed.value("t3.d1.natural") == 0


def test_set_cell_validates_for_the_cells_kind(seed):
    with pytest.raises(CellValueError, match="负数"):
        seed.set_cell("t3.new.natural", -1)
    with pytest.raises(CellValueError, match="不是数字"):
        seed.set_cell("t3.new.natural", "十二")
    assert seed.set_cell("t2.licensing.delta", "-8") == -8
    with pytest.raises(CellValueError, match="不是整数"):
        seed.set_cell("t3.new.natural", Decimal("1.5"))
    with pytest.raises(CellValueError, match="自动计算"):
        seed.set_cell("t3.new.total", 5)
    with pytest.raises(CellValueError):
        seed.set_cell("t3.new.nosuch", 5)
    assert seed.value("t3.new.natural") == 204  # nothing changed by the rejected calls


def test_auto_totals_follow_their_terms(seed):
    seed.set_cell("t3.r_open.natural", 90)
    assert seed.value("t3.r_total.natural") == 216
    assert seed.value("t3.r_open.total") == 94
    assert seed.value("t3.r_total.total") == 233


def test_as_printed_mode_keeps_visible_values_then_accepts_typed_totals(seed):
    before = seed.effective_values()
    seed.set_totals_mode("printed")
    assert seed.effective_values() == before
    seed.set_cell("t3.new.total", 999)
    assert seed.value("t3.new.total") == 999
    seed.set_totals_mode("auto")
    assert seed.value("t3.new.total") == 221


def test_variant_cells_only_in_that_variant():
    r = Report(format="2019", year=2020, organisation="某某")
    assert "t2.other_docs.made" not in r.cells()
    with pytest.raises(CellValueError):
        r.set_cell("t2.other_docs.made", 1)


def test_new_report_from_last_year(seed):
    seed.set_cell("t3.carried_out.natural", 4)
    seed.set_cell("t3.carried_out.business", 1)
    seed.contact.person = "张三"
    r = new_report(2021, "", last_year=seed)
    assert r.format == "2021" and r.organisation == "武汉市汉阳区人民政府"
    assert r.display_title() == "武汉市汉阳区人民政府2021年政府信息公开工作年度报告"
    assert r.value("t3.carried_in.natural") == 4 and r.value("t3.carried_in.business") == 1
    assert r.value("t3.carried_in.total") == 5
    assert r.previous.year == 2020 and r.previous.value("t3", "carried_out", "total") == 5
    assert r.contact.person == "张三"


def test_year_must_fit_format():
    with pytest.raises(ValueError):
        Report(format="2019", year=2022)


def test_fingerprint_is_stable_and_tracks_content(seed):
    fp = seed.fingerprint()
    assert len(fp) == 8 and fp == load(SAMPLES / "hanyang-2020.gaic.json").fingerprint()
    seed.set_cell("t3.d1.natural", 0)  # same value: same fingerprint
    assert seed.fingerprint() == fp
    seed.set_cell("t3.d1.natural", 1)
    assert seed.fingerprint() != fp
    seed.set_cell("t3.d1.natural", 0)
    seed.sections["s6"] = seed.sections["s6"] + ["补充。"]
    assert seed.fingerprint() != fp


def test_signoff_date_and_people():
    r = new_report(2024, "某某区人民政府")
    r.signoff.date = dt.date(2025, 1, 20)
    r.people.approver = "赵六"
    assert r.signoff.organisation == "某某区人民政府"


def test_last_year_must_be_the_year_before(seed):
    with pytest.raises(ValueError, match="2020年度的，不能作为2023年度报告的上年数据"):
        new_report(2023, "某某", last_year=seed)


def test_title_follows_organisation_and_year_until_written():
    r = new_report(2024, "")
    assert r.title == ""
    r.organisation = "某某区人民政府"
    assert r.display_title() == "某某区人民政府2024年政府信息公开工作年度报告"
    r.title = "某某区2024年政务公开工作年度报告"
    assert r.display_title() == "某某区2024年政务公开工作年度报告"


def test_bad_year_is_refused_in_chinese():
    with pytest.raises(ValueError, match="报告年度“2200”无效"):
        new_report(2200, "某某")


def test_cells_snapshot_restores_exactly(seed):
    before = seed.model_dump()
    snap = seed.cells_snapshot()
    seed.set_totals_mode("printed")
    seed.set_cell("t3.new.total", 999)
    seed.set_totals_mode("auto")
    seed.set_cell("t3.d1.natural", None)
    seed.restore_cells(snap)
    assert seed.model_dump() == before


def test_typed_totals_differing(seed):
    seed.set_totals_mode("printed")
    assert seed.typed_totals_differing() == []
    seed.set_cell("t3.new.total", 999)
    assert seed.typed_totals_differing() == [("t3.new.total", 999, 221)]
    assert seed.totals_mode == "printed" and seed.value("t3.new.total") == 999


def test_new_report_carries_last_years_text_only_as_a_marked_draft():
    from gaic_desktop.core import load
    from gaic_desktop.core.formats import resources_dir
    from gaic_desktop.core.report import DRAFT_MARK, new_report
    from gaic_desktop.core.rules import evaluate

    last = load(resources_dir() / "samples" / "sample-2021.gaic.json")
    assert last.year == 2024  # the bundled sample is the 2024 report: 2025 starts from it
    plain = new_report(2025, "", last_year=last)
    assert not plain.preface and not plain.sections
    draft = new_report(2025, "", last_year=last, carry_text=True)
    for key, paras in last.sections.items():
        assert draft.sections[key][0].startswith(f"2024年，{DRAFT_MARK}") and draft.sections[key][1:] == paras
    assert draft.preface[1:] == last.preface
    warned = {f.section for f in evaluate(draft) if f.rule_id == "X-5" and DRAFT_MARK in f.message}
    assert warned == {None} | set(last.sections)
