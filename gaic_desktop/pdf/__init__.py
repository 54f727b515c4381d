"""PDF export (Qt-free): :func:`export_pdf` writes a print-ready PDF of a report.

See :mod:`gaic_desktop.pdf.render` for the layout and :mod:`gaic_desktop.pdf.fonts`
for font discovery, embedding and per-character fallback.
"""
from .render import (PROGRAM_NAME, VARIANT_PUBLIC, VARIANT_SIGN, VARIANTS, ExportError,
                     ExportOptions, ExportResult, export_pdf, render_pdf)

__all__ = ["PROGRAM_NAME", "VARIANT_PUBLIC", "VARIANT_SIGN", "VARIANTS", "ExportError",
           "ExportOptions", "ExportResult", "export_pdf", "render_pdf"]
