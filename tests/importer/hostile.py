"""Generators of hostile and huge import sources, built in memory by the tests themselves.

Bombs are made without ever holding the expanded data: a block of filler is deflated once,
ending with a full flush (byte-aligned, no back-references into earlier data), and that
compressed block is repeated — a valid deflate stream that expands to ``count`` × the filler.
"""

from __future__ import annotations

import struct
import zlib

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MiB = 1 << 20


# --------------------------------------------------------------------------- deflate bombs

def _raw_deflate(data: bytes, final: bool) -> bytes:
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def deflate_bomb(prefix: bytes, filler: bytes, count: int, suffix: bytes, check=zlib.crc32) -> tuple[bytes, int, int]:
    """(raw deflate data, checksum, expanded size) of prefix + filler × count + suffix."""
    chunk = _raw_deflate(filler, final=False)
    data = _raw_deflate(prefix, final=False) + chunk * count + _raw_deflate(suffix, final=True)
    value = check(prefix)
    for _ in range(count):
        value = check(filler, value)
    return data, check(suffix, value), len(prefix) + len(filler) * count + len(suffix)


def zlib_bomb(prefix: bytes, filler: bytes, count: int, suffix: bytes) -> tuple[bytes, int]:
    """A zlib-format (PDF FlateDecode) bomb and its expanded size."""
    raw, adler, size = deflate_bomb(prefix, filler, count, suffix, check=zlib.adler32)
    return b"\x78\xda" + raw + struct.pack(">I", adler), size


# --------------------------------------------------------------------------- zip / docx

def make_zip(members: list[dict]) -> bytes:
    """A zip archive written by hand, so that headers can say anything.

    Each member: name, data (as stored: compressed bytes for method 8), crc, size (uncompressed,
    as declared), method (0 stored / 8 deflate / anything), flags."""
    out, central = bytearray(), bytearray()
    for m in members:
        name = m["name"].encode()
        data = m["data"]
        fields = (m.get("version", 20), m.get("flags", 0), m.get("method", 8), 0, 0x21, m["crc"] & 0xFFFFFFFF,
                  len(data), m["size"])
        offset = len(out)
        out += struct.pack("<4sHHHHHIII", b"PK\x03\x04", *fields) + struct.pack("<HH", len(name), 0) + name
        out += data
        central += struct.pack("<4sH", b"PK\x01\x02", 20) + struct.pack("<HHHHHIII", *fields)
        central += struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, offset) + name
    cd_offset = len(out)
    out += central
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), cd_offset, 0)
    return bytes(out)


CONTENT_TYPES = (b"<?xml version='1.0'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/"
                 b"content-types'><Default Extension='xml' ContentType='application/xml'/></Types>")


def _member(name: str, payload: bytes, **over) -> dict:
    m = {"name": name, "data": _raw_deflate(payload, final=True), "crc": zlib.crc32(payload), "size": len(payload)}
    m.update(over)
    return m


def docx_from_body(body: str, **over) -> bytes:
    """A .docx whose word/document.xml has ``body`` inside <w:body>; ``over`` changes that
    member's header fields (flags, method, size, data …)."""
    xml = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?><w:document xmlns:w='{W_NS}'><w:body>"
           f"{body}<w:sectPr/></w:body></w:document>").encode()
    return make_zip([_member("[Content_Types].xml", CONTENT_TYPES), _member("word/document.xml", xml, **over)])


def docx_bomb(expanded_mib: int) -> bytes:
    """A .docx whose document.xml expands to ``expanded_mib`` MiB of text in one paragraph;
    the headers state the true sizes."""
    prefix = (f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{W_NS}'><w:body><w:p><w:r>"
              "<w:t>").encode()
    suffix = b"</w:t></w:r></w:p></w:body></w:document>"
    raw, crc, size = deflate_bomb(prefix, b"a" * MiB, expanded_mib, suffix)
    return make_zip([_member("[Content_Types].xml", CONTENT_TYPES),
                     {"name": "word/document.xml", "data": raw, "crc": crc, "size": size}])


def docx_bomb_lying(expanded_mib: int) -> bytes:
    """The same bomb with headers that claim a small document (1 KB)."""
    prefix = f"<w:document xmlns:w='{W_NS}'><w:body><w:p><w:r><w:t>".encode()
    raw, crc, _ = deflate_bomb(prefix, b"a" * MiB, expanded_mib, b"</w:t></w:r></w:p></w:body></w:document>")
    return make_zip([_member("[Content_Types].xml", CONTENT_TYPES),
                     {"name": "word/document.xml", "data": raw, "crc": crc, "size": 1024}])


def docx_many_members(n: int) -> bytes:
    members = [_member("[Content_Types].xml", CONTENT_TYPES)]
    members += [{"name": f"x/{i}.xml", "data": b"", "crc": 0, "size": 0, "method": 0} for i in range(n)]
    return make_zip(members)


def docx_deep_sdt(depth: int) -> bytes:
    return docx_from_body("<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
                          + "</w:sdtContent></w:sdt>" * depth)


def docx_nested_tables(depth: int) -> bytes:
    return docx_from_body("<w:tbl><w:tr><w:tc>" * depth + "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
                          + "</w:tc></w:tr></w:tbl>" * depth)


def _wt(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_long_table(rows: int) -> bytes:
    """A table of ``rows`` two-cell rows that look like table 三 rows (label + number)."""
    row = "<w:tr><w:tc>" + _wt("自然人") + "</w:tc><w:tc>" + _wt("1") + "</w:tc></w:tr>"
    return docx_from_body(_wt("政府信息公开工作年度报告") + "<w:tbl>" + row * rows + "</w:tbl>")


# --------------------------------------------------------------------------- PDF

def make_pdf(pages: list[bytes], *, stream_filter: bytes | None = None, extra_objects: list[bytes] = ()) -> bytes:
    """A PDF of pages with the given content streams (Helvetica as F1), written by hand."""
    n = len(pages)
    font_id = 3
    first_page = 4 + len(extra_objects)
    objs: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
            n, b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n))),
        font_id: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for i, extra in enumerate(extra_objects):
        objs[4 + i] = extra
    filt = b" /Filter /" + stream_filter if stream_filter else b""
    for i, content in enumerate(pages):
        pid = first_page + 2 * i
        objs[pid] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
                     b"/Contents %d 0 R >>" % (font_id, pid + 1))
        objs[pid + 1] = b"<< /Length %d%s >>\nstream\n" % (len(content), filt) + content + b"\nendstream"
    return write_pdf(objs)


def write_pdf(objs: dict[int, bytes]) -> bytes:
    """Objects (1 is the catalog) with a cross-reference table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for oid in sorted(objs):
        offsets[oid] = len(out)
        out += b"%d 0 obj\n" % oid + objs[oid] + b"\nendobj\n"
    xref = len(out)
    size = max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for oid in range(1, size):
        out += b"%010d 00000 n \n" % offsets[oid] if oid in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def text_page(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 72 780 Td 14 TL"]
    for line in lines:
        ops.append(b"(" + line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
                   .replace(b")", b"\\)") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_many_pages(n: int, lines_per_page: int = 30) -> bytes:
    return make_pdf([text_page([f"Page {p} line {i} of a long document with some words" for i in range(lines_per_page)])
                     for p in range(n)])


def pdf_flate_bomb(expanded_mib: int) -> bytes:
    """One page whose content stream expands to ``expanded_mib`` MiB (spaces after a text op)."""
    data, _ = zlib_bomb(b"BT /F1 11 Tf 72 780 Td (bomb) Tj ET\n", b" " * MiB, expanded_mib, b"\n")
    return make_pdf([data], stream_filter=b"FlateDecode")


# --------------------------------------------------------------------------- HTML / text

def html_nested(depth: int, tag: str = "div") -> str:
    return "<html><body>" + f"<{tag}>" * depth + "一、总体情况" + f"</{tag}>" * depth + "</body></html>"


def html_big(mib: int) -> bytes:
    row = "<tr><td>自然人</td><td>1</td><td>2</td></tr>\n"
    body = row * (mib * MiB // len(row.encode()))
    return ("<html><body><p>政府信息公开工作年度报告</p><table>" + body + "</table></body></html>").encode()


def pdf_deep_page_tree(depth: int) -> bytes:
    """A page tree of ``depth`` nested /Pages nodes above one page."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    for i in range(depth):
        oid = 10 + i
        parent = b"" if i == 0 else b" /Parent %d 0 R" % (oid - 1)
        objs[2 if i == 0 else oid] = b"<< /Type /Pages /Count 1 /Kids [%d 0 R]%s >>" % (oid + 1, parent)
    page = 10 + depth
    objs[page] = b"<< /Type /Page /MediaBox [0 0 595 842] /Contents %d 0 R >>" % (page + 1)
    content = b"BT /F1 11 Tf 72 780 Td (deep) Tj ET"
    objs[page + 1] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return write_pdf(objs)


def pdf_run_length_bomb(expanded_mib: int) -> bytes:
    """One page whose content stream is RunLengthDecode: 2 bytes make 128."""
    return make_pdf([b"\x81\x20" * (expanded_mib * MiB // 128) + b"\x80"], stream_filter=b"RunLengthDecode")
