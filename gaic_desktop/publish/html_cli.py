"""``python -m gaic_desktop export FILE -o OUT.html`` (or ``--to html``): the portal web page.

Called by the ``export`` subcommand (``pdf/cli.py``) when the output is a web page. Behaves like
the PDF export: exit 0 when written (a report with errors is exported too, with a notice on
stderr, as the PDF is exported with its 草稿 watermark); 2 when the report cannot be read, an
option applies to the PDF only, or the page cannot be written (an old file stays intact).
"""
from __future__ import annotations

import sys

from ..pdf.fonts import ROLES


def run_html(args) -> int:
    pdf_only = [name for name, given in (
        ("--variant 审签版", getattr(args, "variant", "公开版") != "公开版"),
        ("--fingerprint", getattr(args, "fingerprint", False)),
        *((f"--font-{role}", bool(getattr(args, f"font_{role}", None))) for role in ROLES),
    ) if given]
    if pdf_only:
        print(f"网页只有公开版（不印数据指纹、不附审签单、不嵌入字体），不能使用 {'、'.join(pdf_only)}。",
              file=sys.stderr)
        return 2
    from ..core.storage import ReportFileError, load
    from .cli_common import write_public_copy
    from .html import HtmlExportError, export_html

    try:
        report = load(args.file)
    except ReportFileError as exc:
        print(f"无法读取：{exc}", file=sys.stderr)
        return 2
    return write_public_copy(report, args.output, export_html, (HtmlExportError,), "网页",
                             "，导出的网页不是可以发布的定稿，请改正后重新导出。")
