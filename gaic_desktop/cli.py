"""Command line: ``python -m gaic_desktop [FILE]`` opens the window; subcommands check, create,
export and import report files without it.

Exit codes of ``validate``: 0 no errors (warnings allowed), 1 errors, 2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

from . import APP_NAME, __version__

SUBCOMMANDS = ("validate", "new", "export", "import", "merge")


def _ensure_utf8_stdout() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            # errors="replace": a file name with undecodable bytes still prints
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass


# argparse's own messages, in Chinese (it looks them up through gettext at call time).
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
}


def _zh(text: str) -> str:
    return _ARGPARSE_ZH.get(text, text)


argparse._ = _zh  # type: ignore[attr-defined]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gaic_desktop", description=f"{APP_NAME} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="命令")

    v = sub.add_parser("validate", help="检查年报文件，列出错误和警告")
    v.add_argument("file", help="年报文件（.gaic.json）")
    v.add_argument("--json", action="store_true", help="以 JSON 格式输出检查结果")

    n = sub.add_parser("new", help="新建空白年报文件")
    n.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
    n.add_argument("--org", help="机关名称")
    n.add_argument("--from", dest="last_year", help="上年度年报文件（带入上年结转等数据）")
    n.add_argument("-o", "--output", required=True, help="要创建的文件")
    n.add_argument("--force", action="store_true", help="文件已存在时覆盖")
    from . import merge_cli  # 汇总: the merge command, and new --roster

    merge_cli.add_parser(sub)

    _add_export_import(sub)
    return p


class IncompleteInstall(Exception):
    """A part of the program that a subcommand needs cannot be loaded."""


def _add_export_import(sub) -> None:
    """``export`` and ``import`` define their arguments in their own packages. Imported
    explicitly (so that freezing tools see them); a missing part is an error with its reason,
    never a silently missing subcommand."""
    try:
        from .pdf import cli as pdf_cli
    except ImportError as exc:
        raise IncompleteInstall(f"无法加载“导出PDF”（export）功能：{exc}") from exc
    pdf_cli.add_parser(sub)
    try:
        from .importer import cli as importer_cli
    except ImportError as exc:
        raise IncompleteInstall(f"无法加载“导入已发布年报”（import）功能：{exc}") from exc
    importer_cli.add_parser(sub)


def _cmd_validate(args) -> int:
    from .core.rules import evaluate, error_count
    from .core.storage import ReportFileError, load

    try:
        report = load(args.file)
    except ReportFileError as exc:
        if args.json:
            print(json.dumps({"file": args.file, "error": str(exc)}, ensure_ascii=False, indent=1))
        else:
            print(f"无法读取：{exc}", file=sys.stderr)
        return 2
    try:
        findings = evaluate(report)
        errors = error_count(findings)
        result = findings_json(report, findings, args.file) if args.json else None
    except Exception as exc:  # noqa: BLE001 - a defect must not end in a traceback
        print(f"检查“{Path(args.file).name}”时程序内部出错（{type(exc).__name__}），"
              "文件未被改动。请将该文件发给技术支持人员。", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"{report.display_title()}（{report.fmt.document}格式）")
        print(f"数据指纹：{report.fingerprint()}")
        if not findings:
            print("检查通过：没有发现错误或警告。")
        for f in findings:
            tag = "错误" if f.is_error else ("警告（已说明）" if f.acknowledged else "警告")
            print(f"[{tag}] {f.rule_id}：{f.message}")
            if f.acknowledged:
                print(f"    说明：{f.acknowledged}")
        warnings = len(findings) - errors
        print(f"共 {errors} 处错误，{warnings} 处警告。")
    return 1 if errors else 0


def findings_json(report, findings, file: str | None = None) -> dict:
    def cell(ref: str) -> dict:
        info = report.cell_info(ref)
        table = report.fmt.table(info.table)
        return {"ref": ref, "table": info.table, "table_title": table.title,
                "row": info.row, "row_label": info.row_label,
                "column": info.col, "column_label": info.col_label}

    return {
        "file": file,
        "format": report.format,
        "year": report.year,
        "fingerprint": report.fingerprint(),
        "errors": sum(1 for f in findings if f.is_error),
        "warnings": sum(1 for f in findings if not f.is_error),
        "findings": [{
            "rule": f.rule_id, "severity": f.severity, "key": f.key, "message": f.message,
            "section": f.section, "acknowledged": f.acknowledged,
            "cells": [cell(r) for r in f.cells],
            "span": _span_json(report, f),
            "fix": _fix_json(f.fix),
        } for f in findings],
    }


def _paragraphs(report, field: str) -> list[str]:
    return report.preface if field == "preface" else report.sections.get(field.removeprefix("sections."), [])


def _span_json(report, f) -> dict | None:
    """Where the finding's text is (X-1: the sentence it quotes; X-8: the slip): the field and
    [start, end) in its paragraphs joined by "\n" (as the window's editor shows them), with the
    text found there."""
    if f.fix is not None:
        field = f.fix.field
        start = sum(len(p) + 1 for p in _paragraphs(report, field)[:f.fix.para]) + f.fix.start
        end = start + len(f.fix.found)
    elif f.span is not None and f.section is not None:
        field = "preface" if f.section == "preface" else f"sections.{f.section}"
        start, end = f.span
    else:
        return None
    return {"field": field, "start": start, "end": end, "text": "\n".join(_paragraphs(report, field))[start:end]}


def _fix_json(fix) -> dict | None:
    """X-8's exact replacement (core/lint.py Fix): paragraph (from 0) and [start, end) in it."""
    if fix is None:
        return None
    return {"field": fix.field, "paragraph": fix.para, "start": fix.start, "end": fix.end, "found": fix.found,
            "replacement": fix.replacement, "what": fix.what}


def _cmd_new(args) -> int:
    from .core.formats import FormatError
    from .core.report import new_report
    from .core.storage import ReportFileError, load, save

    if getattr(args, "roster", None):
        from .merge_cli import new_from_roster
        return new_from_roster(args)
    if not args.org:
        print("请用 --org 指定机关名称（或用 --roster 指定单位名单）。", file=sys.stderr)
        return 2
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"文件“{out}”已存在；如要覆盖请加 --force。", file=sys.stderr)
        return 2
    last = None
    try:
        if args.last_year:
            last = load(args.last_year)
        report = new_report(args.year, args.org, last_year=last)
        save(report, out)  # with --force the overwritten file is kept as .bak
    except (ReportFileError, FormatError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"已创建 {out}：{report.display_title()}（{report.fmt.document}格式）")
    return 0


def _cmd_open(path: str | None) -> int:
    # Start-up allocates a few hundred thousand objects (pydantic, Qt's enums, the window) and
    # frees almost none: the cyclic garbage collector would walk the growing heap ~100 times
    # (~10 % of the start-up) to find nothing. It is switched on again once the window is shown
    # (``ui.app.after_show``).
    gc.disable()
    from .ui.app import run

    return run(path)


def main(argv: list[str] | None = None) -> int:
    _ensure_utf8_stdout()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-")):
        return _cmd_open(argv[0] if argv else None)
    if argv[0] == "--selftest":
        from .selftest import main as selftest_main

        return selftest_main(argv[1:])
    try:
        parser = _parser()
    except IncompleteInstall as exc:
        print(f"程序安装不完整：{exc}。请重新安装本程序。", file=sys.stderr)
        return 3
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _cmd_validate(args)
    if args.command == "new":
        return _cmd_new(args)
    if hasattr(args, "func"):
        return args.func(args)
    parser.print_help()
    return 0
