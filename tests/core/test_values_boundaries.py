"""Exact boundaries of what a cell accepts, as a user meets them when typing: the last value
accepted and the first refused, with the Chinese message. Written against the limits the form
and docs/core-api.md promise (money: up to 6 decimals, at most 999999999999; counts: at most
999999999; typed text: at most 60 characters), not against the code's constants."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gaic_desktop.core.values import (NA, CellValueError, check_value, coerce_stored, fmt_value,
                                      normalize_text, num, parse_input)


def refused(kind: str, text: str) -> str:
    with pytest.raises(CellValueError) as exc:
        parse_input(kind, text)
    return str(exc.value)


def test_money_with_exactly_six_decimals_is_accepted_and_seven_refused():
    assert parse_input("money", "0.123456") == Decimal("0.123456")
    assert parse_input("money", "12.000001") == Decimal("12.000001")
    assert refused("money", "0.1234567") == "0.1234567 小数位过多（最多6位）"
    assert refused("money", "12.0000001") == "12.0000001 小数位过多（最多6位）"


def test_money_up_to_twelve_integer_digits():
    assert parse_input("money", "999999999999") == Decimal("999999999999")
    assert parse_input("money", "999999999999.000000") == Decimal("999999999999")
    assert refused("money", "999999999999.000001") == "999999999999.000001 超出可填写的范围"
    assert refused("money", "1000000000000") == "1000000000000 超出可填写的范围"


def test_counts_up_to_nine_digits():
    assert parse_input("count", "999999999") == 999_999_999
    assert parse_input("signed", "-999999999") == -999_999_999
    assert refused("count", "1000000000") == "1000000000 超出可填写的范围（最大 999999999）"
    # up to 13 digits the number is read and then refused; 14 digits are refused on their
    # length, before any conversion, quoting what was typed
    assert refused("count", "1111111111111") == "1111111111111 超出可填写的范围（最大 999999999）"
    assert refused("count", "11111111111111") == "“11111111111111”超出可填写的范围（最大 999999999）"


def test_typed_text_up_to_sixty_characters():
    assert parse_input("count", "0" * 59 + "1") == 1  # exactly 60 characters
    assert refused("count", "0" * 60 + "1").endswith("过长，不是一个数字：本栏填写不小于0的整数")
    # blanks around a short figure do not count towards the limit
    assert parse_input("count", " " * 60 + "5") == 5
    assert parse_input("count", "5" + " " * 70) == 5


def test_blank_and_not_applicable_pass_through_the_check():
    for kind in ("count", "signed", "money"):
        assert check_value(kind, None) is None
        assert check_value(kind, NA) == NA


def test_blank_and_not_applicable_count_as_zero_in_the_rules():
    assert num(None) == 0 and num(NA) == 0
    assert num(7) == 7 and num(Decimal("1.5")) == Decimal("1.5")


def test_a_tiny_decimal_with_too_many_digits_is_named_for_what_it_is():
    tiny = Decimal("0." + "1" * 35)  # beyond the safe size: refused before conversion
    with pytest.raises(CellValueError, match="小数位过多"):
        check_value("money", tiny)
    with pytest.raises(CellValueError, match="不是整数"):
        check_value("count", tiny)


def test_a_count_stored_as_text_is_invalid_but_money_as_text_is_read():
    with pytest.raises(CellValueError, match="文件中的单元格值“12”无效"):
        coerce_stored("count", "12")
    assert coerce_stored("money", "12.5") == Decimal("12.5")


def test_an_unknown_cell_kind_is_refused():
    for kind in ("text", "amount"):  # sorting before and after "money"
        for call in (lambda: check_value(kind, 5), lambda: parse_input(kind, "5")):
            with pytest.raises(CellValueError, match=f"未知的单元格类型 {kind}"):
                call()


def test_money_read_from_a_file_up_to_sixty_characters():
    sixty = "0" * 56 + "1.25"
    assert len(sixty) == 60 and coerce_stored("money", sixty) == Decimal("1.25")
    with pytest.raises(CellValueError, match="无效"):
        coerce_stored("money", "0" + sixty)


def test_money_accepts_a_whole_number_and_refuses_what_is_not_a_number():
    v = check_value("money", 5)
    assert v == Decimal(5) and isinstance(v, Decimal)
    for bad in ("abc", 1.5):
        with pytest.raises(CellValueError, match="不是金额"):
            check_value("money", bad)


def test_how_values_are_shown():
    assert fmt_value(None) == ""
    assert fmt_value(NA) == "/"
    assert fmt_value(5) == "5" and fmt_value(-8) == "-8"
    assert fmt_value(Decimal("1.50")) == "1.50"


def test_every_full_width_digit_is_read_as_its_ascii_digit():
    assert parse_input("count", "９８７６５４３２１") == 987_654_321
    assert parse_input("count", "０") == 0
    # the typing filter (ui/cell_delegate.allowed_char) and paste compare the normalised text
    # with ASCII digits: every full-width digit must come out as its ASCII digit
    assert normalize_text("　０１２３４５６７８９　") == "0123456789"
    assert parse_input("money", "１２．５万元", "万元") == Decimal("12.5")
    # the full-width colon right after the digits is not a digit
    with pytest.raises(CellValueError, match="不是数字"):
        parse_input("count", "３：")


def test_a_whole_decimal_is_a_count_and_a_fraction_is_not():
    assert check_value("count", Decimal("3")) == 3 and type(check_value("count", Decimal("3"))) is int
    assert check_value("signed", Decimal("-3.000")) == -3
    with pytest.raises(CellValueError, match="3.5 不是整数"):
        check_value("count", Decimal("3.5"))


def test_a_signed_cell_calls_a_tiny_decimal_not_an_integer():
    with pytest.raises(CellValueError, match="不是整数"):
        check_value("signed", Decimal("0." + "1" * 35))


def test_a_figure_of_exactly_sixty_characters_with_blanks_around_it_is_read():
    padded = " " + "0" * 59 + "1" + "  "  # 63 characters, 60 once the blanks are removed
    assert parse_input("count", padded) == 1
    assert refused("count", " " + "0" * 60 + "1 ").endswith("过长，不是一个数字：本栏填写不小于0的整数")


def test_wan_is_dropped_only_for_a_cell_in_ten_thousand_yuan():
    assert parse_input("money", "12.5万", "万元") == Decimal("12.5")
    assert parse_input("money", "12.5万元", "万元") == Decimal("12.5")
    assert refused("count", "12万") == "“12万”不是数字：本栏填写不小于0的整数，不适用填“/”"
    with pytest.raises(CellValueError, match="不是金额"):
        parse_input("money", "12万", "元")


def test_a_refused_amount_names_the_cells_unit_only_when_it_has_one():
    with pytest.raises(CellValueError) as exc:
        parse_input("money", "十二", "万元")
    assert str(exc.value) == "“十二”不是金额：本栏填写金额数字（可带小数），单位为万元，不适用填“/”"
    assert refused("money", "十二") == "“十二”不是金额：本栏填写金额数字（可带小数），不适用填“/”"


@pytest.mark.parametrize("text", ["2.2", "2.4", "-7.1", "0.3"])
def test_a_fraction_below_its_rounded_value_is_not_a_count(text):
    # Decimal rounds 2.2 down to 2: the fraction must still be refused, not truncated
    for kind in ("count", "signed"):
        if kind == "count" and text.startswith("-"):
            continue
        with pytest.raises(CellValueError, match=f"{text} 不是整数"):
            check_value(kind, Decimal(text))


def test_blank_and_not_applicable_read_from_a_file_stay_what_they_are():
    for kind in ("count", "signed", "money"):
        assert coerce_stored(kind, None) is None
        assert coerce_stored(kind, NA) == NA


def test_a_signed_cell_stored_as_text_is_invalid():
    # only money is ever written as a decimal string; a signed count as text is a broken file
    with pytest.raises(CellValueError, match="文件中的单元格值“-12”无效"):
        coerce_stored("signed", "-12")
    with pytest.raises(CellValueError, match="文件中的单元格值“12”无效"):
        coerce_stored("signed", "12")


def test_an_amount_read_in_exponent_form_is_shown_in_plain_digits():
    # JSON read with parse_float=Decimal keeps 1E+2 as written; the user sees 100
    value = coerce_stored("money", Decimal("1E+2"))
    assert value == 100 and fmt_value(value) == "100"
    assert fmt_value(Decimal("2.5E+3")) == "2500"
