from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from gaic_desktop.core.values import NA, CellValueError, fmt_value, parse_input


@pytest.mark.parametrize("kind,text,expected", [
    ("count", "12", 12), ("count", " 12 ", 12), ("count", "１２３", 123), ("count", "0", 0),
    ("count", "", None), ("count", "  ", None), ("count", "/", NA), ("count", "／", NA),
    ("count", "1,234", 1234), ("signed", "-3", -3), ("signed", "－8", -8), ("signed", "+5", 5),
    ("money", "17474.57", Decimal("17474.57")), ("money", "0.35", Decimal("0.35")),
    ("money", "１４６７５．９４", Decimal("14675.94")), ("money", "14675.94万", Decimal("14675.94")),
    ("money", "96171.6万元", Decimal("96171.6")), ("money", "316441", Decimal("316441")),
])
def test_parse_accepts(kind, text, expected):
    v = parse_input(kind, text, "万元" if kind == "money" else None)
    assert v == expected and type(v) is type(expected)


@pytest.mark.parametrize("kind,text,fragment", [
    ("count", "abc", "不是数字"), ("count", "12a", "不是数字"), ("count", "1.5", "不是整数"),
    ("count", "1。5", "不是整数"),
    ("count", "-1", "负数"), ("money", "-0.5", "负数"), ("money", "1e3", "不是金额"),
    ("money", "NaN", "不是金额"), ("count", "66(招投标)+847(电子商城)", "不是数字"),
    ("count", "9999999999", "超出"), ("money", "1.1234567", "小数位"), ("signed", "--2", "不是数字"),
])
def test_parse_rejects_with_chinese_message(kind, text, fragment):
    with pytest.raises(CellValueError) as exc:
        parse_input(kind, text, "万元" if kind == "money" else None)
    assert fragment in str(exc.value)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_count_roundtrip(n):
    assert parse_input("count", fmt_value(n)) == n


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_money_roundtrip_is_exact(d):
    assert parse_input("money", fmt_value(d), "万元") == d


@given(st.text(max_size=12))
def test_parse_never_raises_anything_else(text):
    for kind in ("count", "signed", "money"):
        try:
            parse_input(kind, text, "万元")
        except CellValueError:
            pass
