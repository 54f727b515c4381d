"""Hostile and huge import sources, generated here, imported by the command line in a child
process under a 1 GiB address-space cap: each is refused with a Chinese 「无法导入：…」 naming
the problem and exit code 2, or — the big but legal ones — imported; never a traceback, never
more memory or time than a desktop can give.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaic_desktop.core.storage import load
from gaic_desktop.importer import ImportFailed, Limits, import_file
from tests.conftest import ROOT, SAMPLES

from . import hostile as H
from .helpers import to_docx, to_html

MEMORY_CAP = 1 << 30  # bytes of address space for the child
TIME_BOUND = 120  # seconds: generous for a loaded 2-core machine (each case takes a few seconds)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="resource.setrlimit is POSIX-only")


def _cap_memory() -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def cli_import(src: Path, tmp_path: Path, *, quiet: bool = True) -> subprocess.CompletedProcess:
    out = tmp_path / "out.gaic.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    args = [sys.executable, "-m", "gaic_desktop", "import", str(src), "-o", str(out)] + (["--quiet"] if quiet else [])
    return subprocess.run(args,
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=TIME_BOUND, preexec_fn=_cap_memory)


def assert_refused(res: subprocess.CompletedProcess, *phrases: str) -> None:
    assert "Traceback" not in res.stderr and "Error" not in res.stderr, res.stderr[-2000:]
    assert res.returncode == 2, (res.returncode, res.stderr[-2000:])
    assert res.stderr.startswith("无法导入："), res.stderr[-2000:]
    for phrase in phrases:
        assert phrase in res.stderr, res.stderr


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def sample():
    return load(SAMPLES / "sample-2021.gaic.json")


# --------------------------------------------------------------------------- .docx

DOCX_CASES = {
    "zip bomb 2.1 GB": (lambda: H.docx_bomb(2100), ("解压后超过", "50 MB 的上限")),
    "zip bomb, headers claim 1 KB": (lambda: H.docx_bomb_lying(2100), ("已损坏",)),
    "encrypted member": (lambda: H.docx_from_body("<w:p/>", flags=0x1), ("已加密",)),
    "unsupported compression": (lambda: H.docx_from_body("<w:p/>", method=9), ("不支持的压缩方式",)),
    "damaged deflate data": (lambda: H.docx_from_body("<w:p/>", data=os.urandom(64)), ("已损坏",)),
    "20,000 entries": (lambda: H.docx_many_members(20_000), ("条目超过 5,000 个的上限",)),
    "100,000 nested w:sdt": (lambda: H.docx_deep_sdt(100_000), ("嵌套层数超过 256 层的上限",)),
    "10,000 nested tables": (lambda: H.docx_nested_tables(10_000), ("嵌套层数超过 256 层的上限",)),
    "20,000-row table": (lambda: H.docx_long_table(20_000), ("表格超过 10,000 行的上限",)),
    "not a zip": (lambda: b"PK\x03\x04" + os.urandom(2000), ("不是有效的 Word",)),
}


@pytest.mark.parametrize("case", list(DOCX_CASES))
def test_hostile_docx_is_refused(case, tmp_path):
    make, phrases = DOCX_CASES[case]
    res = cli_import(write(tmp_path, "report.docx", make()), tmp_path)
    assert_refused(res, *phrases)
    assert not (tmp_path / "out.gaic.json").exists()


def _docx_with_extra_table(rows: int) -> bytes:
    """The sample report as a .docx with a table of ``rows`` rows (a long list of documents)
    after the last section: big, but a report."""
    src = zipfile.ZipFile(io.BytesIO(to_docx(sample())))
    xml = src.read("word/document.xml").decode()
    row = "<w:tr><w:tc><w:p><w:r><w:t>某某文件</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2024年3月1日</w:t>" \
          "</w:r></w:p></w:tc></w:tr>"
    xml = xml.replace("<w:sectPr/>", "<w:tbl>" + row * rows + "</w:tbl><w:sectPr/>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            z.writestr(name, xml if name == "word/document.xml" else src.read(name))
    return buf.getvalue()


def test_big_docx_table_imports_in_linear_time(tmp_path):
    """9,000 rows (the quadratic row lookup took 40 s for 20,000): imported, the report intact."""
    res = cli_import(write(tmp_path, "report.docx", _docx_with_extra_table(9_000)), tmp_path)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "Traceback" not in res.stderr
    rep = load(tmp_path / "out.gaic.json")
    assert rep.effective_values() == sample().effective_values()


# --------------------------------------------------------------------------- PDF

def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(H.pdf_many_pages(1)))
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


PDF_CASES = {
    "flate bomb 2.1 GB": (lambda: H.pdf_flate_bomb(2100), ("数据流解压后超过 32 MB 的上限",)),
    "2,000 pages": (lambda: H.pdf_many_pages(2000, lines_per_page=3), ("超过 300 页的上限",)),
    "encrypted (user password)": (_encrypted_pdf, ("已加密",)),
    "header only": (lambda: b"%PDF-1.4\n" + os.urandom(3000), ("不是有效的 PDF",)),
    "broken xref and objects": (lambda: H.pdf_many_pages(2)[:-300] + b"trailer <</Root 99 0 R>>", ("PDF",)),
    "a page of 300,000 glyphs": (lambda: H.make_pdf([b"BT /F1 1 Tf (" + b"x" * 300_001 + b") Tj ET"]),
                                 ("对象超过 300,000 个的上限",)),
    "run-length bomb 2 GB": (lambda: H.pdf_run_length_bomb(2048), ("数据流解压后超过 32 MB 的上限",)),
    "page tree nested 5,000 deep": (lambda: H.pdf_deep_page_tree(5000), ("PDF",)),
}


@pytest.mark.parametrize("case", list(PDF_CASES))
def test_hostile_pdf_is_refused(case, tmp_path):
    make, phrases = PDF_CASES[case]
    res = cli_import(write(tmp_path, "report.pdf", make()), tmp_path)
    assert_refused(res, *phrases)


# --------------------------------------------------------------------------- HTML and text

def _word_style_html(report) -> str:
    """The sample as a web page exported by Word: a long style sheet, every character in its own
    nested styled spans."""
    page = to_html(report)
    span = "<span lang=EN-US style='font-family:仿宋_GB2312;font-size:16.0pt;mso-bidi-font-family:Times New Roman;" \
           "color:black;letter-spacing:.1pt'><span style='mso-spacerun:yes'><b><span>{}</span></b></span></span>"

    def wrap(m):
        return m.group(1) + "".join(span.format(c) for c in m.group(2)) + m.group(3)
    style = "<style>" + "p.MsoNormal{mso-style-parent:'';margin:0cm;font-size:10.5pt;font-family:等线;}\n" * 40_000 \
        + "</style>"
    return re.sub(r"(<p[^>]*>)([^<]*)(</p>)", wrap, page).replace("</head>", style + "</head>")


def test_verbose_web_page_imports(tmp_path):
    rep = sample()
    page = _word_style_html(rep)
    assert len(page.encode()) > 3_000_000
    res = cli_import(write(tmp_path, "report.html", page), tmp_path)
    assert res.returncode == 0, res.stderr[-2000:]
    assert load(tmp_path / "out.gaic.json").effective_values() == rep.effective_values()


TEXT_CASES = {
    "web page of 30 MB": ("report.html", lambda: H.html_big(30), ("超过 10 MB 的上限",)),
    "100,000 nested div": ("report.html", lambda: H.html_nested(100_000), ("嵌套层数超过 256 层的上限",)),
    "100,000 nested tables": ("report.htm", lambda: H.html_nested(100_000, "table"), ("嵌套层数",)),
    "20,000 unclosed paragraphs (not nested)": ("report.htm", lambda: "<p>一" * 20_000, ("未能识别为",)),
    "web page of 20,000 table rows": ("report.html", lambda: H.html_big(1), ("表格超过 10,000 行的上限",)),
    "text of 6 MB": ("report.txt", lambda: ("一、总体情况\n" + "甲" * 100 + "\n") * 20_000, ("超过 5 MB 的上限",)),
    "500,000 short lines": ("report.txt", lambda: "一\n" * 500_000, ("超过 50,000 个的上限",)),
    "a row of 300,000 cells": ("report.txt", lambda: "自然人" + "\t1" * 300_000, ("超过 200,000 个单元格的上限",)),
    "UTF-16 with a lone surrogate": ("report.txt", lambda: b"\xff\xfe" + "一、总体情况".encode("utf-16-le") + b"\x00\xdc",
                                     ("文字编码",)),
}


@pytest.mark.parametrize("case", list(TEXT_CASES))
def test_hostile_text_and_html_are_refused(case, tmp_path):
    name, make, phrases = TEXT_CASES[case]
    res = cli_import(write(tmp_path, name, make()), tmp_path)
    assert_refused(res, *phrases)


def test_fifo_and_devices_are_refused(tmp_path):
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    assert_refused(cli_import(fifo, tmp_path), "不是普通文件")
    if Path("/dev/zero").exists():
        assert_refused(cli_import(Path("/dev/zero"), tmp_path), "不是普通文件")


HUGE_NUMBERS = ["1e999999999", "1e-999999999", "9" * 5000, "1." + "0" * 5000 + "1", "1" + "+1" * 10_000,
                "Infinity", "NaN", "sNaN"]


def test_huge_numbers_in_a_source_are_read_as_unreadable(tmp_path):
    """Numbers with thousands of digits or huge exponents in table cells: the import finishes at
    once and lists those cells as unreadable (no hang, no MemoryError, no traceback)."""
    page = to_html(sample())
    cells = iter(HUGE_NUMBERS)

    def poison(m):
        v = next(cells, None)
        return m.group(0) if v is None else f"<td><p>{v}</p></td>"
    page = re.sub(r"<td><p>\d+</p></td>", poison, page)
    res = cli_import(write(tmp_path, "report.html", page), tmp_path, quiet=False)
    assert res.returncode == 0 and "Traceback" not in res.stderr, res.stderr[-2000:]
    unreadable = [line for line in res.stdout.splitlines() if line.startswith("[无法读取]")]
    assert all(len(line) < 400 for line in unreadable)  # the source text is quoted shortened
    assert any("位数过多" in line for line in unreadable)
    rep = load(tmp_path / "out.gaic.json")
    assert all(v is None or v == "/" or abs(v) < 10 ** 12 for v in rep.effective_values().values())


# --------------------------------------------------------------------------- in process

def test_every_other_exception_becomes_a_chinese_refusal(tmp_path, monkeypatch):
    """A reader failing with anything (a library bug) is translated in one place."""
    from gaic_desktop.importer import sources

    src = write(tmp_path, "a.txt", "一、总体情况\n")
    for exc in (ZeroDivisionError("x"), RecursionError(), MemoryError(), zlib.error("bad"),
                KeyError("k"), PermissionError(13, "Permission denied")):
        def boom(*a, exc=exc, **k):
            raise exc
        monkeypatch.setattr(sources, "read_text", boom)
        with pytest.raises(ImportFailed) as info:
            import_file(src)
        text = str(info.value)
        assert re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z]{4,}", text), text


def test_limits_can_be_lowered(tmp_path):
    """The limits are parameters (the bench switches them off to measure their cost)."""
    page = H.html_nested(40)
    with pytest.raises(ImportFailed, match="嵌套层数超过 30 层的上限"):
        import_file(write(tmp_path, "a.html", page), limits=Limits(html_depth=30))


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=0, max_size=300), st.integers(0, 400), st.integers(0, 255))
def test_damaged_flate_recovery_matches_pdfminer(payload, at, value):
    """The linear, bounded replacement of pdfminer's byte-at-a-time ``decompress_corrupted``
    keeps or loses exactly the same data, or raises where it raises."""
    from pdfminer import pdftypes

    from gaic_desktop.importer import pdf_limits

    pdf_limits.install()
    original = pdf_limits._originals.get((pdftypes, "decompress_corrupted"), pdftypes.decompress_corrupted)
    data = bytearray(zlib.compress(payload))
    if data:
        data[at % len(data)] = value

    def run(fn):
        try:
            return fn(bytes(data))
        except zlib.error:
            return "zlib.error"
    assert run(pdf_limits._inflate_damaged) == run(original)


def test_lone_surrogates_from_a_reader_do_not_reach_the_report(tmp_path, monkeypatch):
    from gaic_desktop.core.storage import save
    from gaic_desktop.importer import sources

    text = to_html(sample()).replace("本机关", "本\udc80机关", 1)
    monkeypatch.setattr(sources, "decode_text", lambda data, name="": text)
    res = import_file(write(tmp_path, "a.html", "<html></html>"))
    assert not any(re.search("[\ud800-\udfff]", p) for s in res.report.sections.values() for p in s)
    save(res.report, tmp_path / "a.gaic.json")


def test_cancel_stops_inside_a_heavy_page(tmp_path, monkeypatch):
    """取消 is honoured while one page is being laid out, not only between pages."""
    import threading

    from gaic_desktop.importer import ImportCancelled, pdf_reader

    src = write(tmp_path, "heavy.pdf", H.make_pdf([b"BT /F1 1 Tf (" + b"x" * 200_000 + b") Tj ET"]))
    cancel = threading.Event()
    reached = []
    monkeypatch.setattr(pdf_reader, "_page_items", lambda *a: reached.append(a))

    def progress(fraction, text):
        if text.startswith("正在读取第 1 页"):
            cancel.set()
    with pytest.raises(ImportCancelled):
        import_file(src, cancel=cancel, progress=progress)
    assert reached == []  # the layout of the page was interrupted
