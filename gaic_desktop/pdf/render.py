"""Print-ready PDF of a report (ReportLab platypus).  Qt-free.

Layout follows GB/T 9704-2012 (党政机关公文格式):

* A4; top margin 37 mm, left 28 mm, text block 156 mm × 225 mm;
* title 2号 (22 pt) 小标宋-style, centred; body 3号 仿宋-style, 28 characters × 22 lines
  per page, first-line indent of two characters; 一、 headings 黑体-style, （一） headings
  楷体-style;
* page number 「— N —」 in 4号 (14 pt), its 一字线 7 mm below the text block, odd pages right
  and even pages left, one character in from the edge of the text block.

The tables are drawn from the same format definition as the UI (``fmt.placed``), with
the values the window shows (``report.effective_values()``).  Every page of the 审签版
(or, when asked, of the 公开版) carries the report's data fingerprint; a report with errors
carries a 草稿 watermark on every page.  The 审签版 adds a signature page.

Entry points: :func:`render_pdf` (bytes) and :func:`export_pdf` (atomic write to a file).
"""
from __future__ import annotations

import io
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, NextPageTemplate,
                                PageBreak, PageTemplate, Spacer)

from ..core.report import Report
from ..core.rules import Finding, error_count, evaluate
from .flowables import _glue_headings, _GridSnap, _KeepTail, _TableGap
from .fonts import FontSet
from ..core.headings import is_subheading, split_heading
from .geometry import (BLOCK_H, BLOCK_W, BODY_LEADING, BODY_SIZE, CHAR_PITCH, FOOTER_SIZE, MARGIN_BOTTOM,
                       MARGIN_LEFT, MARGIN_TOP, PAGE_H, PAGE_W, PAGENO_SIZE, TITLE_SIZE)
from .linebreak import CJKParagraph
from .output import ExportError, write_atomic
from .progress import ExportProgress, ProgressFn, report_units
from .signpage import SignPageMixin
from .tables import TablesMixin
from .watermark import draw_outlined, text_width

__all__ = [
    "VARIANT_PUBLIC", "VARIANT_SIGN", "VARIANTS", "PROGRAM_NAME",
    "ExportOptions", "ExportResult", "ExportError", "render_pdf", "export_pdf",
    "is_subheading",
]

VARIANT_PUBLIC = "公开版"
VARIANT_SIGN = "审签版"
VARIANTS = (VARIANT_PUBLIC, VARIANT_SIGN)
PROGRAM_NAME = "GAIC Desktop 政府信息公开年报编制器"


# ---------------------------------------------------------------- options / results


@dataclass
class ExportOptions:
    variant: str = VARIANT_PUBLIC
    """「公开版」 or 「审签版」 (adds the signature page)."""
    fonts: Mapping[str, str | None] = field(default_factory=dict)
    """Font role → FontChoice key (see :func:`fonts.list_choices`); missing roles use the default."""
    fingerprint: bool | None = None
    """Print the 「数据指纹」 line at every page foot. None: on the 审签版 only (the 公开版 is
    what is posted on the portal)."""


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
    font_notices: list[str] = field(default_factory=list)
    """Roles printed in a stand-in face (「未找到仿宋字体，正文将以…代替」); the export dialog
    shows them before exporting, the CLI prints them."""


# ---------------------------------------------------------------- the renderer


class _Doc(BaseDocTemplate):
    def __init__(self, buf, tracker: ExportProgress, **kw):
        self._tracker = tracker
        super().__init__(buf, **kw)

    def handle_flowable(self, flowables):
        super().handle_flowable(flowables)
        self._tracker.after_step(flowables)

    def _endBuild(self):
        # What is left: the PDF's objects (pages, compressed contents, font subsets), which
        # ReportLab writes one by one, reading each from this table: count them.
        self._tracker.start_save(self.page)
        pdf = self.canv._doc
        if type(pdf.idToObject) is dict:
            pdf.idToObject = _CountingTable(pdf.idToObject, self._tracker.object_written)
        super()._endBuild()


class _CountingTable(dict):
    """ReportLab's table of a PDF's objects, calling ``on_read`` when one is read to be written."""

    def __init__(self, table: dict, on_read: Callable[[], None]):
        super().__init__(table)
        self._on_read = on_read

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self._on_read()
        return value


class _Renderer(TablesMixin, SignPageMixin):
    def __init__(self, report: Report, options: ExportOptions, fonts: FontSet,
                 tracker: ExportProgress) -> None:
        self.report = report
        self.options = options
        self.fonts = fonts
        self.tracker = tracker
        self.texts: list[str] = []  # every string drawn, for the glyph check
        self.findings: list[Finding] = evaluate(report)
        self.errors = error_count(self.findings)
        self.fingerprint = report.fingerprint()
        self._sign_start: int | None = None  # first page of the 审签单
        self.values = report.effective_values()
        self.signature_page = options.variant == VARIANT_SIGN
        self.show_fingerprint = (options.fingerprint if options.fingerprint is not None
                                 else self.signature_page)
        # GB/T 9704 §7.5: the 一字线 of the page number sits 7 mm below the text block —
        # measured to the dash's ink, not to the glyph box.
        dash_top = fonts.glyph_extent("song", "—")[1] * PAGENO_SIZE
        self._pageno_baseline = MARGIN_BOTTOM - 7 * mm - dash_top
        f = fonts.font_name
        self.f_body = f("fangsong")
        self.f_song = f("song")
        self.f_hei = f("hei")
        self.f_kai = f("kai")
        self.f_title = f("title")
        self._styles()

    # -- styles ------------------------------------------------------------------

    def _styles(self) -> None:
        # allowWidows=0: no page starts with the last line of a paragraph (orphans: the
        # first line alone at a page foot, are kept out by ReportLab's default).
        base = dict(wordWrap="CJK", fontSize=BODY_SIZE, leading=BODY_LEADING,
                    cjkPitch=CHAR_PITCH / BODY_SIZE,
                    textColor=colors.black, allowWidows=0, allowOrphans=0)
        self.st_body = ParagraphStyle("body", fontName=self.f_body,
                                      firstLineIndent=2 * CHAR_PITCH, alignment=TA_JUSTIFY, **base)
        self.st_h1 = ParagraphStyle("h1", fontName=self.f_hei, firstLineIndent=2 * CHAR_PITCH,
                                    keepWithNext=1, **base)
        self.st_h2 = ParagraphStyle("h2", fontName=self.f_kai, firstLineIndent=2 * CHAR_PITCH,
                                    keepWithNext=1, **base)
        self.st_title = ParagraphStyle("title", fontName=self.f_title, fontSize=TITLE_SIZE,
                                       leading=BODY_LEADING, alignment=TA_CENTER,
                                       wordWrap="CJK", spaceAfter=BODY_LEADING)
        self.st_signoff = ParagraphStyle("signoff", fontName=self.f_body, alignment=TA_RIGHT,
                                         **base)

    def para(self, text: str, style: ParagraphStyle, role: str, *,
             hang: bool = True) -> CJKParagraph:
        self.texts.append(text)
        return CJKParagraph(self.fonts.markup(text, role), style, hang=hang)

    # -- story -------------------------------------------------------------------

    def story(self) -> list:
        r = self.report
        s: list = []
        s.append(self._title())
        for p in r.preface:
            s.append(self._text_para(p))
        for i, sec in enumerate(r.fmt.sections):
            self.tracker.within((i + 1) / (len(r.fmt.sections) + 1))
            s.append(self.para(sec.heading, self.st_h1, "hei"))
            for p in r.section_text(sec.key):
                s.append(self._text_para(p))
            for tkey in sec.tables:
                s.append(_TableGap(BODY_LEADING * 0.25))
                s.extend(self.table(tkey))
                s.append(_GridSnap(BODY_LEADING * 0.5))
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
            s += _glue_headings(self._signature_page())  # a heading never ends a page
        return s

    def _text_para(self, text: str):
        """A narrative paragraph: a heading on its own (楷体 for （一）, 黑体 for 一、), a
        paragraph with a run-in heading (the heading part in the heading face, the rest in
        the body face, justified as one paragraph), or plain body text."""
        level, head, rest = split_heading(text)
        if not level:
            return self.para(text.strip(), self.st_body, "fangsong")
        role, style = ("hei", self.st_h1) if level == 1 else ("kai", self.st_h2)
        if not rest:
            return self.para(head, style, role)
        self.texts += [head, rest]
        markup = (self.fonts.markup(head, role, wrap_primary=True)
                  + self.fonts.markup(rest, "fangsong"))
        return CJKParagraph(markup, self.st_body, hang=True)

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
        if not date and self.signature_page and r.totals_mode != "printed":
            # the copy to sign gets a place for the date; an "as printed" import keeps what
            # its original printed
            date_text = "　　年　　月　　日"
        # GB/T 9704 §7.3.5: the date is right-indented by four characters, the
        # organisation centred above it.
        date_indent = 4 * CHAR_PITCH
        if date_text:
            w_date = stringWidth(date_text, self.f_body, BODY_SIZE) * CHAR_PITCH / BODY_SIZE
            w_org = stringWidth(org, self.f_body, BODY_SIZE) * CHAR_PITCH / BODY_SIZE
            org_indent = max(0.0, date_indent + (w_date - w_org) / 2)
        else:
            org_indent = 2 * CHAR_PITCH
        if org:
            st = ParagraphStyle("signoff-org", parent=self.st_signoff, rightIndent=org_indent,
                                firstLineIndent=0)
            out.append(self.para(org, st, "fangsong"))
        if date_text:
            st = ParagraphStyle("signoff-date", parent=self.st_signoff, rightIndent=date_indent,
                                firstLineIndent=0)
            out.append(self.para(date_text, st, "fangsong"))
        return [KeepTogether(out)]

    # -- page decoration -------------------------------------------------------------

    def on_page(self, canv, doc, numbered: bool = True) -> None:
        canv.saveState()
        if self.errors:
            self._watermark(canv)
        n = canv.getPageNumber()
        if numbered:
            text = f"— {n} —"
            canv.setFont(self.f_song, PAGENO_SIZE)
            y = self._pageno_baseline
            if n % 2:  # odd: right, one character in
                canv.drawRightString(MARGIN_LEFT + BLOCK_W - PAGENO_SIZE, y, text)
            else:
                canv.drawString(MARGIN_LEFT + PAGENO_SIZE, y, text)
        if self.show_fingerprint:
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
        canv.drawCentredString(PAGE_W / 2, self._pageno_baseline,
                               f"审签单 第{n - self._sign_start + 1}页")
        canv.restoreState()

    def _watermark(self, canv) -> None:
        """「草稿（存在N处错误）」 across the page, as outlines (not text: see watermark.py)."""
        text = f"草稿（存在{self.errors}处错误）"
        size = 46.0
        canv.saveState()
        canv.translate(PAGE_W / 2, PAGE_H / 2)
        canv.rotate(35)
        canv.setFillColor(colors.Color(0.85, 0.1, 0.1))
        canv.setFillAlpha(0.22)
        width = text_width(self.fonts, "hei", text, size)
        draw_outlined(canv, self.fonts, "hei", text, size, -width / 2, -size / 3)
        canv.restoreState()

    # -- build -----------------------------------------------------------------------

    def build(self) -> tuple[bytes, int]:
        buf = io.BytesIO()
        r = self.report
        doc = _Doc(buf, self.tracker, pagesize=A4, leftMargin=MARGIN_LEFT,
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
        self.tracker.start_layout(story)
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
    tracker = ExportProgress(progress, report_units(report))
    tracker.phase("fonts")
    try:
        fonts = fonts or FontSet(dict(options.fonts), on_progress=tracker.within)
    except (RuntimeError, ValueError) as exc:
        raise ExportError(f"无法加载字体：{exc}") from exc
    tracker.phase("prepare")
    renderer = _Renderer(report, options, fonts, tracker)
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
                          fonts=fonts.describe(), font_notices=fonts.notices())
    tracker.finish()
    return data, result


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


