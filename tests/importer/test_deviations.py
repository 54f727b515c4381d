"""Deviations from the official form are findings (issue 14, item 2): what a published report's
tables print unlike the form is imported as the form means it, listed in the import report, kept
in the report file (``Report.import_deviations``) and reported by the checker as warning X-7."""

from __future__ import annotations

import json

import pytest

from gaic_desktop.core.rules import evaluate
from gaic_desktop.core.storage import ReportFileError, load, loads, save
from gaic_desktop.importer import MISSING, import_file, import_text
from tests.conftest import SAMPLES, SHARED

from . import zeroblank as zb
from .helpers import to_html

REAL = SHARED / "realreports"
DOC21 = "国办公开办函〔2021〕30号"
DOC19 = "国办公开办函〔2019〕60号"


def x7(report) -> list[str]:
    return [f.message for f in evaluate(report) if f.rule_id == "X-7"]


def listed(result) -> str:
    """The import report's line that lists every deviation."""
    lines = [i.message for i in result.issues if "格式不一致" in i.message]
    assert len(lines) == 1, lines
    return lines[0]


def test_misprinted_headers_and_labels_are_read_and_reported():
    src = load(SAMPLES / "sample-2021.gaic.json")
    page = (to_html(src).replace("现行有效件数", "先行有效件数").replace("勾稽", "钩稽")
            .replace("行政执法案卷", "行政执法案件").replace("<p>行政复议</p>", "<p>行政法复议</p>"))
    res = import_text(page, html=True)
    got, want = res.report.effective_values(), src.effective_values()
    assert {k: (want[k], got[k]) for k in want if got[k] != want[k]} == {}  # read as the form means them
    deviations = ["表二栏目“现行有效件数”印为“先行有效件数”", "表三表头“勾稽关系”印为“钩稽关系”",
                  "表四表头“行政复议”印为“行政法复议”", "表三行标签“7.属于行政执法案卷”印为“7.属于行政执法案件”"]
    assert res.report.import_deviations == deviations
    assert x7(res.report) == [f"表格与{DOC21}格式不一致：{d}" for d in deviations]
    assert all(d in listed(res) for d in deviations)
    # the narrative is not polluted by the misprinted header of table 四
    assert not any("行政法复议" in p for p in res.report.section_text("s4"))


@pytest.mark.shared
def test_single_other_row_and_misprinted_label_of_a_real_report():
    res = import_file(REAL / "hongze-2023.pdf")
    assert x7(res.report) == [f"表格与{DOC21}格式不一致：表三行标签“2.其他法律行政法规禁止公开”印为“2.其他法律行政止公开”",
                              f"表格与{DOC21}格式不一致：表三“（六）其他处理”只印一行，没有分为三项"]
    section = {f.section for f in evaluate(res.report) if f.rule_id == "X-7"}
    assert section == {"s3"}  # a click leads to table 三


@pytest.mark.shared
@pytest.mark.parametrize("path", [REAL / "huaian-2024.pdf", REAL / "huaian-2024.txt",
                                  SHARED / "seed" / "hanyang-2020-report.txt"])
def test_no_deviation_on_reports_printed_in_the_form(path):
    res = import_file(path)
    assert res.report.import_deviations == [] and x7(res.report) == []


@pytest.mark.shared
def test_a_dropped_row_and_dashes_for_zero():
    text = (REAL / "hongze-2024.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    regulation = next(i for i, ln in enumerate(lines) if ln.startswith("规章\t"))
    del lines[regulation]
    dashes = 0
    for i, ln in enumerate(lines):
        if ln.startswith("\t\t3.危及") or ln.startswith("\t\t8.属于行政查询"):
            dashes += ln.split("\t").count("0")
            lines[i] = "\t".join("-" if c == "0" else c for c in ln.split("\t"))
    res = import_text("\n".join(lines))
    devs = res.report.import_deviations
    assert "表二没有“规章”行" in devs
    assert dashes >= 10 and f"表三中0或不适用印为“-”（应印为0或“/”），共{dashes}处" in devs
    assert any(i.kind == MISSING and "规章" in i.message for i in res.issues)
    assert f"表格与{DOC21}格式不一致：表二没有“规章”行" in x7(res.report)


def test_a_2019_table_in_a_2021_report():
    src = load(SAMPLES / "hanyang-2020.gaic.json")
    page = to_html(src).replace("2020年度", "2021年度")
    res = import_text(page, html=True)
    assert res.report.year == 2021 and res.report.format == "2021"
    assert "2021年度报告使用了国办公开办函〔2019〕60号格式的表二" in res.report.import_deviations


def test_a_2019_format_report_names_the_2019_document():
    src = load(SAMPLES / "hanyang-2020.gaic.json")
    res = import_text(zb.to_text(zb.figures(src)))  # prints table 三 only
    assert res.report.format == "2019"
    assert res.report.import_deviations == ["原文没有表二", "原文没有表四"]
    assert x7(res.report) == [f"表格与{DOC19}格式不一致：原文没有表二", f"表格与{DOC19}格式不一致：原文没有表四"]


def test_deviations_are_saved_and_loaded_within_the_same_limits(tmp_path):
    rep = load(SAMPLES / "sample-2021.gaic.json")
    rep.import_deviations = ["表三“（六）其他处理”只印一行，没有分为三项", "表二没有“规章”行"]
    path = tmp_path / "r.gaic.json"
    save(rep, path)
    again = load(path)
    assert again.import_deviations == rep.import_deviations and x7(again) == x7(rep)
    data = json.loads(path.read_text(encoding="utf-8"))
    for bad, why in ((["x" * 501], "过长（501 字，最多 500 字）"), (["表二没有“规章”行"] * 101, "最多 100 处"),
                     ([3], "类型不对")):
        data["import_deviations"] = bad
        with pytest.raises(ReportFileError) as exc:
            loads(json.dumps(data, ensure_ascii=False))
        assert why in str(exc.value)


def test_an_import_keeps_no_more_deviations_than_a_file_can_hold():
    from gaic_desktop.core.limits import MAX_DEVIATIONS, MAX_SHORT_TEXT
    from gaic_desktop.importer import deviations
    from gaic_desktop.importer.structure import RawDoc

    rep = load(SAMPLES / "sample-2021.gaic.json")
    doc = RawDoc(deviations=[f"表二栏目“{'某' * 480}{n:03d}{'某' * 100}”" for n in range(MAX_DEVIATIONS + 20)])
    issues: list = []
    deviations.record(rep, doc, issues, {})
    assert len(rep.import_deviations) == MAX_DEVIATIONS
    assert all(len(d) <= MAX_SHORT_TEXT for d in rep.import_deviations)
    assert len({d for d in rep.import_deviations}) == MAX_DEVIATIONS
    assert "另有" in rep.import_deviations[-1]
    loads(rep.model_dump_json())  # what the import made can be saved and loaded
