"""The 审签单 (signature page) of the 审签版 (mixed into the renderer)."""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import _listWrapOn

from .geometry import BLOCK_H, BLOCK_W, BODY_LEADING, TITLE_SIZE
from .linebreak import CJKParagraph


@dataclass(frozen=True)
class _Fit:
    """Sizes of the 审签单, from the roomiest to the most compact (``_FITS``)."""

    title: float = TITLE_SIZE
    size: float = 12.0  # the ruled tables' text
    sign_h: float = 30 * mm  # room for a signature
    seal_h: float = 32 * mm  # the seal box
    gap: float = 4 * mm  # between the blocks
    item: float = 11.0  # the findings listed
    seal_beside: bool = False  # the seal box as a fourth column of the signatures' table
    pad: float = 5.0  # the ruled tables' cell padding (top; bottom one more)


# The 审签单 is one sheet to sign: the first of these with which it fits one page is used; a list
# of findings too long even for the last continues on a second page (「审签单 第2页」).
_FITS = (
    _Fit(),
    _Fit(sign_h=24 * mm, seal_h=24 * mm, gap=3 * mm),
    _Fit(title=18.0, size=11.0, sign_h=22 * mm, seal_h=22 * mm, gap=2.5 * mm, item=10.0),
    _Fit(title=18.0, size=11.0, sign_h=24 * mm, gap=2.5 * mm, item=10.0, seal_beside=True),
    _Fit(title=16.0, size=10.5, sign_h=22 * mm, gap=2 * mm, item=9.0, seal_beside=True),
    _Fit(title=16.0, size=9.5, sign_h=20 * mm, gap=1.5 * mm, item=9.0, seal_beside=True, pad=2.5),
)


def _height(flowables: list) -> float:
    """The height ``flowables`` take in the text block, as the frame stacks them."""
    canv = Canvas(io.BytesIO())
    flat: list = []
    for f in flowables:
        flat.extend(f._content if isinstance(f, KeepTogether) else [f])
    return _listWrapOn(flat, BLOCK_W, canv)[1]


class SignPageMixin:
    """The signature page: names, dates, seal box, and the findings to sign off."""

    def _signature_page(self) -> list:
        """The 审签单 in the roomiest sizes with which it fits one page (see ``_FITS``)."""
        for fit in _FITS:
            s = self._sign_story(fit)
            if _height(s) <= BLOCK_H - 1:
                return s
        return s

    def _sign_story(self, fit: _Fit) -> list:
        r = self.report
        s: list = []
        st_head = ParagraphStyle("sig-title", fontName=self.f_title, fontSize=fit.title,
                                 leading=fit.title * 1.5, alignment=TA_CENTER, wordWrap="CJK",
                                 spaceAfter=BODY_LEADING * 0.5 * fit.title / TITLE_SIZE)
        size = fit.size
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
            [P("公开属性", st_lab, "hei"), P("主动公开"), P("正文页数", st_lab, "hei"),
             _BodyPageCount(self, st_l)],
            [P("所用字体", st_lab, "hei"), P("；".join(
                f"{label}：{face}" + ("（代用）" if substitute else "")
                for label, face, substitute in self.fonts.faces())), "", ""],
        ]
        ppl = r.people
        names = [ppl.drafter, ppl.reviewer, ppl.approver]
        # Signature rows: one column per person.
        sig_rows = [
            [P("拟稿人", st_lab, "hei"), P("审核人", st_lab, "hei"), P("签发人", st_lab, "hei")],
            [P(n or "", st_c) for n in names],
            [self._sign_box(st_c, 2 if fit.seal_beside else 4) for _ in names],
        ]
        w = BLOCK_W
        t1 = Table(info_rows, colWidths=[w * 0.17, w * 0.38, w * 0.17, w * 0.28],
                   style=self._ruled(
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                       ("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 2), (3, 2)),
                       ("SPAN", (1, 5), (3, 5)), pad=fit.pad))
        st_r = ParagraphStyle("sig-r", parent=st_c, alignment=TA_RIGHT, rightIndent=2 * size)
        seal_label = P("单位（盖章）", st_lab, "hei")
        seal_date = CJKParagraph("<br/><br/><br/><br/>" + ("&nbsp;" * 7).join(
            self.fonts.markup(c, "song") for c in "年月日"), st_r)
        if fit.seal_beside:  # compact: the seal as a fourth column beside the three signatures
            sig_rows[0].append(seal_label)
            sig_rows[1].append(seal_date)
            sig_rows[2].append("")
            t2 = Table(sig_rows, colWidths=[w * 0.24] * 3 + [w * 0.28],
                       rowHeights=[None, 10 * mm, fit.sign_h],
                       style=self._ruled(("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
                                         ("VALIGN", (0, 2), (-1, 2), "BOTTOM"),
                                         ("SPAN", (3, 1), (3, 2)), ("VALIGN", (3, 1), (3, 2), "BOTTOM"),
                                         ("BOTTOMPADDING", (3, 1), (3, 2), 8), pad=fit.pad))
            s += [t1, Spacer(1, fit.gap), t2, Spacer(1, fit.gap + 1 * mm)]
        else:
            # the names row keeps a writable height when the names are not filled in
            t2 = Table(sig_rows, colWidths=[w / 3] * 3, rowHeights=[None, 10 * mm, fit.sign_h],
                       style=self._ruled(("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
                                         ("VALIGN", (0, 2), (-1, 2), "BOTTOM"), pad=fit.pad))
            seal = Table([[seal_label], [seal_date]], colWidths=[w], rowHeights=[None, fit.seal_h],
                         style=self._ruled(("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
                                           ("BOTTOMPADDING", (0, 1), (-1, 1), 8), pad=fit.pad))
            s += [t1, Spacer(1, fit.gap), t2, Spacer(1, fit.gap), seal, Spacer(1, fit.gap + 1 * mm)]

        st_h = ParagraphStyle("sig-h", fontName=self.f_hei, fontSize=fit.item + 2, leading=(fit.item + 2) * 1.55,
                              wordWrap="CJK", spaceBefore=2, spaceAfter=3, keepWithNext=1)
        st_item = ParagraphStyle("sig-item", fontName=self.f_song, fontSize=fit.item, leading=fit.item * 1.45,
                                 wordWrap="CJK", leftIndent=1.5 * fit.item, firstLineIndent=-1.5 * fit.item,
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
        # none explained: one line says it (no heading over a lone 「无。」)
        s.append(self.para(f"已说明的警告（{len(acked)}处）" if acked else "已说明的警告：无", st_h, "hei"))
        for i, f in enumerate(acked, 1):
            # a warning and its explanation are never separated by a page break
            s.append(KeepTogether([self.para(f"{i}. {f.message}", st_item, "song", hang=False),
                                   self.para(f"说明：{f.acknowledged}", st_expl, "song", hang=False)]))
        if open_w:
            s.append(self.para(f"未说明的警告（{len(open_w)}处）", st_h, "hei"))
            # typing slips of the text (half-width punctuation, list numbers; each carries its
            # one-click fix) are one line here: a signer decides on figures, not on 36 commas
            slips = [f for f in open_w if f.fix is not None]
            listed = [f for f in open_w if f.fix is None]
            for i, f in enumerate(listed, 1):
                s.append(self.para(f"{i}. {f.message}", st_item, "song", hang=False))
            if slips:
                s.append(self.para(f"{len(listed) + 1}. 正文标点、序号的书写问题{len(slips)}处（见检查结果）",
                                   st_item, "song", hang=False))
        return s

    def _ruled(self, *extra, pad: float = 5.0) -> TableStyle:
        """The 审签单's ruled-table style, with ``extra`` commands."""
        return TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONT", (0, 0), (-1, -1), self.f_song, 10),
            ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
            *extra])

    def _sign_box(self, st, spaces: int = 4) -> CJKParagraph:
        """Room for a handwritten signature and the date (``spaces`` before 年, 月 and 日)."""
        gap = "&nbsp;" * spaces
        return CJKParagraph(self.fonts.markup("签名：", "song") + "<br/><br/>"
                            + self.fonts.markup("日期：", "song") + gap
                            + self.fonts.markup("年", "song") + gap
                            + self.fonts.markup("月", "song") + gap
                            + self.fonts.markup("日", "song"), st)



class _BodyPageCount(Flowable):
    """「共N页」: the pages of the report before the 审签单, known only when the 审签单 is
    drawn (its first page number is recorded by the page callback)."""

    def __init__(self, renderer, style):
        super().__init__()
        self.renderer, self.style = renderer, style

    def _para(self, text: str) -> CJKParagraph:
        return CJKParagraph(self.renderer.fonts.markup(text, "song"), self.style)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self._para("共99页").wrap(availWidth, availHeight)[1]
        return self.width, self.height

    def draw(self):
        start = self.renderer._sign_start or self.canv.getPageNumber()
        para = self._para(f"共{start - 1}页")
        para.wrap(self.width, self.height)
        para.drawOn(self.canv, 0, 0)
