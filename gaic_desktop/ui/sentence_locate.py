"""Where a finding about the text (X-1: a figure in the narrative that disagrees with a table)
is in the narrative editor: the span of its sentence in the editor's text.

The core's finding may carry ``span`` — (start, end) of the quoted clause in the section's
paragraphs joined by "\\n". The editor's text can differ from that join (blank lines, spaces
around paragraphs are kept on screen but not stored), so the span's text is looked up in the
editor's text near the same place. Without a usable span the clause quoted in the message
(「正文“…”与…」, normalised as the core reads the text: NFKC, traditional → simplified, no
spaces, no thousands separators, cut to 200 characters) is found in the editor's text through
the same normalisation, character by character, and mapped back. Either way the result is
widened to the whole sentence (up to 。！？； or the end of the line). Qt-free.
"""

from __future__ import annotations

import re


_QUOTE_OPEN = "正文“"
_SENTENCE_END = "。！？；!?;"


def quoted_clauses(message: str) -> list[str]:
    """The clause a text finding quotes, longest reading first (the clause may hold ” itself)."""
    start = message.find(_QUOTE_OPEN)
    if start < 0:
        return []
    start += len(_QUOTE_OPEN)
    ends = [m.start() for m in re.finditer("”", message) if m.start() > start]
    out = []
    for end in reversed(ends):
        q = message[start:end]
        out.append(q)
        if q.endswith("…"):  # cut by the core: the part before the ellipsis is in the text
            out.append(q[:-1])
    return [q for q in out if q]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from after the previous sentence end (or line
    start) to its own end mark (included) or the end of the line."""
    a = start
    while a > 0 and text[a - 1] not in _SENTENCE_END and text[a - 1] != "\n":
        a -= 1
    while a < start and text[a].isspace():
        a += 1
    b = max(end, a)
    while b < len(text) and text[b] != "\n":
        b += 1
        if text[b - 1] in _SENTENCE_END:
            break
    return a, b


def _from_span(editor_text: str, paragraphs: list[str], span) -> tuple[int, int] | None:
    try:
        s, e = (int(x) for x in span)
    except (TypeError, ValueError):
        return None
    joined = "\n".join(paragraphs)
    if not 0 <= s < e <= len(joined):
        return None
    if editor_text == joined:
        return s, e
    piece = joined[s:e]
    hits = [m.start() for m in re.finditer(re.escape(piece), editor_text)]
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - s))  # the same clause can occur twice: the nearest
    return best, best + len(piece)


def _from_quote(editor_text: str, message: str) -> tuple[int, int] | None:
    from ..core.narrative_text import normalised_with_index  # loaded on first use, not at start

    norm, where = normalised_with_index(editor_text)
    for q in quoted_clauses(message):
        k = norm.find(q)
        if k >= 0:
            return where[k], where[k + len(q) - 1] + 1
    return None


def finding_sentence(editor_text: str, paragraphs: list[str], finding) -> tuple[int, int] | None:
    """(start, end) of the finding's sentence in ``editor_text``, or None if it is not there."""
    found = None
    span = getattr(finding, "span", None)
    if span is not None:
        found = _from_span(editor_text, paragraphs, span)
    if found is None:
        found = _from_quote(editor_text, finding.message)
    if found is None:
        return None
    return sentence_around(editor_text, *found)
