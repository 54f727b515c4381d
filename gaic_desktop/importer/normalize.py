"""Tolerant text normalisation for matching labels, and parsing of printed cell text.

Labels are normalised for *matching only* (the report always shows the official labels):
full-width to half-width (NFKC), traditional to simplified characters, quotes and spaces
removed, 「1、」 read as 「1.」. Cell text is parsed leniently: units inside the cell, sums such as
「66(招投标)+847(电子商城)」, 「/」 and 「-」. Every lenient reading is reported by the caller.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..core.narrative import T2S
from ..core.values import NA, CellValue, CellValueError, check_value, fmt_value
from .limits import DEFAULT_LIMITS

_QUOTES_RE = re.compile(r"[\"'“”‘’「」『』〝〞]")
_SPACE_RE = re.compile(r"\s+")
_ITEM_NUM_RE = re.compile(r"(?<![\d.])(\d{1,2})\s*[、.．]")
_MAIN_NUMS = "一二三四五六七八九十"  # 「一．」 printed for 「一、」


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def norm(text: str) -> str:
    """Normalise for matching: NFKC, simplified characters, no spaces/quotes, 1、 -> 1., 一． -> 一、."""
    s = nfkc(text).translate(T2S)
    s = _SPACE_RE.sub("", s)
    s = _QUOTES_RE.sub("", s)
    s = _ITEM_NUM_RE.sub(r"\1.", s)
    if s[1:2] == "." and s[:1] in _MAIN_NUMS:
        s = s[0] + "、" + s[2:]
    s = s.replace("〔", "[").replace("〕", "]").replace("【", "[").replace("】", "]")
    return s.strip("。.,;:；：，")


_PAREN_RE = re.compile(r"\((?![一二三四五六七八九十]{1,2}\))[^()]*\)")
_OPEN_PAREN_TAIL_RE = re.compile(r"\((?![一二三四五六七八九十]{1,2}\))[^()]*$")


def strip_parens(s: str) -> str:
    """Remove parenthetical glosses (not the （一） markers) from a normalised label."""
    prev = None
    while prev != s:
        prev = s
        s = _PAREN_RE.sub("", s)
    return _OPEN_PAREN_TAIL_RE.sub("", s)


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# --------------------------------------------------------------------------- labels


@dataclass(frozen=True)
class LabelParts:
    main: str | None  # 一/二/三/四 of 「一、」
    group: str | None  # 一..七 of 「（一）」
    num: int | None  # 1..8 of 「1.」
    leaf: str  # the rest, parentheticals removed


_MAIN_RE = re.compile(r"^([一二三四])、")
_GROUP_RE = re.compile(r"\(([一二三四五六七])\)")
_NUM_RE = re.compile(r"(?<!\d)(\d{1,2})\.(?!\d)")


def label_parts(label: str) -> LabelParts:
    """Split a normalised table-三 label into its numbering and its own text."""
    s = label
    m = _MAIN_RE.match(s)
    main = m.group(1) if m else None
    nums = list(_NUM_RE.finditer(s))
    groups = list(_GROUP_RE.finditer(s))
    if nums:
        n = nums[-1]
        before = s[: n.start()]
        g = list(_GROUP_RE.finditer(before))
        group = g[-1].group(1) if g else None
        # a group name printed after a split (「法提供」) is dropped with ``before``
        return LabelParts(main, group, int(n.group(1)), strip_parens(s[n.end():]))
    if groups:
        g = groups[-1]
        return LabelParts(main, g.group(1), None, strip_parens(s[g.end():]))
    leaf = s[m.end():] if m else s
    return LabelParts(main, None, None, strip_parens(leaf))


GROUP_NAMES = {"三": "不予公开", "四": "无法提供", "五": "不予处理", "六": "其他处理"}


def group_of(text: str) -> str | None:
    """The （三）..（六） group named anywhere in a (possibly split) label fragment."""
    for g, name in GROUP_NAMES.items():
        if name in text:
            return g
    return None


# --------------------------------------------------------------------------- values


class CellTextError(ValueError):
    """Text in a value cell that cannot be read as a number (Chinese message)."""


@dataclass(frozen=True)
class ParsedCell:
    value: CellValue
    note: str | None = None  # kept in report.cell_notes (a breakdown, a unit conversion)
    interpretation: str | None = None  # listed in the import report


DASHES = {"-", "--", "—", "——", "–", "─", "―", "－"}
_TERM_RE = re.compile(
    r"^([+-]?\d+(?:\.\d+)?)(万元|万|元|亿元|亿|件|个|项|条|次|宗|起)?(?:\(([^()]*)\))?(万元|万|元|件|个|项|条)?$")
_NUMERIC_RE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
# A printed number that may be converted: bounded digits, no exponent (「1e999999999」 would
# make Decimal/int conversion and formatting take minutes and gigabytes).
_BOUNDED_RE = re.compile(rf"^[+-]?\d{{1,{DEFAULT_LIMITS.number_digits}}}(?:\.\d{{1,{DEFAULT_LIMITS.number_places}}})?$")


_MAX_TERMS = 50  # 「66(招投标)+847(电子商城)」: the terms of a sum printed in one cell


def bounded_decimal(text: str) -> Decimal | None:
    """``text`` as a Decimal if it is a plain number of bounded size, else None."""
    return Decimal(text) if _BOUNDED_RE.match(text) else None


def quoted(raw: str, width: int = 40) -> str:
    """Source text quoted in a message, shortened when long."""
    return raw if len(raw) <= width else raw[:width] + "…"


def clean_cell(text: str) -> str:
    s = nfkc(text or "")
    s = s.replace("−", "-").replace("－", "-")
    s = _SPACE_RE.sub("", s)
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", s):
        s = s.replace(",", "")
    return s


def looks_like_value(text: str) -> bool:
    """True for text that belongs in a value cell (number, unit, sum, 「/」, 「-」, 「无」)."""
    s = clean_cell(text)
    if not s:
        return False
    if s in ("/", "无") or s in DASHES:
        return True
    return all(_TERM_RE.match(t) for t in s.split("+") if t) and not s.endswith("+")


def parse_cell(text: str, kind: str, unit: str | None) -> ParsedCell:
    """Read printed cell text for a cell of ``kind`` (count/signed/money) and ``unit``."""
    raw = (text or "").strip()
    s = clean_cell(raw)
    if s == "":
        return ParsedCell(None)
    if s == "/":
        return ParsedCell(NA)
    if s in DASHES:
        return ParsedCell(NA, interpretation=f"原文为“{raw}”，按“不适用”（/）录入")
    if s == "无":
        return ParsedCell(check_value(kind, 0), interpretation=f"原文为“{raw}”，按0录入")
    terms = [t for t in s.split("+")]
    if not terms or any(not t for t in terms):
        raise CellTextError(f"“{quoted(raw)}”不是数字")
    if len(terms) > _MAX_TERMS:
        raise CellTextError(f"“{quoted(raw)}”的分项超过{_MAX_TERMS}个，无法按合计录入")
    total = Decimal(0)
    converted = False
    stripped_unit = False
    for t in terms:
        m = _TERM_RE.match(t)
        if not m:
            raise CellTextError(f"“{quoted(raw)}”不是数字")
        v = bounded_decimal(m.group(1))
        if v is None:
            raise CellTextError(f"“{quoted(raw)}”位数过多（整数部分最多{DEFAULT_LIMITS.number_digits}位，"
                                f"小数部分最多{DEFAULT_LIMITS.number_places}位），不是可填写的数字")
        u = m.group(2) or m.group(4)
        if u:
            stripped_unit = True
            factor = _unit_factor(u, kind, unit)
            if factor != 1:
                converted = True
                v = v * factor
        total += v
    if kind in ("count", "signed"):
        if total != total.to_integral_value():
            raise CellTextError(f"“{quoted(raw)}”不是整数")
        value: CellValue = int(total)
    else:
        value = total.normalize()
        if value.as_tuple().exponent > 0:
            value = value.quantize(Decimal(1))
    try:
        value = check_value(kind, value)
    except CellValueError as exc:
        raise CellTextError(str(exc)) from None
    shown = fmt_value(value) + (unit or "")
    if len(terms) > 1:
        note = f"原文为“{raw}”，合计{shown}"
        return ParsedCell(value, note=note, interpretation=f"原文为“{raw}”，按合计{shown}录入，分项记入单元格批注")
    if converted:
        note = f"原文为“{raw}”，折合{shown}"
        return ParsedCell(value, note=note, interpretation=f"原文为“{raw}”，折合{shown}录入")
    if stripped_unit or "(" in s:
        return ParsedCell(value, interpretation=f"原文为“{raw}”，按{shown}录入")
    if s != raw:
        if _NUMERIC_RE.match(s) and nfkc(raw).replace(" ", "") == s:
            return ParsedCell(value)  # full-width digits only: nothing to report
        return ParsedCell(value, interpretation=f"原文为“{raw}”，按{shown}录入")
    return ParsedCell(value)


def _unit_factor(u: str, kind: str, unit: str | None) -> Decimal:
    if kind == "money":
        target = unit or "元"
        to_yuan = {"元": Decimal(1), "万": Decimal(10000), "万元": Decimal(10000),
                   "亿": Decimal(10) ** 8, "亿元": Decimal(10) ** 8}
        if u not in to_yuan:
            raise CellTextError(f"金额单位“{u}”无法识别")
        return to_yuan[u] / to_yuan.get(target, Decimal(1))
    if u in ("万", "万元"):
        return Decimal(10000)
    if u in ("元", "亿", "亿元"):
        raise CellTextError(f"数量栏中出现金额单位“{u}”")
    return Decimal(1)


# --------------------------------------------------------------------------- misprints


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one character changed, missing or extra."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def near_misses(text: str, labels: list[str], min_len: int = 4) -> list[tuple[int, int, str]]:
    """(start, end, label) of places in ``text`` where a label of the form is printed with one
    character wrong, missing or extra (「先行有效件数」 for 「现行有效件数」, 「行政法复议」 for
    「行政复议」). Text covered by a label printed right is not looked at; labels shorter
    than ``min_len`` are not looked for (a short word that merely resembles one is no misprint)."""
    covered: list[tuple[int, int]] = []
    for lab in sorted(set(labels), key=len, reverse=True):
        for m in re.finditer(re.escape(lab), text):
            if not any(a < m.end() and m.start() < b for a, b in covered):
                covered.append((m.start(), m.end()))
    found: list[tuple[int, int, str]] = []
    for lab in sorted(set(labels), key=len, reverse=True):
        if len(lab) < min_len:
            continue
        starts = [m.start() for m in re.finditer(re.escape(lab[0]), text)]
        ends = [m.end() for m in re.finditer(re.escape(lab[-1]), text)]
        for size in (len(lab), len(lab) + 1, len(lab) - 1):
            # a window sharing the label's first or last character (the only ones that can match)
            for i in sorted(set(starts) | {e - size for e in ends if e - size >= 0}):
                j = i + size
                if j > len(text) or not one_edit(text[i:j], lab):
                    continue
                if any(a < j and i < b for a, b in covered) or any(a < j and i < b for a, b, _ in found):
                    continue
                found.append((i, j, lab))
    return sorted(found)
