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
    """Join paragraphs that a page break split (the first does not end a sentence)."""
    out: list[str] = []
    for p in paragraphs:
        p = p.strip()
        if not p:
            continue
        if out and out[-1] and out[-1][-1] not in _SENTENCE_END and not _is_heading(out[-1]):
            out[-1] += p
        else:
            out.append(p)
    return out


_HEADING_RE = re.compile(r"^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)[^。]{0,40}$")


def _is_heading(p: str) -> bool:
    return bool(_HEADING_RE.match(p))
