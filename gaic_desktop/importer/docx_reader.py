"""Word .docx: the standard library (zipfile + ElementTree). A .docx is XML; tables, merged cells
(gridSpan / vMerge) and paragraphs are read directly, no dependency needed."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

from .blocks import Block, ImportFailed, Para, Row

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str = "") -> list[Block]:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise ImportFailed(f"“{name}”不是有效的 Word（.docx）文件。") from None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        raise ImportFailed(f"“{name}”的内容已损坏，无法读取。") from None
    body = root.find(f"{_W}body")
    out: list[Block] = []
    if body is not None:
        _docx_walk(body, out)
    return out


def _docx_para_text(p: ET.Element) -> str:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{_W}t" and el.text:
            parts.append(el.text)
        elif el.tag in (f"{_W}tab",):
            parts.append(" ")
    return "".join(parts)


def _docx_walk(container: ET.Element, out: list[Block]) -> None:
    for el in container:
        if el.tag == f"{_W}p":
            t = _docx_para_text(el).strip()
            if t:
                out.append(Para(t))
        elif el.tag == f"{_W}tbl":
            _docx_table(el, out)
        elif el.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            _docx_walk(el, out)


def _docx_table(tbl: ET.Element, out: list[Block]) -> None:
    nested = any(t is not tbl for t in tbl.iter(f"{_W}tbl"))
    for tr in tbl.iter(f"{_W}tr"):
        if tr not in list(tbl.findall(f"{_W}tr")):
            continue
        cells: list[str] = []
        for tc in tr.findall(f"{_W}tc"):
            if nested:
                _docx_walk(tc, out)
                continue
            vm = tc.find(f"{_W}tcPr/{_W}vMerge")
            if vm is not None and vm.get(f"{_W}val", "continue") != "restart":
                continue  # covered by the cell above
            cells.append("".join(_docx_para_text(p).strip() for p in tc.iter(f"{_W}p")))
        if not nested and any(cells):
            out.append(Row(cells))
