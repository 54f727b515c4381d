"""The report as a Word document (.docx) that opens in Word and WPS looking like the PDF.  Qt-free.

Same data and the same layout decisions as the PDF (``pdf/render.py``), in Word's own terms:

* GB/T 9704 page: A4, top 37 mm, left 28 mm, text block 156 × 225 mm, a document grid of
  22 lines × 28 characters (``w:docGrid``) so that 3号 body text lands on the official grid;
* body 3号 仿宋 (``w:eastAsia`` set, not only ``w:ascii``), first line indented two characters;
  title 2号 小标宋, centred; 一、 headings 黑体 in the built-in style 标题 1 (Heading 1), （一）
  headings 楷体 in 标题 2 (Heading 2), so the navigation pane and a table of contents work; a
  paragraph with a run-in heading (「（一）主动公开情况。主要通过……」) is a heading paragraph
  whose heading part is its own run in the heading face and the rest 仿宋;
* page numbers 「— N —」 as PAGE fields in 4号 宋体, on the outside edge (different odd and even
  footers: odd right, even left, one character in);
* the official tables with every merged cell (``docx_tables.py``);
* the 落款 placed as the PDF places it.

It is the 公开版: no fingerprint, no 审签单, no watermark.  Entry point: :func:`export_docx`.
"""
from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm

from ..core.atomic import atomic_write
from ..core.headings import split_heading
from ..core.limits import clip
from ..core.report import Report
from ..core.storage import os_error_text
from ..pdf.geometry import (BLOCK_W, BODY_LEADING, BODY_SIZE, CHAR_PITCH, CHARS_PER_LINE, LINES_PER_PAGE,
                            PAGENO_SIZE, TITLE_SIZE)
from ..pdf.output import ExportError
from . import docx_oxml as ox
from .docx_tables import table_xml

__all__ = ["export_docx", "render_docx", "ExportError", "FONTS"]

#: Font of each role, by the names Word and WPS know them under on Chinese systems (the 公文
#: faces: GB/T 9704 practice). Roles as in ``pdf/fonts.py``.
FONTS = {
    "fangsong": "仿宋_GB2312",
    "song": "宋体",
    "hei": "黑体",
    "kai": "楷体_GB2312",
    "title": "方正小标宋简体",
}
#: What Word uses where a face is not installed (``w:altName`` in the font table): Windows'
#: own 仿宋 / 楷体 for the _GB2312 faces, 宋体 for 方正小标宋.
ALT_NAMES = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"}

PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_TOP_MM, MARGIN_LEFT_MM, BLOCK_W_MM, BLOCK_H_MM = 37, 28, 156, 225
#: From the page's lower edge to the foot of the page-number line: its 一字线 then sits about
#: 7 mm below the text block (GB/T 9704 §7.5), as in the PDF.
FOOTER_MM = 25
#: Word 2010's relationship to stylesWithEffects.xml (python-docx has no constant for it)
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
BODY_STYLE = "Normal"
BODY_SCALE = 98
TABLE_STYLE = "GAICTable"


def _half_chars(text: str) -> float:
    """Width in body characters: a full-width character is one, a digit or Latin letter half."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.5 for ch in text)


class _Builder:
    def __init__(self, report: Report) -> None:
        self.report = report
        self.doc = Document()
        self.body = self.doc.element.body
        for p in list(self.body.iterchildren(qn("w:p"), qn("w:tbl"))):
            self.body.remove(p)

    # -- styles ------------------------------------------------------------------------

    def styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        ox.clear_theme_fonts(rpr)
        ox.run_props(rpr, font=FONTS["fangsong"], size=BODY_SIZE)
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        ox.para_props(ppr, after=0, before=0)

        normal = styles[BODY_STYLE]
        npr = normal.element.get_or_add_pPr()
        ox.para_props(npr, first_line_chars=2, char_pitch=CHAR_PITCH, jc="both")
        # as the PDF: no line of a paragraph alone at a page's foot or head (off unless stated)
        ox.set_child(npr, "w:widowControl", ox.PPR_ORDER, w_val="1")
        # 98 %: a 3号 character (16 pt) is a little wider than the grid's 15.79 pt; Word and WPS
        # set it on the grid anyway, LibreOffice gives it two grid cells (14 characters a line).
        # At 98 % (15.68 pt) every program sets 28 a line; the 2 % is invisible.
        ox.run_props(normal.element.get_or_add_rPr(), font=FONTS["fangsong"], size=BODY_SIZE,
                     scale=BODY_SCALE)

        for name, role, level in (("Heading 1", "hei", 0), ("Heading 2", "kai", 1)):
            st = styles[name]
            self._reset(st)
            ox.para_props(st.element.get_or_add_pPr(), keep_next=True, first_line_chars=2,
                          char_pitch=CHAR_PITCH, jc="both", before=0, after=0, outline=level)
            ox.run_props(st.element.get_or_add_rPr(), font=FONTS[role], size=BODY_SIZE,
                         bold=False, color="000000")

        title = styles["Title"]
        self._reset(title)
        # off the character grid (a 2号 character is wider than a cell), on the PDF's leading
        ox.para_props(title.element.get_or_add_pPr(), first_line_chars=0, jc="center",
                      snap=False, line_exact=BODY_LEADING, before=0, after=BODY_LEADING)
        ox.run_props(title.element.get_or_add_rPr(), font=FONTS["title"], size=TITLE_SIZE,
                     bold=False, color="000000", scale=100)

        table = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        table.element.set(qn("w:styleId"), TABLE_STYLE)
        table.element.name_val = "表格文字"
        table.base_style = normal
        # Off the document grid: table text keeps its own 1.3 line height, not 29 pt per line.
        ox.para_props(table.element.get_or_add_pPr(), snap=False, first_line_chars=0,
                      char_pitch=CHAR_PITCH, jc="center")
        spacing = table.element.pPr.find(qn("w:spacing"))
        if spacing is None:
            ox.para_props(table.element.pPr, before=0, after=0)
            spacing = table.element.pPr.find(qn("w:spacing"))
        spacing.set(qn("w:line"), "312")  # 1.3 lines
        ox.run_props(table.element.get_or_add_rPr(), font=FONTS["song"], size=10, scale=100)

        footer = styles["Footer"]
        fpr = footer.element.get_or_add_pPr()
        for tabs in fpr.findall(qn("w:tabs")):
            fpr.remove(tabs)
        ox.para_props(fpr, snap=False, first_line_chars=0, line_exact=PAGENO_SIZE, before=0, after=0)
        ox.run_props(footer.element.get_or_add_rPr(), font=FONTS["song"], size=PAGENO_SIZE, scale=100)

    @staticmethod
    def _reset(style) -> None:
        """Drop the template's look (theme fonts, blue colour, borders, spacing) of a style."""
        el = style.element
        for tag in ("w:pPr", "w:rPr"):
            old = el.find(qn(tag))
            if old is not None:
                el.remove(old)

    # -- page ----------------------------------------------------------------------------

    def page(self) -> None:
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
        sec.top_margin = Mm(MARGIN_TOP_MM)
        sec.bottom_margin = Mm(PAGE_H_MM - MARGIN_TOP_MM - BLOCK_H_MM)
        sec.left_margin = Mm(MARGIN_LEFT_MM)
        sec.right_margin = Mm(PAGE_W_MM - MARGIN_LEFT_MM - BLOCK_W_MM)
        sec.header_distance = Mm(15)
        sec.footer_distance = Mm(FOOTER_MM)
        sec.gutter = 0
        ox.doc_grid(sec._sectPr, line_pitch_pt=BODY_LEADING, char_pitch_pt=BLOCK_W / CHARS_PER_LINE,
                    font_size_pt=BODY_SIZE)
        self.doc.settings.odd_and_even_pages_header_footer = True
        for footer, odd in ((sec.footer, True), (sec.even_page_footer, False)):
            footer.is_linked_to_previous = False
            self._page_number(footer, odd)

    def _page_number(self, footer, odd: bool) -> None:
        """「— N —」: odd pages at the right, even pages at the left, one 4号 character in."""
        for p in list(footer._element.iterchildren(qn("w:p"))):
            footer._element.remove(p)
        p = self._para("", "Footer", footer)
        inset = PAGENO_SIZE
        ox.para_props(p._p.get_or_add_pPr(), jc="right" if odd else "left",
                      right=inset if odd else 0, left=0 if odd else inset, first_line_chars=0)
        ox.add_text_run(p._p, "— ")
        ox.add_page_field(p._p)
        ox.add_text_run(p._p, " —")

    # -- content -------------------------------------------------------------------------

    def content(self) -> None:
        r = self.report
        self._title()
        for text in r.preface:
            self._narrative(text)
        values = r.effective_values()
        block = ox.twips(BLOCK_W)
        for sec in r.fmt.sections:
            self._para(sec.heading, "Heading1")
            for text in r.section_text(sec.key):
                self._narrative(text)
            for tkey in sec.tables:
                self._spacer(BODY_LEADING * 0.25, keep_next=True)
                self.body.insert_element_before(table_xml(r, tkey, values, FONTS, block), "w:sectPr")
                self._spacer(BODY_LEADING * 0.5)
        self._signoff()

    def _para(self, text: str, style_id: str, container=None):
        """A paragraph of style ``style_id``. The id is set directly: python-docx's lookup of a
        style by name walks every style of the template per paragraph (70 % of the export's
        time, bench/bench_docx.py)."""
        p = (container or self.doc).add_paragraph(text)
        if style_id != BODY_STYLE:
            p._p.get_or_add_pPr().style = style_id
        return p

    def _spacer(self, height: float, keep_next: bool = False) -> None:
        p = self._para("", BODY_STYLE)
        ox.para_props(p._p.get_or_add_pPr(), snap=False, line_exact=height, keep_next=keep_next)

    def _title(self) -> None:
        r = self.report
        title = r.display_title()
        org = r.organisation.strip()
        p = self._para("", "Title")
        # Like the PDF: a title too long for one line breaks after the organisation.
        if (_half_chars(title) * TITLE_SIZE > BLOCK_W and org and title.startswith(org)
                and len(title) > len(org)):
            run = p.add_run(org)
            run.add_break()
            p.add_run(title[len(org):])
        else:
            p.add_run(title)

    def _narrative(self, text: str) -> None:
        """A paragraph of the narrative: a heading on its own, a heading run into its
        paragraph (heading part in the heading face, the rest 仿宋), or body text."""
        level, head, rest = split_heading(text)
        if not level:
            self._para(text.strip(), BODY_STYLE)
            return
        p = self._para(head, "Heading1" if level == 1 else "Heading2")
        if rest:
            ox.para_props(p._p.get_or_add_pPr(), keep_next=False)
            ox.add_text_run(p._p, rest, lambda rPr: ox.run_props(rPr, font=FONTS["fangsong"]))

    def _signoff(self) -> None:
        """GB/T 9704 §7.3.5, as the PDF: the date right-indented four characters, the
        organisation centred above it; what the file says, no 落款 invented."""
        r = self.report
        org = r.signoff.organisation.strip()
        date = r.signoff.date
        date_text = f"{date.year}年{date.month}月{date.day}日" if date else ""
        if not (org or date_text):
            return
        date_indent = 4.0
        if date_text:
            org_indent = max(0.0, date_indent + (_half_chars(date_text) - _half_chars(org)) / 2)
        else:
            org_indent = 2.0
        lines = [(org, org_indent), (date_text, date_indent)]
        lines = [(t, i) for t, i in lines if t]
        self._spacer(BODY_LEADING, keep_next=True)  # one blank line, kept with the 落款
        for n, (text, indent) in enumerate(lines):
            p = self._para(text, BODY_STYLE)
            ox.para_props(p._p.get_or_add_pPr(), jc="right", right=indent * CHAR_PITCH,
                          first_line_chars=0, keep_next=n + 1 < len(lines))

    def metadata(self) -> None:
        r = self.report
        props = self.doc.core_properties
        props.title = clip(r.display_title(), 255)
        props.author = clip(r.organisation, 255)
        props.last_modified_by = props.author
        props.comments = ""
        props.subject = ""
        props.keywords = ""
        now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
        props.created = props.modified = now
        props.revision = 1

    def fallback_fonts(self) -> None:
        """Name a stand-in for each 公文 face in the font table (``w:altName``): Word takes it
        where the face is not installed, instead of a Western default."""
        part = next((p for p in self.doc.part.package.iter_parts()
                     if str(p.partname) == "/word/fontTable.xml"), None)
        if part is None:  # pragma: no cover - python-docx's template has one
            return
        root = parse_xml(part.blob)
        for name in dict.fromkeys(FONTS.values()):
            font = root.makeelement(qn("w:font"), {qn("w:name"): name})
            if name in ALT_NAMES:
                alt = font.makeelement(qn("w:altName"), {qn("w:val"): ALT_NAMES[name]})
                font.append(alt)
            charset = font.makeelement(qn("w:charset"), {qn("w:val"): "86"})  # GB2312
            family = font.makeelement(qn("w:family"), {qn("w:val"): "modern" if name != FONTS["title"] else "script"})
            pitch = font.makeelement(qn("w:pitch"), {qn("w:val"): "fixed" if name != FONTS["title"] else "variable"})
            font.extend([charset, family, pitch])
            root.append(font)
        part._blob = serialize_part_xml(root)

    def drop_template_extras(self) -> None:
        """The template's parts that would belie the document: the thumbnail of an empty page
        (what Explorer and WPS show as its preview) and Word 2010's copy of the template's
        styles (stylesWithEffects.xml), which does not carry the styles set here."""
        for rels in (self.doc.part.package.rels, self.doc.part.rels):
            for rId, rel in list(rels.items()):
                if rel.reltype in (RT.THUMBNAIL, _STYLES_WITH_EFFECTS):
                    del rels[rId]

    def build(self) -> bytes:
        self.drop_template_extras()
        self.styles()
        self.page()
        self.content()
        self.metadata()
        self.fallback_fonts()
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def render_docx(report: Report) -> bytes:
    """The .docx file of ``report`` as bytes. Raises :class:`ExportError` (Chinese)."""
    try:
        return _Builder(report).build()
    except Exception as exc:  # a failure must reach the user as a message, not a traceback
        raise ExportError("生成Word文档失败，未写入任何文件。请把年报文件发给技术支持人员。"
                          f"（技术信息：{type(exc).__name__}）") from exc


def export_docx(report: Report, path: os.PathLike | str) -> None:
    """Write ``report`` to ``path`` as a Word document, atomically (a temporary file in the same
    folder, then a replace): on any failure the old file, if any, is left as it was."""
    data = render_docx(report)
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"“{clip(path.name, 80)}”是一个文件夹，请换一个文件名。")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"文件夹“{clip(str(folder), 120)}”不存在。")
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ExportError(f"保存“{clip(path.name, 80)}”失败：{os_error_text(exc)}。"
                          "原有文件未改动。") from None
