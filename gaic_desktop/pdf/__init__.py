"""PDF export (Qt-free): :func:`export_pdf` writes a print-ready PDF of a report.

See :mod:`gaic_desktop.pdf.render` for the layout and :mod:`gaic_desktop.pdf.fonts`
for font discovery, embedding and per-character fallback.

The names below are loaded from :mod:`.render` on first use, so that importing a light module of
this package (the command line's ``export`` arguments, the font roles) does not load ReportLab's
layout engine: every other subcommand of the command line starts without it.
"""
from __future__ import annotations

__all__ = ["PROGRAM_NAME", "VARIANT_PUBLIC", "VARIANT_SIGN", "VARIANTS", "ExportError",
           "ExportOptions", "ExportResult", "export_pdf", "render_pdf"]


def __getattr__(name: str):
    if name in __all__:
        from . import render  # explicit, so that freezing tools see it

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
