"""汇总 with files: rosters, the units' files (report files or published documents) and the
pipeline shared by the ``merge`` command and the window (progress callback, cancellation).

An adapter over ``core.merge``: it reads files, runs published documents through the importer
(its report is kept per unit) and writes nothing — saving is the caller's last step, after
everything has been read and checked, so a refusal leaves no file behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .core.merge import (MergeChanges, MergeRefused, MergeResult, Unit, compare, make_unit, merge,
                         updated_units)
from .core.report import FILE_SUFFIX, Report, new_report
from .core.storage import ReportFileError, load, save

REPORT_SUFFIXES = (FILE_SUFFIX, ".json")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")
ROSTER_SUFFIXES = (".txt", ".csv", ".xlsx")


class MergeCancelled(Exception):
    """The user cancelled the merge; nothing was written."""


# --------------------------------------------------------------------------- rosters


def read_roster(path: str | Path) -> list[str]:
    """The unit names of a roster: a .txt with one name a line, or the first column of a
    .csv / .xlsx (a header cell 「单位名称」/「机关名称」/「名称」 is skipped). Refuses empty
    lists and duplicate names with a Chinese message (``MergeRefused``)."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".xlsx":
            cells = _xlsx_first_column(p)
        else:
            raw = p.read_bytes()
            text = _decode(raw, p.name)
            if suffix == ".csv":
                cells = [row[0] if row else "" for row in csv.reader(io.StringIO(text))]
            else:
                cells = text.splitlines()
    except OSError as exc:
        raise MergeRefused(f"无法读取单位名单“{p.name}”：{exc.strerror or exc}") from None
    names = [str(c).strip().lstrip("\ufeff").strip() for c in cells]
    if names and names[0] in ("单位名称", "机关名称", "名称", "单位"):
        names = names[1:]
    while names and not names[-1]:
        names.pop()
    seen: dict[str, int] = {}
    for i, name in enumerate(names, 1):
        if not name:
            raise MergeRefused(f"单位名单“{p.name}”第{i}行是空的，请删除空行或填写单位名称。")
        if name in seen:
            raise MergeRefused(f"单位名单“{p.name}”中“{name}”出现了两次（第{seen[name]}行和第{i}行）。")
        seen[name] = i
    if not names:
        raise MergeRefused(f"单位名单“{p.name}”中没有单位名称。")
    return names


def _decode(raw: bytes, name: str) -> str:
    for enc in ("utf-8-sig", "gb18030"):  # officers' spreadsheets often save CSV as GBK
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise MergeRefused(f"单位名单“{name}”的文字编码无法识别，请另存为 UTF-8 文本。")


def _xlsx_first_column(p: Path) -> list[str]:
    try:
        import openpyxl
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise MergeRefused(f"单位名单“{p.name}”不是有效的 Excel 文件（.xlsx）。") from None
    try:
        ws = wb.worksheets[0]
        return ["" if row[0] is None else str(row[0]) for row in ws.iter_rows(max_col=1, values_only=True)]
    finally:
        wb.close()


def write_roster_reports(year: int, names: list[str], folder: str | Path, *,
                         variant: str | None = None, force: bool = False) -> list[Path]:
    """One blank report per unit (机关名称 filled; the format of the year, the same variant) in
    ``folder``. Checks every target first: nothing is written when one exists (without ``force``)."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise MergeRefused(f"“{out}”不是文件夹：按单位名单新建时 -o 指定存放各单位年报的文件夹。")
    reports = [new_report(year, name, variant=variant) for name in names]
    paths = [out / _safe_name(f"{name}{year}年政府信息公开工作年度报告{FILE_SUFFIX}") for name in names]
    if not force:
        for p in paths:
            if p.exists():
                raise MergeRefused(f"文件“{p}”已存在；如要覆盖请加 --force。")
    out.mkdir(parents=True, exist_ok=True)
    for r, p in zip(reports, paths):
        save(r, p, keep_backup=False)
    return paths


def _safe_name(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)


# --------------------------------------------------------------------------- units


def collect_files(paths: list[str | Path], *, skip: tuple[Path, ...] = ()) -> list[Path]:
    """The files to merge: given files as they are; a folder's report files and published
    documents (sorted by name; backups, rosters and the skipped paths left out)."""
    skipped = {p.resolve() for p in skip}
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.iterdir(), key=lambda f: f.name):
                if f.is_file() and _is_unit_file(f) and f.resolve() not in skipped:
                    out.append(f)
        else:
            out.append(p)
    return out


def _is_unit_file(p: Path) -> bool:
    name = p.name.lower()
    return name.endswith(REPORT_SUFFIXES) or name.endswith(DOCUMENT_SUFFIXES)


def load_unit(path: Path) -> Unit:
    """Read one unit's file; a published document goes through the importer first."""
    name = path.name
    lower = name.lower()
    if lower.endswith(REPORT_SUFFIXES):
        try:
            return make_unit(name, load(path, tidy=False))
        except ReportFileError as exc:
            raise MergeRefused(f"无法读取“{name}”：{exc}") from None
    if not lower.endswith(DOCUMENT_SUFFIXES):
        raise MergeRefused(f"“{name}”不是年报文件（.gaic.json）或已发布的年报（.pdf/.docx/.html/.txt），不能汇总。")
    from .importer import ImportFailed, import_file
    from .importer.cli import format_issues

    if not path.is_file():
        raise MergeRefused(f"找不到文件“{name}”。")
    try:
        result = import_file(path)
    except ImportFailed as exc:
        raise MergeRefused(f"无法导入“{name}”：{exc}") from None
    except OSError as exc:
        raise MergeRefused(f"无法读取“{name}”：{exc.strerror or exc}") from None
    return make_unit(name, result.report, import_summary=result.summary(), import_issues=format_issues(result))


def load_units(files: list[Path], *, progress: Callable[[int, int, str], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[Unit]:
    units = []
    for i, f in enumerate(files):
        if cancelled is not None and cancelled():
            raise MergeCancelled()
        if progress is not None:
            progress(i, len(files), f.name)
        units.append(load_unit(f))
    return units


@dataclass
class MergeRun:
    """Everything a merge produced, before anything is written."""

    result: MergeResult
    missing: list[str]  # roster units without a file: 未报送
    unknown: list[str]  # units with a file but not on the roster
    changes: MergeChanges | None  # against the previous consolidated report, if one was given


def roster_status(roster: list[str] | None, units: list[Unit]) -> tuple[list[str], list[str]]:
    if roster is None:
        return [], []
    have = {u.name for u in units}
    listed = set(roster)
    return [n for n in roster if n not in have], [u.name for u in units if u.name not in listed]


def run_merge(units: list[Unit], *, roster: list[str] | None = None, previous: Report | None = None,
              organisation: str = "", totals_mode: str = "auto", own_unit: str | None = None,
              merged_at: dt.datetime | None = None, update: bool = False) -> MergeRun:
    """Sum ``units``; with ``update`` they replace only their own contribution to ``previous``
    (the other units of the previous total are kept as recorded there)."""
    if update:
        if previous is None or not previous.sources:
            raise MergeRefused("只更新部分单位时需要上次的汇总报告（用 --previous 指定，或 -o 指定已有的汇总报告）。")
        units = updated_units(previous, units)
    result = merge(units, organisation=organisation, totals_mode=totals_mode,  # type: ignore[arg-type]
                   merged_at=merged_at, own_unit=own_unit)
    missing, unknown = roster_status(roster, units)
    comparable = (previous is not None and previous.sources
                  and (previous.format, previous.year) == (result.report.format, result.report.year))
    changes = compare(previous, result.report) if comparable else None  # another year: nothing to compare
    return MergeRun(result=result, missing=missing, unknown=unknown, changes=changes)


def load_previous(path: Path) -> Report:
    try:
        report = load(path)
    except ReportFileError as exc:
        raise MergeRefused(f"无法读取上次的汇总报告：{exc}") from None
    if not report.sources:
        raise MergeRefused(f"“{path.name}”不是汇总报告，不能作为上次的汇总结果比较。")
    return report


__all__ = ["read_roster", "write_roster_reports", "collect_files", "load_unit", "load_units", "run_merge",
           "MergeRun", "MergeCancelled", "MergeRefused", "load_previous", "roster_status"]
