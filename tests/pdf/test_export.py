"""PDF export: read the generated PDFs back and check that they show exactly the report.

Each sample is rendered once per session (both variants); the checks read the PDF with
pdfplumber/pypdf and ``pdffonts``.
"""
from __future__ import annotations

import errno
import getpass
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from gaic_desktop.core import acknowledge, error_count, evaluate, load
from gaic_desktop.core.values import fmt_value
from gaic_desktop.pdf import ExportError, ExportOptions, export_pdf
from gaic_desktop.pdf.linebreak import CANNOT_END, CANNOT_START, break_positions
from gaic_desktop.pdf.render import is_subheading, write_atomic

pdfplumber = pytest.importorskip("pdfplumber")
pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = {
    "hanyang": ROOT / "resources" / "samples" / "hanyang-2020.gaic.json",
    "s2021": ROOT / "resources" / "samples" / "sample-2021.gaic.json",
}
FOOTER_RE = re.compile(r"^(— \d+ —|(审签版\s*)?数据指纹：[0-9A-F]{8})$")


class Rendered:
    def __init__(self, report, path: Path, result):
        self.report = report
        self.path = path
        self.result = result
        with pdfplumber.open(path) as pdf:
            self.pages = [p.extract_text() or "" for p in pdf.pages]
        self.lines = [ln.strip() for page in self.pages for ln in page.splitlines()]

    @property
    def body_lines(self) -> list[str]:
        return [ln for ln in self.lines if ln and not FOOTER_RE.match(ln)]

    @property
    def flat(self) -> str:
        """All text without whitespace and page furniture (page numbers, fingerprint)."""
        return "".join(re.sub(r"\s+", "", ln) for ln in self.body_lines)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    cache: dict[tuple[str, str], Rendered] = {}

    def get(name: str, variant: str = "公开版") -> Rendered:
        key = (name, variant)
        if key not in cache:
            report = load(SAMPLES[name])
            path = out / f"{name}-{variant}.pdf"
            result = export_pdf(report, path, ExportOptions(variant=variant))
            cache[key] = Rendered(report, path, result)
        return cache[key]

    return get


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def find_in_order(flat: str, items: list[str]) -> None:
    pos = 0
    for item in items:
        i = flat.find(squash(item), pos)
        assert i >= 0, f"not found (in order) after position {pos}: {item[:40]}"
        pos = i + len(squash(item))


def scattered(flat: str, needle: str, start: int = 0, slack: int = 6) -> int:
    """Index after ``needle`` found as a subsequence of ``flat`` within a bounded window
    (a table label wraps and interleaves with neighbouring cells); -1 if absent."""
    needle = squash(needle)
    first = flat.find(needle[:2], start)
    while first >= 0:
        i, ok = first, True
        limit = first + slack * len(needle) + 60
        for ch in needle:
            i = flat.find(ch, i)
            if i < 0 or i > limit:
                ok = False
                break
            i += 1
        if ok:
            return i
        first = flat.find(needle[:2], first + 1)
    return -1


# ------------------------------------------------------------------ content


@pytest.mark.parametrize("name", list(SAMPLES))
def test_title_preface_headings_paragraphs_in_order(rendered, name):
    r = rendered(name)
    rep = r.report
    items = [rep.display_title(), *rep.preface]
    for sec in rep.fmt.sections:
        items.append(sec.heading)
        items += rep.section_text(sec.key)
    find_in_order(r.flat, items)
    # 落款 after section 六.
    six = r.flat.find(squash(rep.section_text("s6")[-1]))
    assert r.flat.find(squash(rep.signoff.organisation or rep.organisation), six) > six
    if rep.signoff.date:
        d = rep.signoff.date
        assert f"{d.year}年{d.month}月{d.day}日" in r.flat[six:]


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_table_label_appears(rendered, name):
    r = rendered(name)
    rep = r.report
    flat = r.flat
    for sec in rep.fmt.sections:
        start = flat.find(squash(sec.heading))
        for tkey in sec.tables:
            pos = start
            for p in rep.fmt.placed(tkey, rep.variant):
                if p.is_value:
                    continue
                text = p.cell.text_for(rep.variant, rep.year)
                # A tall merged label (三、本年度办理结果, one character per line) is spread
                # over many table rows in the extracted text.
                slack = 6 if p.rowspan <= 2 else 30 * p.rowspan
                found = scattered(flat, text, start, slack)
                assert found >= 0, f"{tkey}: label missing: {text}"
                pos = max(pos, found)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_number_appears_row_by_row(rendered, name):
    """Each table row's printed values appear as consecutive tokens of one line, in order,
    and the rows appear in order."""
    r = rendered(name)
    rep = r.report
    values = rep.effective_values()
    token_lines = [ln.split() for ln in r.body_lines]
    for tkey in [t for s in rep.fmt.sections for t in s.tables]:
        rows: dict[int, list] = {}
        for p in rep.fmt.placed(tkey, rep.variant):
            if p.is_value:
                rows.setdefault(p.row, []).append(p)
        line_idx = 0
        for grid_row in sorted(rows):
            cells = sorted(rows[grid_row], key=lambda p: p.col)
            expected = []
            for p in cells:
                ref = f"{tkey}.{p.cell.cell}"
                text = fmt_value(values[ref])
                if text:
                    expected.append(text)
            if not expected:
                continue
            for k in range(line_idx, len(token_lines)):
                toks = token_lines[k]
                # money may carry its unit (17474.57万元)
                norm = [re.sub(r"万元$|元$", "", t) for t in toks]
                n = len(expected)
                if any(norm[j:j + n] == expected for j in range(len(norm) - n + 1)):
                    line_idx = k
                    break
            else:
                raise AssertionError(f"{tkey} row {grid_row}: values {expected} not found in order")


def test_money_prints_unit_and_exact_decimals(rendered):
    # the amounts as the officer typed them (hanyang's 政府集中采购 as published), written out
    # here rather than formatted by the code under test
    hy = rendered("hanyang")
    assert hy.report.value("t2.procurement.amount") == Decimal("17474.57")
    assert "17474.57万元" in hy.flat
    s21 = rendered("s2021")
    assert s21.report.value("t2.fee.amount") == Decimal("1523.46")
    fee = "1523.46"
    # The 2021 header already says 「本年收费金额（单位：万元）」: the cell prints the number only.
    assert fee in s21.flat and f"{fee}万元" not in s21.flat


def test_blank_and_not_applicable_print_as_such(tmp_path):
    rep = load(SAMPLES["s2021"])
    rep.set_cell("t2.regulation.made", None)
    rep.set_cell("t2.regulation.repealed", "/")
    out = tmp_path / "x.pdf"
    export_pdf(rep, out)
    with pdfplumber.open(out) as pdf:
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    line = next(ln for ln in text.splitlines() if ln.startswith("规章"))
    assert "/" in line.split()
    assert "0" not in line.split()[1:2]  # the blank cell did not print as 0


def _settable(rep, ref):
    try:
        rep.check(ref, None)
        return True
    except Exception:
        return False


# ------------------------------------------------------------------ page furniture


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.parametrize("variant", ["公开版", "审签版"])
def test_fingerprint_on_every_page_of_the_sign_copy_only(rendered, name, variant):
    r = rendered(name, variant)
    fp = r.report.fingerprint()
    assert r.result.fingerprint == fp
    for i, page in enumerate(r.pages, 1):
        if variant == "审签版":
            assert f"数据指纹：{fp}" in page, f"page {i} lacks the fingerprint"
        else:  # the 公开版 is posted on the portal: no internal furniture
            assert fp not in page, f"page {i} of the 公开版 carries the fingerprint"


@pytest.mark.parametrize("name", list(SAMPLES))
def test_page_numbers(rendered, name):
    r = rendered(name)
    for i, page in enumerate(r.pages, 1):
        assert f"— {i} —" in page


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.parametrize("variant", ["公开版", "审签版"])
def test_all_fonts_embedded(rendered, name, variant):
    exe = shutil.which("pdffonts")
    if not exe:
        pytest.skip("pdffonts (poppler-utils) not installed")
    out = subprocess.run([exe, str(rendered(name, variant).path)], capture_output=True,
                         text=True, check=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for line in out:
        assert "Type 1" not in line, line
        # columns: name type encoding emb sub uni id gen — emb is the 4th from the right
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_line_starts_or_ends_with_forbidden_punctuation(rendered, name):
    r = rendered(name)
    for ln in r.body_lines:
        assert ln[0] not in CANNOT_START, f"line starts with punctuation: {ln}"
        assert ln[-1] not in CANNOT_END, f"line ends with opening punctuation: {ln}"


def test_draft_export_warns_and_lists_the_errors(tmp_path):
    """(The watermark itself is checked in test_tables.py, on the rendered pages.)"""
    rep = load(SAMPLES["s2021"])
    # 自然人 新收 118 → 123 breaks T3-1 in two columns (自然人 and 总计): two errors, counted by
    # hand rather than by evaluate(), which the export itself calls
    rep.set_cell("t3.new.natural", 123)
    out = tmp_path / "draft.pdf"
    res = export_pdf(rep, out, ExportOptions(variant="审签版"))
    assert res.errors == 2
    assert "年报存在2处错误，导出的PDF每页带有“草稿”水印。" in res.warnings
    with pdfplumber.open(out) as pdf:
        text = "".join(p.extract_text() for p in pdf.pages)
    assert "尚未修正的错误" in squash(text)


def test_metadata_and_no_local_paths(rendered):
    r = rendered("hanyang", "审签版")
    meta = pypdf.PdfReader(str(r.path)).metadata
    assert meta.title == r.report.display_title()
    assert meta.author == r.report.organisation
    assert meta.creator == meta.producer == "GAIC Desktop 政府信息公开年报编制器"
    raw = r.path.read_bytes()
    for leak in {str(ROOT), str(Path.home()), "/tmp/", "resources/fonts", getpass.getuser()}:
        if leak and len(leak) > 2:
            assert leak.encode() not in raw, f"PDF contains {leak!r}"
    for value in meta.values():
        assert str(ROOT) not in str(value) and getpass.getuser() not in str(value)


# ------------------------------------------------------------------ signature copy


def test_signature_page(rendered):
    pub = rendered("s2021", "公开版")
    sig = rendered("s2021", "审签版")
    assert len(sig.pages) == len(pub.pages) + 1
    last = squash(sig.pages[-1])
    for word in ("审签单", "拟稿人", "审核人", "签发人", "单位（盖章）", "已说明的警告",
                 sig.report.people.drafter, sig.report.people.approver,
                 sig.report.fingerprint()):
        assert squash(word) in last
    assert "审签单" not in "".join(pub.pages)
    # The report pages are identical in both copies (same page numbers); only the 审签版
    # carries the fingerprint line.
    furniture = f"审签版数据指纹：{sig.report.fingerprint()}"
    assert [squash(p) for p in pub.pages] == [
        squash(p).replace(furniture, "") for p in sig.pages[:-1]]


def test_signature_page_lists_acknowledged_warnings(tmp_path):
    rep = load(SAMPLES["s2021"])
    rep.set_cell("t3.carried_in.research", None)  # a blank in 表三 → warning T3-8
    warning = next(f for f in evaluate(rep) if not f.is_error)
    explanation = "该栏目本年度确无数据，经与业务科室逐项核对后确认留空。"
    acknowledge(rep, warning, explanation)
    assert error_count(evaluate(rep)) == 0
    out = tmp_path / "sig.pdf"
    export_pdf(rep, out, ExportOptions(variant="审签版"))
    with pdfplumber.open(out) as pdf:
        last = squash(pdf.pages[-1].extract_text())
    assert "已说明的警告（1处）" in last
    assert squash(explanation) in last
    assert squash(warning.message)[:20] in last


# ------------------------------------------------------------------ fonts


def test_character_missing_from_every_font_is_named(tmp_path):
    rep = load(SAMPLES["s2021"])
    rep.preface = rep.preface + ["联系人：张\U00020000（生僻字测试）。"]
    res = export_pdf(rep, tmp_path / "x.pdf")
    assert any("U+20000" in w for w in res.warnings)


def test_character_missing_from_heading_font_falls_back(tmp_path):
    from gaic_desktop.pdf.fonts import FontSet

    fs = FontSet()
    # A GBK character that the 楷体 face lacks but the Song face has.
    ch = next(c for c in (chr(cp) for cp in range(0x4E00, 0x9FA6))
              if not fs.covers(c, "kai") and fs.covers(c, "song"))
    rep = load(SAMPLES["s2021"])
    rep.sections["s1"] = [f"（一）主动公开{ch}"] + rep.section_text("s1")
    out = tmp_path / "x.pdf"
    res = export_pdf(rep, out, fonts=fs)
    assert not any(f"U+{ord(ch):04X}" in w for w in res.warnings)
    with pdfplumber.open(out) as pdf:
        hits = [c for p in pdf.pages for c in p.chars if c["text"] == ch]
    assert hits and all("Song" in c["fontname"] for c in hits)


# ------------------------------------------------------------------ writing


def test_failed_write_keeps_old_pdf(tmp_path, monkeypatch):
    rep = load(SAMPLES["s2021"])
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old pdf")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportError) as exc:
        export_pdf(rep, out)
    assert "磁盘空间不足" in str(exc.value)
    assert out.read_bytes() == b"old pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_permission_error_message(tmp_path, monkeypatch):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"old pdf")

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(ExportError) as exc:
        write_atomic(b"%PDF-new", out)
    assert "权限" in str(exc.value) or "打开" in str(exc.value)
    assert out.read_bytes() == b"old pdf"


def test_missing_folder(tmp_path):
    with pytest.raises(ExportError) as exc:
        write_atomic(b"x", tmp_path / "nope" / "a.pdf")
    assert "不存在" in str(exc.value)


# ------------------------------------------------------------------ CLI


def test_cli_export(tmp_path):
    from gaic_desktop.cli import main

    out = tmp_path / "cli.pdf"
    assert main(["export", str(SAMPLES["s2021"]), "-o", str(out), "--variant", "审签版"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["export", str(tmp_path / "missing.gaic.json"), "-o", str(out)]) == 2
    assert main(["export", str(SAMPLES["s2021"]), "-o", str(tmp_path / "no" / "x.pdf")]) == 2
    fp = load(SAMPLES["s2021"]).fingerprint()
    for extra, expected in (([], False), (["--fingerprint"], True)):
        assert main(["export", str(SAMPLES["s2021"]), "-o", str(out), *extra]) == 0
        with pdfplumber.open(out) as pdf:
            assert (fp in (pdf.pages[0].extract_text() or "")) is expected


# ------------------------------------------------------------------ line breaking


def _breaks(text: str, width_chars: float) -> list[str]:
    widths = [0.5 if ord(c) < 0x80 else 1.0 for c in text]
    starts = break_positions(list(text), widths, [width_chars], hang=False)
    bounds = [0] + starts + [len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def test_break_never_starts_with_closing_punctuation():
    lines = _breaks("一二三四五，六七八九十。甲乙丙丁戊、己庚辛壬癸）", 5)
    assert all(ln[0] not in CANNOT_START for ln in lines)
    assert "".join(lines) == "一二三四五，六七八九十。甲乙丙丁戊、己庚辛壬癸）"


def test_break_never_ends_with_opening_punctuation():
    lines = _breaks("一二三四《五六七八》九十", 5)
    assert all(ln[-1] not in CANNOT_END for ln in lines[:-1])


def test_break_keeps_numbers_whole():
    text = "全年共收到申请2020件，金额14675.94万元，比上年增加3件"
    for width in (6, 7, 8, 9, 10, 11):
        lines = _breaks(text, width)
        for a, b in zip(lines, lines[1:]):
            assert not (a[-1].isdigit() or a[-1] == ".") or not (b[0].isdigit() or b[0] == "."), \
                (width, lines)


def test_hanging_punctuation():
    text = "一二三四五，六七"
    widths = [1.0] * len(text)
    assert break_positions(list(text), widths, [5.0], hang=True) == [6]
    assert break_positions(list(text), widths, [5.0], hang=False) == [4]


def test_subheading_detection():
    assert is_subheading("（一）主动公开")
    assert is_subheading("（十）其他")
    assert not is_subheading("1. 加强组织领导。成立领导小组")
    assert not is_subheading("（一）主动公开。全年公开信息100条。")
    assert not is_subheading("一是及时发布疫情防控信息")
    assert is_subheading("（三）政府信息管理情况。")  # a heading on its own, with its 。


@pytest.mark.parametrize("name", list(SAMPLES))
def test_paragraphs_print_exactly_even_across_page_breaks(rendered, name):
    """No space may appear inside a paragraph (ReportLab's split of a paragraph across pages
    used to join the continued lines with spaces: 「安 排情况」)."""
    r = rendered(name)
    joined = "".join(r.body_lines)
    rep = r.report
    paragraphs = list(rep.preface) + [p for s in rep.fmt.sections for p in rep.section_text(s.key)]
    assert paragraphs
    for p in paragraphs:
        assert p.strip() in joined, p[:30]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_exported_pdf_keeps_usual_permissions(tmp_path):
    out = tmp_path / "p.pdf"
    export_pdf(load(SAMPLES["s2021"]), out, ExportOptions())
    umask = os.umask(0)
    os.umask(umask)
    assert (out.stat().st_mode & 0o777) == (0o666 & ~umask)


def test_cut_layout_keeps_both_parts_whole():
    """Splitting table 三 before any row gives two complete grids; the header repeats and a
    label whose span crosses the cut appears in both parts."""
    from gaic_desktop.core import get_format
    from gaic_desktop.pdf.flowables import _cut_layout

    fmt = get_format("2021")
    placed = fmt.placed("t3", None)
    n_rows, header = 28, 3
    for k in range(header + 1, n_rows):
        first, rest = _cut_layout(placed, k, header)
        for part, rows in ((first, k), (rest, header + n_rows - k)):
            covered = set()
            for p in part:
                for r in range(p.row, p.row + p.rowspan):
                    for c in range(p.col, p.col + p.colspan):
                        assert (r, c) not in covered
                        covered.add((r, c))
            assert covered == {(r, c) for r in range(rows) for c in range(10)}, k
        values = sorted(p.cell.cell for p in first + rest if p.is_value)
        assert values == sorted(p.cell.cell for p in placed if p.is_value)  # every cell once
        if 3 < k < 24:
            assert any(not p.is_value and p.cell.text == "三、本年度办理结果" for p in rest)


def test_table_3_continues_on_the_next_page_with_its_header():
    """Table 三 starting in the upper part of a page is split there (not moved whole), and
    its header rows repeat on the next page."""
    import io

    from gaic_desktop.pdf.render import render_pdf

    base = load(SAMPLES["s2021"])
    split_seen = 0
    for n in range(0, 22, 2):
        rep = base.model_copy(deep=True)
        rep.preface = [*rep.preface, *["本机关坚持以公开为常态、不公开为例外。"] * n]
        data, _ = render_pdf(rep)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [p.extract_text() or "" for p in pdf.pages]
        first = next(i for i, p in enumerate(pages) if "一、本年新收政府信息公开申请数量" in p)
        last = next(i for i, p in enumerate(pages) if "四、结转下年度继续办理" in p)
        assert last in (first, first + 1)
        if last == first + 1:
            split_seen += 1
            assert "勾稽关系" in pages[first] and "勾稽关系" in pages[last]  # header repeated
    assert split_seen >= 2


@pytest.mark.parametrize("with_narrative", [True, False])
def test_form_tables_split_at_any_page_position(with_narrative):
    """Table 三 starting anywhere on a page must lay out (a cut span makes the rows above the
    cut taller; the split has to measure the cut part, not the uncut rows)."""
    from gaic_desktop.pdf.render import render_pdf

    base = load(SAMPLES["s2021"])
    if not with_narrative:
        base.sections["s3"] = []
    for n in range(0, 26):
        rep = base.model_copy(deep=True)
        rep.preface = [rep.preface[0]] * n
        data, result = render_pdf(rep)
        assert data.startswith(b"%PDF") and result.pages > 0, n


def test_heading_never_ends_a_page_above_its_table():
    """A section without narrative: its heading must stay with the first rows of its table."""
    from gaic_desktop.pdf.render import render_pdf
    import io

    base = load(SAMPLES["s2021"])
    base.sections["s3"] = []
    heading = "三、收到和处理政府信息公开申请情况"
    for n in range(0, 24, 3):
        rep = base.model_copy(deep=True)
        rep.preface = [rep.preface[0]] * n
        data, _ = render_pdf(rep)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                lines = [ln.strip() for ln in (page.extract_text() or "").splitlines()
                         if ln.strip() and not FOOTER_RE.match(ln.strip())]
                if heading in lines:
                    assert lines[-1] != heading, n
                    assert any("勾稽关系" in ln or "申请人情况" in ln for ln in lines), n


# the errors ../shared/realreports/README.md says a correct checker finds: hongze-2023 prints two
# 表四 总计 as 0 (行政复议 10+1=11, 复议后起诉 5); the other two are consistent
@pytest.mark.parametrize("name,errors", [("hongze-2023", 2), ("hongze-2024", 0), ("huaian-2024", 0)])
def test_real_reports_as_printed_export(name, errors):
    from gaic_desktop.pdf.render import render_pdf

    rep = load(ROOT / "tests" / "data" / "realreports" / f"{name}.gaic.json")
    data, result = render_pdf(rep)
    assert data.startswith(b"%PDF")
    assert result.errors == errors


def test_signoff_keeps_two_lines_with_it_without_moving_the_whole_paragraph(rendered):
    r = rendered("hanyang")
    org = r.report.signoff.organisation
    i = max(n for n, p in enumerate(r.pages) if org in p.splitlines()[-6:] or org in p)
    lines = [ln.strip() for ln in r.pages[i].splitlines() if ln.strip() and not FOOTER_RE.match(ln.strip())]
    assert lines.index(org) >= 2  # at least two lines of the last paragraph on the 落款 page
    last_para = r.report.section_text("s6")[-1]
    assert not lines[0].startswith(last_para[:10])  # ... but the paragraph began on the page before


def test_sign_copy_keeps_each_warning_with_its_explanation_and_numbers_its_pages():
    import io

    from gaic_desktop.pdf.render import render_pdf

    r = load(SAMPLES["s2021"])
    r.sections["s3"] = ["2024年，本机关共收到政府信息公开申请150件，上年结转7件。办理答复146件，其中予以公开60件，"
                        "部分公开17件，不予公开20件，无法提供31件，不予处理8件，其他处理5件；结转下年度继续办理10件。"]
    warnings = [f for f in evaluate(r) if not f.is_error]
    assert len(warnings) >= 8
    for f in warnings:
        acknowledge(r, f, "该数字按本机关内部统计口径填报，已与业务科室逐项核对并留存台账备查，特此说明。" * 2)
    data, _ = render_pdf(r, ExportOptions(variant="审签版"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    sign = [t for t in texts if "审签单 第" in t]
    assert len(sign) >= 2 and "审签单 第2页" in sign[1]
    for t in sign:
        body = [ln.strip() for ln in t.splitlines() if ln.strip()]
        body = [ln for ln in body if not ln.startswith(("审签单 第", "审签版"))]
        assert not body[0].startswith("说明：")  # an explanation never starts a page, apart from its warning
