"""``python -m gaic_desktop merge FILES|DIR -o TOTAL.gaic.json``: sum the units' reports (汇总);
``new --roster units.txt -o DIR``: one blank report per unit of a roster.

Exit codes of ``merge``: 0 written, 1 written but the consolidated report has errors, 2 refused
(nothing written; the message names the file).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .core.merge import MergeRefused, MergeResult, Unit
from .core.storage import ReportFileError, load, save


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("merge", help="汇总下级单位的年报（逐格精确相加，记录每个来源）")
    p.add_argument("inputs", nargs="+", metavar="FILES|DIR",
                   help="下级单位的年报文件（.gaic.json，或已发布的 .pdf/.docx/.html/.txt），或存放它们的文件夹")
    p.add_argument("-o", "--output", required=True, help="汇总后的年报文件（.gaic.json）")
    p.add_argument("--roster", help="单位名单（.txt 每行一个单位，或一列的 .csv/.xlsx），列出未报送的单位")
    p.add_argument("--detail", help="同时导出汇总明细表（.xlsx）")
    p.add_argument("--previous", help="上次的汇总报告，列出本次的变化（默认：-o 指定的文件已是汇总报告时与它比较）")
    p.add_argument("--org", default="", help="汇总报告的机关名称，如 某某区人民政府")
    p.add_argument("--own", metavar="UNIT", help="本级单位的名称（正文草稿写「其中本级…件，各部门、各街道…件」）")
    p.add_argument("--printed", action="store_true", help="照印刷录入：合计栏按各单位填报的合计相加，不自动计算")
    p.add_argument("--update", action="store_true",
                   help="只替换所给单位的数字，其余单位沿用上次汇总报告中记录的数字（需要上次的汇总报告）")
    p.add_argument("--exclude-errors", action="store_true", help="有错误的单位不参加汇总（列出，退回修改）")
    p.add_argument("--force", action="store_true", help="-o 指定的文件已存在且不是汇总报告时覆盖")
    p.add_argument("--quiet", action="store_true", help="只输出摘要")
    p.set_defaults(func=run)
    new = subparsers.choices.get("new")
    if new is not None:
        add_roster_argument(new)


def run(args) -> int:
    from .merge_io import collect_files, load_previous, load_units, read_roster, run_merge

    out = Path(args.output)
    try:
        previous = None
        if args.previous:
            previous = load_previous(Path(args.previous))
        elif out.exists():
            previous = _existing_total(out, args.force)
        roster = read_roster(args.roster) if args.roster else None
        skip = tuple(Path(p) for p in (args.output, args.previous, args.roster, args.detail) if p)
        units = load_units(collect_files(args.inputs, skip=skip))
        if args.exclude_errors:
            for u in units:
                u.include = u.errors == 0
        run_ = run_merge(units, roster=roster, previous=previous, organisation=args.org,
                         totals_mode="printed" if args.printed else "auto", own_unit=args.own,
                         update=args.update)
        detail = _detail_bytes(run_, args.detail) if args.detail else None
        save(run_.result.report, out)
        if detail is not None:
            _write_detail(Path(args.detail), detail)
    except (MergeRefused, ReportFileError) as exc:
        print(f"未汇总：{exc}", file=sys.stderr)
        return 2
    _print_run(run_, out, args)
    return 1 if any(f.is_error for f in run_.result.findings) else 0


def _existing_total(out: Path, force: bool):
    """-o names an existing file: a consolidated report is the previous total (compared, then
    replaced and kept as .bak); anything else is only overwritten with --force."""
    try:
        existing = load(out)
    except ReportFileError:
        existing = None
    if existing is not None and existing.sources:
        return existing
    if not force:
        raise MergeRefused(f"文件“{out}”已存在且不是汇总报告；如要覆盖请加 --force。")
    return None


def _detail_bytes(run_, path: str) -> bytes:
    from .merge_xlsx import detail_workbook_bytes

    if not path.lower().endswith(".xlsx"):
        raise MergeRefused(f"汇总明细“{Path(path).name}”应保存为 .xlsx 文件。")
    return detail_workbook_bytes(run_.result.report, units=run_.result.units, missing=run_.missing,
                                 unknown=run_.unknown)


def _write_detail(path: Path, data: bytes) -> None:
    from .core.atomic import atomic_write  # the same atomic write as report files

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise MergeRefused(f"汇总明细“{path.name}”保存失败：{exc.strerror or exc}") from None


def unit_lines(u: Unit, *, details: bool = True) -> list[str]:
    """One unit's status and its own findings, as printed lines (Chinese)."""
    status = f"{u.errors} 处错误，{u.warnings} 处警告"
    mark = "" if u.include else "【未参加汇总】"
    head = f"{'【有错误】' if u.errors else ''}{u.name}（{u.file}）：{status}{mark}"
    lines = [head]
    if u.import_summary:
        lines.append(f"    由已发布年报导入：{u.import_summary}")
    if details:
        for f in u.findings:
            tag = "错误" if f.is_error else ("警告（已说明）" if f.acknowledged else "警告")
            lines.append(f"    [{tag}] {f.rule_id}：{f.message}")
        for line in u.import_issues:
            lines.append("    [导入] " + line.replace("\n", "\n    "))
    return lines


def _print_run(run_, out: Path, args) -> None:
    result: MergeResult = run_.result
    report = result.report
    n_in = len(result.included)
    print(f"已汇总 {n_in} 个单位的{report.year}年度报告（{report.fmt.document}格式）→ {out}")
    if args.detail:
        print(f"汇总明细：{args.detail}")
    for u in result.units:
        if u.recorded is not None:
            print(f"{u.name}（{u.file}）：沿用上次汇总时的数字（{u.recorded.merged_at}）")
            continue
        for line in unit_lines(u, details=not args.quiet):
            print(line)
    if run_.missing:
        print(f"未报送（{len(run_.missing)}个）：" + "、".join(run_.missing))
    if run_.unknown:
        print(f"不在单位名单中（{len(run_.unknown)}个）：" + "、".join(run_.unknown))
    if result.blanks:
        print(f"有 {len(result.blanks)} 个单元格部分单位未填写（按已填写的数字相加，明细中列出未填写的单位）。")
        if not args.quiet:
            for ref, names in result.blanks.items():
                info = report.cell_info(ref)
                print(f"    「{info.row_label}」「{info.col_label}」未填写：" + "、".join(names))
    if run_.changes is not None:
        if run_.changes.empty:
            print("与上次的汇总结果相同。")
        else:
            print("与上次的汇总结果相比：")
            for line in run_.changes.lines(report):
                print("    " + line)
    errors = sum(1 for f in result.findings if f.is_error)
    print(f"汇总报告检查结果：{errors} 处错误，{len(result.findings) - errors} 处警告。")
    for f in result.findings:
        if f.is_error:
            print(f"    [错误] {f.rule_id}：{f.message}")


# --------------------------------------------------------------------------- new --roster


def add_roster_argument(parser) -> None:
    parser.add_argument("--roster", help="单位名单（.txt 每行一个单位，或一列的 .csv/.xlsx）：为每个单位生成一份空白年报，"
                                         "-o 指定文件夹")


def new_from_roster(args) -> int:
    from .core.formats import FormatError
    from .merge_io import read_roster, write_roster_reports

    try:
        names = read_roster(args.roster)
        variant = load(args.last_year).variant if args.last_year else None  # the same 地方格式
        paths = write_roster_reports(args.year, names, args.output, variant=variant, force=args.force)
    except (MergeRefused, ReportFileError, FormatError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"已在 {args.output} 中为 {len(paths)} 个单位创建{args.year}年度空白年报：")
    for p in paths:
        print(f"    {p.name}")
    return 0
