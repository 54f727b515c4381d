"""The limits of a report, one set for entry and for files: whatever can be saved can be loaded.

A report file is refused on load when it is larger than ``MAX_FILE_BYTES``. The text limits are
chosen so that a report within them can never reach that size, whatever the characters (the worst
case, control characters, takes 6 bytes each in JSON: see ``tests/core/test_limits.py``); numbers
are bounded in ``values`` (``MAX_COUNT``, ``MONEY_MAX``, ``MONEY_MAX_PLACES``).

The same checks run where a value enters (``Report.check_field``, ``Report.check``, the
acknowledgement dialog), when a file is loaded (the model's validators) and before a save writes
anything (``storage.save`` reloads what it is about to write).
"""

from __future__ import annotations

import re
from decimal import Decimal

MAX_FILE_BYTES = 20 * 1024 * 1024  # a report is ~50 KB; anything this large is not ours

MAX_SHORT_TEXT = 500  # 机关名称, 报告标题, 落款, 联系人, 电话, 拟稿/审核/签发 (characters each)
MAX_NARRATIVE_CHARS = 1_000_000  # 开头部分 and all 正文 sections together
MAX_PARAGRAPHS = 10_000  # paragraphs of 开头部分 and 正文 together
MAX_NOTE_CHARS = 2_000  # one 单元格备注
MAX_ACKNOWLEDGEMENTS = 200  # 警告说明 stored in one report
MAX_ACK_KEY_CHARS = 300
MAX_EXPLANATION_CHARS = 2_000  # one 说明
MAX_ACK_MESSAGE_CHARS = 4_000  # the warning text a 说明 was written for
MAX_DEVIATIONS = 100  # 与格式不一致之处 recorded by an import (each a short text)
MIN_YEAR, MAX_YEAR = 2008, 2100

_SURROGATE = re.compile("[\ud800-\udfff]")


class TextValueError(ValueError):
    """Text a field cannot hold. ``str(exc)`` is the Chinese message."""


def text_problem(text: object, max_chars: int) -> str | None:
    """Why ``text`` cannot be stored in a field of at most ``max_chars`` characters, or None."""
    if not isinstance(text, str):
        return "应为文字"
    if len(text) > max_chars:
        return f"过长（{len(text)} 字，最多 {max_chars} 字）"
    if _SURROGATE.search(text):
        return "含有无法识别的字符（不是有效的文字编码）"
    return None


def check_text(text: object, what: str, max_chars: int = MAX_SHORT_TEXT) -> str:
    """Return ``text`` if a field named ``what`` can hold it, else raise TextValueError."""
    problem = text_problem(text, max_chars)
    if problem:
        raise TextValueError(f"{what}{problem}。")
    return text  # type: ignore[return-value]


def check_paragraphs(paragraphs: list, what: str) -> None:
    """Paragraph lists (开头部分 / one section) on their own: text, no broken characters."""
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise TextValueError(f"{what}的段落过多（{len(paragraphs)} 段，最多 {MAX_PARAGRAPHS} 段）。")
    for p in paragraphs:
        check_text(p, what, MAX_NARRATIVE_CHARS)


def check_narrative_total(paragraph_lists) -> None:
    """All narrative text of a report together (开头部分 and every section)."""
    chars = paras = 0
    for paras_ in paragraph_lists:
        paras += len(paras_)
        chars += sum(len(p) for p in paras_)
    if paras > MAX_PARAGRAPHS:
        raise TextValueError(f"开头部分和正文的段落过多（共 {paras} 段，最多 {MAX_PARAGRAPHS} 段）。")
    if chars > MAX_NARRATIVE_CHARS:
        raise TextValueError(f"开头部分和正文过长（共 {chars} 字，最多 {MAX_NARRATIVE_CHARS} 字），"
                             "请删减后再保存。")


def check_deviations(items: list) -> None:
    """The deviations from the official form an import recorded (``Report.import_deviations``)."""
    if len(items) > MAX_DEVIATIONS:
        raise TextValueError(f"与格式不一致之处过多（{len(items)} 处，最多 {MAX_DEVIATIONS} 处）。")
    for item in items:
        check_text(item, "与格式不一致之处的说明")


def has_surrogates(text: str) -> bool:
    return bool(_SURROGATE.search(text))


# --------------------------------------------------------------------------- numbers

# Bounds checked before any conversion of a parsed number (int(), format(..., "f")): a figure
# like 1e-999999999 or 1e999999999 is a few bytes in a file but gigabytes once expanded.
MAX_DIGITS = 30
MAX_ADJUSTED = 30
MIN_EXPONENT = -30


def decimal_in_bounds(value: Decimal) -> bool:
    """A finite decimal whose digits and exponent are small enough to convert safely."""
    if not value.is_finite():
        return False
    sign, digits, exponent = value.as_tuple()
    return len(digits) <= MAX_DIGITS and MIN_EXPONENT <= exponent and value.adjusted() <= MAX_ADJUSTED  # type: ignore[operator]


def int_in_bounds(value: int) -> bool:
    return -10 ** MAX_DIGITS < value < 10 ** MAX_DIGITS


def shown_number(value: object) -> str:
    """A number for a message without expanding it (a short scientific form when it is huge)."""
    if isinstance(value, Decimal):
        if decimal_in_bounds(value):
            return format(value, "f")
        s = str(value)  # scientific notation for huge exponents: cheap
        return s if len(s) <= 24 else f"{s[:12]}…（共 {len(value.as_tuple().digits)} 位数字）"
    if isinstance(value, int) and not isinstance(value, bool):
        if int_in_bounds(value):
            return str(value)
        return f"（{value.bit_length() * 3 // 10} 位以上的数字）"
    return clip(str(value))


def clip(text: str, n: int = 30) -> str:
    """Text quoted in a message: at most ``n`` characters, broken characters replaced."""
    text = _SURROGATE.sub("\ufffd", text)
    return text if len(text) <= n else text[:n] + "…"
