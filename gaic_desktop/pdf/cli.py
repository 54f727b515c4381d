"""``python -m gaic_desktop export FILE -o OUT.pdf [--variant 审签版] [--font-ROLE KEY]``.

``-o OUT.html`` (or ``--to html``) writes the portal web page instead (``publish/html_cli.py``).

Exit codes: 0 written (warnings are printed), 2 the input cannot be read or the PDF cannot
be written (the old PDF, if any, is left intact).
"""
from __future__ import annotations

import sys

from .fonts import ROLE_LABELS, ROLES


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("export", help="导出 PDF（公开版或审签版）或网页")
    p.add_argument("file", nargs="?", help="年报文件（.gaic.json）")
    p.add_argument("-o", "--output", help="要生成的 PDF 文件（或 .html 网页）")
    p.add_argument("--to", choices=("pdf", "html"),
                   help="输出格式：pdf 或 html（网页）；不写时按输出文件的扩展名")
    p.add_argument("--variant", choices=("公开版", "审签版"), default="公开版",
                   help="公开版（默认）或审签版（附审签单：拟稿、审核、签发、盖章及已说明的警告）")
    for role in ROLES:
        p.add_argument(f"--font-{role}", dest=f"font_{role}", metavar="字体",
                       help=f"{ROLE_LABELS[role]}所用字体的标识（见 --list-fonts）")
    p.add_argument("--fingerprint", action="store_true",
                   help="公开版每页也印数据指纹（审签版总是印）")
    p.add_argument("--list-fonts", action="store_true", help="列出可用字体及其标识后退出")
    p.set_defaults(func=run)


def _list_fonts() -> int:
    from .fonts import list_choices

    for role in ROLES:
        print(f"{ROLE_LABELS[role]}：")
        for i, c in enumerate(list_choices(role)):
            mark = "（默认）" if i == 0 else ""
            print(f"  {c.key}\t{c.display_name}{mark}")
    return 0


def run(args) -> int:
    if getattr(args, "list_fonts", False):
        return _list_fonts()
    if not args.file or not args.output:
        print("请给出年报文件和输出的 PDF 文件，例如：export 年报.gaic.json -o 年报.pdf", file=sys.stderr)
        return 2
    if (args.to or ("html" if args.output.lower().endswith((".html", ".htm")) else "pdf")) == "html":
        from ..publish.html_cli import run_html

        return run_html(args)
    from ..core.storage import ReportFileError, load
    from .render import ExportError, ExportOptions, export_pdf

    try:
        report = load(args.file)
    except ReportFileError as exc:
        print(f"无法读取：{exc}", file=sys.stderr)
        return 2
    fonts = {role: getattr(args, f"font_{role}", None) for role in ROLES}
    fonts = {k: v for k, v in fonts.items() if v}
    if fonts:
        from .fonts import list_choices

        for role, key in fonts.items():
            if key not in {c.key for c in list_choices(role)}:
                print(f"没有标识为“{key}”的字体（{ROLE_LABELS[role]}）；可用的字体见 --list-fonts。",
                      file=sys.stderr)
                return 2
    try:
        result = export_pdf(report, args.output, ExportOptions(
            variant=args.variant, fonts=fonts, fingerprint=True if args.fingerprint else None))
    except ExportError as exc:
        print(f"导出失败：{exc}", file=sys.stderr)
        return 2
    for w in result.font_notices + result.warnings:
        print(f"注意：{w}", file=sys.stderr)
    print(f"已导出 {args.output}（{args.variant}，{result.pages}页，"
          f"数据指纹：{result.fingerprint}，用时{result.seconds:.2f}秒）")
    return 0
