"""Parsed font faces are cached for the process (the window's second export does not parse the
fonts again). The cache must not change a single byte of the PDF, and must notice a font file
changed or removed on disk."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab import rl_config

from gaic_desktop.core import load
from gaic_desktop.pdf import ExportOptions, render_pdf
from gaic_desktop.pdf import fontload
from gaic_desktop.pdf import fonts as F
from gaic_desktop.pdf.fontchoice import FontChoice

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
A = SAMPLES / "hanyang-2020.gaic.json"
B = SAMPLES / "sample-2021.gaic.json"

FRESH = r"""
import sys
sys.path.insert(0, {root!r})
from reportlab import rl_config
rl_config.invariant = 1  # fixed creation date and document ID: the bytes depend on the content
from gaic_desktop.core import load
from gaic_desktop.pdf import render_pdf, ExportOptions
data, _ = render_pdf(load({src!r}), ExportOptions(variant={variant!r}))
open({out!r}, "wb").write(data)
"""


def fresh_export(src: Path, out: Path, variant: str) -> bytes:
    """The PDF of ``src`` exported by a process that has parsed no font before."""
    subprocess.run([sys.executable, "-c", FRESH.format(root=str(ROOT), src=str(src), out=str(out),
                                                       variant=variant)],
                   check=True, cwd=ROOT, capture_output=True, timeout=300)
    return out.read_bytes()


@pytest.mark.parametrize("variant", ["公开版", "审签版"])
def test_exports_after_the_first_are_byte_identical_to_a_fresh_process(tmp_path, monkeypatch, variant):
    monkeypatch.setattr(rl_config, "invariant", 1)
    options = ExportOptions(variant=variant)
    a, b = load(A), load(B)
    first_a, _ = render_pdf(a, options)
    then_b, _ = render_pdf(b, options)  # other characters: other subsets of the same faces
    again_a, _ = render_pdf(a, options)
    assert first_a == again_a
    assert fresh_export(A, tmp_path / "a.pdf", variant) == first_a
    assert fresh_export(B, tmp_path / "b.pdf", variant) == then_b


def _copy_of_bundled_song(folder: Path) -> FontChoice:
    src = F.BUNDLED_FONT_DIR / "GAICSong-Regular.ttf"
    path = folder / "simsun-copy.ttf"
    shutil.copy(src, path)
    return FontChoice(key="system:simsun-copy.ttf", style="song", display_name="宋体（系统）",
                      path=path, source="system", official=True)


def test_a_font_file_rewritten_on_disk_is_parsed_again(tmp_path):
    choice = _copy_of_bundled_song(tmp_path)
    first = fontload._load(choice)
    assert fontload._load(choice) is first  # unchanged: the parsed face is reused
    st = choice.path.stat()
    # rewritten within the same second, same size (e.g. a font updated in place)
    os.utime(choice.path, ns=(st.st_atime_ns, st.st_mtime_ns + 1000))
    again = fontload._load(choice)
    assert again is not first and again.ttfont is not first.ttfont
    F.clear_caches()


def test_a_font_file_removed_on_disk_is_noticed(tmp_path):
    choice = _copy_of_bundled_song(tmp_path)
    assert F.FontSet({"song": choice}, system=[choice]).choice("song") == choice
    choice.path.unlink()
    fs = F.FontSet({"song": choice}, system=[choice])
    assert fs.choice("song").is_bundled  # the bundled face stands in, and the user is told
    assert any("宋体（系统）" in w and "无法使用" in w for w in fs.warnings)
    data, result = render_pdf(load(A), ExportOptions(), fonts=fs)
    assert data.startswith(b"%PDF-") and result.pages > 0
    F.clear_caches()


def test_with_official_fonts_installed_the_bundled_faces_are_parsed_only_when_needed(tmp_path):
    """The bundled faces are fallbacks when every role has an installed face: a document whose
    characters those faces cover never parses them (0.1–0.2 s each)."""
    win = tmp_path / "Fonts"
    win.mkdir()
    for name, bundled in (("simsun.ttf", "GAICSong-Regular.ttf"), ("simfang.ttf", "GAICSong-Regular.ttf"),
                          ("simhei.ttf", "GAICHei-Medium.ttf"), ("simkai.ttf", "GAICKai-Regular.ttf"),
                          ("方正小标宋简体.ttf", "GAICSongTitle-Bold.ttf")):
        shutil.copy(F.BUNDLED_FONT_DIR / bundled, win / name)
    F.clear_caches()
    system = F.discover_system_fonts([win])
    fs = F.FontSet(system=system)
    assert all(fs.choice(role).source == "system" for role in F.ROLES)
    chosen = {fs.font_name(role) for role in F.ROLES}
    assert set(fs.registered_names()) == chosen
    render_pdf(load(A), ExportOptions(), fonts=fs)
    assert set(fs.registered_names()) == chosen  # the document needed no fallback face
    # a character the installed faces lack is drawn by a bundled face, parsed then
    lacking = "\U0001F600"  # no face has it: every face is asked, the bundled ones included
    assert fs.check(lacking)
    assert {"GAIC-Song", "GAIC-Hei", "GAIC-Kai", "GAIC-Title"} <= set(fs.registered_names())
    F.clear_caches()


def test_a_font_file_rewritten_on_disk_is_measured_and_embedded_from_its_new_data(tmp_path):
    """ReportLab keeps the first font registered under a name and ignores the next: the face
    parsed again must replace it, or the old file's widths and glyphs go on being used."""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    choice = _copy_of_bundled_song(tmp_path)
    name = F.FontSet({"song": choice}, system=[choice]).font_name("song")
    song = stringWidth("0123“”", name, 1000)
    shutil.copy(F.BUNDLED_FONT_DIR / "GAICKai-Regular.ttf", choice.path)  # updated in place
    fs = F.FontSet({"song": choice}, system=[choice])
    assert fs.font_name("song") == name
    kai = fontload._load(choice).ttfont
    assert stringWidth("0123“”", name, 1000) == kai.stringWidth("0123“”", 1000) != song
    assert getFont(name).face.name == kai.face.name
    F.clear_caches()
