"""Reading the narrative's text: normalisation (traditional characters, full-width forms, spaces,
thousands separators) and the figures it writes, for rule X-1 (``core/narrative.py``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, NamedTuple, Sequence

# Traditional -> simplified for the characters of the form's labels, headings and the usual
# report vocabulary (mirror sites publish reports in traditional characters). Used for
# matching only; the printed text is kept as it is.
_T2S_PAIRS = (
    "開开據据數数請请處处結结轉转務务機机關关資资訊讯報报紀纪況况總总計计復复議议訴诉訟讼維维"
    "審审糾纠決决規规範范廢废現现發发單单費费額额採采購购項项製制號号條条強强罰罚許许內内實实"
    "際际權权護护險险穩稳國国戶户屬属類类過过檢检詢询執执無无補补確确訪访舉举複复讓让當当認认"
    "獲获繳缴納纳繼继續续辦办組组織织業业構构會会係系為为於于區区縣县門门傳传專专變变應应對对"
    "從从與与這这個个們们來来時时後后產产動动問问題题進进錄录頁页論论質质設设雙双隨随義义導导"
    "點点標标準准鄉乡鎮镇態态環环幣币萬万億亿餘余負负減减級级邊边圍围擴扩營营歷历約约節节臺台"
    "並并網网頭头證证頒颁佈布說说監监隊队書书頻频視视聞闻觀观參参聽听黨党員员幹干廳厅歸归檔档"
    "陽阳漢汉蘇苏澤泽濟济寧宁東东廣广豐丰龍龙華华聯联繫系郵邮編编電电話话碼码審审計计稅税務务"
    "護护衛卫災灾災灾執执罰罚覆复準准屆届戰战線线區区慶庆醫医藥药貿贸稱称價价錢钱收收額额團团"
    "兩两體体礎础設设軟软備备顯显響响頒颁選选擇择簡简單单雜杂據据圖图書书館馆廠厂場场樣样層层"
)
T2S = str.maketrans({_T2S_PAIRS[i]: _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS), 2)})


# ---------------------------------------------------------------------------- figures

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "〇○零一二两三四五六七八九十百千万"
# A figure: Arabic digits, or a Chinese numeral (「两件」「十二件」「一百零五件」), then an optional
# 余/多 (approximate) and the unit. (?<!…): a figure starts where its digits start, so a long run
# of digits is scanned once (without it, every position inside the run is tried again: quadratic).
# A Chinese numeral starts with a digit word or 十 (「百件」「万件」 alone are no count).
_NUMBER = re.compile(rf"(?<![\d{_CN}])(\d+(?:\.\d+)?|[一二两三四五六七八九十〇○零][{_CN}]*)(余|多)?"
                     r"(件|起|宗|个|项|次|万元|元)")
# A figure longer than this is no table figure (cells hold at most 12 digits and 6 decimals).
_MAX_FIGURE_CHARS = 24
# 「2024年」, also written 「二〇二四年」; the year is read by _year().
_YEAR_MENTION = re.compile(r"(?<![\d〇○零一二三四五六七八九])((?:19|20)\d{2}|[一二][〇○零一二三四五六七八九]{3})年")
# Words before a figure that make it approximate (「约」「近」「超过」「不到」…), and after it (「左右」「以上」).
_APPROX = re.compile(r"(?:约|近|超过?|逾|达到?|共计约|不到|不足|不少于|多达)$")
_APPROX_AFTER = ("左右", "以上", "以下", "上下", "有余", "之多")
# The last characters of _APPROX's words: a figure after any other character is not approximate by
# them (checked first: one set lookup instead of a search per figure).
_APPROX_LAST = frozenset("约近超过逾达到足于")
# A Chinese numeral in these words is no count: 「第一件」「每一件」「这一件」「无一件」, 「一件一档」.
# Looked for in the 8 characters before the numeral (its words are shorter).
_CN_NOT_BEFORE = re.compile(r"(?:第|每|这|那|逐|同|哪|单|某|唯|任何|未发生|没有发生|无)$")


def _cn_int(s: str) -> int | None:
    """A Chinese numeral as an integer: 「十二」 12, 「一百零五」 105, 「两千零三」 2003, 「一万二千」
    12000, and digit by digit 「二〇二四」 2024. None when it is no well-formed numeral."""
    if len(s) > 1 and all(c in _CN_DIGITS for c in s):
        # digit by digit only with a written zero (「二〇二四」「一〇五」); 「二三件」「三四件」 mean
        # "two or three": vague, no figure
        if s[0] in "〇○零" or not any(c in "〇○" for c in s):
            return None
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in _CN_DIGITS:
            if digit is not None and _CN_DIGITS[c] != 0:
                return None  # 「二三」: two digits in a row is no numeral of this kind
            digit = _CN_DIGITS[c] if _CN_DIGITS[c] != 0 else None
        elif c in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        elif c == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _year(s: str) -> int:
    """The year of a _YEAR_MENTION match: 「2024」 or 「二〇二四」 (also 「二零二四」)."""
    if s.isdigit():
        return int(s)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


class Figure(NamedTuple):
    """A figure in a clause: its position, value and unit, and whether it is approximate."""

    start: int
    end: int
    value: Decimal
    unit: str
    approx: bool


def figures(chunk: str) -> list[Figure]:
    """The figures of a clause, in order. Approximate ones are kept (marked): a caller decides;
    figures longer than any cell are dropped."""
    return list(iter_figures(chunk))


def iter_figures(chunk: str) -> Iterator[Figure]:
    """``figures``, one at a time. Given a sentence, the figures of all its clauses (positions in
    the sentence): a figure holds no punctuation, and the words that make one no figure or
    approximate (_CN_NOT_BEFORE, _APPROX, _APPROX_AFTER) hold none either, so they are read within
    the figure's own clause either way."""
    for m in _NUMBER.finditer(chunk):
        digits, approx, unit = m.groups()
        if len(digits) > _MAX_FIGURE_CHARS:
            continue
        start, end = m.span()
        if digits[0].isdigit():
            value = Decimal(digits)
        else:
            if digits == "零" or (digits == "一" and unit == "起") \
                    or _CN_NOT_BEFORE.search(chunk, max(0, start - 8), start) \
                    or chunk.startswith(("一", "两"), end):
                continue  # 「零件」 (parts), 「一起」 (together; 「未发生一起」 none), 「第一件」, 「一件一档」
            n = _cn_int(digits)
            if n is None:
                continue
            value = Decimal(n)
        if not approx:
            approx = (start > 0 and chunk[start - 1] in _APPROX_LAST
                      and _APPROX.search(chunk, max(0, start - 8), start) is not None) \
                or chunk.startswith(_APPROX_AFTER, end)
        yield Figure(start, end, value, unit, bool(approx))


# ---------------------------------------------------------------------------- percentages and shares

# 「占37.5%」「占比37.5%」「占总数的37.5%」「占收到申请总数的三成」. group den: the words naming the
# whole; approx: 约/近/超过… (vague: not compared); tail: 以上/多/左右 (vague too).
_SHARE = re.compile(r"占(?:比|比例)?(?:为|达)?(?P<den>[^\d%，。；]{0,14}?)的?"
                    r"(?P<approx>约|近|接近|将近|超过|逾|不到|不足|近乎)?"
                    r"(?P<v>\d+(?:\.\d+)?%|[一二三四五六七八九]成(?![一二三四五六七八九]))"
                    r"(?P<tail>以上|以下|左右|多|有余|上下)?")


@dataclass(frozen=True)
class Share:
    start: int
    end: int
    percent: Decimal  # as stated: 37.5 for 「37.5%」, 30 for 「三成」
    places: int  # the decimal places it is stated to: 1 for 37.5%, 0 for 37%, -1 for 三成 (tens)
    den: str  # the words naming the whole (may be empty)


def shares(chunk: str) -> list[Share]:
    """The shares a clause states (「占37.5%」「占总数的三成」); vague ones (「近三成」「30%以上」) are left out."""
    out = []
    for m in _SHARE.finditer(chunk):
        if m.group("approx") or m.group("tail"):
            continue
        v = m.group("v")
        if v.endswith("%"):
            d = Decimal(v[:-1])
            out.append(Share(m.start(), m.end(), d, max(0, -d.as_tuple().exponent), m.group("den")))
        else:
            out.append(Share(m.start(), m.end(), Decimal(_CN_DIGITS[v[0]] * 10), -1, m.group("den")))
    return out


# ---------------------------------------------------------------------------- normalisation


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(T2S)
    s = re.sub(r"\s+", "", s)
    return _THOUSANDS.sub("", s)  # thousands separators: 1,148件


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _without(items: list[int], drop: list[int]) -> list[int]:
    """``items`` without the positions ``drop`` (ascending), copied slice by slice."""
    out: list[int] = []
    prev = 0
    for d in drop:
        out += items[prev:d]
        prev = d + 1
    out += items[prev:]
    return out


@lru_cache(maxsize=8)
def norm_offsets(text: str) -> Sequence[int] | None:
    """For each character of ``_norm(text)``, the index in ``text`` it comes from, plus one entry
    for the end (len(text)); None where the text does not normalise character by character
    (composed sequences), so no position is claimed that could be wrong. Computed only for a
    paragraph with a finding; text that normalisation leaves alone (the usual case) maps to itself."""
    if _norm(text) == text:
        return range(len(text) + 1)
    wide = unicodedata.normalize("NFKC", text)
    if len(wide) == len(text) and all(len(unicodedata.normalize("NFKC", c)) == 1 for c in set(text)):
        # each character normalises to one (full-width forms, traditional characters): only the
        # removed spaces and thousands separators shift positions — kept positions taken as ranges
        wide = wide.translate(T2S)
        index = _without(list(range(len(wide))), [m.start() for m in re.finditer(r"\s", wide)])
        compact = re.sub(r"\s+", "", wide)
        index = _without(index, [m.start() for m in _THOUSANDS.finditer(compact)])
        return tuple(index) + (len(text),)
    joined, index = normalised_with_index(text)
    if joined != _norm(text):
        return None
    return tuple(index) + (len(text),)


def normalised_with_index(text: str) -> tuple[str, list[int]]:
    """``text`` as the checker reads it (NFKC, traditional → simplified, no spaces, no thousands
    separators) and, for each of its characters, the index in ``text`` it came from."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(T2S):
            if not c.isspace():
                chars.append(c)
                index.append(i)
    joined = "".join(chars)
    drop = {m.start() for m in _THOUSANDS.finditer(joined)}
    if drop:
        index = [x for k, x in enumerate(index) if k not in drop]
        joined = "".join(c for k, c in enumerate(joined) if k not in drop)
    return joined, index
