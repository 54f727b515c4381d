"""The .docx laid out by another program: LibreOffice (headless) converts the seed's Word document
to PDF; it must be A4 and have about as many pages as the program's own PDF. The fonts named in
the document (仿宋_GB2312, 黑体, …) are mapped to the bundled faces for the conversion, as a machine
without the 公文 fonts would substitute them."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from gaic_desktop.core.formats import resources_dir
from gaic_desktop.core.storage import load
from gaic_desktop.pdf.render import export_pdf
from gaic_desktop.publish.docx import FONTS, export_docx
from tests.conftest import SAMPLES

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="没有安装 LibreOffice（soffice），无法检查另一个程序的排版"
                                " （Debian：apt-get install libreoffice-writer-nogui）")

#: role -> family of the bundled font that stands in for the 公文 face of the role
BUNDLED = {"fangsong": "GAIC Song", "song": "GAIC Song", "hei": "GAIC Hei", "kai": "GAIC Kai",
           "title": "GAIC Song Title"}


def _fontconfig(tmp_path) -> dict:
    aliases = "".join(f"<alias binding='same'><family>{FONTS[role]}</family><prefer><family>{face}</family>"
                      "</prefer></alias>" for role, face in BUNDLED.items())
    conf = tmp_path / "fonts.conf"
    conf.write_text("<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
                    "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
                    f"<dir>{resources_dir() / 'fonts'}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir>"
                    f"{aliases}</fontconfig>", encoding="utf-8")
    return dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(tmp_path))


def test_libreoffice_lays_the_seed_out_on_a4_in_about_the_pdf_pages(tmp_path):
    from pypdf import PdfReader

    report = load(SAMPLES / "hanyang-2020.gaic.json")
    docx = tmp_path / "seed.docx"
    export_docx(report, docx)
    own = export_pdf(report, tmp_path / "own.pdf").pages
    out = tmp_path / "lo"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   env=_fontconfig(tmp_path), check=True, capture_output=True, timeout=240)
    pdf = PdfReader(out / "seed.pdf")
    assert abs(len(pdf.pages) - own) <= 2, (len(pdf.pages), own)
    for page in pdf.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w), round(h)) == (595, 842)  # A4 in points
    text = "".join(p.extract_text() or "" for p in pdf.pages[:2])
    assert "政府信息公开" in text and "总体情况" in text  # CJK text, not missing glyphs
