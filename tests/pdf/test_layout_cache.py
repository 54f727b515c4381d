"""The layout memo (pdf/layoutcache.py) makes the exports after the first faster and changes
nothing in them: every PDF is byte-identical to the one made with the memo off (every paragraph
parsed and broken afresh, as before the memo existed), whatever was exported before it in the
process; a face rewritten on disk or another face chosen is measured again."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab import rl_config

from gaic_desktop.core import load
from gaic_desktop.importer import import_file
from gaic_desktop.pdf import ExportOptions, render_pdf
from gaic_desktop.pdf import fontload, layoutcache
from gaic_desktop.pdf import fonts as F
from gaic_desktop.pdf.fontchoice import FontChoice
from tests.conftest import SAMPLES, SHARED

REAL = SHARED / "realreports"
VARIANTS = ("公开版", "审签版")


@pytest.fixture
def invariant(monkeypatch):
    """Fixed creation date and document ID: the bytes depend on the content only."""
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def memo_off():
    """Call ``memo_off(fn)`` to run ``fn`` with the memo turned off; it is on again after."""
    def run(fn):
        layoutcache.set_enabled(False)
        try:
            return fn()
        finally:
            layoutcache.set_enabled(True)
    yield run
    layoutcache.set_enabled(True)


@pytest.fixture(scope="module")
def documents():
    docs = {"hanyang-2020": load(SAMPLES / "hanyang-2020.gaic.json"),
            "sample-2021": load(SAMPLES / "sample-2021.gaic.json")}
    for name in ("hongze-2023", "hongze-2024", "huaian-2024"):
        docs[name] = import_file(REAL / f"{name}.pdf").report
    return docs


def _export_all(docs, names) -> dict:
    return {(n, v): render_pdf(docs[n], ExportOptions(variant=v))[0] for n in names for v in VARIANTS}


def test_exports_with_the_memo_are_byte_identical_to_exports_without_it(documents, invariant, memo_off):
    names = list(documents)
    want = memo_off(lambda: _export_all(documents, names))
    layoutcache.clear()
    forward = _export_all(documents, names)  # each document after the ones before it
    backward = _export_all(documents, names[::-1])  # each one after all the others, warm
    assert layoutcache.LINES.hits > 0 and layoutcache.PARSED.hits > 0 and layoutcache.MARKUP.hits > 0
    for key, pdf in want.items():
        assert forward[key] == pdf, key
        assert backward[key] == pdf, key
    assert len(set(want.values())) == len(want)  # ten different PDFs, not one ten times


def _font_copy(folder: Path, bundled: str) -> FontChoice:
    path = folder / "fang.ttf"
    shutil.copy(F.BUNDLED_FONT_DIR / bundled, path)
    return FontChoice(key="system:fang.ttf", style="fangsong", display_name="仿宋（系统）",
                      path=path, source="system", official=True)


def test_a_face_rewritten_on_disk_is_measured_again(tmp_path, invariant, memo_off):
    """The 仿宋 file is replaced by another face under the same path (an update in place): the
    next export lays out the text with the new face's widths, not the memo's."""
    report = load(SAMPLES / "hanyang-2020.gaic.json")
    choice = _font_copy(tmp_path, "GAICSong-Regular.ttf")
    fonts = lambda: F.FontSet({"fangsong": choice}, system=[choice])  # noqa: E731 - as the window makes one
    before = render_pdf(report, ExportOptions(), fonts=fonts())[0]
    render_pdf(report, ExportOptions(), fonts=fonts())  # the memo holds this layout now
    shutil.copy(F.BUNDLED_FONT_DIR / "GAICKai-Regular.ttf", choice.path)
    after = render_pdf(report, ExportOptions(), fonts=fonts())[0]
    assert after == memo_off(lambda: render_pdf(report, ExportOptions(), fonts=fonts())[0])
    assert after == _fresh_export_with(choice, tmp_path / "fresh.pdf")  # nothing kept from before
    assert after != before
    F.clear_caches()


FRESH = r"""
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from reportlab import rl_config
rl_config.invariant = 1
from gaic_desktop.core import load
from gaic_desktop.pdf import ExportOptions, render_pdf
from gaic_desktop.pdf.fontchoice import FontChoice
from gaic_desktop.pdf.fonts import FontSet
choice = FontChoice(key="system:fang.ttf", style="fangsong", display_name="仿宋（系统）",
                    path=Path({path!r}), source="system", official=True)
data, _ = render_pdf(load({src!r}), ExportOptions(), fonts=FontSet({{"fangsong": choice}}, system=[choice]))
open({out!r}, "wb").write(data)
"""


def _fresh_export_with(choice: FontChoice, out: Path) -> bytes:
    """The seed exported by a new process, 仿宋 set in ``choice``."""
    root = Path(__file__).resolve().parents[2]
    code = FRESH.format(root=str(root), path=str(choice.path), out=str(out),
                        src=str(SAMPLES / "hanyang-2020.gaic.json"))
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, capture_output=True, timeout=300)
    return out.read_bytes()


def test_another_face_chosen_in_the_settings_is_used(invariant, memo_off):
    report = load(SAMPLES / "hanyang-2020.gaic.json")
    default = render_pdf(report, ExportOptions())[0]
    kai = ExportOptions(fonts={"fangsong": "bundled:kai"})
    got = render_pdf(report, kai)[0]
    assert got == memo_off(lambda: render_pdf(report, kai)[0])
    assert got != default
    assert render_pdf(report, ExportOptions())[0] == default  # and back


def test_the_memo_is_bounded(monkeypatch, invariant, memo_off):
    report = load(SAMPLES / "hanyang-2020.gaic.json")
    want = memo_off(lambda: render_pdf(report, ExportOptions())[0])
    for memo in (layoutcache.LINES, layoutcache.PARSED, layoutcache.MARKUP):
        monkeypatch.setattr(memo, "limit", 40)
    assert render_pdf(report, ExportOptions())[0] == want
    assert render_pdf(report, ExportOptions())[0] == want
    assert all(0 < len(m) <= 40 for m in (layoutcache.LINES, layoutcache.PARSED, layoutcache.MARKUP))


def test_registering_a_font_empties_the_memo(monkeypatch):
    memo = layoutcache.Memo("t", 10)
    memo.put("a", 1)
    assert memo.get("a") == 1
    start = fontload.generation
    memo.put("b", 2, generation=start - 1)  # measured with the fonts before: not kept
    assert memo.get("b") is None
    monkeypatch.setattr(fontload, "generation", start + 1)  # a face parsed again, or replaced
    assert memo.get("a") is None and len(memo) == 0
    for i in range(12):
        memo.put(i, i)
    assert len(memo) == 10 and memo.get(0) is None and memo.get(11) == 11


def _lines(para) -> list[str]:
    return ["".join(w.text for w in line.words) for line in para.blPara.lines]


def test_the_rest_of_a_split_paragraph_is_the_rest_of_where_it_was_cut(memo_off):
    """Split at a page foot, a paragraph's rest is broken again; the same paragraph cut after
    two lines and after four lines has two different rests."""
    from reportlab.lib.styles import ParagraphStyle

    from gaic_desktop.pdf.linebreak import CJKParagraph

    fonts = F.FontSet()
    style = ParagraphStyle("b", fontName=fonts.font_name("fangsong"), fontSize=16, leading=29,
                           wordWrap="CJK", firstLineIndent=32, allowWidows=0, allowOrphans=0)
    text = fonts.markup("本机关2023年共收到政府信息公开申请1234件，其中当面申请56件，" * 8, "fangsong")

    def rests():
        out = []
        for cut in (2, 4, 2, 4):
            para = CJKParagraph(text, style, hang=True)
            para.wrap(440, 10_000)
            first, rest = para.split(440, cut * 29 + 1)
            rest.wrap(440, 10_000)
            out.append((_lines(first), _lines(rest)))
        return out

    want = memo_off(rests)
    assert want[0] != want[1]
    layoutcache.clear()
    assert rests() == want
    assert rests() == want


def _frag_state(f) -> dict:
    return {k: (v if k != "words" else [_frag_state(w) for w in v]) for k, v in f.__dict__.items()}


_TEXT = st.text(alphabet="本年度收到申请件，。“”（）2023abc ", max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(runs=st.lists(st.tuples(st.sampled_from(["song", "hei", "kai"]), st.sampled_from([9.0, 10.5, 16.0]),
                               _TEXT, st.booleans()), min_size=1, max_size=6),
       calc_bounds=st.booleans())
def test_lines_are_made_as_reportlab_makes_them(runs, calc_bounds):
    """The line breaker measures a character once per (font, size) and compares a fragment once
    per run: the characters and lines it builds are ReportLab's, attribute for attribute."""
    from reportlab.platypus.paraparser import ParaFrag
    from reportlab.platypus.paragraph import cjkU, makeCJKParaLine

    from gaic_desktop.pdf.linebreak import _glyphs, _para_line

    fonts = F.FontSet()
    frags = []
    for role, size, text, line_break in runs:
        frag = ParaFrag(text=text, fontName=fonts.font_name(role), fontSize=size, textColor=None,
                        rise=0, us_lines=[], link=None, backColor=None, nobr=False)
        frags.append(frag)
        if line_break:
            frags.append(frag.clone(text="", lineBreak=True))
    want = [cjkU(t, f, "utf8") for f in frags for t in (f.text or [f.text])]
    got = _glyphs(frags)
    assert [(str(u), u.frag, u.width) for u in got] == [(str(u), u.frag, u.width) for u in want]
    for a, b in ((0, len(got)), (0, len(got) // 2), (len(got) // 3, len(got))):
        line = _para_line(got[a:b], 400.0, 300.0, 100.0, False, calc_bounds)
        assert _frag_state(line) == _frag_state(makeCJKParaLine(want[a:b], 400.0, 300.0, 100.0, False,
                                                                 calc_bounds))
