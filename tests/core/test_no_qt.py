import re
import subprocess
import sys

from ..conftest import ROOT


def test_core_pdf_and_importer_do_not_import_qt():
    code = ("import sys; import gaic_desktop.core, gaic_desktop.core.rules, gaic_desktop.core.storage, "
            "gaic_desktop.core.narrative, gaic_desktop.core.paste, gaic_desktop.cli, gaic_desktop.pdf.render, gaic_desktop.pdf.cli, "
            "gaic_desktop.importer, gaic_desktop.importer.cli; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'gaic_desktop.ui'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_core_and_pdf_never_import_ui():
    for pkg in ("core", "pdf", "importer"):
        folder = ROOT / "gaic_desktop" / pkg
        for path in folder.rglob("*.py") if folder.exists() else []:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"^\s*(from|import)\s+(PySide6|shiboken6|gaic_desktop\.ui|\.\.ui)",
                                 text, re.M), path


def test_command_line_subcommands_other_than_export_do_not_load_the_pdf_engine():
    """``validate``/``merge``/``new`` start without ReportLab's layout engine (import time)."""
    code = ("import sys; from gaic_desktop.cli import _parser; _parser(); "
            "print(sorted(m for m in ('reportlab.platypus', 'gaic_desktop.pdf.render') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
