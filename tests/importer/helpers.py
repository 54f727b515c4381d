"""Test helpers: render a Report as a published web page (HTML) or Word document (DOCX).

The tables are drawn from the format's placed layout (row/col spans), as a publisher's copy
would be, so the importer reads real merged cells.
"""

from __future__ import annotations

import html
import io
import zipfile

from gaic_desktop.core.values import fmt_value


def _grid(report, table):
    values = report.effective_values()
    placed = report.fmt.placed(table, report.variant)
    rows = max(p.row + p.rowspan for p in placed)
    out = [[] for _ in range(rows)]
    for p in placed:
        if p.is_value:
            text = fmt_value(values[f"{table}.{p.cell.cell}"])
        else:
            text = p.cell.text_for(report.variant, report.year)
        out[p.row].append((p, text))
    return out


def _paras(report):
    """(kind, text) in document order: title, preface, headings, paragraphs, tables."""
    yield "title", report.display_title()
    for p in report.preface:
        yield "p", p
    for s in report.fmt.sections:
        yield "h", s.heading
        for p in report.section_text(s.key):
            yield "p", p
        for t in s.tables:
            yield "table", t


def to_html(report) -> str:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>年报</title>"
             "<script>var x = '<p>不是正文</p>';</script></head><body><div class='main'>"]
    for kind, text in _paras(report):
        if kind == "title":
            parts.append(f"<h1>{html.escape(text)}</h1>")
        elif kind == "h":
            parts.append(f"<p><strong>{html.escape(text)}</strong></p>")
        elif kind == "p":
            parts.append(f"<p style='text-indent:2em'>{html.escape(text)}</p>")
        else:
            parts.append("<table border='1'><tbody>")
            for row in _grid(report, text):
                parts.append("<tr>")
                for p, t in row:
                    span = (f" rowspan='{p.rowspan}'" if p.rowspan > 1 else "") + \
                           (f" colspan='{p.colspan}'" if p.colspan > 1 else "")
                    parts.append(f"<td{span}><p>{html.escape(t)}</p></td>")
                parts.append("</tr>")
            parts.append("</tbody></table>")
    parts.append("</div></body></html>")
    return "\n".join(parts)


_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _wp(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{html.escape(text)}</w:t></w:r></w:p>"


def to_docx(report) -> bytes:
    body = []
    for kind, text in _paras(report):
        if kind != "table":
            body.append(_wp(text))
            continue
        grid = _grid(report, text)
        ncols = report.fmt.table(text).columns
        # cells covered by a rowspan from above: vMerge continuation cells
        covered: dict[tuple[int, int], tuple[int, int]] = {}
        for r, row in enumerate(grid):
            for p, _ in row:
                for dr in range(1, p.rowspan):
                    covered[(p.row + dr, p.col)] = (p.colspan, 0)
        rows_xml = []
        for r, row in enumerate(grid):
            cells = {p.col: (p, t) for p, t in row}
            tcs = []
            c = 0
            while c < ncols:
                if c in cells:
                    p, t = cells[c]
                    pr = (f"<w:gridSpan w:val='{p.colspan}'/>" if p.colspan > 1 else "") + \
                         ("<w:vMerge w:val='restart'/>" if p.rowspan > 1 else "")
                    tcs.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{_wp(t)}</w:tc>")
                    c += p.colspan
                elif (r, c) in covered:
                    span = covered[(r, c)][0]
                    pr = (f"<w:gridSpan w:val='{span}'/>" if span > 1 else "") + "<w:vMerge/>"
                    tcs.append(f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p/></w:tc>")
                    c += span
                else:  # pragma: no cover - the layout tiles the grid
                    raise AssertionError((r, c))
            rows_xml.append("<w:tr>" + "".join(tcs) + "</w:tr>")
        body.append("<w:tbl>" + "".join(rows_xml) + "</w:tbl>")
    return docx_bytes("".join(body))


def docx_bytes(body_xml: str) -> bytes:
    """A minimal .docx package around the body of word/document.xml."""
    doc = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?><w:document xmlns:w='{_NS}'><w:body>"
           + body_xml + "<w:sectPr/></w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<?xml version='1.0'?><Types xmlns='http://schemas.openxmlformats.org/"
                   "package/2006/content-types'><Default Extension='xml' ContentType='application/xml'/></Types>")
        z.writestr("word/document.xml", doc)
    return buf.getvalue()
