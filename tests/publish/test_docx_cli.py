"""``export FILE -o OUT.docx`` / ``--to docx``: the Word document from the command line."""

from __future__ import annotations

import zipfile

from gaic_desktop.cli import main
from gaic_desktop.core.storage import load, save
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "sample-2021.gaic.json"


def _is_docx(path) -> bool:
    with zipfile.ZipFile(path) as z:
        return "word/document.xml" in z.namelist()


def test_format_from_the_extension_or_to(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "a.docx")]) == 0
    assert _is_docx(tmp_path / "a.docx") and "Word 文档" in capsys.readouterr().out
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "b.bin"), "--to", "docx"]) == 0
    assert _is_docx(tmp_path / "b.bin")


def test_pdf_only_options_are_refused(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "a.docx"), "--variant", "审签版"]) == 2
    assert "公开版" in capsys.readouterr().err and not (tmp_path / "a.docx").exists()


def test_errors_are_printed_and_the_document_still_written(tmp_path, capsys):
    report = load(SAMPLE)
    report.set_totals_mode("printed")
    report.set_cell("t3.new.total", 999999)
    src = tmp_path / "bad.gaic.json"
    save(report, src)
    assert main(["export", str(src), "-o", str(tmp_path / "bad.docx")]) == 0
    assert "处错误" in capsys.readouterr().err and _is_docx(tmp_path / "bad.docx")


def test_unwritable_target_exits_2_in_chinese(tmp_path, capsys):
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "no" / "a.docx")]) == 2
    assert "导出失败" in capsys.readouterr().err
