"""Cell values: a number, blank, or "not applicable" — three distinct states.

* blank            -> ``None`` (printed blank, counted as 0 by the rules, flagged)
* not applicable   -> ``NA`` (the string ``"/"``, as printed in real reports)
* a count          -> ``int`` (≥ 0; ``signed`` cells such as 本年增/减 may be negative)
* money            -> ``decimal.Decimal`` in the cell's unit (never ``float``)

``parse_input`` turns what a user typed or pasted into a value, or raises ``CellValueError``
with a Chinese message. ``coerce_stored`` does the same for values read from a file.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Union

from .limits import clip, decimal_in_bounds, int_in_bounds, shown_number

NA = "/"
CellValue = Union[int, Decimal, str, None]  # str only ever NA

MAX_COUNT = 999_999_999
MONEY_MAX_PLACES = 6
MONEY_MAX = Decimal("999999999999")

_FULLWIDTH = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "。": ".", "－": "-", "−": "-", "—": "-", "＋": "+", "，": ",", "／": "/", "　": " ",
})
_INT_RE = re.compile(r"^[+-]?\d+$")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DEC_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
# Longer typed text is not a figure of the form (refused before any regex or conversion).
MAX_INPUT_CHARS = 60
# Digits (leading zeros aside) above which a typed number is out of range whatever the kind.
_MAX_INPUT_DIGITS = 13

KIND_HINT = {
    "count": "本栏填写不小于0的整数",
    "signed": "本栏填写整数，减少用负数表示（如 -8）",
    "money": "本栏填写金额数字（可带小数）",
}


class CellValueError(ValueError):
    """A value that a cell of this kind cannot hold. ``str(exc)`` is the Chinese message."""


def normalize_text(text: str) -> str:
    """Full-width digits and signs to ASCII, surrounding blanks removed."""
    return text.translate(_FULLWIDTH).strip()


def parse_input(kind: str, text: str, unit: str | None = None) -> CellValue:
    """Parse typed or pasted text for a cell of ``kind``. Empty text means blank."""
    raw = text
    if len(text) > MAX_INPUT_CHARS and len(text.strip()) > MAX_INPUT_CHARS:
        raise CellValueError(f"“{clip(text.strip())}”过长，不是一个数字：{KIND_HINT.get(kind, '')}")
    s = normalize_text(text)
    if s == "":
        return None
    if s == NA:
        return NA
    if unit and s.endswith(unit):
        s = s[: -len(unit)].strip()
    elif unit == "万元" and s.endswith("万"):
        s = s[:-1].strip()
    if _THOUSANDS_RE.match(s):
        s = s.replace(",", "")
    if kind in ("count", "signed"):
        if not _INT_RE.match(s):
            if _DEC_RE.match(s):
                raise CellValueError(f"“{clip(raw.strip())}”不是整数：{KIND_HINT[kind]}")
            raise CellValueError(f"“{clip(raw.strip())}”不是数字：{KIND_HINT[kind]}，不适用填“/”")
        if len(s.lstrip("+-").lstrip("0")) > _MAX_INPUT_DIGITS:
            raise CellValueError(f"“{clip(raw.strip())}”超出可填写的范围（最大 {MAX_COUNT}）")
        value = int(s)
        return check_value(kind, value)
    if kind == "money":
        if not _DEC_RE.match(s):
            raise CellValueError(f"“{clip(raw.strip())}”不是金额：{KIND_HINT[kind]}"
                                 + (f"，单位为{unit}" if unit else "") + "，不适用填“/”")
        try:
            value = Decimal(s)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            raise CellValueError(f"“{clip(raw.strip())}”不是金额") from None
        return check_value(kind, value)
    raise CellValueError(f"未知的单元格类型 {kind}")


def check_value(kind: str, value: CellValue) -> CellValue:
    """Validate an already-typed value for ``kind``; return it (normalised) or raise."""
    if value is None or value == NA:
        return None if value is None else NA
    if isinstance(value, bool):
        raise CellValueError("不是数字")
    # Bounded before any conversion or formatting (1e-999999999 would expand to gigabytes).
    if isinstance(value, Decimal) and not decimal_in_bounds(value):
        if not value.is_finite():
            raise CellValueError(f"“{shown_number(value)}”不是数字：{KIND_HINT.get(kind, '')}")
        if value.adjusted() >= 0 and not value.is_zero():
            raise CellValueError(f"{shown_number(value)} 超出可填写的范围")
        what = "小数位过多" if kind == "money" else "不是整数"
        raise CellValueError(f"{shown_number(value)} {what}：{KIND_HINT.get(kind, '')}")
    if isinstance(value, int) and not int_in_bounds(value):
        raise CellValueError(f"{shown_number(value)} 超出可填写的范围")
    if kind in ("count", "signed"):
        if isinstance(value, Decimal):
            if value != value.to_integral_value():
                raise CellValueError(f"{fmt_value(value)} 不是整数：{KIND_HINT[kind]}")
            value = int(value)
        if not isinstance(value, int):
            raise CellValueError(f"“{clip(str(value))}”不是整数：{KIND_HINT[kind]}")
        if kind == "count" and value < 0:
            raise CellValueError(f"{value} 是负数：{KIND_HINT[kind]}")
        if abs(value) > MAX_COUNT:
            raise CellValueError(f"{value} 超出可填写的范围（最大 {MAX_COUNT}）")
        return value
    if kind == "money":
        if isinstance(value, int):
            value = Decimal(value)
        if not isinstance(value, Decimal) or not value.is_finite():
            raise CellValueError(f"“{clip(str(value))}”不是金额：{KIND_HINT[kind]}")
        if value < 0:
            raise CellValueError(f"{fmt_value(value)} 是负数：金额不能小于0")
        if value > MONEY_MAX:
            raise CellValueError(f"{fmt_value(value)} 超出可填写的范围")
        if -value.as_tuple().exponent > MONEY_MAX_PLACES:
            raise CellValueError(f"{fmt_value(value)} 小数位过多（最多{MONEY_MAX_PLACES}位）")
        return value
    raise CellValueError(f"未知的单元格类型 {kind}")


def coerce_stored(kind: str, raw: object) -> CellValue:
    """A value as read from a report file (JSON): int, decimal string, "/", or null."""
    if type(raw) is int and kind == "count" and 0 <= raw <= MAX_COUNT:
        return raw  # the common case, as check_value would return it (a 汇总 reads ~400,000)
    if raw is None or raw == NA:
        return raw
    if isinstance(raw, bool):
        raise CellValueError("文件中的单元格值不是数字")
    if isinstance(raw, (int, Decimal)):
        return check_value(kind, raw)
    if isinstance(raw, float):
        # Only reached when JSON was parsed without parse_float=Decimal.
        return check_value(kind, Decimal(repr(raw)))
    if isinstance(raw, str) and kind == "money" and len(raw) <= MAX_INPUT_CHARS and _DEC_RE.match(raw.strip()):
        return check_value(kind, Decimal(raw.strip()))
    if isinstance(raw, str):
        raise CellValueError(f"文件中的单元格值“{clip(raw)}”无效")
    raise CellValueError("文件中的单元格值无效（应为数字、“/”或空白）")


def fmt_value(value: CellValue) -> str:
    """How a value is shown to the user (blank is the empty string)."""
    if value is None:
        return ""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return shown_number(value)
    return str(value)


def num(value: CellValue) -> int | Decimal:
    """The value the rules compute with: blank and "/" count as 0."""
    if value is None or value == NA:
        return 0
    return value  # type: ignore[return-value]
