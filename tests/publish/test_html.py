"""The portal web page (publish/html.py): self-contained, the official merged cells (expected
spans written out from format-spec.md §1.3–§1.5 and §2.3–§2.5, not from the program's own
layout), accessible tables, headings, figures as printed, 落款, 公开版 only, atomic writing,
and the command line."""

from __future__ import annotations

import errno
import os
import re
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaic_desktop.cli import main
from gaic_desktop.core.report import new_report
from gaic_desktop.core.storage import load
from gaic_desktop.publish import html as publish_html
from gaic_desktop.publish.html import HtmlExportError, export_html, render_html, render_text
from tests.conftest import SAMPLES

from .htmlprobe import PageProbe

SEED = SAMPLES / "hanyang-2020.gaic.json"
S2021 = SAMPLES / "sample-2021.gaic.json"

# --------------------------------------------------------------------------- the form, from the spec

NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_HEAD = [(NOTE, 3, 3), ("申请人情况", 1, 7), ("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
T3_SINGLE_HEADERS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def t3_spans(fmt: str) -> list[tuple[str, int, int]]:
    """Every merged cell of table 三: §1.4 (2021) and §2.4 (2019: （六） one row, 三、 rowspan 20)."""
    body = [("一、本年新收政府信息公开申请数量", 1, 3), ("二、上年结转政府信息公开申请数量", 1, 3),
            ("三、本年度办理结果", 22 if fmt == "2021" else 20, 1),
            ("（一）予以公开", 1, 2), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2),
            ("（三）不予公开", 8, 1), ("（四）无法提供", 3, 1), ("（五）不予处理", 5, 1),
            ("（六）其他处理", 3, 1) if fmt == "2021" else ("（六）其他处理", 1, 2),
            ("（七）总计", 1, 2), ("四、结转下年度继续办理", 1, 3)]
    return T3_HEAD + body


T4_SPANS = [("行政复议", 1, 5), ("行政诉讼", 1, 10), ("结果维持", 2, 1), ("结果纠正", 2, 1),
            ("其他结果", 2, 1), ("尚未审结", 2, 1), ("总计", 2, 1), ("未经复议直接起诉", 1, 5),
            ("复议后起诉", 1, 5)]
T2_2021_SPANS = [("第二十条第（一）项", 1, 4), ("第二十条第（五）项", 1, 4), ("第二十条第（六）项", 1, 4),
                 ("第二十条第（八）项", 1, 4), ("本年处理决定数量", 1, 3), ("本年处理决定数量", 1, 3),
                 ("本年收费金额（单位：万元）", 1, 3)]
T2_2019_CAPTIONS = [f"第二十条第（{n}）项" for n in ("一", "五", "六", "八", "九")]
#: (grid rows × columns, data cells) per table, §1.3–§1.5, §2.3–§2.5
SHAPES = {"2021": {"t2": (14, 4, 10), "t3": (28, 10, 175), "t4": (4, 15, 15)},
          "2019": {"t2": (18, 4, 22), "t3": (26, 10, 161), "t4": (4, 15, 15)}}


def _report_2019_national():
    rep = new_report(2020, "某县人民政府")
    assert rep.format == "2019" and rep.variant is None
    return rep


REPORTS = {"seed": lambda: load(SEED), "2021": lambda: load(S2021), "2019": _report_2019_national}


def _tables(report):
    probe = PageProbe(render_html(report))
    keys = [t for s in report.fmt.sections for t in s.tables]
    assert len(probe.tables) == len(keys) == 3
    return dict(zip(keys, probe.tables))


def _spanned(table):
    """The merged label and header cells, as (text, rowspan, colspan)."""
    return Counter((c.text, c.rowspan, c.colspan) for c in table.cells()
                   if (c.rowspan > 1 or c.colspan > 1) and not _is_figure(c))


def _spanned_figures(table):
    """The merged figure cells, as (rowspan, colspan)."""
    return Counter((c.rowspan, c.colspan) for c in table.cells()
                   if (c.rowspan > 1 or c.colspan > 1) and _is_figure(c))


def _is_figure(cell) -> bool:
    return cell.tag == "td" and cell.text != NOTE


# --------------------------------------------------------------------------- self-contained


@pytest.mark.parametrize("which", sorted(REPORTS))
def test_page_is_self_contained_and_script_free(which):
    rep = REPORTS[which]()
    page, fragment = render_html(rep), render_html(rep, fragment=True)
    for text in (page, fragment):
        low = text.lower()
        for bad in ("<script", "javascript:", "http://", "https://", "src=", "href=", "url(", "@import",
                    "<link", "<style", "class=", "<img", "<iframe", " on"):
            assert bad not in low, bad
        assert not re.search(r"<\w+[^>]*\son\w+=", low)  # no event handlers
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert '<html lang="zh-CN">' in page and f"<title>{rep.display_title()}</title>" in page
    assert fragment in page
    for tag in ("<html", "<head", "<body", "<meta", "<title", "<!doctype"):
        assert tag not in fragment.lower()
    probe = PageProbe(page)
    assert probe.attrs_seen <= {"lang", "charset", "name", "content", "style", "rowspan", "colspan", "scope",
                                "border"}


def test_page_is_utf8_on_disk(tmp_path):
    out = tmp_path / "r.html"
    export_html(load(SEED), out)
    data = out.read_bytes()
    assert data.decode("utf-8") == render_html(load(SEED))
    assert not data.startswith(b"\xef\xbb\xbf")


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("which", sorted(REPORTS))
def test_tables_tile_the_official_grids(which):
    rep = REPORTS[which]()
    extra = 1 if rep.variant == "hubei" else 0  # Hubei's 其他主动公开文件 row (§2.3, local)
    for key, table in _tables(rep).items():
        rows, cols, cells = SHAPES[rep.format][key]
        if key == "t2":
            rows, cells = rows + extra, cells + 3 * extra
        grid = table.grid()
        assert (len(grid), len(grid[0])) == (rows, cols), key
        assert sum(1 for c in table.cells() if _is_figure(c)) == cells, key
        assert not table.nested


@pytest.mark.parametrize("which", ["2021", "2019"])
def test_every_merged_cell_of_the_official_form(which):
    rep = REPORTS[which]()
    tables = _tables(rep)
    assert _spanned(tables["t3"]) == Counter(t3_spans(rep.format))
    assert _spanned_figures(tables["t3"]) == Counter()  # every figure in its own cell
    assert _spanned(tables["t4"]) == Counter(T4_SPANS)
    assert _spanned_figures(tables["t4"]) == Counter()
    headers = [c.text for c in tables["t3"].cells() if c.tag == "th" and c.rowspan == c.colspan == 1]
    assert [h for h in headers if h in T3_SINGLE_HEADERS] == T3_SINGLE_HEADERS
    t2 = tables["t2"]
    if rep.format == "2021":
        assert _spanned(t2) == Counter(T2_2021_SPANS)
        # §1.3: the value cells of blocks (五), (六), (八) span 3 columns
        assert _spanned_figures(t2) == Counter({(1, 3): 4})
    else:
        assert [c.text for c in t2.cells() if c.colspan == 4] == T2_2019_CAPTIONS
        # §2.3: blocks (八) and (九) have two value columns, one widened: three cells a row
        rows = t2.rows
        for caption in T2_2019_CAPTIONS[3:]:
            i = next(i for i, r in enumerate(rows) if r[0].text == caption)
            assert [sum(c.colspan for c in r) for r in rows[i + 1:i + 3]] == [4, 4]
            assert [len(r) for r in rows[i + 1:i + 3]] == [3, 3]


def test_seed_keeps_the_spans_with_hubei_glosses():
    """The seed (Hubei variant) prints longer labels; the merged cells stay those of §2.4/§1.5."""
    tables = _tables(load(SEED))
    assert _spanned(tables["t3"]) == Counter(t3_spans("2019"))
    assert _spanned(tables["t4"]) == Counter(T4_SPANS)


@pytest.mark.parametrize("which", sorted(REPORTS))
def test_tables_are_accessible(which):
    rep = REPORTS[which]()
    page = render_html(rep)
    probe = PageProbe(page)
    for key, table in _tables(rep).items():
        assert table.caption == rep.fmt.table(key).title
        assert "overflow-x:auto" in table.parent_style.replace(" ", "")
        for c in table.cells():
            if c.tag == "th":
                # a column header spanning columns heads a colgroup; a row label spanning
                # rows (or a 第二十条 block caption) a rowgroup
                assert c.scope in ("col", "colgroup", "row", "rowgroup"), c
                if c.scope in ("col", "colgroup"):
                    assert (c.scope == "colgroup") == (c.colspan > 1), c
                else:
                    assert (c.scope == "rowgroup") == (c.rowspan > 1 or c.text.startswith("第二十条")), c
            else:
                assert c.scope is None
        headers = [c for c in table.cells() if c.tag == "th"]
        assert {c.text for c in headers} >= {"总计"} if key != "t2" else {"信息内容"}
    assert probe.tags.count("table") == 3 and probe.tags.count("caption") == 3
    assert page.count("<thead>") == 2  # 表三 and 表四 (表二 has no header rows: blocks)
    assert page.count("<tbody>") == (7 if rep.format == "2019" else 6)  # 表二 by block (5 or 4), 三, 四


def test_a_phone_scrolls_the_wide_tables():
    rep = load(S2021)
    widths = {k: int(re.search(r"min-width:(\d+)px", t).group(1))
              for k, t in zip(("t2", "t3", "t4"), render_html(rep).split("<table")[1:])}
    assert widths["t4"] >= 15 * 60 and widths["t3"] >= 700  # wider than a phone (390 px)
    assert widths["t2"] <= 390 - 32  # 表二's four columns fit a phone


# --------------------------------------------------------------------------- figures


def test_figures_are_printed_as_the_pdf_prints_them():
    rep = load(S2021)
    rep.set_cell("t3.new.natural", None)
    rep.set_cell("t3.new.business", "/")
    rep.set_cell("t2.fee.amount", Decimal("0.35"))
    rep.set_cell("t4.cases.rv_keep", 999_999_999)
    t3, t2, t4 = (_tables(rep)[k] for k in ("t3", "t2", "t4"))
    row = next(r for r in t3.rows if r[0].text == "一、本年新收政府信息公开申请数量")
    assert [c.text for c in row[1:3]] == ["", "/"]
    fee = next(r for r in t2.rows if r[0].text == "行政事业性收费")
    assert fee[1].text == "0.35"  # the header already says 万元
    assert t4.rows[-1][0].text == "999999999" and "white-space:nowrap" in t4.rows[-1][0].style


def test_money_without_unit_in_its_header_carries_the_unit():
    rep = load(SEED)  # 2019 采购总金额: the header names no unit; the cell is 万元
    t2 = _tables(rep)["t2"]
    row = next(r for r in t2.rows if r[0].text == "政府集中采购")
    assert [c.text for c in row[1:]] == ["913", "17474.57万元"]


def test_negative_change_and_blank_report():
    rep = load(SEED)
    rep.set_cell("t2.fee.delta", -8)
    row = next(r for r in _tables(rep)["t2"].rows if r[0].text == "行政事业性收费")
    assert row[-1].text == "-8"
    empty = _report_2019_national()
    assert {c.text for t in _tables(empty).values() for c in t.cells() if _is_figure(c)} == {""}


# --------------------------------------------------------------------------- text


def test_headings_and_paragraphs_in_order():
    rep = load(S2021)
    probe = PageProbe(render_html(rep))
    assert [t for tag, t, _ in probe.blocks if tag == "h1"] == [rep.display_title()]
    assert [t for tag, t, _ in probe.blocks if tag == "h2"] == [s.heading for s in rep.fmt.sections]
    expected = list(rep.preface)
    for s in rep.fmt.sections:
        expected += [s.heading] + rep.section_text(s.key)
    got = [t for tag, t, _ in probe.blocks if tag in ("h2", "h3", "p")]
    assert got[:len(expected)] == expected
    assert got[len(expected):] == [rep.signoff.organisation, "2025年1月20日"]
    assert [t for tag, t, _ in probe.blocks if tag == "h3"] == [
        p for s in rep.fmt.sections for p in rep.section_text(s.key) if re.fullmatch(r"（[一二三四五]）\S{2,12}", p)]


def test_run_in_heading_stays_one_paragraph_with_its_heading_marked():
    rep = load(S2021)
    rep.sections["s1"] = ["（一）主动公开情况。全年主动公开政府信息4260条。", "（二）依申请公开",
                          "一、这是一级标题", "（三）这是一个很长的句子而不是标题因为它超过了标题的最大长度还在继续写下去。后文。"]
    probe = PageProbe(render_html(rep, fragment=True))
    assert probe.runin == ["（一）主动公开情况。"]
    blocks = [(tag, t) for tag, t, _ in probe.blocks]
    assert ("p", "（一）主动公开情况。全年主动公开政府信息4260条。") in blocks
    assert ("h3", "（二）依申请公开") in blocks and ("h2", "一、这是一级标题") in blocks
    assert ("p", rep.sections["s1"][3]) in blocks
    page = render_html(rep)
    assert "<strong style=\"font-family:楷体_GB2312" in page


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_any_text_is_escaped(text):
    rep = load(S2021)
    rep.sections["s6"] = [text]
    probe = PageProbe(render_html(rep))
    if text.strip():
        assert any(t == text.strip() or t.endswith(text.strip()) for _, t, _ in probe.blocks)
    assert len(probe.tables) == 3 and probe.tags.count("script") == 0


def test_hostile_text_stays_text():
    rep = load(S2021)
    rep.sections["s6"] = ['<script>alert("x")</script><img src="http://x/y.png"> & 《条例》']
    page = render_html(rep)
    assert "<script" not in page and "http://" in page and "&lt;img src=" in page
    probe = PageProbe(page)
    assert rep.sections["s6"][0] in [t for _, t, _ in probe.blocks]
    assert "img" not in probe.tags


def test_signoff_is_right_aligned_and_not_invented():
    rep = load(S2021)
    probe = PageProbe(render_html(rep))
    org, day = probe.blocks[-2:]
    assert (org[1], day[1]) == ("示例市示例区人民政府", "2025年1月20日")
    assert all("text-align:right" in b[2] for b in (org, day))
    assert "padding-right:4em" in day[2]
    rep.signoff.date = None
    assert "年1月20日" not in render_html(rep)
    rep.signoff.organisation = ""
    assert PageProbe(render_html(rep)).blocks[-1][1] == rep.section_text("s6")[-1]
    rep.signoff.organisation, rep.signoff.date = "某局", date(2025, 1, 5)
    org, day = PageProbe(render_html(rep)).blocks[-2:]
    # the organisation centred above the date: 2 characters narrower → 4 + (6 − 2) / 2 … in em
    assert day[2].endswith("padding-right:4em") and re.search(r"padding-right:(\d+(\.\d+)?)em", org[2])
    assert float(re.search(r"padding-right:([\d.]+)em", org[2]).group(1)) > 4


def test_public_copy_only():
    rep = load(S2021)
    rep.people.drafter, rep.people.reviewer, rep.people.approver = "张三", "李四", "王五"
    page = render_html(rep)
    for absent in (rep.fingerprint(), "数据指纹", "审签", "草稿", "拟稿", "签发", "张三", "王五"):
        assert absent not in page, absent
    rep.set_cell("t3.new.natural", 9999)  # errors: still no watermark text in the page
    assert "草稿" not in render_html(rep)


def test_plain_text_alternative():
    rep = load(S2021)
    text = render_text(rep)
    lines = text.splitlines()
    assert lines[0] == rep.display_title()
    assert "\t".join(["（七）总计", "118", "19", "0", "1", "5", "2", "145"]) in lines
    assert "行政事业性收费\t1523.46" in lines and lines[-2:] == ["示例市示例区人民政府", "2025年1月20日"]
    for p in rep.preface + [p for s in rep.fmt.sections for p in rep.section_text(s.key)]:
        assert p in lines


# --------------------------------------------------------------------------- writing


def test_export_replaces_atomically_and_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    out = tmp_path / "r.html"
    out.write_text("旧网页", encoding="utf-8")
    os.chmod(out, 0o644)

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(HtmlExportError) as exc:
        export_html(load(SEED), out)
    assert str(exc.value) == "无法保存“r.html”：磁盘空间不足。原有文件未改动。"
    assert out.read_text(encoding="utf-8") == "旧网页"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]  # no temporary file left
    monkeypatch.undo()
    export_html(load(SEED), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.stat(out).st_mode & 0o777 == 0o644


def test_export_refuses_a_missing_folder_and_a_folder(tmp_path):
    with pytest.raises(HtmlExportError, match="文件夹“.*无此文件夹”不存在"):
        export_html(load(SEED), tmp_path / "无此文件夹" / "r.html")
    (tmp_path / "d.html").mkdir()
    with pytest.raises(HtmlExportError, match="是文件夹"):
        export_html(load(SEED), tmp_path / "d.html")


def test_module_imports_no_qt():
    import subprocess
    import sys

    code = ("import sys, gaic_desktop.publish.html, gaic_desktop.publish.html_cli; "
            "sys.exit(any(m.startswith(('PySide6', 'shiboken6', 'gaic_desktop.ui')) for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=SAMPLES.parents[1]).returncode == 0
    assert publish_html.__doc__


# --------------------------------------------------------------------------- command line


def test_cli_export_html(tmp_path, capsys):
    out = tmp_path / "年报.html"
    assert main(["export", str(S2021), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == render_html(load(S2021))
    assert "已导出" in capsys.readouterr().out
    other = tmp_path / "年报.txt"
    assert main(["export", str(S2021), "-o", str(other), "--to", "html"]) == 0
    assert other.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["export", str(S2021), "-o", str(tmp_path / "r.HTM")]) == 0
    assert (tmp_path / "r.HTM").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("extra", [["--variant", "审签版"], ["--fingerprint"], ["--font-fangsong", "x"]])
def test_cli_refuses_pdf_only_options(tmp_path, capsys, extra):
    out = tmp_path / "r.html"
    assert main(["export", str(S2021), "-o", str(out), *extra]) == 2
    assert "网页只有公开版" in capsys.readouterr().err and not out.exists()


def test_cli_failures_and_errors(tmp_path, capsys):
    assert main(["export", str(tmp_path / "无.gaic.json"), "-o", str(tmp_path / "r.html")]) == 2
    assert "无法读取" in capsys.readouterr().err
    assert main(["export", str(S2021), "-o", str(tmp_path / "无" / "r.html")]) == 2
    assert "导出失败" in capsys.readouterr().err
    rep = load(S2021)
    rep.set_cell("t3.new.natural", 9999)
    from gaic_desktop.core.storage import save

    bad = tmp_path / "bad.gaic.json"
    save(rep, bad)
    assert main(["export", str(bad), "-o", str(tmp_path / "bad.html")]) == 0  # as the PDF export
    err = capsys.readouterr().err
    assert re.search(r"注意：年报存在\d+处错误", err) and (tmp_path / "bad.html").is_file()


@pytest.mark.parametrize("which", sorted(REPORTS))
def test_every_figure_reads_as_in_the_pdf(which):
    """Each figure cell of the page holds the very string the PDF prints there (the PDF's own
    ``_value_text``), with 「/」, blanks and a money value whose header names no unit."""
    from types import SimpleNamespace

    from gaic_desktop.pdf.tables import TablesMixin

    rep = REPORTS[which]()
    if rep.format == "2019":
        rep.set_cell("t2.procurement.amount", Decimal("0.35"))
        rep.set_cell("t3.d1.natural", "/")
    values = rep.effective_values()
    pdf = SimpleNamespace(report=rep, values=values)
    for key, table in _tables(rep).items():
        placed = rep.fmt.placed(key, rep.variant)
        headers = [p for p in placed if not p.is_value and p.cell.role == "header"]
        grid = table.grid()
        for p in placed:
            if p.is_value:
                expected = TablesMixin._value_text(pdf, f"{key}.{p.cell.cell}", p, headers)
                assert grid[p.row][p.col].text == expected, (key, p.cell.cell)


def test_publish_never_imports_the_window():
    for path in (SAMPLES.parents[1] / "gaic_desktop" / "publish").glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+(PySide6|shiboken6|gaic_desktop\.ui|\.\.ui)",
                             path.read_text(encoding="utf-8"), re.M), path
