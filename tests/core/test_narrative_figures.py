"""Reading figures from the narrative's text (core/narrative_text.py): exact values, boundaries."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gaic_desktop.core.narrative_text import _cn_int, _norm, _year, figures, norm_offsets, shares


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("一百零五", 105),
    ("一百一十", 110), ("两千零三", 2003), ("三万", 30000), ("十二万", 120000), ("一万二千", 12000),
    ("一万零五", 10005), ("二十万零三百", 200300), ("二〇二四", 2024), ("一〇五", 105), ("二○二○", 2020),
    ("二三", None), ("三四", None), ("〇五", None), ("零五", None),
])
def test_chinese_numerals(text, value):
    assert _cn_int(text) == value


def test_years_in_chinese_numerals():
    assert [_year(y) for y in ("2024", "二〇二四", "二零二四", "二○二四", "一九九九")] == [2024, 2024, 2024, 2024, 1999]


def test_figures_values_units_and_positions():
    fs = figures("收到申请一件，结转两件，共12件，收费1,5元，10.5万元，二十起")
    assert [(f.value, f.unit) for f in fs] == [(1, "件"), (2, "件"), (12, "件"), (5, "元"), (Decimal("10.5"), "万元"),
                                               (20, "起")]
    f = figures("共收到申请一百零五件")[0]
    assert (f.start, f.end, f.approx) == (5, 10, False)


@pytest.mark.parametrize("prefix", ["", "甲", "甲乙", "甲乙丙", "甲" * 5, "甲" * 8, "甲" * 9, "甲" * 13, "甲" * 16])
@pytest.mark.parametrize("word", ["约", "近", "超过", "逾", "不到", "不足", "不少于", "多达", "共计约"])
def test_approximating_words_wherever_the_figure_stands(prefix, word):
    (f,) = figures(f"{prefix}收到申请{word}150件")
    assert f.approx and f.value == 150
    (f,) = figures(f"{prefix}收到申请150件")
    assert not f.approx


def test_a_figure_of_up_to_24_characters_is_read():
    assert figures("1" * 24 + "件")[0].value == Decimal("1" * 24)
    assert figures("1" * 25 + "件") == []


def test_one_qi_is_together_but_one_jian_is_one():
    assert figures("与申请人一起沟通") == []
    assert [f.value for f in figures("收到申请一件")] == [1]
    assert [f.value for f in figures("发生两起")] == [2]


@pytest.mark.parametrize("text,percent,places,den", [
    ("占37.5%", Decimal("37.5"), 1, ""), ("占比37%", 37, 0, ""), ("占总数的三成", 30, -1, "总数"),
    ("占收到申请总数的92.30%", Decimal("92.30"), 2, "收到申请总数"), ("占100%", 100, 0, ""),
])
def test_shares(text, percent, places, den):
    (s,) = shares(text)
    assert (s.percent, s.places, s.den) == (percent, places, den)


def test_offsets_map_the_normalised_text_back():
    text = "收到 申請 1,148 件，占３７％"
    norm = _norm(text)
    assert norm == "收到申请1148件,占37%"
    off = norm_offsets(text)
    assert len(off) == len(norm) + 1 and off[-1] == len(text)
    assert [text[off[i]] for i in range(len(norm))] == list("收到申請1148件，占３７％")
    plain = "收到申请148件"
    assert list(norm_offsets(plain)) == list(range(len(plain) + 1))


def test_offsets_are_not_claimed_where_characters_compose():
    assert norm_offsets("申请e\u0301件") is None  # NFKC composes e + ◌́ into one character
    assert norm_offsets("申请\u0627\u0653件") is None  # alef + madda: composed to a lower code point
