"""A lint for the report's text (rule X-8): what GB/T 15834 and GB/T 9704 would print otherwise.

Two kinds of slip are found, each with the exact replacement for the exact place (a ``Fix``):

- **Half-width punctuation in Chinese text**: ``, ; : ? ! ( )`` whose nearest printed neighbour is
  a Chinese character (or a Chinese punctuation mark, or another mark that is being corrected)
  becomes ``， ； ： ？ ！ （ ）``; the spaces typed around it go with it. Never inside a number
  (``1,234``, ``9:30``), an e-mail address or a web address, never between Latin letters or digits
  (``Word, Excel``), never around a year in a document number (``(2019)``).
- **List numbers as typed**: ``1. `` with a space, ``一、 `` with a space, ``(一)``/``(1)`` in
  half-width parentheses at the start of a paragraph (or after 。；) → ``1.``, ``一、``,
  ``（一）``, ``（1）`` (GB/T 9704-2012 7.3.3: 一、（一）1.（1）).

A fix only ever replaces punctuation and white space: digits, letters and Chinese characters are
never touched, and nothing outside its span changes. Applying every fix and linting again finds
nothing (``tests/core/test_lint.py`` checks these properties with hypothesis).

Pure: no I/O, no Qt. The rule engine (``core/rules.py``) turns each ``Fix`` into a warning; the
window applies one (or all of a field's) as a single undoable edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

#: half-width mark -> the full-width mark of Chinese text
FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
MARK_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号"}

HALF_MARKS = frozenset(FULLWIDTH)
_SPACE = " \t\u00a0\u3000"

# regions where half-width punctuation is part of the thing itself. Case is ignored only where
# letters are matched (``(?i:…)``): the same matches as ignoring it everywhere (the CJK and
# full-width ranges fold onto themselves), but compiling the CJK ranges case-insensitively took
# ~5 ms at every start.
_PROTECTED_RE = re.compile(
    r"(?i:https?|ftp)://[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]+"
    r"|(?i:www)\.(?i:[A-Za-z0-9.-])+(?:/[^\s\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]*)?"
    r"|(?i:[A-Za-z0-9._%+-])+@(?i:[A-Za-z0-9-])+(?:\.(?i:[A-Za-z0-9-])+)+")

_CN_NUM = "一二三四五六七八九十"
# list numbers at the start of a paragraph or after 。；：: (kind, pattern)
_LIST_RES = (
    ("arabic", re.compile(r"(?P<num>\d{1,2})(?P<dot>[.．])(?P<ws>[ \t\u00a0\u3000]+)")),
    ("chinese", re.compile(rf"(?P<num>[{_CN_NUM}]{{1,3}})(?P<dot>、)(?P<ws>[ \t\u00a0\u3000]+)")),
    ("paren", re.compile(rf"(?P<open>[(（])[ \t\u00a0\u3000]*(?P<num>[{_CN_NUM}]{{1,3}}|\d{{1,2}})"
                         rf"[ \t\u00a0\u3000]*(?P<close>[)）])(?P<ws>[ \t\u00a0\u3000]*)")),
)
_LIST_START_RE = re.compile("[。；：;:]")


@dataclass(frozen=True)
class Fix:
    """Replace ``text[start:end]`` (== ``found``) of paragraph ``para`` of ``field`` by
    ``replacement``. ``field``: "preface" or "sections.s1" … ; ``kind``: "punct" | "list"."""

    field: str
    para: int
    start: int
    end: int
    found: str
    replacement: str
    kind: str
    what: str  # Chinese: what is wrong, e.g. 「半角逗号“,”」

    def apply(self, text: str) -> str:
        if text[self.start:self.end] != self.found:
            raise ValueError("text changed since it was linted")
        return text[:self.start] + self.replacement + text[self.end:]


def is_cjk(ch: str) -> bool:
    """A character of Chinese text: a hanzi, a Chinese/full-width punctuation mark, or the
    curly quotes Chinese text uses."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF
            or ch in "“”‘’—…·")


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans of web and e-mail addresses (their punctuation is their own)."""
    if "@" not in text and "www" not in text and "://" not in text:
        return []
    return [m.span() for m in _PROTECTED_RE.finditer(text)]


def _neighbour(text: str, i: int, step: int) -> int | None:
    """Index of the nearest non-space character from ``i`` in direction ``step``."""
    j = i + step
    while 0 <= j < len(text) and text[j] in _SPACE:
        j += step
    return j if 0 <= j < len(text) else None


def _list_fixes(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, replacement, what) for list numbers typed with a space or half-width
    parentheses, at the start of the text or after 。；."""
    out = []
    prot = _protected(text)
    starts = [0] + [m.end() for m in _LIST_START_RE.finditer(text)]
    for s in starts:
        t = s  # (spaces between 。 and the number are left alone)
        while t < len(text) and text[t] in _SPACE:
            t += 1
        if any(ps <= t < pe for ps, pe in prot):
            continue  # 「;(1)」 inside a web address is the address's own
        for kind, pat in _LIST_RES:
            m = pat.match(text, t)
            if not m:
                continue
            if m.end() >= len(text) or not (is_cjk(text[m.end()]) or text[m.end()] in HALF_MARKS):
                # a list number opens Chinese text (or a mark that may become Chinese: deciding
                # without it keeps the fixes stable); anything else is left as typed
                break
            if kind == "paren":
                if m.group("open") == "（" and m.group("close") == "）" and not m.group("ws") \
                        and m.group(0) == f"（{m.group('num')}）":
                    break  # already the official form
                rep = f"（{m.group('num')}）"
                what = f"序号“{m.group(0).strip()}”"
            else:
                # only the spaces: the number itself is left as typed
                out.append((m.start("ws"), m.end(), "", f"序号“{m.group('num')}{m.group('dot')}”后的空格"))
                break
            out.append((t, m.end(), rep, what))
            break
    return out


_HALF_RE = re.compile(r"[,;:?!()]")


def _punct_candidates(text: str, taken: set[int]) -> list[int]:
    prot = _protected(text)
    cands = []
    for m in _HALF_RE.finditer(text):
        i = m.start()
        if i in taken or any(a <= i < b for a, b in prot):
            continue
        if text[i] in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue  # 1,234 / 9:30
        cands.append(i)
    return cands


def _year_parens(text: str) -> set[int]:
    """Parentheses around a four-digit year, as in 「鄂政办发(2019)12号」: left alone (the
    official form is 〔2019〕; a full-width pair would be just as wrong)."""
    out: set[int] = set()
    for m in re.finditer(r"\(\d{4}\)", text):
        out.update((m.start(), m.end() - 1))
    return out


def _pairs(text: str, cands: list[int]) -> dict[int, int]:
    """Matching half-width parentheses among the candidates (both ways)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i in cands:
        if text[i] == "(":
            stack.append(i)
        elif text[i] == ")" and stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    return pairs


def _punct_fixes(text: str, taken: set[int]) -> list[tuple[int, int, str, str]]:
    cands = _punct_candidates(text, taken)
    if not cands:
        return []
    skip = _year_parens(text)
    cands = [i for i in cands if i not in skip]
    pairs = _pairs(text, cands)
    flagged: set[int] = set()

    def cjk_at(j: int | None) -> bool:
        # (a list number's parenthesis being corrected is Chinese as well)
        return j is not None and (is_cjk(text[j]) or j in flagged or j in taken)

    # a mark is in Chinese text if a printed neighbour is; marks being corrected count as
    # Chinese (so "A,(中" becomes "A，（中" in one go, and linting again finds nothing)
    changed = True
    while changed:
        changed = False
        for i in cands:
            if i in flagged:
                continue
            hit = cjk_at(_neighbour(text, i, -1)) or cjk_at(_neighbour(text, i, +1))
            if not hit and i in pairs:
                j = pairs[i]
                hit = j in flagged
            if hit:
                flagged.add(i)
                if i in pairs:
                    flagged.add(pairs[i])
                changed = True
    out = []
    used_to = 0  # spans never overlap
    for i in sorted(flagged):
        start, end = i, i + 1
        # spaces typed before the mark (after Chinese text) and after it go with it
        j = i
        while j > used_to and text[j - 1] in _SPACE and j - 1 not in taken:
            j -= 1
        if j < i and j > 0 and cjk_at(j - 1):
            start = j
        while end < len(text) and text[end] in _SPACE and end not in taken:
            end += 1
        ch = text[i]
        out.append((start, end, FULLWIDTH[ch], f"半角{MARK_NAMES[ch]}“{ch}”"))
        used_to = end
    return out


def lint_paragraph(text: str, field: str = "", para: int = 0) -> list[Fix]:
    """Every slip in one paragraph, in text order, with non-overlapping spans."""
    if not any(c in text for c in ",;:?!() \t\u00a0\u3000"):
        return []  # the common case: nothing that could be a slip
    taken: set[int] = set()  # positions inside the list numbers' fixes
    raw = []
    for start, end, rep, what in _list_fixes(text):
        raw.append((start, end, rep, "list", what))
        taken.update(range(start, end))
    for start, end, rep, what in _punct_fixes(text, taken):
        raw.append((start, end, rep, "punct", what))
    raw.sort()
    return [Fix(field, para, s, e, text[s:e], rep, kind, what)
            for s, e, rep, kind, what in raw if text[s:e] != rep]


def lint_paragraphs(paras: Iterable[str], field: str) -> list[Fix]:
    out: list[Fix] = []
    for n, p in enumerate(paras):
        out.extend(lint_paragraph(p, field, n))
    return out


def lint_fields(fields: Iterable[tuple[str, list[str]]]) -> list[Fix]:
    """``fields``: (path, paragraphs), e.g. ("sections.s1", report.sections["s1"])."""
    out: list[Fix] = []
    for path, paras in fields:
        out.extend(lint_paragraphs(paras or [], path))
    return out


def apply_fixes(paras: list[str], fixes: Iterable[Fix]) -> list[str]:
    """The paragraphs with ``fixes`` applied (right to left within each paragraph, so earlier
    spans stay valid). Raises ValueError if a span no longer holds what was found."""
    out = list(paras)
    for fix in sorted(fixes, key=lambda f: (f.para, f.start), reverse=True):
        out[fix.para] = fix.apply(out[fix.para])
    return out


def context(text: str, fix: Fix, width: int = 6) -> str:
    """A short excerpt around the slip, for the message: 「…等,并及时…」."""
    a = max(0, fix.start - width)
    b = min(len(text), fix.end + width)
    return ("…" if a > 0 else "") + text[a:b].strip() + ("…" if b < len(text) else "")
