"""Small text helpers shared by the model, the importer and the narrative checks."""

from __future__ import annotations

import re

_CJK = r"\u2018-\u201f\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# PDF text extraction puts spaces between Chinese text and Latin digits ("2020 年", "共 224 件");
# the printed document has none.
_SPACE_RE = re.compile(rf"(?<=[{_CJK}])[ \t]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])[ \t]+(?=[{_CJK}])"
                       rf"|(?<=[{_CJK}])[ \t]+(?=[{_CJK}])")
_SENTENCE_END = "。！？；：…”）)"


def clean_spaces(text: str) -> str:
    """Remove extraction spaces between Chinese characters and digits/letters."""
    return _SPACE_RE.sub("", text).strip()


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join paragraphs that a page break split (the first does not end a sentence).

    Linear in the text's length: the paragraph being joined is a local string, which CPython
    extends in place; extending the last element of the result list (``out[-1] += p``) would copy
    the growing paragraph on every join (minutes for a long unpunctuated text)."""
    out: list[str] = []
    acc = ""
    for p in paragraphs:
        p = p.strip()
        if not p:
            continue
        if acc and acc[-1] not in _SENTENCE_END and not _is_heading(acc):
            acc += p
        else:
            if acc:
                out.append(acc)
            acc = p
    if acc:
        out.append(acc)
    return out


_HEADING_RE = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)[^。]{0,40}$")


def _is_heading(p: str) -> bool:
    # A heading's 「、」 or 「）」 is followed by at most 40 characters: a long text without one
    # near its end is not scanned by the regular expression.
    if len(p) > 64 and "、" not in p[-42:] and "）" not in p[-42:]:
        return False
    return bool(_HEADING_RE.match(p))
