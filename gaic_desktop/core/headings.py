"""Headings inside the narrative: 「（一）主动公开」 on its own, or run into its paragraph,
「（一）主动公开情况。主要通过……」 (the run-in part, up to and including the first 。, prints
in the heading face, the rest in the body face). Used by the PDF, Word and web-page exports
(and their import tests)."""
from __future__ import annotations

_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
#: A heading ends within this many characters (numbering and 。 included); a longer first
#: sentence after 「（一）」 is a numbered sentence, not a heading.
RUNIN_MAX = 32
_HEADING_MAX = 40


def heading_level(text: str) -> int:
    """1 for 「一、」…「十、」, 2 for 「（一）」…「（十）」 (full- or half-width brackets), else 0."""
    t = text.lstrip()
    for mark in _NUMERALS:
        if t.startswith(f"{mark}、"):
            return 1
        for opener, closer in (("（", "）"), ("(", ")")):
            if t.startswith(f"{opener}{mark}{closer}"):
                return 2
    return 0


def split_heading(text: str) -> tuple[int, str, str]:
    """(level, heading part, rest) of a narrative paragraph; level 0 when it has no heading.

    A paragraph that is only a heading (「（三）政府信息管理情况。」, 「（一）主动公开」) gives an
    empty rest."""
    t = text.strip()
    level = heading_level(t)
    if not level:
        return 0, "", t
    stop = t.find("。")
    if stop < 0:
        return (level, t, "") if len(t) <= _HEADING_MAX else (0, "", t)
    if stop + 1 > RUNIN_MAX:
        return 0, "", t
    return level, t[:stop + 1], t[stop + 1:].strip()


def is_subheading(text: str) -> bool:
    """A paragraph that is itself a level-2 heading: 「（一）主动公开」 or 「（三）政府信息管理情况。」."""
    level, _, rest = split_heading(text)
    return level == 2 and not rest
