"""What python-docx's object model cannot express, written through its low-level XML (oxml):
East-Asian fonts (``w:eastAsia``), the document grid (``w:docGrid``), PAGE fields, character-based
indents, grid snapping, and the font table's fallback names.

Lengths here are twips (1/20 pt) unless a name says otherwise.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

#: Attributes that make Word take a font from the theme instead of the name given: removed
#: wherever a font is set, else Word and WPS show Calibri / 等线.
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
#: Order of the children of ``w:rPr`` and ``w:pPr`` in the schema (Word refuses a document whose
#: properties are out of order).
_RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
              "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
              "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
              "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
              "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
              "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
              "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd",
              "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
              "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def twips(pt: float) -> int:
    return round(pt * 20)


def set_child(parent, tag: str, order: tuple[str, ...], **attrs) -> object:
    """Replace ``parent``'s child ``tag`` by a new one with ``attrs`` (``w_val`` → ``w:val``),
    inserted at its place in the schema order."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(name.replace("_", ":", 1)), str(value))
    later = order[order.index(tag) + 1:]
    for child in parent:
        if child.tag in {qn(t) for t in later}:
            child.addprevious(el)
            break
    else:
        parent.append(el)
    return el


def run_props(rPr, *, font: str | None = None, size: float | None = None,
              bold: bool | None = None, color: str | None = None,
              scale: int | None = None) -> None:
    """Font (every script, East-Asian included), size in pt, bold, colour and horizontal
    scale (per cent) of a ``w:rPr``."""
    if font is not None:
        fonts = set_child(rPr, "w:rFonts", _RPR_ORDER)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), font)
        fonts.set(qn("w:hint"), "eastAsia")
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            set_child(rPr, tag, _RPR_ORDER, w_val="1" if bold else "0")
    if color is not None:
        set_child(rPr, "w:color", _RPR_ORDER, w_val=color)
    if scale is not None:
        set_child(rPr, "w:w", _RPR_ORDER, w_val=scale)
    if size is not None:
        half_points = round(size * 2)
        set_child(rPr, "w:sz", _RPR_ORDER, w_val=half_points)
        set_child(rPr, "w:szCs", _RPR_ORDER, w_val=half_points)


def clear_theme_fonts(rPr) -> None:
    fonts = rPr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)


def para_props(pPr, *, first_line_chars: float | None = None, char_pitch: float = 0.0,
               right: float | None = None, left: float | None = None,
               snap: bool | None = None, keep_next: bool | None = None,
               jc: str | None = None, line_exact: float | None = None,
               after: float | None = None, before: float | None = None,
               outline: int | None = None) -> None:
    """Paragraph properties in pt (``first_line_chars`` in characters of ``char_pitch`` pt:
    Word keeps ``firstLineChars`` on the character grid, the twips are for readers that do not)."""
    if keep_next is not None:
        set_child(pPr, "w:keepNext", PPR_ORDER, w_val="1" if keep_next else "0")
    if snap is not None:
        set_child(pPr, "w:snapToGrid", PPR_ORDER, w_val="1" if snap else "0")
    if line_exact is not None or after is not None or before is not None:
        spacing = set_child(pPr, "w:spacing", PPR_ORDER)
        spacing.set(qn("w:before"), str(twips(before or 0)))
        spacing.set(qn("w:after"), str(twips(after or 0)))
        if line_exact is not None:
            spacing.set(qn("w:line"), str(twips(line_exact)))
            spacing.set(qn("w:lineRule"), "exact")
        else:
            spacing.set(qn("w:line"), "240")
            spacing.set(qn("w:lineRule"), "auto")
    if first_line_chars is not None or right is not None or left is not None:
        ind = set_child(pPr, "w:ind", PPR_ORDER)
        ind.set(qn("w:left"), str(twips(left or 0)))
        ind.set(qn("w:right"), str(twips(right or 0)))
        chars = first_line_chars or 0
        ind.set(qn("w:firstLineChars"), str(round(chars * 100)))
        ind.set(qn("w:firstLine"), str(twips(chars * char_pitch)))
    if jc is not None:
        set_child(pPr, "w:jc", PPR_ORDER, w_val=jc)
    if outline is not None:
        set_child(pPr, "w:outlineLvl", PPR_ORDER, w_val=outline)


def doc_grid(sectPr, *, line_pitch_pt: float, char_pitch_pt: float, font_size_pt: float) -> None:
    """The section's document grid, type "lines and characters" (Word: 页面设置 → 文档网格 →
    指定行和字符网格). ``w:charSpace`` is the character pitch's excess over the body font size
    in 1/4096 pt, which is how Word stores 「每行28字」."""
    grid = sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sectPr.append(grid)  # docGrid is the last child python-docx's template has
    grid.attrib.clear()
    grid.set(qn("w:type"), "linesAndChars")
    # rounded down: 22 × the pitch must fit the text block, else LibreOffice counts 21 lines
    grid.set(qn("w:linePitch"), str(int(line_pitch_pt * 20)))
    grid.set(qn("w:charSpace"), str(round((char_pitch_pt - font_size_pt) * 4096)))


def add_text_run(p, text: str, rpr_fn=None):
    r = OxmlElement("w:r")
    if rpr_fn is not None:
        rPr = OxmlElement("w:rPr")
        rpr_fn(rPr)
        r.append(rPr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(_XML_SPACE, "preserve")
    r.append(t)
    p.append(r)
    return r


def add_page_field(p, rpr_fn=None) -> None:
    """A PAGE field (the page number Word and WPS compute) with 「1」 as its last shown result."""
    def run(child) -> None:
        r = OxmlElement("w:r")
        if rpr_fn is not None:
            rPr = OxmlElement("w:rPr")
            rpr_fn(rPr)
            r.append(rPr)
        r.append(child)
        p.append(r)

    def fld_char(kind: str):
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        return c

    run(fld_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(_XML_SPACE, "preserve")
    instr.text = " PAGE "
    run(instr)
    run(fld_char("separate"))
    add_text_run(p, "1", rpr_fn)
    run(fld_char("end"))
