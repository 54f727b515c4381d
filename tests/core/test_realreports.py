"""The three real reports, typed in as printed, give exactly the errors their README lists."""

import pytest

from gaic_desktop.core import evaluate, load

from ..conftest import DATA


def errors(name):
    r = load(DATA / "realreports" / f"{name}.gaic.json")
    assert r.totals_mode == "printed"
    return {(f.rule_id, f.key, f.message) for f in evaluate(r) if f.is_error}


def test_hongze_2023_review_and_lawsuit_totals():
    assert errors("hongze-2023") == {
        ("T4-1", "T4-1:cases:rv_total", "行政复议：总计（0）应等于结果维持、结果纠正、其他结果、尚未审结之和（11），相差 11"),
        ("T4-1", "T4-1:cases:lr_total", "行政诉讼·复议后起诉：总计（0）应等于结果维持、结果纠正、其他结果、尚未审结之和（5），相差 5"),
    }


@pytest.mark.parametrize("name", ["hongze-2024", "huaian-2024"])
def test_consistent_reports_have_no_errors(name):
    assert errors(name) == set()
