"""Word .docx: the standard library (zipfile + ElementTree). A .docx is XML; tables, merged cells
(gridSpan / vMerge) and paragraphs are read directly, no dependency needed.

The archive is not trusted: its entry count is read from the end record before zipfile parses
the directory, the one member read (word/document.xml) is inflated in chunks and refused past
the limit whatever its header says, and the XML is parsed incrementally with its nesting depth
counted, so a zip bomb or a million nested elements is refused before it costs memory.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree as ET

from .blocks import Block, ImportFailed, Para, Row
from .limits import Job, mb

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCUMENT = "word/document.xml"
_CHUNK = 1 << 20


def read_docx(path: Path, job: Job | None = None) -> list[Block]:
    job = job or Job()
    name = path.name
    _check_entry_count(path, job)
    try:
        with zipfile.ZipFile(path) as z:
            if len(z.infolist()) > job.limits.zip_members:
                raise _too_many_entries(job)
            try:
                info = z.getinfo(_DOCUMENT)
            except KeyError:
                raise ImportFailed(f"“{name}”不是有效的 Word（.docx）文件。") from None
            root = _parse_member(z, info, name, job)
    except zipfile.BadZipFile:
        raise ImportFailed(f"“{name}”不是有效的 Word（.docx）文件。") from None
    body = root.find(f"{_W}body")
    out: list[Block] = []
    if body is not None:
        job.step(0.5, "正在读取 Word 文档的段落和表格")
        _docx_walk(body, out, job)
    return out


def _too_many_entries(job: Job) -> ImportFailed:
    return job.refuse(f"Word 文件中的条目超过 {job.limits.zip_members:,} 个的上限，不像是一份年度报告")


def _check_entry_count(path: Path, job: Job) -> None:
    """The entry count of the end-of-central-directory record (ZIP64 too), checked before
    zipfile builds an object per entry."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - (1 << 16) - 22))
            tail = f.read()
            i = tail.rfind(b"PK\x05\x06")
            if i < 0 or len(tail) - i < 22:
                return  # not a zip: zipfile says so
            count = struct.unpack("<H", tail[i + 10:i + 12])[0]
            if count == 0xFFFF and i >= 20 and tail[i - 20:i - 16] == b"PK\x06\x07":
                f.seek(struct.unpack("<Q", tail[i - 12:i - 4])[0])
                record = f.read(40)
                if record[:4] == b"PK\x06\x06" and len(record) == 40:
                    count = struct.unpack("<Q", record[32:40])[0]
    except (OSError, struct.error, ValueError, OverflowError):
        return
    if count > job.limits.zip_members:
        raise _too_many_entries(job)


def _parse_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, job: Job) -> ET.Element:
    """Inflate and parse one member within the byte and depth limits."""
    lim = job.limits
    if info.flag_bits & 0x1:
        raise ImportFailed(f"“{name}”已加密（设置了打开密码），无法读取。请在 Word 或 WPS 中取消密码、"
                           "另存为 .docx 后再导入。")
    too_big = f"Word 文件解压后超过 {mb(lim.member_bytes)} 的上限（可能是恶意构造的“压缩炸弹”）"
    if info.file_size > lim.member_bytes:
        raise job.refuse(too_big)
    parser = ET.XMLPullParser(events=("start", "end"))
    depth = read = 0
    root: ET.Element | None = None
    try:
        with z.open(info) as f:
            while chunk := f.read(_CHUNK):
                read += len(chunk)
                job.unzipped_bytes += len(chunk)
                if read > lim.member_bytes:
                    raise job.refuse(too_big)
                if job.unzipped_bytes > lim.unzipped_bytes:
                    raise job.refuse(f"Word 文件解压后的总量超过 {mb(lim.unzipped_bytes)} 的上限")
                parser.feed(chunk)
                for event, el in parser.read_events():
                    if root is None:
                        root = el
                    depth += 1 if event == "start" else -1
                    if depth > lim.xml_depth:
                        raise job.refuse(f"Word 文档的嵌套层数超过 {lim.xml_depth} 层的上限（可能是损坏或恶意构造的文件）")
                job.check()
        parser.close()
        if root is None:
            raise ET.ParseError("no element")
        return root
    except ET.ParseError:
        raise ImportFailed(f"“{name}”的内容已损坏，无法读取。") from None
    except NotImplementedError:
        raise ImportFailed(f"“{name}”使用了不支持的压缩方式，无法读取。请在 Word 或 WPS 中另存为 .docx 后再导入。") from None
    except RecursionError:
        raise
    except (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, RuntimeError, ValueError):
        raise ImportFailed(f"“{name}”已损坏，无法解压读取。") from None


def _docx_para_text(p: ET.Element) -> str:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{_W}t" and el.text:
            parts.append(el.text)
        elif el.tag in (f"{_W}tab",):
            parts.append(" ")
    return "".join(parts)


def _docx_walk(container: ET.Element, out: list[Block], job: Job) -> None:
    for el in container:
        if el.tag == f"{_W}p":
            t = _docx_para_text(el).strip()
            if t:
                job.count_block()
                out.append(Para(t))
        elif el.tag == f"{_W}tbl":
            job.check()
            _docx_table(el, out, job)
        elif el.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            _docx_walk(el, out, job)


def _docx_table(tbl: ET.Element, out: list[Block], job: Job) -> None:
    nested = any(t is not tbl for t in tbl.iter(f"{_W}tbl"))
    for tr in tbl.findall(f"{_W}tr"):  # the table's own rows (not those of a nested table)
        cells: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            if nested:
                _docx_walk(tc, out, job)
                continue
            vm = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vm is not None and vm.get(f"{_W}val", "continue") != "restart":
                continue  # covered by the cell above
            cells.append("".join(_docx_para_text(p).strip() for p in tc.iter(f"{_W}p")))
        if not nested and any(cells):
            job.count_block(cells=len(cells))
            out.append(Row(cells))
