"""Reading an exported .docx back as XML (zipfile + lxml), independently of python-docx's
object model: the tests check what Word and WPS will read."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}


def q(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


class Docx:
    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as z:
            self.files = {n: z.read(n) for n in z.namelist()}
        self.document = self.xml("word/document.xml")
        self.styles = self.xml("word/styles.xml")
        self.settings = self.xml("word/settings.xml")
        self.body = self.document.find("w:body", NS)

    def xml(self, name: str):
        return etree.fromstring(self.files[name])

    def style(self, style_id: str):
        return self.styles.find(f"w:style[@w:styleId='{style_id}']", NS)

    @property
    def sect(self):
        return self.body.find("w:sectPr", NS)

    def footer(self, kind: str):
        """The footer part of a footerReference type ("default" = odd pages, "even")."""
        ref = self.sect.find(f"w:footerReference[@w:type='{kind}']", NS)
        rid = ref.get(q("r:id"))
        rels = self.xml("word/_rels/document.xml.rels")
        target = rels.find(f"{{*}}Relationship[@Id='{rid}']").get("Target")
        return self.xml(f"word/{target}")

    def paragraphs(self):
        """(style id, text, element) of the body's paragraphs (not those in tables)."""
        for p in self.body.findall("w:p", NS):
            style = p.find("w:pPr/w:pStyle", NS)
            yield (style.get(q("w:val")) if style is not None else "Normal",
                   "".join(t.text or "" for t in p.iter(q("w:t"))), p)

    def tables(self):
        return self.body.findall("w:tbl", NS)


def val(el, path: str, attr: str = "w:val"):
    found = el.find(path, NS)
    return None if found is None else found.get(q(attr))


def table_cells(tbl) -> dict[tuple[int, int], dict]:
    """(row, grid column) -> {"span": gridSpan, "vmerge": None | "restart" | "continue", "text"}
    for every w:tc of a table, the grid column counted through the spans before it."""
    out = {}
    for r, tr in enumerate(tbl.findall("w:tr", NS)):
        col = 0
        for tc in tr.findall("w:tc", NS):
            span = int(val(tc, "w:tcPr/w:gridSpan") or 1)
            vm = tc.find("w:tcPr/w:vMerge", NS)
            vmerge = None if vm is None else (vm.get(q("w:val")) or "continue")
            text = "".join(t.text or "" for t in tc.iter(q("w:t")))
            out[(r, col)] = {"span": span, "vmerge": vmerge, "text": text, "tc": tc}
            col += span
    return out
