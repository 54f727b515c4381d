"""Report files: UTF-8 JSON, atomic saves with a backup, safe loading with migration.

Save: the new content is written to a temporary file in the same folder, flushed and fsynced,
the current file is copied to ``<name>.bak`` the same way, and the temporary file then replaces
the target with ``os.replace`` (atomic on POSIX and Windows). Killing the process at any moment
leaves the target either as it was or complete with the new content — never half-written.

Saving through a symbolic link writes the file it points to (the link stays a link); a
read-only report is refused (``ReadOnlyReportError``) and nothing is written. Before anything is
written the content is read back with the loader: whatever can be saved can be loaded, and what
would not load (a text over its limit, a broken character) is refused with the loader's reason.
Temporary files that a killed save left behind (``.<name>.<host>-<pid>-<random>.tmp``) are
removed by the next save or load of that report once stale (their writer gone, or a minute old).

Load: any problem (unreadable, not a regular file, larger than ``MAX_FILE_BYTES``, not UTF-8,
not JSON, wrong shape, invalid values, a newer schema version) raises ``ReportFileError`` whose
message is Chinese and says what is wrong. The file is only read, never changed. Every field is
checked with the same rules as on entry (``core.limits``, the model's validators); numbers are
bounded before they are converted. Older schema versions are migrated in memory
(``MIGRATIONS``; the first released schema is version 1, so there is no older one yet).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

# _temp_prefix and copy_mode are still imported from here by tests and pdf/output.py
from .atomic import _remove_stale_temps, _temp_prefix, atomic_write, copy_mode  # noqa: F401
from .formats import FormatError, get_format
from .limits import MAX_FILE_BYTES, clip, decimal_in_bounds, has_surrogates
from .report import FILE_SUFFIX, SCHEMA_VERSION, Report, row_name, table_name
from .totals import apply_totals, stored_values
from .values import CellValueError, check_value


class ReportFileError(Exception):
    """A report file could not be read or written. ``str(exc)`` is a Chinese message."""


class ReadOnlyReportError(ReportFileError):
    """The report file is read-only (or the user may not write it): nothing was written.
    The window offers 另存为."""


# --------------------------------------------------------------------------- serialisation


def to_json_dict(report: Report) -> dict[str, Any]:
    """The file content: stable key order, exact numbers (money as decimal strings)."""
    data = report.model_dump(mode="python", exclude_none=False)
    if not report.sources:
        del data["sources"]  # only a consolidated report (汇总) has sources
    if not report.import_deviations:
        del data["import_deviations"]  # only an imported report whose original deviates has them
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
    for ref, info in refs.items():
        t, r, c = ref.split(".")
        v = values[ref] if values is not None else tables.get(t, {}).get(r, {}).get(c)
        if v is None:
            continue
        if values is not None and info.auto_total:
            try:
                check_value(info.kind, v)
            except CellValueError:
                continue  # a calculated total beyond a cell's range is not written (error V-1)
        out.setdefault(t, {}).setdefault(r, {})[c] = _jv(v)
    return out


def _jv(v):
    if isinstance(v, Decimal):
        if not decimal_in_bounds(v):  # never in a checked report; not expanded to gigabytes
            raise ValueError("unbounded decimal")
        return format(v, "f")
    return v


def dumps(report: Report) -> str:
    data = to_json_dict(report)
    sources = data.pop("sources", None)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if sources:
        # A consolidated report (汇总) of 1,000 units records ~400,000 figures: the indenting
        # encoder is pure Python (~1 s for them), the compact one is C. One line per unit keeps
        # the file readable and a unit's change a one-line diff.
        lines = ",\n  ".join(json.dumps(s, ensure_ascii=False, separators=(", ", ": ")) for s in sources)
        text = f'{text[:-2]},\n "sources": [\n  {lines}\n ]\n}}'
    return text + "\n"


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


class _LongNumber(ValueError):
    pass


_MAX_NUMBER_CHARS = 100  # a number literal longer than this is in no report


def _parse_int(text: str):
    """JSON integers: long digit strings become Decimal (bounded by the checks, never expanded),
    so no int() of thousands of digits is attempted; absurdly long ones are refused at once."""
    if len(text) > _MAX_NUMBER_CHARS:
        raise _LongNumber(len(text))
    return int(text) if len(text) <= 20 else Decimal(text)


def _parse_float(text: str) -> Decimal:
    if len(text) > _MAX_NUMBER_CHARS:
        raise _LongNumber(len(text))
    return Decimal(text)


def loads(text: str, *, source: str = "文件") -> Report:
    try:
        data = json.loads(text, parse_float=_parse_float, parse_int=_parse_int, parse_constant=_reject_constant)
    except _LongNumber as exc:
        raise ReportFileError(f"{source}中有位数过多的数字（{exc.args[0]} 位），不是本程序保存的年报文件。") from None
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        raise ReportFileError(f"{source}已损坏或不完整，无法打开（可能在保存时断电、被其他程序改动，"
                              "或只复制了一部分）。") from None
    if not isinstance(data, dict):
        raise ReportFileError(f"{source}不是年报文件：文件内容的结构不对。")
    _check_strings(data, source, text)
    data = migrate(data)
    declared_auto = data.get("totals_mode", "auto") == "auto"
    fmt_id = data.get("format")
    try:
        # Validate with the totals as stored, then decide: an auto-total file whose stored
        # totals are what the program calculates drops them (they are derived); one whose
        # totals disagree (written or edited elsewhere) opens "as printed", so the rules show
        # the disagreement instead of the numbers silently changing.
        report = Report.model_validate({**data, "totals_mode": "printed"} if declared_auto else data)
    except ValidationError as exc:
        raise ReportFileError(f"{source}中的数据有误：{_describe(exc, fmt_id)}") from None
    except (FormatError, ValueError, TypeError, KeyError, RecursionError) as exc:
        raise ReportFileError(f"{source}中的数据有误：{clip(str(exc), 200)}") from None
    if declared_auto:
        _settle_totals(report)
    return report


# A lone surrogate reaches parsed JSON only through a \uD800–\uDFFF escape (UTF-8 text cannot
# hold one): text without such an escape (nearly every file) needs no walk over its values.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")  # fails on a lone surrogate; C speed, unlike a regex scan
    except UnicodeEncodeError:
        return False
    return True


def _check_strings(data, source: str, text: str | None = None) -> None:
    """Every text of the document (keys too) must be real characters: a lone surrogate
    (``"\\udc80"`` in JSON) cannot be shown, printed or saved again. ``text``: the JSON the data
    was parsed from, to skip the walk when it cannot hold one."""
    if text is not None and not _SURROGATE_ESCAPE.search(text) and _encodable(text):
        return
    todo = [data]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            for k, v in node.items():
                if has_surrogates(k):
                    raise ReportFileError(f"{source}中有无法识别的字符（不是有效的文字编码），不是本程序保存的年报文件。")
                todo.append(v)
        elif isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, str) and has_surrogates(node):
            raise ReportFileError(f"{source}中有无法识别的字符（不是有效的文字编码），不是本程序保存的年报文件。")


def _reject_constant(name: str):
    raise ValueError(name)


def _settle_totals(report: Report) -> None:
    """Switch a report loaded with its stored totals to auto mode if nothing would change."""
    stored = stored_values(report)  # as printed: what the file holds
    calculated = apply_totals(dict(stored), report.format)
    fmt_cells = report.fmt.cells()
    if any(stored[ref] is not None and stored[ref] != calculated[ref]
           for ref in stored if fmt_cells[ref].auto_total):
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


def _where(loc: tuple, fmt_id) -> str:
    """An error's location in the form's words: 「表格数据／表三（…）／一、本年新收…」."""
    try:
        fmt = get_format(fmt_id) if isinstance(fmt_id, str) else None
    except (FormatError, KeyError, ValueError):
        fmt = None
    parts = []
    loc = tuple(loc)
    for i, p in enumerate(loc):
        prev = loc[i - 1] if i else None
        prev2 = loc[i - 2] if i > 1 else None
        if fmt is not None and prev == "tables" and isinstance(p, str):
            parts.append(table_name(fmt, p))
        elif fmt is not None and prev2 == "tables" and isinstance(p, str) and isinstance(prev, str):
            parts.append(f"「{row_name(fmt, prev, p)}」")
        elif prev == "sections" and fmt is not None and isinstance(p, str) and p in {s.key for s in fmt.sections}:
            parts.append(f"“{fmt.section(p).heading}”")
        elif isinstance(p, int):
            parts.append(f"第 {p + 1} 项")
        else:
            parts.append(_FIELD_NAMES.get(str(p), f"“{clip(str(p))}”"))
    return "／".join(parts)


def _describe(exc: ValidationError, fmt_id=None) -> str:
    err = exc.errors()[0]
    where = _where(err.get("loc", ()), fmt_id)
    kind = err.get("type", "")
    msg = err.get("msg", "")
    if kind == "value_error" and msg.startswith("Value error, "):
        text = msg[len("Value error, "):]  # our own validators raise Chinese messages
        if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
            text = "数值无效"
        text = clip(text, 300)
    elif kind in _ERROR_TEXT:
        text = _ERROR_TEXT[kind]
    elif kind.endswith("_type") or kind.endswith("_parsing"):
        text = "类型不对"
    else:
        text = "数值无效"
    return f"{where}：{text}" if where else text


def load(path: str | os.PathLike, *, tidy: bool = True) -> Report:
    """Read a report file. Raises ReportFileError (Chinese) and never modifies the file.
    When the file is damaged and a backup of the previous save exists, the message says so.

    ``tidy`` also removes the stale temporary files of killed saves of this file (the window
    opening a report); 汇总 reading a folder of other units' files passes False: it only reads
    there, and listing the folder once per file would make reading N files O(N²)."""
    p = Path(path)
    if tidy:
        try:
            _remove_stale_temps(_target(p))
        except (ReportFileError, OSError):
            pass
    try:
        return _load(p)
    except ReportFileError as exc:
        bak = backup_path(path)
        if bak.is_file() and Path(path).is_file():
            raise ReportFileError(f"{exc}\n\n同一文件夹中有上次保存前的备份“{bak.name}”，可以打开它。") from None
        raise


def _load(p: Path) -> Report:
    name = f"文件“{clip(p.name, 80)}”"
    try:
        raw = read_limited(p, MAX_FILE_BYTES)
    except _TooLarge as exc:
        raise ReportFileError(f"{name}过大（{exc.args[0]}），不是年报文件（年报文件不超过 "
                              f"{MAX_FILE_BYTES // 1024 // 1024} MB）。") from None
    except _NotRegular:
        raise ReportFileError(f"{name}不是普通文件（可能是设备或管道），不是年报文件。") from None
    except FileNotFoundError:
        raise ReportFileError(f"找不到{name}。") from None
    except IsADirectoryError:
        raise ReportFileError(f"“{clip(p.name, 80)}”是文件夹，不是年报文件。") from None
    except OSError as exc:
        raise ReportFileError(f"无法读取{name}：{os_error_text(exc)}。") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError(f"{name}不是 UTF-8 编码的年报文件，可能已损坏或不是本程序保存的文件。") from None
    return loads(text, source=name)


class _TooLarge(Exception):
    pass


class _NotRegular(Exception):
    pass


def read_limited(p: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. A FIFO, a device (/dev/zero) or a
    socket is refused without reading (``_NotRegular``); a larger file, or one that grows while
    it is read, after at most ``limit + 1`` bytes (``_TooLarge`` with its size in words)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(p, flags)  # O_NONBLOCK: opening a FIFO does not wait for a writer
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "directory")
        if not stat.S_ISREG(st.st_mode):
            raise _NotRegular()
        if st.st_size > limit:
            raise _TooLarge(f"{st.st_size / 1024 / 1024:.0f} MB")
        chunks = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise _TooLarge(f"超过 {limit // 1024 // 1024} MB")
        return b"".join(chunks)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- saving


def backup_path(path: str | os.PathLike) -> Path:
    """``<file>.bak`` beside the report (beside the file a symbolic link points to)."""
    p = _target(Path(path))
    return p.with_name(p.name + ".bak")


def _target(p: Path) -> Path:
    """The file a save writes: the file a symbolic link points to (links stay links)."""
    if not p.is_symlink():
        return p
    real = Path(os.path.realpath(p))
    if real.is_symlink():  # a loop of links
        raise ReportFileError(f"“{clip(p.name, 80)}”是一个循环的快捷方式（符号链接），无法保存，请另存为。")
    return real


def save(report: Report, path: str | os.PathLike, *, keep_backup: bool = True) -> None:
    """Atomically write ``report`` to ``path`` (see the module docstring).

    Raises ReportFileError (Chinese) and writes nothing when the content would not load again,
    when the file is read-only (``ReadOnlyReportError``) or when the system refuses the write."""
    given = Path(path)
    try:
        p = _target(given)
    except OSError as exc:
        raise ReportFileError(_save_error(given, exc, existed=False)) from None
    data = check_saveable(report, given.name)
    try:
        st = p.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ReportFileError(_save_error(given, exc, existed=False)) from None
    existed = st is not None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise ReportFileError(f"保存“{clip(given.name, 80)}”失败：这是一个文件夹，请换一个文件名另存。")
        if not stat.S_ISREG(st.st_mode):
            raise ReportFileError(f"保存“{clip(given.name, 80)}”失败：这不是普通文件（可能是设备或管道），请另存为。")
        if not _writable(p, st):
            raise ReadOnlyReportError(
                f"“{clip(given.name, 80)}”是只读文件（或您没有修改它的权限），没有保存；原文件未被改动。"
                "请用“另存为”保存到另一个文件。")
    _remove_stale_temps(p)
    try:
        if keep_backup and existed:
            atomic_write(backup_path(p), read_limited(p, MAX_FILE_BYTES))
        atomic_write(p, data)
    except (_TooLarge, _NotRegular):
        raise ReportFileError(f"保存“{clip(given.name, 80)}”失败：原文件不是年报文件，无法备份。原文件未被改动。") from None
    except OSError as exc:
        raise ReportFileError(_save_error(given, exc, existed=existed)) from None


def _writable(p: Path, st: os.stat_result) -> bool:
    """Mode bits first: root may write anything, but a file marked read-only stays read-only."""
    return bool(st.st_mode & 0o222) and os.access(p, os.W_OK)


def is_read_only(path: str | os.PathLike) -> bool:
    """Whether ``save`` would refuse ``path`` as read-only (an existing file, through links,
    marked read-only or not writable by this user). For the window's check before saving."""
    try:
        p = _target(Path(path))
        st = p.stat()
    except (OSError, ReportFileError):
        return False  # missing (a new file) or unreachable: save reports what is wrong
    return stat.S_ISREG(st.st_mode) and not _writable(p, st)


def check_saveable(report: Report, name: str = "年报") -> bytes:
    """The bytes ``save`` writes, after checking that they load back to the same report.
    Raises ReportFileError (Chinese) with the reason otherwise; nothing is written."""
    what = f"“{clip(name, 80)}”"
    try:
        text = dumps(report)
        data = text.encode("utf-8")
    except (ValueError, TypeError, UnicodeError, RecursionError):
        text = data = None  # type: ignore[assignment]
    if data is not None and len(data) > MAX_FILE_BYTES:
        raise ReportFileError(f"没有保存{what}：报告内容过多（{len(data) / 1024 / 1024:.0f} MB），超过年报文件的上限 "
                              f"{MAX_FILE_BYTES // 1024 // 1024} MB，请删减正文或备注。")
    try:
        again = loads(text, source="报告") if text is not None else None
    except ReportFileError as exc:
        raise ReportFileError(f"没有保存{what}：{exc}") from None
    if again is None or dumps(again) != text:
        # a value that entered without its checks (e.g. set directly on the model)
        try:
            Report.model_validate(report.model_dump())
        except ValidationError as exc:
            raise ReportFileError(f"没有保存{what}：报告中的数据有误：{_describe(exc, report.format)}") from None
        except (ValueError, TypeError, RecursionError) as exc:
            raise ReportFileError(f"没有保存{what}：报告中的数据有误：{clip(str(exc), 200)}") from None
        raise ReportFileError(f"没有保存{what}：报告内容无法原样写入文件（保存后再打开会不同）。")
    return data


# errno -> what the user is told (the system's own text is English)
_ERRNO_TEXT = {
    errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "磁盘空间不足（超出磁盘配额）",
    errno.EACCES: "没有权限（文件夹只读或文件被占用）", errno.EPERM: "没有权限（文件夹只读或文件被占用）",
    errno.EROFS: "只读文件系统（磁盘或U盘只能读取）", errno.ENOENT: "文件夹不存在",
    errno.EISDIR: "是一个文件夹", errno.ENOTDIR: "路径中有一项不是文件夹",
    errno.ENAMETOOLONG: "文件名过长", errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用", errno.EIO: "读写出错（磁盘或网络故障）",
    errno.ELOOP: "快捷方式（符号链接）循环", errno.EMFILE: "打开的文件过多",
    errno.ENFILE: "打开的文件过多", errno.EINVAL: "文件名无效", errno.EXDEV: "不能跨磁盘替换文件",
    errno.EFBIG: "文件过大", errno.ENOMEM: "内存不足", errno.ETIMEDOUT: "网络超时",
    errno.ESTALE: "网络共享文件已失效", errno.EAGAIN: "暂时无法访问，请稍后再试",
}
_WINERROR_TEXT = {32: "文件正被其他程序使用", 33: "文件的一部分被其他程序锁定", 5: "没有权限",
                  112: "磁盘空间不足", 123: "文件名无效", 206: "文件名过长", 1224: "文件正被其他程序使用"}


def os_error_text(exc: OSError) -> str:
    """A system error in Chinese (never the system's English strerror)."""
    win = getattr(exc, "winerror", None)
    if win in _WINERROR_TEXT:
        return _WINERROR_TEXT[win]
    if exc.errno in _ERRNO_TEXT:
        return _ERRNO_TEXT[exc.errno]
    return f"系统错误（错误代码 {exc.errno if exc.errno is not None else '未知'}）"


def _save_error(p: Path, exc: OSError, *, existed: bool) -> str:
    kept = "原文件未被改动，请换一个位置另存。" if existed else "文件没有保存，请换一个位置另存。"
    return f"保存“{clip(p.name, 80)}”失败：{os_error_text(exc)}。{kept}"


def default_name(report: Report) -> str:
    return f"{report.organisation or '未命名'}{report.year}年政府信息公开工作年度报告{FILE_SUFFIX}"
