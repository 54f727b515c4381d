"""``python -m gaic_desktop import SRC -o FILE``: import a published report into a report file."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("import", help="导入已发布的年度报告（文本、网页、PDF、Word .docx）")
    p.add_argument("source", metavar="SRC", help="已发布年报的文件：.txt / .html / .pdf / .docx")
    p.add_argument("-o", "--output", required=True, help="要创建的年报文件（.gaic.json）")
    p.add_argument("--year", type=int, help="报告年度（无法从原文识别时指定）")
    p.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    p.add_argument("--quiet", action="store_true", help="只输出摘要，不逐项列出导入说明")
    p.set_defaults(func=run)


def format_issues(result) -> list[str]:
    """The import report as printed lines (Chinese)."""
    lines = []
    for issue in result.issues:
        line = f"[{issue.kind_name}] {issue.message}"
        if issue.source and issue.source not in issue.message:
            line += f"\n    原文：{issue.source}"
        lines.append(line)
    return lines


def run(args) -> int:
    from ..core.rules import error_count, evaluate
    from ..core.storage import ReportFileError, save
    from . import ImportFailed, import_file

    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"文件“{out}”已存在；如要覆盖请加 --force。", file=sys.stderr)
        return 2
    try:
        result = import_file(args.source, year=args.year)
    except ImportFailed as exc:  # every failure of the import arrives as this (see importer/__init__.py)
        print(f"无法导入：{exc}", file=sys.stderr)
        return 2
    report = result.report
    try:
        save(report, out, keep_backup=False)
    except ReportFileError as exc:
        print(f"无法导入：{exc}", file=sys.stderr)
        return 2
    print(f"已导入 {args.source}（{result.source_kind}）→ {out}")
    print(f"{report.display_title()}（{report.fmt.document}格式，照印刷录入）")
    print(result.summary())
    if not args.quiet:
        for line in format_issues(result):
            print(line)
    findings = evaluate(report)
    errors = error_count(findings)
    print(f"检查结果：{errors} 处错误，{len(findings) - errors} 处警告"
          f"（用 validate 命令或在程序中打开查看详情）。")
    return 0
