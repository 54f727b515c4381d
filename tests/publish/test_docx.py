"""The Word export's structure, read back from the file's XML: the GB/T 9704 page and grid, the
East-Asian fonts, the heading styles, every merged cell of the official forms, the page-number
fields, the table header and row properties, and the 公开版's contents."""

from __future__ import annotations

import errno
import os

import pytest

from gaic_desktop.core.storage import load
from gaic_desktop.core.headings import split_heading
from gaic_desktop.publish.docx import ExportError, export_docx
from tests.conftest import SAMPLES

from .docx_probe import NS, Docx, q, table_cells, val

TWIPS_PER_MM = 1440 / 25.4
SAMPLE_NAMES = ["hanyang-2020", "sample-2021"]  # formats 2019 (湖北 variant) and 2021


@pytest.fixture(scope="module", params=SAMPLE_NAMES)
def exported(request, tmp_path_factory):
    report = load(SAMPLES / f"{request.param}.gaic.json")
    path = tmp_path_factory.mktemp("docx") / f"{request.param}.docx"
    export_docx(report, path)
    return report, Docx(path)


def mm(twips) -> float:
    return int(twips) / TWIPS_PER_MM


def test_page_is_a4_with_the_official_text_block(exported):
    _, d = exported
    size, mar = d.sect.find("w:pgSz", NS), d.sect.find("w:pgMar", NS)
    width, height = mm(size.get(q("w:w"))), mm(size.get(q("w:h")))
    assert (round(width), round(height)) == (210, 297)
    top, left = mm(mar.get(q("w:top"))), mm(mar.get(q("w:left")))
    block_w = width - left - mm(mar.get(q("w:right")))
    block_h = height - top - mm(mar.get(q("w:bottom")))
    assert top == pytest.approx(37, abs=0.05) and left == pytest.approx(28, abs=0.05)
    assert block_w == pytest.approx(156, abs=0.1) and block_h == pytest.approx(225, abs=0.1)


def test_document_grid_is_22_lines_of_28_characters(exported):
    _, d = exported
    grid = d.sect.find("w:docGrid", NS)
    assert grid.get(q("w:type")) == "linesAndChars"
    block_h = 225 * TWIPS_PER_MM
    pitch = int(grid.get(q("w:linePitch")))
    assert 22 * pitch <= block_h < 23 * pitch and block_h - 22 * pitch < 22  # 22 lines fill it
    # Word's character pitch: the body size plus charSpace (1/4096 pt); 28 of them fill 156 mm
    body_pt = int(val(d.style("Normal"), "w:rPr/w:sz")) / 2
    char_pt = body_pt + int(grid.get(q("w:charSpace"))) / 4096
    assert 28 * char_pt * 20 == pytest.approx(156 * TWIPS_PER_MM, abs=2)


def _fonts(rpr) -> dict:
    f = rpr.find("w:rFonts", NS)
    return {k: f.get(q(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "asciiTheme", "eastAsiaTheme")}


def test_body_is_3hao_fangsong_with_the_east_asian_font_set(exported):
    _, d = exported
    for rpr in (d.style("Normal").find("w:rPr", NS),
                d.styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)):
        fonts = _fonts(rpr)
        assert fonts["eastAsia"] == fonts["ascii"] == "仿宋_GB2312"
        assert fonts["asciiTheme"] is None and fonts["eastAsiaTheme"] is None  # no theme override
        assert val(rpr, "w:sz") == "32"  # 3号 = 16 pt
    assert val(d.styles, "w:docDefaults/w:rPrDefault/w:rPr/w:lang", "w:eastAsia") == "zh-CN"
    # first line indented two characters, on the grid; no widow or orphan line, as the PDF
    assert val(d.style("Normal"), "w:pPr/w:ind", "w:firstLineChars") == "200"
    assert val(d.style("Normal"), "w:pPr/w:widowControl") == "1"


def test_title_and_headings_use_styles_with_the_official_faces(exported):
    report, d = exported
    paras = list(d.paragraphs())
    assert paras[0][0] == "Title" and paras[0][1] == report.display_title()
    title = d.style("Title")
    assert _fonts(title.find("w:rPr", NS))["eastAsia"] == "方正小标宋简体"
    assert val(title, "w:rPr/w:sz") == "44" and val(title, "w:pPr/w:jc") == "center"
    for sid, face, level in (("Heading1", "黑体", "0"), ("Heading2", "楷体_GB2312", "1")):
        st = d.style(sid)
        assert _fonts(st.find("w:rPr", NS))["eastAsia"] == face
        assert val(st, "w:pPr/w:outlineLvl") == level  # the navigation pane's levels
        assert val(st, "w:rPr/w:b") == "0" and val(st, "w:rPr/w:sz") == "32"
    h1 = [t for s, t, _ in paras if s == "Heading1"]
    assert [s.heading for s in report.fmt.sections] == [t for t in h1 if t in
                                                        {s.heading for s in report.fmt.sections}]
    h2 = [t for s, t, _ in paras if s == "Heading2"]
    texts = [t for k in report.sections for t in report.section_text(k)] + report.preface
    want_h2 = [t.strip() for t in texts if split_heading(t)[0] == 2]
    assert sorted(h2) == sorted(want_h2) and want_h2


def test_run_in_heading_is_its_own_run_in_the_heading_face(tmp_path):
    report = load(SAMPLES / "sample-2021.gaic.json")
    report.sections["s1"][1] = "（一）主动公开情况。全年主动公开政府信息4260条。"
    report.sections["s1"][2] = "二、重点工作。本年度重点推进政务公开。"
    path = tmp_path / "r.docx"
    export_docx(report, path)
    d = Docx(path)
    found = {t: (s, p) for s, t, p in d.paragraphs()}
    for text, sid, head in (("（一）主动公开情况。全年主动公开政府信息4260条。", "Heading2", "（一）主动公开情况。"),
                            ("二、重点工作。本年度重点推进政务公开。", "Heading1", "二、重点工作。")):
        style, p = found[text]
        assert style == sid
        runs = p.findall("w:r", NS)
        assert "".join(t.text for t in runs[0].iter(q("w:t"))) == head
        assert runs[0].find("w:rPr/w:rFonts", NS) is None  # the style's face: 楷体 / 黑体
        assert _fonts(runs[1].find("w:rPr", NS))["eastAsia"] == "仿宋_GB2312"
        assert val(p, "w:pPr/w:keepNext") == "0"  # a whole paragraph is not kept with the next


def _expected_merges(report, tkey):
    placed = report.fmt.placed(tkey, report.variant)
    return placed, max(p.row + p.rowspan for p in placed)


def test_every_merged_cell_of_the_official_form(exported):
    report, d = exported
    tables = d.tables()
    keys = [t for s in report.fmt.sections for t in s.tables]
    assert len(tables) == len(keys) == 3
    merged = 0
    for tkey, tbl in zip(keys, tables):
        placed, n_rows = _expected_merges(report, tkey)
        n_cols = report.fmt.table(tkey).columns
        got = table_cells(tbl)
        assert len(tbl.findall("w:tr", NS)) == n_rows
        assert len(tbl.findall("w:tblGrid/w:gridCol", NS)) == n_cols
        want = {}
        for p in placed:
            want[(p.row, p.col)] = (p.colspan, "restart" if p.rowspan > 1 else None)
            for k in range(1, p.rowspan):
                want[(p.row + k, p.col)] = (p.colspan, "continue")
            merged += p.rowspan > 1 or p.colspan > 1
        assert {k: (c["span"], c["vmerge"]) for k, c in got.items()} == want, tkey
    assert merged >= 30  # the forms have 34 (2019 湖北) and more (2021) merged cells


def test_known_merges_of_table_three_2021(tmp_path):
    """Spans typed from format-spec (not from the format definition the export reads)."""
    report = load(SAMPLES / "sample-2021.gaic.json")
    export_docx(report, tmp_path / "r.docx")
    cells = table_cells(Docx(tmp_path / "r.docx").tables()[1])
    by_text = {c["text"]: (pos, c) for pos, c in cells.items() if c["vmerge"] != "continue"}
    assert by_text["申请人情况"][1]["span"] == 7 and by_text["申请人情况"][0] == (0, 3)
    note = by_text["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    assert note[0] == (0, 0) and note[1]["span"] == 3 and note[1]["vmerge"] == "restart"
    assert [cells[(r, 0)]["vmerge"] for r in (1, 2)] == ["continue", "continue"]
    (row, col), outcome = by_text["三、本年度办理结果"]
    assert col == 0 and outcome["vmerge"] == "restart"
    assert all(cells[(row + k, 0)]["vmerge"] == "continue" for k in range(1, 22))
    assert cells.get((row + 22, 0), {}).get("vmerge") != "continue"


def test_header_rows_repeat_and_rows_never_split(exported):
    report, d = exported
    keys = [t for s in report.fmt.sections for t in s.tables]
    for tkey, tbl in zip(keys, d.tables()):
        header_rows = report.fmt.table(tkey).header_rows
        rows = tbl.findall("w:tr", NS)
        flags = [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows]
        assert flags == [i < header_rows for i in range(len(rows))], tkey
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        assert tbl.find("w:tblPr/w:tblLayout", NS).get(q("w:type")) == "fixed"


def test_cells_print_what_the_pdf_prints(exported):
    """Blank stays blank, "/" stays "/", a money cell whose header does not name the unit carries it."""
    report, d = exported
    from gaic_desktop.core.values import fmt_value

    values = report.effective_values()
    keys = [t for s in report.fmt.sections for t in s.tables]
    for tkey, tbl in zip(keys, d.tables()):
        got = table_cells(tbl)
        for p in report.fmt.placed(tkey, report.variant):
            text = got[(p.row, p.col)]["text"]
            if p.is_value:
                shown = fmt_value(values[f"{tkey}.{p.cell.cell}"])
                assert text == shown or (text.startswith(shown) and text.endswith("万元")), (tkey, p.cell.cell)
            else:
                assert text == p.cell.text_for(report.variant, report.year)
    if report.format == "2019":  # the seed's 17474.57: header 「采购总金额（…）」 does not say 万元
        assert any(c["text"] == "17474.57万元" for c in table_cells(d.tables()[0]).values())


def test_page_numbers_are_page_fields_on_the_outside_edge(exported):
    _, d = exported
    assert d.settings.find("w:evenAndOddHeaders", NS) is not None
    for kind, side in (("default", "right"), ("even", "left")):
        footer = d.footer(kind)
        p = footer.find("w:p", NS)
        assert val(p, "w:pPr/w:jc") == side
        assert [c.get(q("w:fldCharType")) for c in p.iter(q("w:fldChar"))] == ["begin", "separate", "end"]
        assert "".join(t.text for t in p.iter(q("w:instrText"))).strip() == "PAGE"
        texts = [t.text for t in p.iter(q("w:t"))]
        assert texts[0] == "— " and texts[-1] == " —"
        indent = val(p, "w:pPr/w:ind", f"w:{side}")
        assert int(indent) == 280  # one 4号 character in from the text block's edge


def test_public_copy_only_no_fingerprint_no_sign_page_no_watermark(exported):
    report, d = exported
    everything = b"".join(d.files.values()).decode("utf-8", "replace")
    assert report.fingerprint() not in everything and "数据指纹" not in everything
    assert "审签" not in everything and "草稿" not in everything
    assert "<w:pict" not in everything and "<v:shape" not in everything
    assert not [n for n in d.files if n.startswith("word/header")]
    # nor the template's leftovers: an empty page's thumbnail, Word 2010's stale copy of the styles
    assert "docProps/thumbnail.jpeg" not in d.files and "word/stylesWithEffects.xml" not in d.files


def test_signoff_is_right_aligned_like_the_pdf(tmp_path):
    report = load(SAMPLES / "sample-2021.gaic.json")
    export_docx(report, tmp_path / "r.docx")
    paras = list(Docx(tmp_path / "r.docx").paragraphs())
    (_, org, po), (_, date, pd) = paras[-2], paras[-1]
    assert (org, date) == ("示例市示例区人民政府", "2025年1月20日")
    assert val(po, "w:pPr/w:jc") == val(pd, "w:pPr/w:jc") == "right"
    char = 156 * TWIPS_PER_MM / 28
    assert int(val(pd, "w:pPr/w:ind", "w:right")) == pytest.approx(4 * char, abs=2)  # four characters
    # the organisation centred over the date: 10 characters over 3 characters and 7 half-width digits
    org_right = int(val(po, "w:pPr/w:ind", "w:right"))
    assert org_right == pytest.approx((4 + (6.5 - 10) / 2) * char, abs=2)


def test_a_report_without_signoff_prints_none(tmp_path):
    report = load(SAMPLES / "sample-2021.gaic.json")
    report.signoff.organisation = ""
    report.signoff.date = None
    export_docx(report, tmp_path / "r.docx")
    last = list(Docx(tmp_path / "r.docx").paragraphs())[-1][1]
    assert last == report.section_text("s6")[-1]


def test_write_failure_keeps_the_old_file_and_says_why_in_chinese(tmp_path, monkeypatch):
    report = load(SAMPLES / "sample-2021.gaic.json")
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")

    def refuse(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as exc:
        export_docx(report, out)
    assert "磁盘空间不足" in str(exc.value) and "No space" not in str(exc.value)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.docx"]  # no temporary file left


def test_missing_folder_and_folder_as_target(tmp_path):
    report = load(SAMPLES / "sample-2021.gaic.json")
    with pytest.raises(ExportError, match="不存在"):
        export_docx(report, tmp_path / "no" / "r.docx")
    with pytest.raises(ExportError, match="文件夹"):
        export_docx(report, tmp_path)


def test_font_table_names_a_stand_in_for_each_gb2312_face(exported):
    _, d = exported
    table = d.xml("word/fontTable.xml")
    alt = {f.get(q("w:name")): val(f, "w:altName") for f in table.findall("w:font", NS)}
    assert alt["仿宋_GB2312"] == "仿宋" and alt["楷体_GB2312"] == "楷体" and alt["方正小标宋简体"] == "宋体"
    assert "黑体" in alt and "宋体" in alt


def test_only_headers_and_table_two_blocks_keep_with_the_next_row(exported):
    """Table 三 may break between any two body rows (it is longer than a page); its header rows
    stay with the first row under them; each 第二十条 block of table 二 stays on one page."""
    report, d = exported
    keys = [t for s in report.fmt.sections for t in s.tables]
    for tkey, tbl in zip(keys, d.tables()):
        rows = tbl.findall("w:tr", NS)
        keep = [all(p.find("w:pPr/w:keepNext", NS) is not None for p in r.iter(q("w:p"))) for r in rows]
        header_rows = report.fmt.table(tkey).header_rows
        if tkey == "t2":
            starts = [i for i, r in enumerate(rows)
                      if r.find("w:tc/w:tcPr/w:shd", NS) is not None]  # the grey caption rows
            assert len(starts) >= 4 and starts[0] == 0
            assert keep == [i + 1 < len(rows) and i + 1 not in starts for i in range(len(rows))]
        else:
            assert keep == [i < header_rows for i in range(len(rows))], tkey
