"""Tests for gaic_desktop.pdf.fonts (Qt-free)."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from gaic_desktop.pdf import fonts as F

FONT_DIR = F.BUNDLED_FONT_DIR
BUNDLED_FILES = ["GAICSong-Regular.ttf", "GAICHei-Medium.ttf", "GAICKai-Regular.ttf",
                 "GAICSongTitle-Bold.ttf"]

# A character of GBK that only the bundled Song face has (not in GB 2312 or
# the 通用规范汉字表, so the Kai/Hei/Title subsets lack it).
GBK_ONLY = "鬱"
NO_FONT = "\U0010FFFD"  # plane-16 private use: no font has it
UNASSIGNED_CJK = "\U0002EBF0"  # CJK Extension I (Unicode 15.1): not in any bundled font


def gb2312_chars() -> list[str]:
    out = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def tgh_chars() -> list[str]:
    path = FONT_DIR / "charsets" / "tgh-2013-8105.txt"
    return [line.split("\t")[2] for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def fontset() -> F.FontSet:
    # No system fonts: the test must not depend on the machine.
    return F.FontSet(system=[])


# -- bundled files -----------------------------------------------------------


@pytest.mark.parametrize("name", BUNDLED_FILES)
def test_bundled_font_is_truetype_glyf(name: str) -> None:
    from fontTools.ttLib import TTFont

    path = FONT_DIR / name
    assert path.is_file(), path
    font = TTFont(str(path), lazy=True)
    assert "glyf" in font and "loca" in font
    assert "CFF " not in font
    assert font["OS/2"].fsType == 0  # installable embedding
    assert (FONT_DIR / "README.md").is_file()


def test_bundled_fonts_listed_and_licensed() -> None:
    got = {c.path.name for c in F.bundled_fonts()}
    assert got == set(BUNDLED_FILES)
    assert (FONT_DIR / "LICENSE-OFL-NotoCJK.txt").is_file()
    assert (FONT_DIR / "LICENSE-OFL-LXGWWenKai.txt").is_file()


def test_gb2312_enumeration_size() -> None:
    chars = gb2312_chars()
    assert len(chars) == 7445  # 682 symbols + 6763 hanzi
    assert len(tgh_chars()) == 8105


# -- coverage -------------------------------------------------------------------


def test_song_role_covers_gb2312_and_tgh(fontset: F.FontSet) -> None:
    cmap = fontset.cmap("song")
    missing_gb = [c for c in gb2312_chars() if ord(c) not in cmap]
    missing_tgh = [c for c in tgh_chars() if ord(c) not in cmap]
    assert missing_gb == []
    assert missing_tgh == []


@pytest.mark.parametrize("role", ["hei", "kai", "title"])
def test_other_bundled_roles_cover_gb2312_and_tgh(fontset: F.FontSet, role: str) -> None:
    cmap = fontset.cmap(role)
    assert [c for c in gb2312_chars() if ord(c) not in cmap] == []
    assert [c for c in tgh_chars() if ord(c) not in cmap] == []


def test_fangsong_falls_back_to_song_without_system_fonts(fontset: F.FontSet) -> None:
    assert fontset.font_name("fangsong") == fontset.font_name("song") == "GAIC-Song"
    assert fontset.font_names == {"song": "GAIC-Song", "fangsong": "GAIC-Song", "hei": "GAIC-Hei",
                                  "kai": "GAIC-Kai", "title": "GAIC-Title"}
    assert fontset.warnings == []


def test_covers_and_missing_chars(fontset: F.FontSet) -> None:
    assert fontset.covers("政府信息公开工作年度报告（2024年）", "kai")
    assert not fontset.covers("楷" + GBK_ONLY, "kai")
    assert fontset.covers("楷" + GBK_ONLY)  # some font of the set has it
    assert fontset.missing_chars("楷" + GBK_ONLY + GBK_ONLY, "kai") == [GBK_ONLY]
    assert fontset.missing_chars("楷\n\t", "kai") == []


# -- fallback runs ----------------------------------------------------------------


def test_split_runs_falls_back_per_character(fontset: F.FontSet) -> None:
    runs = fontset.split_runs("楷体" + GBK_ONLY + "字", "kai")
    assert runs == [("GAIC-Kai", "楷体"), ("GAIC-Song", GBK_ONLY), ("GAIC-Kai", "字")]
    assert fontset.fallback_chain("kai")[:2] == ["GAIC-Kai", "GAIC-Song"]


def test_split_runs_drops_invisible_format_chars(fontset: F.FontSet) -> None:
    runs = fontset.split_runs("甲\u200b乙\ufe00\n丙", "song")
    assert runs == [("GAIC-Song", "甲乙\n丙")]


def test_markup_escapes_and_wraps(fontset: F.FontSet) -> None:
    m = fontset.markup("A<b>&" + GBK_ONLY, "kai")
    assert m == 'A&lt;b&gt;&amp;<font name="GAIC-Song">' + GBK_ONLY + "</font>"
    assert fontset.markup("甲", "song", wrap_primary=True) == '<font name="GAIC-Song">甲</font>'


def test_chars_no_font_has_are_reported(fontset: F.FontSet) -> None:
    text = "正文" + NO_FONT + UNASSIGNED_CJK + NO_FONT
    assert fontset.unsupported_chars(text) == [NO_FONT, UNASSIGNED_CJK]
    report = fontset.check([text, "再一段" + NO_FONT])
    assert report
    assert report.missing == {NO_FONT: 3, UNASSIGNED_CJK: 1}
    msg = report.message()
    assert "U+10FFFD" in msg and "U+2EBF0" in msg
    # They stay in the chosen font (visible empty box), never dropped.
    assert "".join(t for _, t in fontset.split_runs(text, "song")) == text
    assert not fontset.check("完全正常的文字 ABC 123")


# -- discovery ----------------------------------------------------------------------


def _tiny_font(path: Path, *, cff: bool = False, fs_type: int = 0) -> None:
    """Write a small font with glyphs for 仿 and 宋."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    order = [".notdef", "uni4EFF", "uni5B8B"]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap({0x4EFF: "uni4EFF", 0x5B8B: "uni5B8B"})

    def draw(pen):
        pen.moveTo((100, 0)); pen.lineTo((100, 700)); pen.lineTo((900, 700)); pen.lineTo((900, 0))
        pen.closePath()

    if cff:
        charstrings = {}
        for g in order:
            pen = T2CharStringPen(1000, None)
            draw(pen)
            charstrings[g] = pen.getCharString()
        fb.setupCFF("Tiny-Regular", {"FullName": "Tiny"}, charstrings, {})
    else:
        glyphs = {}
        for g in order:
            pen = TTGlyphPen(None)
            draw(pen)
            glyphs[g] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({g: (1000, 100) for g in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    fb.setupOS2(fsType=fs_type, sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))


def test_discovery_by_file_name_and_outline_check(tmp_path: Path) -> None:
    win = tmp_path / "Fonts"
    (win / "sub").mkdir(parents=True)
    shutil.copy(FONT_DIR / "GAICHei-Medium.ttf", win / "SIMHEI.TTF")  # upper case, as on Windows
    _tiny_font(win / "sub" / "FS_GB2312.ttf")                           # official FangSong_GB2312
    _tiny_font(win / "simfang.ttf", cff=True)                            # CFF: rejected
    _tiny_font(win / "simkai.ttf", fs_type=0x0002)                       # restricted: rejected
    _tiny_font(win / "方正小标宋简体.ttf")                                   # title by name
    _tiny_font(win / "unrelated.ttf")                                    # not looked at
    (win / "broken.ttf").write_bytes(b"not a font")

    F.clear_caches()
    found = F.discover_system_fonts([win, tmp_path / "does-not-exist"])
    names = {c.display_name: c for c in found}
    assert set(names) == {"黑体（系统）", "仿宋_GB2312（系统）", "方正小标宋简体（系统）"}
    assert all(c.source == "system" and c.official for c in found)

    # Official system fonts come first; bundled ones remain available.
    fs_choices = F.list_choices("fangsong", found)
    assert fs_choices[0].display_name == "仿宋_GB2312（系统）"
    assert "Noto 宋体（内置）" in [c.display_name for c in fs_choices]
    assert F.default_choice("hei", found).display_name == "黑体（系统）"
    assert F.default_choice("kai", found).display_name == "文楷（内置）"
    assert F.list_choices("title", found)[0].display_name == "方正小标宋简体（系统）"

    # A FontSet with a system choice falls back per character to bundled fonts.
    fs = F.FontSet({"fangsong": fs_choices[0].key, "hei": names["黑体（系统）"]}, system=found)
    assert fs.choice("fangsong").display_name == "仿宋_GB2312（系统）"
    fs_name = fs.font_name("fangsong")
    assert fs_name.startswith("GAIC-sys-")
    assert fs.split_runs("仿宋体", "fangsong") == [(fs_name, "仿宋"), ("GAIC-Song", "体")]
    assert fs.missing_chars("仿宋体", "fangsong") == ["体"]
    assert fs.font_name("hei").startswith("GAIC-sys-SIMHEI")

    # A saved key that no longer exists falls back with a Chinese warning.
    fs2 = F.FontSet({"kai": "system:gone.ttf#0"}, system=found)
    assert fs2.font_name("kai") == "GAIC-Kai"
    assert fs2.warnings and "找不到" in fs2.warnings[0]
    F.clear_caches()


def test_unknown_role_rejected(fontset: F.FontSet) -> None:
    with pytest.raises(ValueError):
        F.list_choices("bold", [])
    with pytest.raises(ValueError):
        F.FontSet({"bold": None}, system=[])


# -- loading time and PDF embedding -------------------------------------------------


def test_bundled_fonts_are_registered() -> None:
    """The four bundled faces are registered (their load time is measured in bench/bench_fonts.py)."""
    F.clear_caches()
    fs = F.FontSet(system=[])
    assert set(fs.registered_names()) == {"GAIC-Song", "GAIC-Hei", "GAIC-Kai", "GAIC-Title"}


def test_pdf_embeds_every_font_as_fontfile2(fontset: F.FontSet) -> None:
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    story = []
    texts = {
        "title": "某某市人民政府2024年政府信息公开工作年度报告",
        "hei": "一、总体情况",
        "kai": "（一）主动公开" + GBK_ONLY,
        "fangsong": "本年度共主动公开政府信息1,234条，<依申请>公开 & 其他。",
        "song": "表格：收到申请数 56 件",
    }
    for role, text in texts.items():
        style = ParagraphStyle(role, fontName=fontset.font_name(role), fontSize=12, leading=18)
        story.append(Paragraph(fontset.markup(text, role), style))
    buf = io.BytesIO()
    # initialFontName keeps ReportLab from adding its default (unembedded) Helvetica.
    SimpleDocTemplate(buf, pagesize=A4, initialFontName=fontset.font_name("song")).build(story)

    reader = PdfReader(io.BytesIO(buf.getvalue()))
    base_names = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            base_names.add(str(font["/BaseFont"]))
    # ReportLab names embedded subsets "/AAAAAA+<PostScript name>".
    ps_names = {b.split("+", 1)[-1] for b in base_names}
    assert ps_names == {"GAICSongTitle-Bold", "GAICHei-Medium", "GAICKai-Regular", "GAICSong-Regular"}
    text = "".join(p.extract_text() for p in reader.pages)
    assert "主动公开" in text and GBK_ONLY in text


# -- which face each role uses, and the notice for a stand-in ------------------------


def test_installed_fangsong_is_chosen_and_no_notice(tmp_path: Path) -> None:
    fonts_dir = tmp_path / "Fonts"
    fonts_dir.mkdir()
    _tiny_font(fonts_dir / "simfang.ttf")
    F.clear_caches()
    found = F.discover_system_fonts([fonts_dir])
    fs = F.FontSet(system=found)
    assert fs.choice("fangsong").display_name == "仿宋（系统）"
    assert not any("仿宋" in n for n in fs.notices())
    assert ("仿宋（正文）", "仿宋（系统）", False) in fs.faces()
    F.clear_caches()


def test_without_fangsong_the_notice_says_so_and_what_to_install() -> None:
    fs = F.FontSet(system=[])
    assert fs.choice("fangsong").style == "song"
    notice = next(n for n in fs.notices() if "仿宋" in n)
    assert notice.startswith("未找到仿宋字体，正文将以")
    assert "simfang.ttf" in notice and "~/.local/share/fonts" in notice
    assert ("仿宋（正文）", "Noto 宋体（内置）", True) in fs.faces()
    # the title prints in the bundled heavy Song: a stand-in for 小标宋, said as well
    assert any(n.startswith("未找到小标宋字体") for n in fs.notices())


def test_cff_only_fangsong_is_skipped_with_its_reason(tmp_path: Path) -> None:
    fonts_dir = tmp_path / "fonts"
    fonts_dir.mkdir()
    _tiny_font(fonts_dir / "仿宋_GB2312.otf", cff=True)
    F.clear_caches()
    assert F.discover_system_fonts([fonts_dir]) == []
    skipped = F.skipped_system_fonts([fonts_dir])
    assert [(s.style, s.path.name) for s in skipped] == [("fangsong", "仿宋_GB2312.otf")]
    assert "CFF" in skipped[0].reason
    notice = F.substitute_notice("fangsong", F.default_choice("fangsong", []), [], skipped)
    assert "仿宋_GB2312.otf" in notice and "CFF" in notice
    F.clear_caches()


def test_ttc_collection_face_and_renamed_copies_are_found(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.ttCollection import TTCollection

    fonts_dir = tmp_path / "fonts"
    fonts_dir.mkdir()
    _tiny_font(tmp_path / "a.ttf")
    _tiny_font(tmp_path / "b.ttf")
    ttc = TTCollection()
    ttc.fonts = [TTFont(str(tmp_path / "a.ttf")), TTFont(str(tmp_path / "b.ttf"))]
    ttc.save(str(fonts_dir / "simsun.ttc"))
    _tiny_font(fonts_dir / "仿宋_GB2312 (1).ttf")  # a renamed copy, found by its name
    F.clear_caches()
    found = {c.display_name: c for c in F.discover_system_fonts([fonts_dir])}
    assert found["宋体（系统）"].subfont_index == 0
    assert found["仿宋_GB2312 (1)（系统）"].style == "fangsong"
    fs = F.FontSet(system=list(found.values()))
    assert fs.choice("song").path.name == "simsun.ttc"
    assert fs.choice("fangsong").path.name == "仿宋_GB2312 (1).ttf"
    F.clear_caches()


def test_search_dirs_cover_windows_user_and_wps_folders(monkeypatch) -> None:
    import sys as _sys

    import gaic_desktop.pdf.fontdiscovery as D

    monkeypatch.setattr(_sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\u\AppData\Local")
    monkeypatch.setenv("ProgramFiles", r"C:\Program Files")
    dirs = [str(d).replace("/", "\\") for d in D.font_search_dirs()]
    assert r"C:\Windows\Fonts" in dirs
    assert r"C:\Users\u\AppData\Local\Microsoft\Windows\Fonts" in dirs
    assert r"C:\Program Files\Kingsoft\WPS Office" in dirs
    monkeypatch.setattr(_sys, "platform", "linux")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    dirs = [str(d) for d in D.font_search_dirs()]
    assert "/usr/share/fonts" in dirs and "/opt/kingsoft/wps-office/office6/fonts" in dirs
    assert str(Path.home() / ".local" / "share" / "fonts") in dirs
