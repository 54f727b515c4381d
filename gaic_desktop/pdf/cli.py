"""``python -m gaic_desktop export FILE -o OUT.pdf [--variant 审签版] [--font-ROLE KEY]``;
``-o OUT.docx`` (or ``--to docx``) writes the Word document instead (公开版 only);
``-o OUT.html`` (or ``--to html``) the portal web page (``publish/html_cli.py``).

Exit codes: 0 written (warnings are printed), 2 the input cannot be read or the file cannot
be written (the old file, if any, is left intact).
"""
from __future__ import annotations

import sys

from .fonts import ROLE_LABELS, ROLES
from .output import ExportError

#: Output formats, chosen by ``--to`` or by the output file's extension (anything else is a PDF).
OUTPUT_KINDS = ("pdf", "docx", "html")


def output_kind(args) -> str:
    if getattr(args, "to", None):
        return args.to
    suffix = args.output.rsplit(".", 1)[-1].lower() if "." in args.output else ""
    suffix = "html" if suffix == "htm" else suffix
    return suffix if suffix in OUTPUT_KINDS else "pdf"


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("export", help="导出 PDF（公开版或审签版）、Word 文档或网页（公开版）")
    p.add_argument("file", nargs="?", help="年报文件（.gaic.json）")
    p.add_argument("-o", "--output", help="要生成的文件（.pdf；.docx 为 Word 文档；.html 为网页）")
    p.add_argument("--to", choices=OUTPUT_KINDS, help="输出格式（默认按输出文件的扩展名）")
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
    if output_kind(args) == "html":
        from ..publish.html_cli import run_html

        return run_html(args)
    from ..core.storage import ReportFileError, load
    from .render import ExportOptions, export_pdf

    try:
        report = load(args.file)
    except ReportFileError as exc:
        print(f"无法读取：{exc}", file=sys.stderr)
        return 2
    fonts = {role: getattr(args, f"font_{role}", None) for role in ROLES}
    fonts = {k: v for k, v in fonts.items() if v}
    if output_kind(args) == "docx":
        return _export_docx(report, args, fonts)
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


def _export_docx(report, args, fonts) -> int:
    """The Word document: the 公开版, in the 公文 fonts named inside it (Word and WPS use the
    reader's installed faces), so the PDF's copy and font options do not apply."""
    if args.variant != "公开版" or args.fingerprint or fonts:
        print("Word 文档只导出公开版，字体由打开它的 Word 或 WPS 决定：--variant 审签版、--fingerprint "
              "和 --font-… 只用于 PDF。", file=sys.stderr)
        return 2
    from ..publish.cli_common import write_public_copy
    from ..publish.docx import export_docx

    return write_public_copy(report, args.output, export_docx, (ExportError,), "Word 文档",
                             "（用 validate 命令查看）；Word 文档不带“草稿”水印，改正之前不要发布。")
