"""Print-ready PDF of a report (ReportLab platypus).  Qt-free.

Layout follows GB/T 9704-2012 (党政机关公文格式):

* A4; top margin 37 mm, left 28 mm, text block 156 mm × 225 mm;
* title 2号 (22 pt) 小标宋-style, centred; body 3号 仿宋-style, 28 characters × 22 lines
  per page, first-line indent of two characters; 一、 headings 黑体-style, （一） headings
  楷体-style;
* page number 「— N —」 in 4号 (14 pt), 7 mm below the text block, odd pages right and
  even pages left, one character in from the edge of the text block.

The tables are drawn from the same format definition as the UI (``fmt.placed``), with
the values the window shows (``report.effective_values()``).  Every page carries the
report's data fingerprint; a report with errors carries a 草稿 watermark on every page.
The 审签版 adds a signature page.

Entry points: :func:`render_pdf` (bytes) and :func:`export_pdf` (atomic write to a file).
"""
from __future__ import annotations

import datetime as _dt
import errno
import io
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate, Spacer, Table,
                                TableStyle)

from ..core.formats import LabelCell
from ..core.report import Report
from ..core.rules import Finding, error_count, evaluate
from ..core.storage import copy_mode
from ..core.values import fmt_value
from .fonts import FontSet
from .linebreak import CJKParagraph

__all__ = [
    "VARIANT_PUBLIC", "VARIANT_SIGN", "VARIANTS", "PROGRAM_NAME",
    "ExportOptions", "ExportResult", "ExportError", "render_pdf", "export_pdf",
    "is_subheading",
]

VARIANT_PUBLIC = "公开版"
VARIANT_SIGN = "审签版"
VARIANTS = (VARIANT_PUBLIC, VARIANT_SIGN)
PROGRAM_NAME = "GAIC Desktop 政府信息公开年报编制器"

# ---------------------------------------------------------------- page geometry (GB/T 9704)
PAGE_W, PAGE_H = A4
MARGIN_LEFT = 28 * mm
MARGIN_TOP = 37 * mm
BLOCK_W = 156 * mm
BLOCK_H = 225 * mm
MARGIN_BOTTOM = PAGE_H - MARGIN_TOP - BLOCK_H
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
BODY_SIZE = BLOCK_W / CHARS_PER_LINE  # 15.79 pt, 3号 so that 28 characters fill a line
BODY_LEADING = BLOCK_H / LINES_PER_PAGE  # 28.99 pt
TITLE_SIZE = 22.0  # 2号
PAGENO_SIZE = 14.0  # 4号
FOOTER_SIZE = 7.5
TABLE_SIZES = {"t2": 10.5, "t3": 10.0, "t4": 10.0}  # ≥ 9 pt everywhere
TABLE_MIN_SIZE = 9.0

# Relative widths for tables whose format gives none (label columns first).
_SUBHEAD_MARKS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def is_subheading(text: str) -> bool:
    """A paragraph that is itself a level-2 heading: 「（一）主动公开」 — short, starts with
    （一）…（十） and has no 。."""
    t = text.strip()
    if len(t) > 40 or "。" in t:
        return False
    for mark in _SUBHEAD_MARKS:
        for opener, closer in (("（", "）"), ("(", ")")):
            if t.startswith(f"{opener}{mark}{closer}"):
                return True
    return False


# ---------------------------------------------------------------- options / results


@dataclass
class ExportOptions:
    variant: str = VARIANT_PUBLIC
    """「公开版」 or 「审签版」 (adds the signature page)."""
    fonts: Mapping[str, str | None] = field(default_factory=dict)
    """Font role → FontChoice key (see :func:`fonts.list_choices`); missing roles use the default."""


@dataclass
class ExportResult:
    path: Path | None
    pages: int
    fingerprint: str
    errors: int
    warnings: list[str]
    seconds: float
    size: int = 0
    fonts: dict[str, str] = field(default_factory=dict)


class ExportError(Exception):
    """Export failed; ``str(exc)`` is a Chinese message for the user."""


ProgressFn = Callable[[float, str], None]


# ---------------------------------------------------------------- the renderer


class _Doc(BaseDocTemplate):
    def __init__(self, buf, renderer: "_Renderer", **kw):
        self._renderer = renderer
        super().__init__(buf, **kw)

    def afterFlowable(self, flowable):  # pragma: no cover - progress only
        r = self._renderer
        if r.progress and r.total_flowables:
            r.done_flowables += 1
            r.progress(min(0.95, 0.1 + 0.85 * r.done_flowables / r.total_flowables), "正在排版…")


class _Renderer:
    def __init__(self, report: Report, options: ExportOptions, fonts: FontSet,
                 progress: ProgressFn | None) -> None:
        self.report = report
        self.options = options
        self.fonts = fonts
        self.progress = progress
        self.total_flowables = 0
        self.done_flowables = 0
        self.texts: list[str] = []  # every string drawn, for the glyph check
        self.findings: list[Finding] = evaluate(report)
        self.errors = error_count(self.findings)
        self.fingerprint = report.fingerprint()
        self._sign_start: int | None = None  # first page of the 审签单
        self.values = report.effective_values()
        self.signature_page = options.variant == VARIANT_SIGN
        f = fonts.font_name
        self.f_body = f("fangsong")
        self.f_song = f("song")
        self.f_hei = f("hei")
        self.f_kai = f("kai")
        self.f_title = f("title")
        self._styles()

    # -- styles ------------------------------------------------------------------

    def _styles(self) -> None:
        base = dict(wordWrap="CJK", fontSize=BODY_SIZE, leading=BODY_LEADING,
                    textColor=colors.black)
        self.st_body = ParagraphStyle("body", fontName=self.f_body,
                                      firstLineIndent=2 * BODY_SIZE, alignment=TA_JUSTIFY, **base)
        self.st_h1 = ParagraphStyle("h1", fontName=self.f_hei, firstLineIndent=2 * BODY_SIZE,
                                    keepWithNext=1, **base)
        self.st_h2 = ParagraphStyle("h2", fontName=self.f_kai, firstLineIndent=2 * BODY_SIZE,
                                    keepWithNext=1, **base)
        self.st_title = ParagraphStyle("title", fontName=self.f_title, fontSize=TITLE_SIZE,
                                       leading=TITLE_SIZE * 1.6, alignment=TA_CENTER,
                                       wordWrap="CJK", spaceAfter=BODY_LEADING)
        self.st_signoff = ParagraphStyle("signoff", fontName=self.f_body, alignment=TA_RIGHT,
                                         **base)

    def _role_of(self, font_name: str) -> str:
        for role, name in self.fonts.font_names.items():
            if name == font_name and role != "song" or (role == "song" and name == font_name):
                return role
        return "song"

    def para(self, text: str, style: ParagraphStyle, role: str | None = None, *,
             hang: bool = True, markup_suffix: str = "") -> CJKParagraph:
        role = role or self._role_of(style.fontName)
        self.texts.append(text)
        return CJKParagraph(self.fonts.markup(text, role) + markup_suffix, style, hang=hang)

    # -- story -------------------------------------------------------------------

    def story(self) -> list:
        r = self.report
        s: list = []
        s.append(self._title())
        for p in r.preface:
            s.append(self._text_para(p))
        for sec in r.fmt.sections:
            s.append(self.para(sec.heading, self.st_h1, "hei"))
            for p in r.section_text(sec.key):
                s.append(self._text_para(p))
            for tkey in sec.tables:
                s.append(Spacer(1, BODY_LEADING * 0.25))
                s.extend(self.table(tkey))
                s.append(Spacer(1, BODY_LEADING * 0.5))
        signoff = self._signoff()
        # GB/T 9704: the 落款 never stands alone on a page — it keeps at least the last lines of
        # the last paragraph with it (the paragraph itself may start on the page before).
        if s and isinstance(s[-1], CJKParagraph):
            signoff = [_KeepTail(s.pop(), signoff[0]._content)]
        s += signoff
        s = _glue_headings(s)
        if self.signature_page:
            s.append(NextPageTemplate("sign"))
            s.append(PageBreak())
            s += self._signature_page()
        return s

    def _text_para(self, text: str):
        text = text.strip()
        if is_subheading(text):
            return self.para(text, self.st_h2, "kai")
        return self.para(text, self.st_body, "fangsong")

    def _title(self):
        title = self.report.display_title()
        org = self.report.organisation.strip()
        st = self.st_title
        width = stringWidth(title, self.f_title, st.fontSize)
        self.texts.append(title)
        # Like published reports: a title too long for one line breaks after the organisation.
        if width > BLOCK_W and org and title.startswith(org) and len(title) > len(org):
            markup = (self.fonts.markup(org, "title") + "<br/>"
                      + self.fonts.markup(title[len(org):], "title"))
            return CJKParagraph(markup, st)
        return CJKParagraph(self.fonts.markup(title, "title"), st)

    def _signoff(self) -> list:
        r = self.report
        org = r.signoff.organisation.strip()  # print what the file says: no 落款 invented
        date = r.signoff.date
        out: list = [Spacer(1, BODY_LEADING)]
        date_text = f"{date.year}年{date.month}月{date.day}日" if date else ""
        # GB/T 9704 §7.3.5: the date is right-indented by four characters, the
        # organisation centred above it.
        date_indent = 4 * BODY_SIZE
        if date_text:
            w_date = stringWidth(date_text, self.f_body, BODY_SIZE)
            w_org = stringWidth(org, self.f_body, BODY_SIZE)
            org_indent = max(0.0, date_indent + (w_date - w_org) / 2)
        else:
            org_indent = 2 * BODY_SIZE
        if org:
            st = ParagraphStyle("signoff-org", parent=self.st_signoff, rightIndent=org_indent,
                                firstLineIndent=0)
            out.append(self.para(org, st, "fangsong"))
        if date_text:
            st = ParagraphStyle("signoff-date", parent=self.st_signoff, rightIndent=date_indent,
                                firstLineIndent=0)
            out.append(self.para(date_text, st, "fangsong"))
        return [KeepTogether(out)]

    # -- tables ------------------------------------------------------------------

    def table(self, tkey: str) -> list:
        """The table as flowables. A table made of captioned blocks (table 二: 第二十条第（一）项
        …) is set as one sub-table per block, each kept whole, so a page break falls between
        blocks and never separates a block's header from its rows; stacked without a gap, the
        blocks print as one ruled table."""
        r = self.report
        placed = r.fmt.placed(tkey, r.variant)
        n_cols = r.fmt.table(tkey).columns
        starts = sorted({p.row for p in placed if not p.is_value and p.cell.role == "caption"
                         and p.colspan == n_cols})
        if len(starts) < 2:
            return [self._table_block(tkey, placed)]
        n_rows = max(p.row + p.rowspan for p in placed)
        bounds = list(zip(starts, starts[1:] + [n_rows]))
        if starts[0] > 0:
            bounds.insert(0, (0, starts[0]))
        blocks = []
        for a, b in bounds:
            part = [p.model_copy(update={"row": p.row - a}) for p in placed if a <= p.row < b]
            blocks.append(KeepTogether([self._table_block(tkey, part, split=False)]))
        return blocks

    def _table_block(self, tkey: str, placed, split: bool = True):
        r = self.report
        tdef = r.fmt.table(tkey)
        n_rows = max(p.row + p.rowspan for p in placed)
        n_cols = tdef.columns
        size = TABLE_SIZES.get(tkey, 10.0)
        widths = self._col_widths(tdef)
        tbl = self._build_table(tdef, placed, n_rows, n_cols, widths, size)
        # A table taller than a page is shrunk (never below 9 pt) so that it stays whole;
        # what still does not fit is split by ReportLab, repeating the header rows.
        while size > TABLE_MIN_SIZE:
            _, h = tbl.wrap(BLOCK_W, 10 * BLOCK_H)
            if h <= BLOCK_H:
                break
            size = max(TABLE_MIN_SIZE, size - 0.5)
            tbl = self._build_table(tdef, placed, n_rows, n_cols, widths, size)
        if split:
            return _FormTable(self, tdef, placed, widths, size, tbl)
        return tbl

    def _col_widths(self, tdef) -> list[float]:
        rel = tdef.column_widths or [1] * tdef.columns
        total = float(sum(rel))
        return [BLOCK_W * w / total for w in rel]

    def _build_table(self, tdef, placed, n_rows, n_cols, widths, size) -> Table:
        r = self.report
        leading = size * 1.3
        pad = 2.5 if n_cols <= 10 else 1.5
        st_center = ParagraphStyle(f"tc{size}", fontName=self.f_song, fontSize=size,
                                   leading=leading, alignment=TA_CENTER, wordWrap="CJK")
        st_left = ParagraphStyle(f"tl{size}", parent=st_center, alignment=TA_LEFT)
        st_caption = ParagraphStyle(f"tcap{size}", parent=st_center, fontName=self.f_hei)
        grid: list[list] = [["" for _ in range(n_cols)] for _ in range(n_rows)]
        style: list[tuple] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("FONT", (0, 0), (-1, -1), self.f_song, 10),
            ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        headers = [p for p in placed if not p.is_value and p.cell.role == "header"]
        for p in placed:
            if p.rowspan > 1 or p.colspan > 1:
                style.append(("SPAN", (p.col, p.row),
                              (p.col + p.colspan - 1, p.row + p.rowspan - 1)))
            if p.is_value:
                ref = f"{tdef.key}.{p.cell.cell}"
                text = self._value_text(ref, p, headers)
                grid[p.row][p.col] = self.para(text, st_center, "song", hang=False)
                continue
            cell: LabelCell = p.cell
            text = cell.text_for(r.variant, r.year)
            if cell.role == "caption":
                st = st_caption
                style.append(("BACKGROUND", (p.col, p.row),
                              (p.col + p.colspan - 1, p.row + p.rowspan - 1),
                              colors.Color(0.93, 0.93, 0.93)))
                role = "hei"
            elif cell.role == "label" and p.rowspan == 1 and p.colspan < n_cols:
                st, role = st_left, "song"
            elif cell.role == "note":
                st, role = st_left, "song"
            else:
                st, role = st_center, "song"
            grid[p.row][p.col] = self.para(text, st, role, hang=True)
        repeat = tdef.header_rows if tdef.header_rows < n_rows else 0
        t = Table(grid, colWidths=widths, repeatRows=repeat, hAlign="CENTER",
                  style=TableStyle(style))
        return t

    def _value_text(self, ref: str, p, headers) -> str:
        v = self.values.get(ref)
        text = fmt_value(v)
        info = self.report.cell_info(ref)
        if info.kind == "money" and text and text != "/" and info.unit:
            # Print the unit unless the column header above already names it.
            above = [h for h in headers if h.row < p.row
                     and h.col < p.col + p.colspan and p.col < h.col + h.colspan]
            head = max(above, key=lambda h: h.row) if above else None
            head_text = head.cell.text_for(self.report.variant, self.report.year) if head else ""
            if info.unit not in head_text:
                text += info.unit
        return text

    # -- signature page ------------------------------------------------------------

    def _signature_page(self) -> list:
        r = self.report
        s: list = []
        st_head = ParagraphStyle("sig-title", fontName=self.f_title, fontSize=TITLE_SIZE,
                                 leading=TITLE_SIZE * 1.5, alignment=TA_CENTER, wordWrap="CJK",
                                 spaceAfter=BODY_LEADING * 0.5)
        size = 12.0
        st_c = ParagraphStyle("sig-c", fontName=self.f_song, fontSize=size, leading=size * 1.45,
                              alignment=TA_CENTER, wordWrap="CJK")
        st_l = ParagraphStyle("sig-l", parent=st_c, alignment=TA_LEFT)
        st_lab = ParagraphStyle("sig-lab", parent=st_c, fontName=self.f_hei)
        s.append(self.para("年度报告审签单", st_head, "title"))
        P = lambda t, st=st_l, role="song": self.para(t, st, role, hang=False)  # noqa: E731
        date = r.signoff.date
        info_rows = [
            [P("报告名称", st_lab, "hei"), P(r.display_title()), "", ""],
            [P("机关名称", st_lab, "hei"), P(r.organisation), "", ""],
            [P("报告格式", st_lab, "hei"), P(f"{r.fmt.name}（{r.fmt.document}）"
                                              + (f"；{r.fmt.variant_names()[r.variant]}" if r.variant else "")), "", ""],
            [P("数据指纹", st_lab, "hei"), P(self.fingerprint), P("成文日期", st_lab, "hei"),
             P(f"{date.year}年{date.month}月{date.day}日" if date else "")],
        ]
        ppl = r.people
        names = [ppl.drafter, ppl.reviewer, ppl.approver]
        # Signature rows: one column per person.
        sig_rows = [
            [P("拟稿人", st_lab, "hei"), P("审核人", st_lab, "hei"), P("签发人", st_lab, "hei")],
            [P(n or "", st_c) for n in names],
            [self._sign_box(st_c) for _ in names],
        ]
        w = BLOCK_W
        t1 = Table(info_rows, colWidths=[w * 0.17, w * 0.38, w * 0.17, w * 0.28],
                   style=TableStyle([
                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("FONT", (0, 0), (-1, -1), self.f_song, 10),
                       ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 2), (3, 2)),
                       ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                   ]))
        t2 = Table(sig_rows, colWidths=[w / 3] * 3, rowHeights=[None, None, 30 * mm],
                   style=TableStyle([
                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("FONT", (0, 0), (-1, -1), self.f_song, 10),
                       ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
                       ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
                       ("VALIGN", (0, 2), (-1, 2), "BOTTOM"),
                       ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                   ]))
        seal = Table([[P("单位（盖章）", st_lab, "hei")],
                      [CJKParagraph("<br/><br/><br/><br/>" + ("&nbsp;" * 7).join(
                          self.fonts.markup(c, "song") for c in "年月日"), st_c)]],
                     colWidths=[w], rowHeights=[None, 38 * mm],
                     style=TableStyle([
                         ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("FONT", (0, 0), (-1, -1), self.f_song, 10),
                         ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
                         ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                         ("ALIGN", (0, 1), (-1, 1), "RIGHT"),
                         ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                     ]))
        s += [t1, Spacer(1, 4 * mm), t2, Spacer(1, 4 * mm), seal, Spacer(1, 5 * mm)]

        st_h = ParagraphStyle("sig-h", fontName=self.f_hei, fontSize=13, leading=20,
                              wordWrap="CJK", spaceBefore=2, spaceAfter=3, keepWithNext=1)
        st_item = ParagraphStyle("sig-item", fontName=self.f_song, fontSize=11, leading=16.5,
                                 wordWrap="CJK", leftIndent=1.5 * 11, firstLineIndent=-1.5 * 11,
                                 spaceAfter=3)
        st_expl = ParagraphStyle("sig-expl", parent=st_item, firstLineIndent=0,
                                 textColor=colors.Color(0.15, 0.15, 0.15))
        errors = [f for f in self.findings if f.is_error]
        acked = [f for f in self.findings if not f.is_error and f.acknowledged]
        open_w = [f for f in self.findings if not f.is_error and not f.acknowledged]
        if errors:
            s.append(self.para(f"尚未修正的错误（{len(errors)}处，修正后方可签发）", st_h, "hei"))
            for i, f in enumerate(errors, 1):
                s.append(self.para(f"{i}. {f.message}", st_item, "song", hang=False))
        s.append(self.para(f"已说明的警告（{len(acked)}处）", st_h, "hei"))
        if not acked:
            s.append(self.para("无。", st_item, "song"))
        for i, f in enumerate(acked, 1):
            # a warning and its explanation are never separated by a page break
            s.append(KeepTogether([self.para(f"{i}. {f.message}", st_item, "song", hang=False),
                                   self.para(f"说明：{f.acknowledged}", st_expl, "song", hang=False)]))
        if open_w:
            s.append(self.para(f"未说明的警告（{len(open_w)}处）", st_h, "hei"))
            for i, f in enumerate(open_w, 1):
                s.append(self.para(f"{i}. {f.message}", st_item, "song", hang=False))
        return s

    def _sign_box(self, st) -> CJKParagraph:
        """Room for a handwritten signature and the date."""
        gap = "&nbsp;" * 4
        return CJKParagraph(self.fonts.markup("签名：", "song") + "<br/><br/>"
                            + self.fonts.markup("日期：", "song") + gap
                            + self.fonts.markup("年", "song") + gap
                            + self.fonts.markup("月", "song") + gap
                            + self.fonts.markup("日", "song"), st)

    # -- page decoration -------------------------------------------------------------

    def on_page(self, canv, doc, numbered: bool = True) -> None:
        canv.saveState()
        if self.errors:
            self._watermark(canv)
        n = canv.getPageNumber()
        if numbered:
            text = f"— {n} —"
            canv.setFont(self.f_song, PAGENO_SIZE)
            y = MARGIN_BOTTOM - 7 * mm - PAGENO_SIZE * 0.8
            if n % 2:  # odd: right, one character in
                canv.drawRightString(MARGIN_LEFT + BLOCK_W - PAGENO_SIZE, y, text)
            else:
                canv.drawString(MARGIN_LEFT + PAGENO_SIZE, y, text)
        fp = f"数据指纹：{self.fingerprint}"
        if self.signature_page:
            fp = f"{VARIANT_SIGN}　{fp}"
        canv.setFont(self.f_song, FOOTER_SIZE)
        canv.setFillColor(colors.Color(0.45, 0.45, 0.45))
        canv.drawCentredString(PAGE_W / 2, 12 * mm, fp)
        canv.restoreState()

    def on_sign_page(self, canv, doc) -> None:
        """The 审签单 is an attachment: not numbered with the report, but its own pages are
        (「审签单 第N页」), so a continuation page is never anonymous."""
        self.on_page(canv, doc, numbered=False)
        n = canv.getPageNumber()
        if self._sign_start is None:
            self._sign_start = n
        canv.saveState()
        canv.setFont(self.f_song, FOOTER_SIZE + 2)
        canv.drawCentredString(PAGE_W / 2, MARGIN_BOTTOM - 7 * mm - PAGENO_SIZE * 0.8,
                               f"审签单 第{n - self._sign_start + 1}页")
        canv.restoreState()

    def _watermark(self, canv) -> None:
        text = f"草稿（存在{self.errors}处错误）"
        canv.saveState()
        canv.translate(PAGE_W / 2, PAGE_H / 2)
        canv.rotate(35)
        size = 46.0
        canv.setFont(self.f_hei, size)
        canv.setFillColor(colors.Color(0.85, 0.1, 0.1))
        canv.setFillAlpha(0.22)
        canv.drawCentredString(0, -size / 3, text)
        canv.restoreState()

    # -- build -----------------------------------------------------------------------

    def build(self) -> tuple[bytes, int]:
        buf = io.BytesIO()
        r = self.report
        doc = _Doc(buf, self, pagesize=A4, leftMargin=MARGIN_LEFT,
                   rightMargin=PAGE_W - MARGIN_LEFT - BLOCK_W, topMargin=MARGIN_TOP,
                   bottomMargin=MARGIN_BOTTOM, title=r.display_title(),
                   author=r.organisation, subject=f"数据指纹：{self.fingerprint}",
                   creator=PROGRAM_NAME, producer=PROGRAM_NAME, keywords=[],
                   initialFontName=self.f_song, initialFontSize=BODY_SIZE,
                   lang="zh-CN")
        frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, BLOCK_W, BLOCK_H, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([
            PageTemplate(id="body", frames=[frame], onPage=self.on_page),
            PageTemplate(id="sign", frames=[frame], onPage=self.on_sign_page),
        ])
        story = self.story()
        self.total_flowables = len(story)
        doc.build(story)
        return buf.getvalue(), doc.page


# ---------------------------------------------------------------- public API


def render_pdf(report: Report, options: ExportOptions | None = None, *,
               fonts: FontSet | None = None,
               progress: ProgressFn | None = None) -> tuple[bytes, ExportResult]:
    """Render ``report`` to PDF bytes.  Raises :class:`ExportError` on failure."""
    t0 = time.perf_counter()
    options = options or ExportOptions()
    if options.variant not in VARIANTS:
        raise ExportError(f"未知的版本“{options.variant}”，应为“公开版”或“审签版”。")
    if progress:
        progress(0.0, "正在加载字体…")
    try:
        fonts = fonts or FontSet(dict(options.fonts))
    except (RuntimeError, ValueError) as exc:
        raise ExportError(f"无法加载字体：{exc}") from exc
    if progress:
        progress(0.1, "正在排版…")
    renderer = _Renderer(report, options, fonts, progress)
    try:
        data, pages = renderer.build()
    except ExportError:
        raise
    except Exception as exc:  # a layout failure must reach the user as a message
        raise ExportError("生成PDF时排版失败，未写入任何文件。请把年报文件发给技术支持人员。"
                          f"（技术信息：{type(exc).__name__}）") from exc
    warnings = list(fonts.warnings)
    glyphs = fonts.check(renderer.texts)
    if glyphs:
        warnings.append(glyphs.message())
    if renderer.errors:
        warnings.append(f"年报存在{renderer.errors}处错误，导出的PDF每页带有“草稿”水印。")
    result = ExportResult(path=None, pages=pages, fingerprint=renderer.fingerprint,
                          errors=renderer.errors, warnings=warnings,
                          seconds=time.perf_counter() - t0, size=len(data),
                          fonts=fonts.describe())
    if progress:
        progress(0.97, "正在写入文件…")
    return data, result


def write_atomic(data: bytes, path: os.PathLike | str) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and ``os.replace``:
    the old file stays intact on any failure.  Raises :class:`ExportError` (Chinese)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在。")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        copy_mode(path, tmp_name)  # mkstemp makes 0600 files; keep the usual permissions
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise ExportError(_os_message(exc, path)) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _os_message(exc: OSError, path: Path) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"磁盘空间不足，无法保存“{path.name}”。原有文件未改动。"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        if os.name == "nt" and path.exists():
            return (f"无法覆盖“{path.name}”：文件可能正在被其他程序（如PDF阅读器）打开。"
                    "请关闭该文件后重试。原有文件未改动。")
        return f"没有写入“{path.parent}”的权限，无法保存“{path.name}”。请换一个文件夹。"
    if exc.errno == errno.EROFS:
        return f"“{path.parent}”是只读位置，无法保存“{path.name}”。"
    return f"无法保存“{path.name}”：{exc.strerror or exc}。原有文件未改动。"


def export_pdf(report: Report, path: os.PathLike | str, options: ExportOptions | None = None,
               *, fonts: FontSet | None = None,
               progress: ProgressFn | None = None) -> ExportResult:
    """Render ``report`` and write it atomically to ``path``."""
    data, result = render_pdf(report, options, fonts=fonts, progress=progress)
    write_atomic(data, path)
    result.path = Path(path)
    if progress:
        progress(1.0, "导出完成")
    return result


def _glue_headings(story: list) -> list:
    """Keep headings with what follows them when that is a KeepTogether block.

    ReportLab's keepWithNext does not join a flowable with a following KeepTogether (a
    container), so a heading could stand alone at the foot of a page above a table or the
    落款 block. Merge such a heading (and the spacers after it) into the block."""
    out: list = []
    i = 0
    while i < len(story):
        f = story[i]
        if getattr(getattr(f, "style", None), "keepWithNext", 0):
            j = i + 1
            while j < len(story) and isinstance(story[j], Spacer):
                j += 1
            if j < len(story) and isinstance(story[j], KeepTogether):
                out.append(KeepTogether([*story[i:j], *story[j]._content]))
                i = j + 1
                continue
            if j < len(story) and isinstance(story[j], (_FormTable, _KeepTail)):
                story[j].lead = [*story[i:j], *story[j].lead]
                out.append(story[j])
                i = j + 1
                continue
        out.append(f)
        i += 1
    return out


def _stack_height(flowables, width: float) -> float:
    """Height of flowables stacked one under the other (with their spaces)."""
    return sum(f.wrap(width, BLOCK_H)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _draw_stack(canv, flowables, width: float, top: float) -> None:
    """Draw flowables one under the other, the first one's top at ``top``."""
    y = top
    for f in flowables:
        _, h = f.wrap(width, BLOCK_H)
        y -= f.getSpaceBefore() + h
        f.drawOn(canv, 0, y)
        y -= f.getSpaceAfter()


# A form table continued on the next page keeps at least this many body rows on each page,
# and does not start in the last quarter of a page.
_MIN_SPLIT_ROWS = 5
_MIN_START_FRACTION = 0.25


class _FormTable(Flowable):
    """A table of the form that may continue on the next page, like a printed report.

    ReportLab cannot split a table inside a row span, and table 三's 「三、本年度办理结果」
    spans 20–22 rows, so the table would always move whole to the next page and leave most of
    a page empty. This flowable splits between any two grid rows instead: cells whose span
    crosses the split are cut in two (the continuation repeats their label), and the header
    rows repeat on the new page."""

    def __init__(self, renderer: "_Renderer", tdef, placed, widths, size, table=None, lead=()):
        super().__init__()
        # ``lead``: a heading (and spacers) that must stay with the table's first rows.
        self.lead = list(lead)
        self.renderer = renderer
        self.tdef = tdef
        self.placed = list(placed)
        self.widths = widths
        self.size = size
        self.n_rows = max(p.row + p.rowspan for p in self.placed)
        self.table = table or renderer._build_table(tdef, self.placed, self.n_rows, tdef.columns,
                                                    widths, size)

    def _lead_height(self, availWidth) -> float:
        return _stack_height(self.lead, availWidth)

    def wrap(self, availWidth, availHeight):
        w, h = self.table.wrap(availWidth, availHeight)
        self.width, self.height = w, h + self._lead_height(availWidth)
        return self.width, self.height

    def draw(self):
        _draw_stack(self.canv, self.lead, self.width, self.height)
        self.table.drawOn(self.canv, 0, 0)

    def split(self, availWidth, availHeight):
        lead_h = self._lead_height(availWidth)
        if availHeight - lead_h < _MIN_START_FRACTION * BLOCK_H:
            return []
        availHeight -= lead_h
        self.table.wrap(availWidth, availHeight)
        heights = self.table._rowHeights
        header = self.tdef.header_rows
        used, k = 0.0, 0
        for i, h in enumerate(heights):
            if used + h > availHeight:
                break
            used += h
            k = i + 1
        if self.n_rows - k < _MIN_SPLIT_ROWS:
            k = self.n_rows - _MIN_SPLIT_ROWS
        # Cutting a span can make the rows above the cut taller (a group label such as
        # 「（四）无法提供」 cut to one row wraps onto two lines): measure the cut part and move
        # the cut up until it really fits.
        for cut in self._cut_candidates(k, header):
            first, rest = _cut_layout(self.placed, cut, header)
            part = _FormTable(self.renderer, self.tdef, first, self.widths, self.size)
            if part.wrap(availWidth, availHeight)[1] <= availHeight:
                part.lead = self.lead
                return [part, _FormTable(self.renderer, self.tdef, rest, self.widths, self.size)]
        return []

    def _cut_candidates(self, k: int, header: int) -> list[int]:
        """Rows to cut before, best first: within the last few rows that fit, prefer a cut
        between groups (「（四）无法提供」 not split 2+1); then any row, from the lowest up."""
        lowest = header + _MIN_SPLIT_ROWS
        spans = [(p.row, p.row + p.rowspan) for p in self.placed if p.rowspan > 1]
        longest = max((e - r for r, e in spans), default=0)

        def cuts(c: int) -> int:  # group spans cut (the long 「三、本年度办理结果」 span aside)
            return sum(1 for r, e in spans if r < c < e and e - r < longest)

        near = sorted(range(k, max(lowest, k - 3) - 1, -1), key=lambda c: (cuts(c), -c))
        return near + [c for c in range(k, lowest - 1, -1) if c not in near]


def _cut_layout(placed, k: int, header: int):
    """Split a placed layout before grid row ``k``: (rows < k, header rows + rows >= k)."""
    first, rest = [], []
    for p in placed:
        end = p.row + p.rowspan
        if p.row < k:
            first.append(p if end <= k else p.model_copy(update={"rowspan": k - p.row}))
        if p.row < header and end <= header:
            rest.append(p)  # header rows repeat
        elif end > k:
            start = max(p.row, k)
            rest.append(p.model_copy(update={"row": header + start - k, "rowspan": end - start}))
    return first, rest


class _KeepTail(Flowable):
    """The last paragraph of the report followed by the 落款 block.

    The 落款 never stands alone at the top of a page: when the whole does not fit, the paragraph
    is split so that at least its last two lines go with the 落款 (and a heading in ``lead``
    keeps at least two lines of the paragraph below it)."""

    TAIL_LINES = 2

    def __init__(self, para, block, lead=()):
        super().__init__()
        self.para = para
        self.block = list(block)
        self.lead = list(lead)

    def _parts(self):
        return [*self.lead, self.para, *self.block]

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = _stack_height(self._parts(), availWidth)
        return self.width, self.height

    def draw(self):
        _draw_stack(self.canv, self._parts(), self.width, self.height)

    def split(self, availWidth, availHeight):
        leading = self.para.style.leading
        lead_h = _stack_height(self.lead, availWidth)
        _, para_h = self.para.wrap(availWidth, BLOCK_H)
        room = min(availHeight - lead_h, para_h - self.TAIL_LINES * leading)
        if room < 2 * leading - 1e-6:
            return []  # not even two lines of the paragraph fit here: move it all
        parts = self.para.split(availWidth, room)
        if len(parts) != 2:
            return []
        return [*self.lead, parts[0], _KeepTail(parts[1], self.block)]
