"""Report files: UTF-8 JSON, atomic saves with a backup, safe loading with migration.

Save: the new content is written to a temporary file in the same folder, flushed and fsynced,
the current file is copied to ``<name>.bak`` the same way, and the temporary file then replaces
the target with ``os.replace`` (atomic on POSIX and Windows). Killing the process at any moment
leaves the target either as it was or complete with the new content — never half-written.

Load: any problem (unreadable, not UTF-8, not JSON, wrong shape, invalid values, a newer schema
version) raises ``ReportFileError`` whose message is Chinese and says what is wrong. The file
is only read, never changed. Older schema versions are migrated in memory (``MIGRATIONS``; the
first released schema is version 1, so there is no older one yet).
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from .formats import FormatError
from .report import FILE_SUFFIX, SCHEMA_VERSION, Report

MAX_FILE_BYTES = 20 * 1024 * 1024  # a report is ~50 KB; anything this large is not ours


class ReportFileError(Exception):
    """A report file could not be read or written. ``str(exc)`` is a Chinese message."""


# --------------------------------------------------------------------------- serialisation


def to_json_dict(report: Report) -> dict[str, Any]:
    """The file content: stable key order, exact numbers (money as decimal strings)."""
    data = report.model_dump(mode="python", exclude_none=False)
    if not report.sources:
        del data["sources"]  # only a consolidated report (汇总) has sources
    data["tables"] = _tables_json(report.tables, report)
    if report.previous is not None:
        data["previous"]["tables"] = _tables_json(report.previous.tables, None)
    if report.signoff.date is not None:
        data["signoff"]["date"] = report.signoff.date.isoformat()
    return data


def _tables_json(tables, report: Report | None) -> dict:
    """Tables in the format's order. In auto mode the calculated totals are written too, so
    the file is complete for anyone reading it; on load they are recalculated, never trusted."""
    values = None
    if report is not None and report.totals_mode == "auto":
        values = report.effective_values()
    out: dict[str, dict[str, dict[str, Any]]] = {}
    refs = report.cells() if report is not None else None
    if refs is None:
        for t, rows in tables.items():
            for r, cols in rows.items():
                for c, v in cols.items():
                    out.setdefault(t, {}).setdefault(r, {})[c] = _jv(v)
        return out
    for ref in refs:
        t, r, c = ref.split(".")
        v = values[ref] if values is not None else tables.get(t, {}).get(r, {}).get(c)
        if v is not None:
            out.setdefault(t, {}).setdefault(r, {})[c] = _jv(v)
    return out


def _jv(v):
    return format(v, "f") if isinstance(v, Decimal) else v


def dumps(report: Report) -> str:
    return json.dumps(to_json_dict(report), ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------- migration

# schema version N -> function turning a version-N document into version N+1.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def migrate(data: dict) -> dict:
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ReportFileError("文件缺少有效的版本号（schema_version），不是本程序保存的年报文件。")
    if version > SCHEMA_VERSION:
        raise ReportFileError(
            f"该文件由较新版本的程序保存（文件格式版本 {version}，本程序支持到版本 {SCHEMA_VERSION}），"
            "请升级本程序后再打开。文件未作任何改动。")
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ReportFileError(f"无法升级文件格式版本 {version}。")
        data = step(data)
        version += 1
        data["schema_version"] = version
    return data


# --------------------------------------------------------------------------- loading


def loads(text: str, *, source: str = "文件") -> Report:
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        raise ReportFileError(f"{source}已损坏或不完整，无法打开（可能在保存时断电、被其他程序改动，"
                              "或只复制了一部分）。") from None
    if not isinstance(data, dict):
        raise ReportFileError(f"{source}不是年报文件：文件内容的结构不对。")
    data = migrate(data)
    declared_auto = data.get("totals_mode", "auto") == "auto"
    try:
        # Validate with the totals as stored, then decide: an auto-total file whose stored
        # totals are what the program calculates drops them (they are derived); one whose
        # totals disagree (written or edited elsewhere) opens "as printed", so the rules show
        # the disagreement instead of the numbers silently changing.
        report = Report.model_validate({**data, "totals_mode": "printed"} if declared_auto else data)
    except ValidationError as exc:
        raise ReportFileError(f"{source}中的数据有误：{_describe(exc)}") from None
    except (FormatError, ValueError, TypeError, KeyError, RecursionError) as exc:
        raise ReportFileError(f"{source}中的数据有误：{exc}") from None
    if declared_auto:
        _settle_totals(report)
    return report


def _reject_constant(name: str):
    raise ValueError(name)


def _settle_totals(report: Report) -> None:
    """Switch a report loaded with its stored totals to auto mode if nothing would change."""
    stored = report.effective_values()
    report.totals_mode = "auto"
    calculated = report.effective_values()
    report.totals_mode = "printed"
    if any(stored[ref] is not None and stored[ref] != calculated[ref]
           for ref, info in report.cells().items() if info.auto_total):
        return
    report.set_totals_mode("auto")  # drops the stored totals: they are derived


_FIELD_NAMES = {
    "format": "报告格式", "year": "报告年度", "organisation": "机关名称", "title": "报告标题",
    "tables": "表格数据", "sections": "正文", "preface": "开头部分", "signoff": "落款",
    "contact": "联系人", "people": "拟稿/审核/签发", "totals_mode": "合计方式",
    "schema_version": "文件格式版本", "previous": "上年度数据", "acknowledgements": "警告说明",
    "cell_notes": "单元格备注", "sources": "汇总来源", "variant": "地方格式", "date": "日期", "explanation": "说明",
    "message": "警告内容", "person": "联系人", "phone": "联系电话", "drafter": "拟稿人",
    "reviewer": "审核人", "approver": "签发人",
}

# pydantic error types -> Chinese (no English text reaches the user)
_ERROR_TEXT = {
    "missing": "缺少此项", "extra_forbidden": "不认识的项目", "literal_error": "取值不在允许的范围内",
    "greater_than_equal": "数值过小", "less_than_equal": "数值过大", "greater_than": "数值过小",
    "less_than": "数值过大", "date_from_datetime_parsing": "日期格式不对（应为 年-月-日）",
    "date_parsing": "日期格式不对（应为 年-月-日）", "date_type": "日期格式不对（应为 年-月-日）",
}


def _describe(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = "／".join(_FIELD_NAMES.get(str(p), str(p)) for p in err.get("loc", ()))
    kind = err.get("type", "")
    msg = err.get("msg", "")
    if kind == "value_error" and msg.startswith("Value error, "):
        text = msg[len("Value error, "):]  # our own validators raise Chinese messages
        if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
            text = "数值无效"
    elif kind in _ERROR_TEXT:
        text = _ERROR_TEXT[kind]
    elif kind.endswith("_type") or kind.endswith("_parsing"):
        text = "类型不对"
    else:
        text = "数值无效"
    return f"{where}：{text}" if where else text


def load(path: str | os.PathLike) -> Report:
    """Read a report file. Raises ReportFileError (Chinese) and never modifies the file.
    When the file is damaged and a backup of the previous save exists, the message says so."""
    try:
        return _load(Path(path))
    except ReportFileError as exc:
        bak = backup_path(path)
        if bak.is_file() and Path(path).is_file():
            raise ReportFileError(f"{exc}\n\n同一文件夹中有上次保存前的备份“{bak.name}”，可以打开它。") from None
        raise


def _load(p: Path) -> Report:
    name = f"文件“{p.name}”"
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportFileError(f"{name}过大（{size // 1024 // 1024} MB），不是年报文件。")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ReportFileError(f"找不到{name}。") from None
    except IsADirectoryError:
        raise ReportFileError(f"“{p.name}”是文件夹，不是年报文件。") from None
    except PermissionError:
        raise ReportFileError(f"没有权限读取{name}。") from None
    except OSError as exc:
        raise ReportFileError(f"无法读取{name}：{exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError(f"{name}不是 UTF-8 编码的年报文件，可能已损坏或不是本程序保存的文件。") from None
    return loads(text, source=name)


# --------------------------------------------------------------------------- saving


def backup_path(path: str | os.PathLike) -> Path:
    p = Path(path)
    return p.with_name(p.name + ".bak")


def save(report: Report, path: str | os.PathLike, *, keep_backup: bool = True) -> None:
    """Atomically write ``report`` to ``path`` (see the module docstring)."""
    p = Path(path)
    data = dumps(report).encode("utf-8")
    try:
        if keep_backup and p.exists():
            _atomic_write(backup_path(p), p.read_bytes())
        _atomic_write(p, data)
    except OSError as exc:
        raise ReportFileError(_save_error(p, exc)) from None


def _save_error(p: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "磁盘空间不足"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "没有写入权限（文件夹只读或文件被占用）"
    elif exc.errno == errno.ENOENT:
        why = "文件夹不存在"
    else:
        why = exc.strerror or str(exc)
    return f"保存“{p.name}”失败：{why}。原文件未被改动，请换一个位置另存。"


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        copy_mode(path, tmp)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def copy_mode(existing: Path, tmp: str) -> None:
    """mkstemp creates 0600 files; keep the permissions the file had (or the umask default),
    so a report in a shared folder stays readable by colleagues."""
    try:
        mode = existing.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def default_name(report: Report) -> str:
    return f"{report.organisation or '未命名'}{report.year}年政府信息公开工作年度报告{FILE_SUFFIX}"
