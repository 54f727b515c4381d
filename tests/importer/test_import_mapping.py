"""Where each imported figure lands: the cell a printed figure is written to, checked against
figures typed here from the printed report (huaian-2024, ../shared/realreports), not against
the importer's own tables.

* a spurious 「0」 (PDF text of a row whose label spans two columns, format-spec §4.4) is
  dropped in every column it can appear in, the last one included;
* a 2019-style single 「（六）其他处理」 row in a 2021 table puts its figures in 「3.其他」;
* a PDF this program exported (ruled tables with merged label cells) reads back cell for cell.
"""

from __future__ import annotations

import pytest

from gaic_desktop.core import load
from gaic_desktop.importer import INTERPRETED, import_file, import_text
from gaic_desktop.pdf import export_pdf
from tests.conftest import SAMPLES, SHARED

HUAIAN = SHARED / "realreports" / "huaian-2024.txt"
NEW = "一、本年新收政府信息公开申请数量"
COLS = ("natural", "business", "research", "public_interest", "legal_service", "other", "total")
# 一、本年新收 as printed in huaian-2024: 自然人 3001, 商业企业 53, 科研 0, 公益 0, 法律服务 61, 其他 4, 总计 3119
PRINTED_NEW = [3001, 53, 0, 0, 61, 4, 3119]
NONZERO_NEW = [3001, 53, 7, 9, 61, 4, 3135]  # the 0s made 7 and 9, the total adjusted


def huaian(replace: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> str:
    out = []
    for line in HUAIAN.read_text(encoding="utf-8").split("\n"):
        if any(line.lstrip("\t").startswith(d) for d in drop):
            continue
        for start, new in (replace or {}).items():
            if line.startswith(start):
                line = new
        out.append(line)
    return "\n".join(out)


def new_row(report) -> list:
    return [report.value(f"t3.new.{c}") for c in COLS]


def test_the_printed_row_reads_as_printed():
    assert new_row(import_text(huaian()).report) == PRINTED_NEW


@pytest.mark.parametrize("position", range(1, 7))
def test_a_spurious_zero_is_dropped_wherever_it_sits(position):
    """8 numbers where 7 belong, the extra 0 after column ``position`` (1 = after 自然人 …
    6 = after 其他, just before 总计): the row reads as printed, and the user is told."""
    fields = [str(v) for v in NONZERO_NEW]
    fields.insert(position, "0")
    res = import_text(huaian({NEW: NEW + "\t" + "\t".join(fields)}))
    assert new_row(res.report) == NONZERO_NEW
    assert any("多出的“0”" in i.message for i in res.by_kind(INTERPRETED))


def test_a_single_other_handling_row_puts_its_figures_in_other():
    """2019 shape: 「（六）其他处理」 printed as one row. Its figures are the sums of the three
    sub-rows the 2021 form has (huaian prints 67+6+108=181, 3+0+2=5, 1, 71+6+110=187);
    a figure that is not 0 goes to 「3.其他」 — never to 1. or 2. — with a note."""
    subs = ("1、申请人无正当理由", "2、申请人逾期未按", "3、其他")
    text = huaian({"\t（六）其他处理": "\t（六）其他处理\t181\t5\t0\t0\t1\t0\t187"}, drop=subs)
    assert "（六）其他处理\t181" in text and "3、其他\t108" not in text
    res = import_text(text)
    rep = res.report
    said = " ".join(i.message for i in res.issues)
    assert "原文的数字记入“3.其他”" in said
    assert "不为0的栏（自然人、商业企业、法律服务机构、总计）请按实际情况拆分" in said
    for col, value in {"natural": 181, "business": 5, "legal_service": 1, "total": 187}.items():
        assert rep.value(f"t3.o3.{col}") == value, col
        assert "记入“3.其他”" in rep.cell_notes[f"t3.o3.{col}"]
        for sub in ("o1", "o2"):  # not invented: blank or “/”, never a figure
            assert rep.value(f"t3.{sub}.{col}") in (None, "/"), (sub, col)


@pytest.mark.parametrize("name", ["sample-2021.gaic.json", "hanyang-2020.gaic.json"])
def test_a_pdf_exported_by_this_program_reads_back_cell_for_cell(tmp_path, name):
    """The exported tables are ruled, with merged label cells (pdfplumber gives placeholders
    for the covered cells): every figure must come back in its own cell."""
    want = load(SAMPLES / name)
    path = tmp_path / "report.pdf"
    export_pdf(want, path)
    got = import_file(path).report
    assert (got.format, got.year) == (want.format, want.year)
    gv, wv = got.effective_values(), want.effective_values()
    assert {k: (gv[k], wv[k]) for k in wv if gv[k] != wv[k]} == {}


# 表四 as printed in huaian-2024 (行政复议 / 未经复议直接起诉 / 复议后起诉, 5 columns each)
PRINTED_T4 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
T4_COLS = [f"{g}_{o}" for g in ("rv", "ld", "lr") for o in ("keep", "fix", "other", "pending", "total")]


def test_table_four_header_repeated_on_the_next_page_is_read_once():
    lines = HUAIAN.read_text(encoding="utf-8").split("\n")
    i = next(k for k, x in enumerate(lines) if x.startswith("结果维持\t结果纠正"))
    once = import_text("\n".join(lines)).report
    assert [once.value(f"t4.cases.{c}") for c in T4_COLS] == PRINTED_T4
    # a page break inside the table: its three header lines printed again above the figures
    twice = import_text("\n".join(lines[: i + 1] + lines[i - 2: i + 1] + lines[i + 1:])).report
    assert [twice.value(f"t4.cases.{c}") for c in T4_COLS] == PRINTED_T4


def test_a_short_table_two_row_keeps_the_unprinted_cells_blank_and_names_them():
    res = import_text(huaian({"规章\t": "规章\t2"}))
    assert [res.report.value(f"t2.regulation.{c}") for c in ("made", "repealed", "effective")] == [2, None, None]
    said = sorted(i.message for i in res.issues if "「规章」" in i.message)
    assert said == ["「规章」的「本年废止件数」原文为空白，保持空白", "「规章」的「现行有效件数」原文为空白，保持空白"]


@pytest.mark.parametrize("extra", [2, 3])
def test_a_table_three_row_with_too_many_numbers_stays_blank_and_says_how_many(extra):
    fields = [str(v) for v in PRINTED_NEW] + ["1"] * extra
    res = import_text(huaian({NEW: NEW + "\t" + "\t".join(fields)}))
    assert new_row(res.report) == [None] * 7
    assert [i.message for i in res.issues if "t3.new.total" in i.cells] == [
        f"表三“{NEW}”行有{7 + extra}个数字（应为7个），无法确认各数字所属的栏目，整行保持空白"]


def test_the_usual_name_of_normative_documents_is_read_without_a_note():
    # huaian prints 「行政规范性文件 8 26 66」: the form's 「规范性文件」 row, under its usual name
    res = import_text(huaian())
    assert [res.report.value(f"t2.normative.{c}") for c in ("made", "repealed", "effective")] == [8, 26, 66]
    assert not [i.message for i in res.issues if "规范性文件" in i.message]


def test_a_table_three_header_without_a_column_names_the_column_left_blank():
    res = import_text(huaian({"\t\t商业企业": "\t\t商业企业\t科研机构\t社会公益组织\t其他",
                              NEW: NEW + "\t3001\t53\t0\t0\t4\t3058"}))
    assert new_row(res.report) == [3001, 53, 0, 0, None, 4, 3058]
    assert [i.message for i in res.issues if i.message.startswith("表三的栏目")] == [
        "表三的栏目（自然人、商业企业、科研机构、社会公益组织、其他、总计）与本格式不同，按栏目名称读取；"
        "原文没有“法律服务机构”栏，该栏留空"]
    reordered = import_text(huaian({"\t\t商业企业": "\t\t科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他"}))
    assert [i.message for i in reordered.issues if i.message.startswith("表三的栏目")] == [
        "表三的栏目（自然人、科研机构、商业企业、社会公益组织、法律服务机构、其他、总计）与本格式不同，按栏目名称读取"]


def test_a_blank_first_figure_of_a_table_two_row_keeps_the_others_in_their_columns():
    # huaian prints 「规章 1 0 11」; the same row with its first figure left blank
    res = import_text(huaian({"规章\t": "规章\t\t0\t11"}))
    assert [res.report.value(f"t2.regulation.{c}") for c in ("made", "repealed", "effective")] == [None, 0, 11]


def test_a_clean_import_reads_no_table_three_or_four_row_as_table_two():
    res = import_text(huaian())
    assert [i.message for i in res.issues if "表二中无法识别的行" in i.message] == []


def test_an_extra_figure_in_a_table_two_row_is_reported_not_dropped_silently():
    res = import_text(huaian({"规章\t": "规章\t1\t0\t11\t7"}))
    assert [res.report.value(f"t2.regulation.{c}") for c in ("made", "repealed", "effective")] == [1, 0, 11]
    assert [i.message for i in res.issues if "「规章」" in i.message or "“规章”" in i.message] == [
        "表二“规章”行的数字多于栏目，多出的未导入"]


def test_a_blank_figure_under_a_subtotal_header_leaves_the_row_blank():
    res = import_text(huaian({"\t\t商业企业": "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计",
                              NEW: f"{NEW}\t3001\t53\t\t0\t61\t4\t118\t3119"}))
    assert new_row(res.report) == [None] * 7
