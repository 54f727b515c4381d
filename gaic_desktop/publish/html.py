"""The report as a web page for the government portal's 政府信息公开年报 column (公开版).

Made for pasting into a portal's rich-text editor as much as for uploading as a file:

* self-contained UTF-8, no scripts, no stylesheets, no classes, no external file or URL —
  every style is inline, because CMS editors drop ``<style>``, ``class`` and linked files;
* the title as ``<h1>``, the six section headings (「一、总体情况」) as ``<h2>``, narrative
  sub-headings (「（一）主动公开」) as ``<h3>``; a run-in heading (「（一）主动公开情况。主要…」,
  see ``core/headings.py``) stays one paragraph, its heading part in a ``<strong>``;
* the form's tables as real ``<table>`` elements with the official merged cells as
  rowspan/colspan, taken from the same placed layout the window and the PDF draw
  (``fmt.placed``), with ``<th scope=…>`` headers and a ``<caption>``; each table sits in its
  own horizontally scrolling box, so a phone scrolls the table instead of squeezing it;
* figures, blanks and 「/」 as the PDF prints them; the 落款 right-aligned.

Like the 公开版 PDF it carries no data fingerprint, no 审签单 and no watermark.

:func:`render_html` returns the page (or, with ``fragment=True``, what goes on the clipboard
for 「复制为网页」: no ``<html>``/``<head>``); :func:`render_text` is the plain-text
alternative; :func:`export_html` writes the page atomically.
"""
from __future__ import annotations

import os
from html import escape
from pathlib import Path

from ..core.atomic import atomic_write
from ..core.headings import split_heading
from ..core.report import Report
from ..core.storage import os_error_text
from ..core.values import fmt_value

__all__ = ["HtmlExportError", "render_html", "render_text", "export_html", "table_min_width"]


class HtmlExportError(Exception):
    """The page could not be written; ``str(exc)`` is a Chinese message for the user."""


# ---------------------------------------------------------------- styles (inline only)

# Font stacks: the official faces where installed (Windows / WPS users have them), then the
# common system equivalents, then a generic family. Names without spaces need no quotes, so
# the style attributes stay plain.
FONT_BODY = "仿宋_GB2312,仿宋,FangSong,STFangsong,serif"
FONT_HEI = "黑体,SimHei,STHeiti,sans-serif"
FONT_KAI = "楷体_GB2312,楷体,KaiTi,STKaiti,serif"
FONT_TITLE = "方正小标宋简体,方正小标宋_GBK,华文中宋,STZhongsong,宋体,SimSun,serif"
FONT_TABLE = "宋体,SimSun,STSong,serif"

_BODY = "margin:0 auto;padding:16px;max-width:1000px;color:#000;background:#fff"
_TITLE = (f"font-family:{FONT_TITLE};font-size:26px;font-weight:bold;line-height:1.5;"
          "text-align:center;margin:0.5em 0 1em")
_H2 = f"font-family:{FONT_HEI};font-size:18px;font-weight:bold;line-height:1.8;text-indent:2em;margin:0.8em 0 0.2em"
_H3 = f"font-family:{FONT_KAI};font-size:18px;font-weight:bold;line-height:1.8;text-indent:2em;margin:0.4em 0 0.2em"
_P = f"font-family:{FONT_BODY};font-size:18px;line-height:1.8;text-indent:2em;text-align:justify;margin:0 0 0.2em"
_RUNIN = {1: f"font-family:{FONT_HEI}", 2: f"font-family:{FONT_KAI}"}
_SIGNOFF = f"font-family:{FONT_BODY};font-size:18px;line-height:1.8;text-align:right;margin:0"
_SCROLL = "overflow-x:auto;margin:0.6em 0 1em"
_TABLE = (f"border-collapse:collapse;width:100%;font-family:{FONT_TABLE};font-size:14px;"
          "line-height:1.5;border:1px solid #000")
# The table's name above it, left-aligned so that a phone shows it whatever the table's width.
# (A visually hidden caption was tried: Chromium then paints the rule under the header twice.)
_CAPTION = f"font-family:{FONT_HEI};font-size:15px;text-align:left;padding:0 0 6px;color:#000"
# Kept short: a cell's style repeats some 400 times, and the page must fit what a portal's
# editor accepts (the seed's fragment is 64 KB). Cells are vertically centred by default.
_CELL = "border:1px solid #000"
_TH = "font-weight:normal;"  # headers print in the body weight, as in the PDF
#: Cell padding; narrower in the 15-column table 四 (as the PDF does), whose columns hold
#: 「结果维持」 on one line at a desktop width.
_PAD, _PAD_NARROW = "padding:4px 6px", "padding:4px 3px"
_CENTER = "text-align:center"
_LEFT = "text-align:left"
_FIGURE = "text-align:center;white-space:nowrap"
_BLOCK_CAPTION = f"text-align:center;font-family:{FONT_HEI};background:#eee"
#: One-cell headers of at most this many characters (自然人, 总计, 结果维持) never break.
SHORT_HEADER = 4

#: A figure column is never narrower than this (px): a phone scrolls the table instead.
MIN_FIGURE_COLUMN = 64
MIN_TABLE_WIDTH = 320


# ---------------------------------------------------------------- the page


def render_html(report: Report, *, fragment: bool = False) -> str:
    """The report as a complete HTML page, or (``fragment=True``) the body's content only —
    what 「复制为网页」 puts on the clipboard for a portal editor."""
    body = _body(report)
    if fragment:
        return body
    title = escape(report.display_title(), quote=False)
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{title}</title>\n</head>\n<body style=\"margin:0;background:#fff\">\n"
            f"{body}\n</body>\n</html>\n")


def _body(report: Report) -> str:
    out = [f"<div style=\"{_BODY}\">",
           f"<h1 style=\"{_TITLE}\">{escape(report.display_title(), quote=False)}</h1>"]
    out += [_paragraph(p) for p in report.preface if p.strip()]
    values = report.effective_values()
    for sec in report.fmt.sections:
        out.append(f"<h2 style=\"{_H2}\">{escape(sec.heading, quote=False)}</h2>")
        out += [_paragraph(p) for p in report.section_text(sec.key) if p.strip()]
        for tkey in sec.tables:
            out.append(_table(report, tkey, values))
    out += _signoff(report)
    out.append("</div>")
    return "\n".join(out)


def _paragraph(text: str) -> str:
    """A narrative paragraph: a heading on its own (「（一）主动公开」 → ``<h3>``, 「一、…」 →
    ``<h2>``), a paragraph with a run-in heading, or body text — as the PDF sets it."""
    level, head, rest = split_heading(text)
    if not level:
        return f"<p style=\"{_P}\">{escape(text.strip(), quote=False)}</p>"
    if not rest:
        tag, style = ("h2", _H2) if level == 1 else ("h3", _H3)
        return f"<{tag} style=\"{style}\">{escape(head, quote=False)}</{tag}>"
    return (f"<p style=\"{_P}\"><strong style=\"{_RUNIN[level]}\">{escape(head, quote=False)}</strong>"
            f"{escape(rest, quote=False)}</p>")


def _signoff(report: Report) -> list[str]:
    """The 落款 as the PDF sets it (GB/T 9704 §7.3.5): the date four characters in from the
    right, the organisation centred above it; no date invented, none for a blank 落款."""
    org = report.signoff.organisation.strip()
    date = report.signoff.date
    date_text = f"{date.year}年{date.month}月{date.day}日" if date else ""
    if not org and not date_text:
        return []
    out = [f"<div style=\"margin-top:1.8em\">"]
    if org:
        indent = (4 + max(0.0, (_em(date_text) - _em(org)) / 2)) if date_text else 2
        out.append(f"<p style=\"{_SIGNOFF};padding-right:{indent:g}em\">{escape(org, quote=False)}</p>")
    if date_text:
        out.append(f"<p style=\"{_SIGNOFF};padding-right:4em\">{escape(date_text, quote=False)}</p>")
    out.append("</div>")
    return out


def _em(text: str) -> float:
    """Width of ``text`` in em: a Chinese character is one, a Latin letter or digit about half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


# ---------------------------------------------------------------- tables


def table_min_width(report: Report, tkey: str) -> int:
    """The width (px) below which the table scrolls instead of shrinking: its narrowest figure
    column keeps ``MIN_FIGURE_COLUMN`` px (the columns keep the format's proportions)."""
    tdef = report.fmt.table(tkey)
    rel = tdef.column_widths or [1.0] * tdef.columns
    placed = report.fmt.placed(tkey, report.variant)
    figure_cols = {c for p in placed if p.is_value for c in range(p.col, p.col + p.colspan)}
    narrowest = min(rel[c] for c in figure_cols) if figure_cols else min(rel)
    return max(MIN_TABLE_WIDTH, round(MIN_FIGURE_COLUMN * sum(rel) / narrowest))


def _table(report: Report, tkey: str, values: dict) -> str:
    fmt = report.fmt
    tdef = fmt.table(tkey)
    placed = fmt.placed(tkey, report.variant)
    n_cols = tdef.columns
    n_rows = max(p.row + p.rowspan for p in placed)
    rows: list[list] = [[] for _ in range(n_rows)]
    for p in sorted(placed, key=lambda p: (p.row, p.col)):
        rows[p.row].append(p)
    headers = [p for p in placed if not p.is_value and p.cell.role == "header"]
    # Row groups: the header rows (thead), then one tbody per captioned block (表二's
    # 第二十条第（一）项 …) or one tbody for the rest.
    starts = sorted({p.row for p in placed if not p.is_value and p.cell.role == "caption"
                     and p.colspan == n_cols})
    head_rows = tdef.header_rows if tdef.header_rows < n_rows else 0
    bounds = sorted({head_rows, *[s for s in starts if s >= head_rows]})
    groups = list(zip(bounds, bounds[1:] + [n_rows]))
    rel = tdef.column_widths or [1.0] * n_cols
    total = float(sum(rel))
    out = [f"<div style=\"{_SCROLL}\">",
           # border="1": the grid still shows where an editor strips every style
           f"<table border=\"1\" style=\"{_TABLE};min-width:{table_min_width(report, tkey)}px\">",
           f"<caption style=\"{_CAPTION}\">{escape(tdef.title, quote=False)}</caption>",
           "<colgroup>" + "".join(f"<col style=\"width:{100 * w / total:.1f}%\">" for w in rel)
           + "</colgroup>"]
    if head_rows:
        out.append("<thead>")
        out += [_row(report, tkey, rows[r], values, headers, n_cols) for r in range(head_rows)]
        out.append("</thead>")
    for a, b in groups:
        out.append("<tbody>")
        out += [_row(report, tkey, rows[r], values, headers, n_cols) for r in range(a, b)]
        out.append("</tbody>")
    out += ["</table>", "</div>"]
    return "\n".join(out)


def _row(report: Report, tkey: str, cells: list, values: dict, headers: list, n_cols: int) -> str:
    pad = _PAD_NARROW if n_cols > 10 else _PAD
    return "<tr>" + "".join(_cell(report, tkey, p, values, headers, n_cols, pad) for p in cells) + "</tr>"


def _span(p) -> str:
    return ((f" rowspan=\"{p.rowspan}\"" if p.rowspan > 1 else "")
            + (f" colspan=\"{p.colspan}\"" if p.colspan > 1 else ""))


def _cell(report: Report, tkey: str, p, values: dict, headers: list, n_cols: int, pad: str) -> str:
    """One ``<td>``/``<th>``: its tag, scope and alignment follow the cell's role in the form."""
    if p.is_value:
        text = value_text(report, f"{tkey}.{p.cell.cell}", p, values, headers)
        tag, scope, align = "td", "", _FIGURE
    else:
        cell = p.cell
        text = cell.text_for(report.variant, report.year)
        if cell.role == "note":  # 表三's 勾稽关系 note in the corner: text, not a header
            tag, scope, align = "td", "", _LEFT
        elif cell.role == "caption":  # 第二十条第（一）项: heads the rows of its block
            tag, scope, align = "th", "rowgroup", _BLOCK_CAPTION
        elif cell.role == "header":
            tag, scope = "th", "colgroup" if p.colspan > 1 else "col"
            short = p.colspan == 1 and len(text) <= SHORT_HEADER
            align = f"{_CENTER};white-space:nowrap" if short else _CENTER
        else:  # a row label; aligned as the PDF aligns it
            tag, scope = "th", "rowgroup" if p.rowspan > 1 else "row"
            align = _LEFT if p.rowspan == 1 and p.colspan < n_cols else _CENTER
    scope_attr = f" scope=\"{scope}\"" if scope else ""
    weight = _TH if tag == "th" else ""
    return (f"<{tag}{_span(p)}{scope_attr} style=\"{_CELL};{pad};{weight}{align}\">"
            f"{escape(text, quote=False)}</{tag}>")


def value_text(report: Report, ref: str, p, values: dict, headers: list) -> str:
    """A figure as the PDF prints it: blank, 「/」 or the number, with its unit (万元) unless
    the column header above already names it."""
    text = fmt_value(values.get(ref))
    info = report.cell_info(ref)
    if info.kind == "money" and text and text != "/" and info.unit:
        above = [h for h in headers if h.row < p.row
                 and h.col < p.col + p.colspan and p.col < h.col + h.colspan]
        head = max(above, key=lambda h: h.row) if above else None
        head_text = head.cell.text_for(report.variant, report.year) if head else ""
        if info.unit not in head_text:
            text += info.unit
    return text


# ---------------------------------------------------------------- plain text


def render_text(report: Report) -> str:
    """The plain-text alternative on the clipboard: title, paragraphs, and each table row as
    its cells separated by tabs (merged-over cells left out), as editors paste it."""
    lines = [report.display_title(), ""]
    lines += [p.strip() for p in report.preface if p.strip()]
    values = report.effective_values()
    for sec in report.fmt.sections:
        lines.append(sec.heading)
        lines += [p.strip() for p in report.section_text(sec.key) if p.strip()]
        for tkey in sec.tables:
            placed = report.fmt.placed(tkey, report.variant)
            headers = [p for p in placed if not p.is_value and p.cell.role == "header"]
            by_row: dict[int, list[str]] = {}
            for p in sorted(placed, key=lambda p: (p.row, p.col)):
                text = (value_text(report, f"{tkey}.{p.cell.cell}", p, values, headers) if p.is_value
                        else p.cell.text_for(report.variant, report.year))
                by_row.setdefault(p.row, []).append(text)
            lines += ["\t".join(cells) for _, cells in sorted(by_row.items())]
    org, date = report.signoff.organisation.strip(), report.signoff.date
    if org or date:
        lines.append("")
    if org:
        lines.append(org)
    if date:
        lines.append(f"{date.year}年{date.month}月{date.day}日")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- writing


def export_html(report: Report, path: os.PathLike | str) -> None:
    """Write the page to ``path`` atomically (a temporary file in the same folder, then
    ``os.replace``): an old file of that name stays intact on any failure. Raises
    :class:`HtmlExportError` with a Chinese message."""
    data = render_html(report).encode("utf-8")
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise HtmlExportError(f"文件夹“{folder}”不存在，网页没有保存。")
    if path.is_dir():
        raise HtmlExportError(f"“{path}”是文件夹，请填写网页文件的名称。")
    existed = path.exists()
    try:
        atomic_write(path, data)  # core's: temp file + fsync + replace + folder fsync
    except OSError as exc:
        kept = "原有文件未改动。" if existed else "网页没有保存。"
        raise HtmlExportError(f"无法保存“{path.name}”：{os_error_text(exc)}。{kept}") from exc
