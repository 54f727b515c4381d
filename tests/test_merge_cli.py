"""``merge`` and ``new --roster`` on the command line: sums, refusals (exit 2, the file named,
nothing written), the detail workbook, re-runs, and the real 2024 reports of ../shared."""

from __future__ import annotations

import json
import random
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gaic_desktop.cli import main
from gaic_desktop.core.merge import breakdown
from gaic_desktop.core.report import Report
from gaic_desktop.core.storage import load, save
from tests.conftest import SHARED
from tests.merge_gen import consistent_report, write_units

NAMES = ["区政府办公室", "区教育局", "某某街道办事处"]


@pytest.fixture
def units_dir(tmp_path) -> Path:
    return write_units(tmp_path / "units", NAMES, seed=7)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_merge_folder_sums_every_cell_and_lists_missing_units(units_dir, tmp_path, capsys):
    roster = tmp_path / "units.txt"
    roster.write_text("\n".join(NAMES + ["区财政局"]) + "\n", encoding="utf-8")
    out = tmp_path / "total.gaic.json"
    code, text, _ = run(capsys, "merge", units_dir, "-o", out, "--roster", roster, "--org", "某某区人民政府")
    assert code == 0
    assert "已汇总 3 个单位" in text and "未报送（1个）：区财政局" in text
    total = load(out)
    units = [load(p) for p in sorted(units_dir.iterdir())]
    values = total.effective_values()
    for ref in total.cells():
        assert values[ref] == sum(u.effective_values()[ref] for u in units), ref
    assert [s.unit for s in total.sources] == NAMES
    assert breakdown(total, "t3.new.total") == [(u.organisation, u.effective_values()["t3.new.total"]) for u in units]


def _year(path: Path, year: int) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["year"] = year
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _refusal_cases():
    def other_year(d: Path):
        p = d / "9-另一年度.gaic.json"
        r = consistent_report(random.Random(1), "区卫健委", year=2023)
        save(r, p, keep_backup=False)
        return p.name, "不是同一年度"

    def other_format(d: Path):
        p = d / "9-旧格式.gaic.json"
        save(Report(format="2019", year=2020, organisation="区卫健委"), p, keep_backup=False)
        return p.name, "格式"

    def same_unit_twice(d: Path):
        src = next(iter(sorted(d.iterdir())))
        p = d / "9-副本.gaic.json"
        shutil.copy(src, p)
        return p.name, "只能汇总一次"

    def unreadable(d: Path):
        p = d / "9-损坏.gaic.json"
        p.write_text('{"schema_version": 1, "format": "20', encoding="utf-8")
        return p.name, "已损坏"

    def not_a_report(d: Path):
        p = d / "9-扫描件.pdf"
        p.write_bytes(b"%PDF-1.4\n garbage")
        return p.name, "无法导入"

    return [other_year, other_format, same_unit_twice, unreadable, not_a_report]


@pytest.mark.parametrize("make", _refusal_cases(), ids=lambda f: f.__name__)
def test_refusals_exit_2_name_the_file_and_write_nothing(units_dir, tmp_path, capsys, make):
    name, words = make(units_dir)
    out, detail = tmp_path / "total.gaic.json", tmp_path / "明细.xlsx"
    code, _, err = run(capsys, "merge", units_dir, "-o", out, "--detail", detail)
    assert code == 2
    assert name in err and words in err and err.startswith("未汇总：")
    assert not out.exists() and not detail.exists()


def test_variant_rows_differ_refused(tmp_path, capsys):
    d = tmp_path / "u"
    d.mkdir()
    save(Report(format="2019", year=2020, organisation="甲"), d / "a.gaic.json", keep_backup=False)
    save(Report(format="2019", year=2020, organisation="乙", variant="hubei"), d / "b.gaic.json", keep_backup=False)
    code, _, err = run(capsys, "merge", d, "-o", tmp_path / "t.gaic.json")
    assert code == 2 and "b.gaic.json" in err and "表格行不同" in err
    assert not (tmp_path / "t.gaic.json").exists()


def test_consolidated_report_as_a_unit_refused(units_dir, tmp_path, capsys):
    first = tmp_path / "first.gaic.json"
    assert run(capsys, "merge", units_dir, "-o", first)[0] == 0
    shutil.copy(first, units_dir / "9-上次汇总.gaic.json")
    out = tmp_path / "again.gaic.json"
    code, _, err = run(capsys, "merge", units_dir, "-o", out)
    assert code == 2 and "9-上次汇总.gaic.json" in err and "汇总后的报告" in err
    assert not out.exists()


def test_rerun_with_a_resubmitted_unit_shows_the_changes(units_dir, tmp_path, capsys):
    out = tmp_path / "total.gaic.json"
    assert run(capsys, "merge", units_dir, "-o", out)[0] == 0
    before = load(out).value("t2.regulation.made")
    p = sorted(units_dir.iterdir())[1]
    r = load(p)
    r.set_cell("t2.regulation.made", r.value("t2.regulation.made") + 5)
    save(r, p, keep_backup=False)
    code, text, _ = run(capsys, "merge", units_dir, "-o", out)
    assert code == 0
    assert "重新报送的单位：区教育局" in text
    assert f"「行政法规」「本年制发件数」：{before} → {before + 5}" in text or f"：{before} → {before + 5}" in text
    assert load(out).value("t2.regulation.made") == before + 5
    assert (tmp_path / "total.gaic.json.bak").exists()


def test_existing_plain_report_is_not_overwritten_without_force(units_dir, tmp_path, capsys):
    out = tmp_path / "mine.gaic.json"
    save(Report(format="2021", year=2024, organisation="甲"), out, keep_backup=False)
    before = out.read_bytes()
    code, _, err = run(capsys, "merge", units_dir, "-o", out)
    assert code == 2 and "--force" in err and out.read_bytes() == before


def test_exclude_errors_leaves_the_unit_out_and_marks_it(units_dir, tmp_path, capsys):
    p = sorted(units_dir.iterdir())[2]
    r = load(p)
    r.set_totals_mode("printed")
    r.set_cell("t3.new.total", r.value("t3.new.total") + 1)  # T3-3 error
    save(r, p, keep_backup=False)
    out = tmp_path / "total.gaic.json"
    code, text, _ = run(capsys, "merge", units_dir, "-o", out, "--exclude-errors")
    assert code == 0
    assert "【有错误】某某街道办事处（3-某某街道办事处.gaic.json）" in text and "【未参加汇总】" in text and "[错误] T3-" in text
    total = load(out)
    assert [s.unit for s in total.sources if not s.excluded] == NAMES[:2]


def test_detail_workbook_holds_every_units_figures_and_findings(units_dir, tmp_path, capsys):
    out, detail = tmp_path / "total.gaic.json", tmp_path / "明细.xlsx"
    assert run(capsys, "merge", units_dir, "-o", out, "--detail", detail)[0] == 0
    wb = openpyxl.load_workbook(detail)
    assert wb.sheetnames[0] == "汇总来源" and wb.sheetnames[-1] == "各单位检查结果"
    assert [n[:2] for n in wb.sheetnames[1:-1]] == ["表二", "表三", "表四"]  # the 2021 form's tables
    total = load(out)
    units = {r.organisation: r.effective_values() for r in (load(p) for p in units_dir.iterdir())}
    t3 = next(wb[n] for n in wb.sheetnames if n.startswith("表三"))
    rows = list(t3.iter_rows(min_row=3, values_only=True))
    header = next(t3.iter_rows(min_row=2, max_row=2, values_only=True))
    assert header[:3] == ("项目", "单位", "自然人")
    label = total.fmt.table("t3").data_rows[0].label
    block = [r for r in rows if r[0] == label]
    assert [r[1] for r in block] == NAMES + ["合计"]
    cols = [c.key for c in total.fmt.table("t3").data_columns]
    for r in block:
        src = units[r[1]] if r[1] != "合计" else total.effective_values()
        assert list(r[2:2 + len(cols)]) == [src[f"t3.{total.fmt.table('t3').data_rows[0].key}.{c}"] for c in cols]
    fee = next(wb[n] for n in wb.sheetnames if n.startswith("表二"))
    fee_rows = [r for r in fee.iter_rows(min_row=3, values_only=True) if r[1] == "合计"]
    assert any(Decimal(str(v)) == total.value("t2.fee.amount") for r in fee_rows for v in r[2:] if v is not None
               and not isinstance(v, str))
    found = list(wb["各单位检查结果"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in found} >= set(NAMES)
    src = list(wb["汇总来源"].iter_rows(values_only=True))
    assert [r[0] for r in src if r and r[0] in NAMES] == NAMES


def test_new_with_roster_writes_one_blank_report_per_unit(tmp_path, capsys):
    roster = tmp_path / "名单.csv"
    roster.write_text("单位名称\n区政府办公室\n区教育局\n", encoding="gb18030")
    out = tmp_path / "下发"
    code, text, _ = run(capsys, "new", "--year", "2025", "--roster", roster, "-o", out)
    assert code == 0 and "2 个单位" in text
    files = sorted(out.iterdir())
    assert [load(p).organisation for p in files] == ["区政府办公室", "区教育局"]
    assert {load(p).format for p in files} == {"2021"}


def test_new_with_xlsx_roster(tmp_path, capsys):
    wb = openpyxl.Workbook()
    for name in ("甲街道", "乙街道"):
        wb.active.append([name])
    wb.save(tmp_path / "r.xlsx")
    code, _, _ = run(capsys, "new", "--year", "2025", "--roster", tmp_path / "r.xlsx", "-o", tmp_path / "o")
    assert code == 0 and len(list((tmp_path / "o").iterdir())) == 2


@pytest.mark.parametrize("text, words", [("甲\n乙\n甲\n", "出现了两次"), ("甲\n\n乙\n", "第2行是空的"), ("\n", "没有单位名称")])
def test_new_with_bad_roster_refused(tmp_path, capsys, text, words):
    roster = tmp_path / "units.txt"
    roster.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "new", "--year", "2025", "--roster", roster, "-o", tmp_path / "o")
    assert code == 2 and words in err and "units.txt" in err
    assert not (tmp_path / "o").exists()


def test_new_without_org_or_roster(tmp_path, capsys):
    code, _, err = run(capsys, "new", "--year", "2025", "-o", tmp_path / "x.gaic.json")
    assert code == 2 and "--org" in err


REAL = SHARED / "realreports"


def test_real_2024_reports_merge_to_their_plain_sum_and_2023_is_refused(tmp_path, capsys):
    from gaic_desktop.importer import import_file

    files = [REAL / "hongze-2024.txt", REAL / "huaian-2024.txt"]
    imported = [import_file(f).report for f in files]
    out = tmp_path / "total.gaic.json"
    code, text, _ = run(capsys, "merge", *files, "-o", out, "--printed")
    assert code in (0, 1), text
    total = load(out)
    values = total.effective_values()
    plain = [r.effective_values() for r in imported]
    for ref in total.cells():
        parts = [p[ref] for p in plain]
        numbers = [v for v in parts if v not in (None, "/")]
        expected = sum(numbers) if numbers else ("/" if all(v == "/" for v in parts) else None)
        assert values[ref] == expected, ref
    assert "由已发布年报导入" in text
    assert [s.file for s in total.sources] == ["hongze-2024.txt", "huaian-2024.txt"]

    out2 = tmp_path / "again.gaic.json"
    code, _, err = run(capsys, "merge", *files, REAL / "hongze-2023.txt", "-o", out2)
    assert code == 2 and "hongze-2023.txt" in err and "2023年度" in err
    assert not out2.exists()


def test_previous_total_of_another_year_is_not_compared(units_dir, tmp_path, capsys):
    old = tmp_path / "old"
    write_units(old, ["甲", "乙"], seed=3)
    for p in old.iterdir():
        _year(p, 2023)
    prev = tmp_path / "2023汇总.gaic.json"
    assert run(capsys, "merge", old, "-o", prev)[0] == 0
    code, text, _ = run(capsys, "merge", units_dir, "-o", tmp_path / "t.gaic.json", "--previous", prev)
    assert code == 0 and "与上次的汇总结果" not in text


def test_update_replaces_only_the_resubmitted_unit(units_dir, tmp_path, capsys):
    out = tmp_path / "total.gaic.json"
    assert run(capsys, "merge", units_dir, "-o", out)[0] == 0
    first = load(out)
    p = sorted(units_dir.iterdir())[1]
    r = load(p)
    r.set_cell("t2.regulation.made", r.value("t2.regulation.made") + 5)
    fresh = tmp_path / "区教育局-更正.gaic.json"
    save(r, fresh, keep_backup=False)
    code, text, _ = run(capsys, "merge", fresh, "-o", out, "--update")
    assert code == 0, text
    assert "重新报送的单位：区教育局" in text and "沿用上次汇总时的数字" in text
    total = load(out)
    assert [s.unit for s in total.sources] == NAMES
    assert [s.file for s in total.sources] == [first.sources[0].file, fresh.name, first.sources[2].file]
    assert total.sources[0].merged_at == first.sources[0].merged_at
    assert total.sources[0].fingerprint == first.sources[0].fingerprint
    assert total.value("t2.regulation.made") == first.value("t2.regulation.made") + 5
    # the same as merging the folder with the corrected file
    p.unlink()
    fresh.rename(p)
    again = tmp_path / "again.gaic.json"
    assert run(capsys, "merge", units_dir, "-o", again)[0] == 0
    assert load(again).effective_values() == total.effective_values()


def test_update_needs_a_previous_total(units_dir, tmp_path, capsys):
    code, _, err = run(capsys, "merge", units_dir, "-o", tmp_path / "t.gaic.json", "--update")
    assert code == 2 and "上次的汇总报告" in err and not (tmp_path / "t.gaic.json").exists()


def test_update_refuses_a_unit_of_another_year(units_dir, tmp_path, capsys):
    out = tmp_path / "total.gaic.json"
    assert run(capsys, "merge", units_dir, "-o", out)[0] == 0
    before = out.read_bytes()
    other = tmp_path / "旧.gaic.json"
    save(consistent_report(random.Random(2), "区教育局", year=2023), other, keep_backup=False)
    code, _, err = run(capsys, "merge", other, "-o", out, "--update")
    assert code == 2 and "旧.gaic.json" in err and out.read_bytes() == before


def test_merge_does_not_touch_files_in_the_units_folder(tmp_path):
    """A stale temporary file of a unit's killed save stays where it is: 汇总 only reads."""
    import os

    from gaic_desktop.core.storage import _temp_prefix

    units = tmp_path / "units"
    units.mkdir()
    for i, name in enumerate(["甲单位", "乙单位"]):
        save(consistent_report(random.Random(i), name), units / f"{i}.gaic.json", keep_backup=False)
    stale = units / (_temp_prefix(units / "0.gaic.json").replace(f"-{os.getpid()}-", "-1-") + "abc12345.tmp")
    stale.write_bytes(b"partial")
    os.utime(stale, (0, 0))  # an hour old and more: a load with tidying would remove it
    before = sorted(os.listdir(units))
    assert main(["merge", str(units), "-o", str(tmp_path / "total.gaic.json"), "--quiet"]) in (0, 1)
    assert sorted(os.listdir(units)) == before
