"""Importing published reports: the seed text, the real reports (text and PDF), hand-made HTML,
DOCX and a text with every tolerance case, and garbage."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gaic_desktop.cli import main
from gaic_desktop.core import evaluate
from gaic_desktop.core.storage import load
from gaic_desktop.importer import (BLANK, INTERPRETED, MISSING, UNREADABLE, ImportFailed, import_file,
                                   import_text)
from gaic_desktop.importer.normalize import CellTextError, label_parts, norm, parse_cell
from tests.conftest import SAMPLES, SHARED

from .helpers import to_docx, to_html

SEED = SHARED / "seed" / "hanyang-2020-report.txt"
REAL = SHARED / "realreports"
HERE = Path(__file__).resolve().parent
_cache: dict = {}


def imported(path):
    key = str(path)
    if key not in _cache:
        _cache[key] = import_file(path)
    return _cache[key]


def _same_content(got, want):
    assert got.format == want.format and got.year == want.year and got.variant == want.variant
    gv, wv = got.effective_values(), want.effective_values()
    assert {k: gv[k] for k in wv if gv[k] != wv[k]} == {}
    assert got.preface == want.preface
    for s in want.fmt.sections:
        assert got.section_text(s.key) == want.section_text(s.key), s.key


# --------------------------------------------------------------------------- seed

def test_seed_text_gives_the_sample():
    res = imported(SEED)
    rep, sample = res.report, load(SAMPLES / "hanyang-2020.gaic.json")
    assert rep.totals_mode == "printed" and sample.totals_mode == "auto"
    assert rep.variant == "hubei"
    _same_content(rep, sample)
    assert rep.cell_notes == sample.cell_notes
    assert rep.title == sample.title
    assert not res.by_kind(MISSING)
    # the text has no 落款 date, like the sample, and the same typing slips
    assert [f.rule_id for f in evaluate(rep)] == [f.rule_id for f in evaluate(sample)]


def test_seed_reports_every_interpretation():
    res = imported(SEED)
    msgs = [i.message for i in res.by_kind(INTERPRETED)]
    assert any("66(招投标)+847(电子商城)" in m and "913" in m for m in msgs)
    assert any("17474.57" in m for m in msgs)
    assert sum("多出的“0”" in m for m in msgs) == 2  # （六） and （七） rows (format-spec §4.4)


# --------------------------------------------------------------------------- real reports

REAL_NAMES = ["hongze-2023", "hongze-2024", "huaian-2024"]


@pytest.mark.parametrize("name", REAL_NAMES)
@pytest.mark.parametrize("ext", ["txt", "pdf"])
def test_real_report_fills_every_cell(name, ext):
    res = imported(REAL / f"{name}.{ext}")
    rep = res.report
    assert rep.format == "2021" and rep.totals_mode == "printed"
    assert all(rep.stored(ref) is not None for ref in rep.cells())
    assert not res.by_kind(MISSING)
    assert rep.sections["s1"] and rep.sections["s5"] and rep.sections["s6"] and rep.preface


@pytest.mark.parametrize("name", REAL_NAMES)
def test_pdf_and_text_agree(name):
    a, b = imported(REAL / f"{name}.txt").report, imported(REAL / f"{name}.pdf").report
    assert a.effective_values() == b.effective_values()
    assert a.title == b.title and a.organisation == b.organisation and a.preface == b.preface
    assert [len(a.section_text(k)) for k in a.sections] == [len(b.section_text(k)) for k in a.sections]


def test_real_report_values():
    hz = imported(REAL / "hongze-2023.txt").report
    assert hz.organisation == "洪泽区人民政府" and hz.year == 2023
    assert hz.value("t2.fee.amount") == Decimal("7730.28")
    assert hz.value("t4.cases.rv_total") == 0 and hz.value("t4.cases.rv_keep") == 10
    assert [hz.value(f"t3.{o}.total") for o in ("o1", "o2", "o3")] == ["/", "/", 0]  # single （六） row
    ha = imported(REAL / "huaian-2024.pdf").report
    assert ha.value("t3.new.total") == 3119 and ha.value("t3.o1.natural") == 67 and ha.value("t3.o3.total") == 110
    assert ha.value("t2.penalty.decisions") == 3985758 and ha.value("t2.fee.amount") == Decimal("96171.6")
    assert ha.value("t4.cases.lr_pending") == 6


def _errors(rep):
    return sorted((f.rule_id, f.key) for f in evaluate(rep) if f.is_error)


@pytest.mark.parametrize("ext", ["txt", "pdf"])
def test_known_errors_exactly(ext):
    assert _errors(imported(REAL / f"hongze-2023.{ext}").report) == [
        ("T4-1", "T4-1:cases:lr_total"), ("T4-1", "T4-1:cases:rv_total")]
    for name in ("hongze-2024", "huaian-2024"):
        assert _errors(imported(REAL / f"{name}.{ext}").report) == []
    # warnings: at most the scope remark of hongze-2024; nothing on the others
    # the published texts carry no 落款 date, so "落款日期尚未填写" is expected; X-7: hongze
    # prints table 三 unlike the form — a single （六） row and a misprinted label — and nothing else;
    # X-8: the published texts' own typing slips, half-width punctuation)
    assert [f for f in evaluate(imported(REAL / f"huaian-2024.{ext}").report) if f.rule_id not in ("X-6", "X-8")] == []
    for name in ("hongze-2023", "hongze-2024"):
        assert [f.message.split("：", 1)[1] for f in evaluate(imported(REAL / f"{name}.{ext}").report)
                if f.rule_id == "X-7"] == ["表三行标签“2.其他法律行政法规禁止公开”印为“2.其他法律行政止公开”",
                                           "表三“（六）其他处理”只印一行，没有分为三项"]
    assert [f for f in evaluate(imported(REAL / f"hongze-2023.{ext}").report)
            if not f.is_error and f.rule_id not in ("X-6", "X-7", "X-8")] == []
    assert len([f for f in evaluate(imported(REAL / f"hongze-2024.{ext}").report)
                if f.rule_id not in ("X-6", "X-7", "X-8")]) <= 1


def test_misprinted_label_is_reported():
    res = imported(REAL / "hongze-2024.txt")
    assert any("其他法律行政止公开" in i.message for i in res.by_kind(INTERPRETED))
    assert any("只印了一行" in i.message for i in res.by_kind(INTERPRETED))


# --------------------------------------------------------------------------- HTML / DOCX

def _sample_2021():
    p = SAMPLES / "sample-2021.gaic.json"
    return load(p)


@pytest.mark.parametrize("kind", ["html", "docx"])
@pytest.mark.parametrize("which", ["sample-2021", "hanyang-2020"])
def test_html_and_docx_round_trip(tmp_path, kind, which):
    src = load(SAMPLES / f"{which}.gaic.json")
    path = tmp_path / f"report.{kind}"
    if kind == "html":
        path.write_text(to_html(src), encoding="utf-8")
    else:
        path.write_bytes(to_docx(src))
    res = import_file(path)
    _same_content(res.report, src)
    assert res.report.title == src.display_title()
    assert not res.by_kind(MISSING)


def test_html_in_gb18030_and_pasted_html(tmp_path):
    src = _sample_2021()
    text = to_html(src).replace("charset='utf-8'", "charset='gb2312'")
    (tmp_path / "r.htm").write_bytes(text.encode("gb18030"))
    _same_content(import_file(tmp_path / "r.htm").report, src)
    _same_content(import_text(to_html(src), html=True).report, src)


# --------------------------------------------------------------------------- tolerance

def test_tolerance_text():
    res = import_file(HERE / "tolerance-2024.txt")
    rep = res.report
    assert (rep.format, rep.year, rep.organisation) == ("2021", 2024, "示例縣人民政府")
    assert rep.signoff.organisation == "示例縣人民政府辦公室" and str(rep.signoff.date) == "2025-01-20"
    v = rep.effective_values()
    assert v["t2.regulation.effective"] == 5  # full-width digit, traditional labels, flattened tokens
    assert v["t2.normative.repealed"] == "/" and v["t2.normative.effective"] == 8  # label with a gloss
    assert v["t2.licensing.decisions"] == 1234
    assert v["t2.penalty.decisions"] == "/"  # 「-」
    assert v["t2.coercion.decisions"] is None  # blank stays blank
    assert v["t2.fee.amount"] == Decimal("17474.57")
    assert "合计17474.57万元" in rep.cell_notes["t2.fee.amount"]
    assert v["t3.r_partial.total"] == 1  # label split over two lines
    assert v["t3.d3.business"] is None and v["t3.d3.natural"] == 0
    assert v["t3.d6.natural"] == 1  # 「1件」
    assert v["t3.d7.total"] == 0  # flattened row inside a tab table
    assert [v[f"t3.{o}.total"] for o in ("o1", "o2", "o3")] == ["/", "/", 0]  # single （六） row
    assert v["t3.r_total.total"] == 12 and v["t3.r_total.natural"] == 10  # spurious 0 dropped
    assert v["t4.cases.rv_keep"] == 1 and v["t4.cases.rv_total"] == 1
    kinds = {i.kind for i in res.issues}
    assert BLANK in kinds and INTERPRETED in kinds and MISSING not in kinds
    assert [f.rule_id for f in evaluate(rep) if f.is_error] == []
    msgs = " ".join(i.message for i in res.issues)
    for expected in ("1,234", "“-”", "1件", "其他法律行政止公开", "只印了一行", "多出的“0”", "原文为空白"):
        assert expected in msgs


def test_parse_cell_cases():
    assert parse_cell("251000元", "money", "万元").value == Decimal("25.1")
    assert parse_cell("14675.94万", "money", "万元").value == Decimal("14675.94")
    assert parse_cell("－３", "signed", None).value == -3
    assert parse_cell("／", "count", None).value == "/"
    assert parse_cell("", "count", None).value is None
    with pytest.raises(CellTextError):
        parse_cell("见附件", "count", None)
    with pytest.raises(CellTextError):
        parse_cell("1.5", "count", None)


def test_label_parts_tolerance():
    assert label_parts(norm("（三）不予公开 1、属于國家秘密")).num == 1
    assert label_parts(norm("(四)无法提供 2.没有现成信息需要另行制作")).group == "四"
    assert label_parts(norm("（二）部分公开（区分处理的，只计这一情")).leaf == "部分公开"


# --------------------------------------------------------------------------- garbage

@pytest.mark.parametrize("content,suffix", [
    ("这是一份会议通知。\n请各单位准时参加。\n", ".txt"),
    ("", ".txt"),
    ("%PDF-1.4 broken", ".pdf"),
    ("PK\x03\x04 not a zip", ".docx"),
    ("\xd0\xcf\x11\xe0 old word", ".doc"),
    ("<html><body><p>新闻</p></body></html>", ".html"),
])
def test_garbage_gives_a_chinese_message(tmp_path, content, suffix):
    p = tmp_path / f"x{suffix}"
    p.write_bytes(content.encode("latin-1") if suffix in (".doc",) else content.encode("utf-8"))
    with pytest.raises(ImportFailed) as exc:
        import_file(p)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc.value))


def test_missing_file():
    with pytest.raises(ImportFailed, match="找不到"):
        import_file("/nonexistent/report.pdf")


# --------------------------------------------------------------------------- CLI

def test_cli_import(tmp_path, capsys):
    out = tmp_path / "hz.gaic.json"
    assert main(["import", str(REAL / "hongze-2023.txt"), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "已解释" in text and "2 处错误" in text
    rep = load(out)
    assert rep.totals_mode == "printed" and rep.value("t4.cases.rv_keep") == 10
    assert main(["import", str(REAL / "hongze-2023.txt"), "-o", str(out)]) == 2  # exists
    bad = tmp_path / "bad.txt"
    bad.write_text("随便写的一段话。", encoding="utf-8")
    assert main(["import", str(bad), "-o", str(tmp_path / "bad.gaic.json")]) == 2
    assert "无法导入" in capsys.readouterr().err
    assert not (tmp_path / "bad.gaic.json").exists()
    json.loads(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- data safety (review)

def _huaian_lines():
    return (REAL / "huaian-2024.txt").read_text(encoding="utf-8").split("\n")


def test_t2_columns_of_another_format_stay_blank():
    """A 2019-format table 二 in a 2021 report: no cell filled by position, each one listed."""
    text = SEED.read_text(encoding="utf-8").replace("2020", "2021")
    res = import_text(text)
    rep = res.report
    assert rep.format == "2021"
    t2 = [ref for ref in rep.cells() if ref.startswith("t2.")]
    assert {ref: rep.stored(ref) for ref in t2 if rep.stored(ref) is not None} == {}
    listed = {c for i in res.by_kind(UNREADABLE) for c in i.cells}
    for ref in ("t2.fee.amount", "t2.licensing.decisions", "t2.regulation.made", "t2.normative.effective"):
        assert ref in listed
    fee = next(i for i in res.by_kind(UNREADABLE) if i.cells == ("t2.fee.amount",))
    assert "上一年项目数量=15" in fee.message and fee.source.startswith("行政事业性收费")


def test_t2_without_header_is_read_by_position_and_reported():
    lines = _huaian_lines()
    i = next(k for k, x in enumerate(lines) if x.startswith("信息内容"))
    res = import_text("\n".join(lines[:i] + lines[i + 1:]))
    assert res.report.value("t2.normative.made") == 8
    assert any("没有栏目标题" in x.message and "t2.normative.made" in x.cells for x in res.by_kind(INTERPRETED))


def _huaian_with(replace: dict[str, str]):
    lines = _huaian_lines()
    for i, x in enumerate(lines):
        for start, new in replace.items():
            if x.startswith(start):
                lines[i] = new
    return import_text("\n".join(lines))


_NEW = "一、本年新收政府信息公开申请数量"
_T3_COLS = ("natural", "business", "research", "public_interest", "legal_service", "other", "total")


def _new_row(rep):
    return [rep.value(f"t3.new.{c}") for c in _T3_COLS]


def test_t3_row_with_eight_numbers_that_do_not_add_up_stays_blank():
    res = _huaian_with({_NEW: f"{_NEW}\t3001\t53\t0\t0\t61\t4\t118\t3119"})
    assert _new_row(res.report) == [None] * 7
    issue = next(i for i in res.by_kind(UNREADABLE) if "t3.new.total" in i.cells)
    assert "8个数字" in issue.message and "118" in issue.source
    assert not any("t3.new." in c for i in res.by_kind(MISSING) for c in i.cells)


def test_t3_subtotal_column_in_the_header_is_mapped_by_label():
    res = _huaian_with({"\t\t商业企业": "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计",
                        _NEW: f"{_NEW}\t3001\t53\t0\t0\t61\t4\t118\t3119"})
    assert _new_row(res.report) == [3001, 53, 0, 0, 61, 4, 3119]
    assert any("小计" in i.message for i in res.by_kind(INTERPRETED))
    bad = _huaian_with({"\t\t商业企业": "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t小计",
                        _NEW: f"{_NEW}\t3001\t53\t0\t0\t61\t4\t117\t3119"})
    assert _new_row(bad.report) == [None] * 7


def test_t3_row_with_six_numbers():
    res = _huaian_with({_NEW: f"{_NEW}\t3001\t53\t0\t61\t4\t3119"})
    assert _new_row(res.report) == [None] * 6 + [3119]
    assert any("6个数字" in i.message and "t3.new.natural" in i.cells for i in res.by_kind(UNREADABLE))
    res = _huaian_with({_NEW: f"{_NEW}\t3001\t53\t0\t61\t4\t3118"})
    assert _new_row(res.report) == [None] * 7
    assert any("6个数字" in i.message and "t3.new.total" in i.cells for i in res.by_kind(UNREADABLE))


def test_t3_header_in_another_order_is_mapped_by_label():
    res = _huaian_with({"\t\t商业企业": "\t\t科研机构\t商业企业\t社会公益组织\t法律服务机构\t其他",
                        _NEW: f"{_NEW}\t3001\t0\t53\t0\t61\t4\t3119"})
    assert _new_row(res.report) == [3001, 53, 0, 0, 61, 4, 3119]
    assert any("按栏目名称读取" in i.message for i in res.by_kind(INTERPRETED))


def test_t4_header_in_another_order_is_mapped_by_label_or_refused():
    five = "总计\t结果维持\t结果纠正\t其他结果\t尚未审结"
    res = _huaian_with({"结果维持\t": "\t".join([five] * 3),
                        "72\t64": "351\t72\t64\t178\t37\t26\t13\t4\t8\t1\t20\t12\t1\t1\t6"})
    rep = res.report
    assert (rep.value("t4.cases.rv_keep"), rep.value("t4.cases.rv_total"), rep.value("t4.cases.lr_pending")) == (72, 351, 6)
    assert any("栏目顺序" in i.message for i in res.by_kind(INTERPRETED))
    res = _huaian_with({"结果维持\t": "结果维持\t结果纠正\t其他结果\t尚未审结\t总计"})
    assert all(res.report.value(ref) is None for ref in res.report.cells() if ref.startswith("t4."))
    assert any(i.cells and i.cells[0].startswith("t4.") for i in res.by_kind(UNREADABLE))


def test_saved_web_page_furniture_is_not_imported(tmp_path):
    """Navigation, 「发布日期」 lines, unrelated tables and footers of a saved page: not title,
    preface, sections or 落款; what was left out is listed."""
    src = _sample_2021()
    page = to_html(src)
    nav = ("<table><tr><td>首页</td><td>政务公开</td><td>政务服务</td></tr>"
           "<tr><td>发布日期：2022-01-20</td><td>来源：区政府办</td></tr></table>"
           "<p>当前位置：首页 &gt; 政务公开</p><p>发布日期：2022-01-20</p>")
    junk = "<table><tr><td>序号</td><td>栏目</td><td>条数</td></tr><tr><td>1</td><td>通知公告</td><td>120</td></tr></table>"
    footer = ("<table><tr><td>相关链接</td><td>国务院</td><td>省政府</td></tr></table>"
              "<p>主办单位：某区人民政府办公室</p>")
    page = page.replace("<div class='main'>", "<div class='main'>" + nav, 1)
    h2 = src.fmt.section("s2").heading
    page = page.replace(f"<p><strong>{h2}</strong></p>", f"<p><strong>{h2}</strong></p>" + junk, 1)
    page = page.replace("</div></body>", footer + "</div></body>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    res = import_file(path)
    rep = res.report
    assert rep.title == src.display_title()
    assert rep.preface == src.preface
    assert rep.section_text("s2") == src.section_text("s2")
    assert rep.signoff.organisation != "相关链接国务院省政府" and "主办单位" not in rep.signoff.organisation
    assert not any("相关链接" in p or "主办单位" in p for p in rep.section_text("s6")[:-1])
    dropped = [i for i in res.by_kind(INTERPRETED) if "无关" in i.message]
    assert dropped and "首页" in dropped[0].source and "通知公告" in dropped[0].source
    gv, wv = rep.effective_values(), src.effective_values()
    assert {k: gv[k] for k in wv if gv[k] != wv[k]} == {}
