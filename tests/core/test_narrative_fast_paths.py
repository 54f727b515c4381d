"""X-1's fast paths read what the plain definitions read: the keyword pre-filter by first character,
the figures found once per sentence, the approximate-word pre-check, identity-compared statements
and the garbage-collector pause (bench/bench_core.py --narrative measures them)."""

from __future__ import annotations

import gc
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gaic_desktop.core import evaluate, load
from gaic_desktop.core.narrative_read import _CHUNK_SPLIT, _T3_KEYS, Statement, _first_chars, _t3_keys_in
from gaic_desktop.core.narrative_text import _APPROX, _APPROX_LAST, figures, iter_figures
from tests.conftest import SAMPLES

_FILLER = st.text(alphabet="本机关共收到其中自然人上年结转申请件，。、的了和及政府信息公开办理完毕0123456789一二十百", max_size=12)


@pytest.mark.parametrize("pattern, chars", [
    (r"自然人", {"自"}),
    (r"上一?年度?结转|结转上年", {"上", "结"}),
    (r"(?:未|没有)?收到", {"未", "没", "收"}),
    (r"(?<![法需])(?:无|没有)申请", {"无", "没"}),
    (r"[甲乙]丙", {"甲", "乙"}),
])
def test_first_chars_of_a_pattern(pattern, chars):
    assert _first_chars(pattern) == chars


@pytest.mark.parametrize("pattern", [r"a?", r".b", r"[^a]b", r"[a-z]b", r"\d件", r"(?:x|)y?"])
def test_first_chars_unknown_is_none(pattern):
    assert _first_chars(pattern) is None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_keyword_that_matches_is_tried(data):
    i = data.draw(st.integers(0, len(_T3_KEYS) - 1))
    rx, key = _T3_KEYS[i]
    text = data.draw(_FILLER) + data.draw(st.from_regex(rx, fullmatch=True)) + data.draw(_FILLER)
    tried = _t3_keys_in(text)
    assert key in [k for _, k in tried]
    # the same order, and every key that matches is among those tried
    assert [k for _, k in tried] == [k for _, k in _T3_KEYS if k in {k2 for _, k2 in tried}]
    assert {k for r, k in _T3_KEYS if r.search(text)} <= {k for _, k in tried}


@given(st.from_regex(re.compile(_APPROX.pattern.rstrip("$")), fullmatch=True))
def test_approximate_words_end_in_a_listed_character(word):
    assert word[-1] in _APPROX_LAST


_PIECES = st.sampled_from(["12件", "3起", "一百零五件", "两件", "十二件", "零件", "一起", "第一件", "每一件", "无一件",
                           "没有发生一件", "约", "近", "超过", "共计约", "不到", "不足", "不少于", "多达", "左右", "以上",
                           "余", "多", "5500余条", "35项", "1.5万元", "件", "一件一档", "二〇二四年", "，", "。", "；",
                           "、", "（", "）", ":", "收到", "申请", "其中", "结转"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_figures_of_a_sentence_are_those_of_its_clauses(sentence):
    per_clause = []
    pos = 0
    for chunk in _CHUNK_SPLIT.split(sentence):
        start = sentence.find(chunk, pos)
        pos = start + len(chunk)
        per_clause += [f._replace(start=f.start + start, end=f.end + start) for f in figures(chunk)]
    assert list(iter_figures(sentence)) == per_clause


def test_statements_are_compared_by_identity_and_immutable():
    a = Statement("s3", "new", Decimal(12), "件", "收到12件")
    b = Statement("s3", "new", Decimal(12), "件", "收到12件")
    assert a == a and a != b and len({a, b}) == 2
    with pytest.raises(AttributeError):
        a.topic = "handled"  # type: ignore[misc]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled):
    report = load(SAMPLES / "hanyang-2020.gaic.json")
    report.sections["s3"] = ["2020年本机关收到政府信息公开申请999件。"]
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert any(f.rule_id == "X-1" for f in evaluate(report))
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


@pytest.mark.parametrize("words", ["没有发生", "未发生", "任何", "第", "无"])
def test_no_count_words_are_seen_before_a_numeral_after_a_long_clause(words):
    # the words are looked for in a bounded window before the numeral (a megabyte clause stays linear)
    assert figures("本机关" * 50 + words + "一件") == []
    assert [f.value for f in figures("本机关" * 50 + "收到一件")] == [Decimal(1)]


def _fields(statements):
    return [tuple(s) for s in statements]


def test_a_keystroke_reads_only_its_paragraph_again():
    from gaic_desktop.core.narrative import _texts
    from gaic_desktop.core.narrative_read import _paragraph_statements, parse_statements

    report = load(SAMPLES / "hanyang-2020.gaic.json")
    evaluate(report)
    misses = _paragraph_statements.cache_info().misses
    paras = report.sections["s2"]
    paras[3] = paras[3] + "字"
    cached = parse_statements(_texts(report), report.year)
    assert _paragraph_statements.cache_info().misses == misses + 1
    # a paragraph inserted before: the ones after it move, and are placed anew
    report.sections["s2"] = ["2020年本机关收到政府信息公开申请999件。"] + paras
    moved = parse_statements(_texts(report), report.year)
    assert any(s.para == 0 and s.section == "s2" for s in moved) and cached
    parse_statements.cache_clear()
    assert _fields(parse_statements(_texts(report), report.year)) == _fields(moved)
    report.sections["s2"] = paras
    parse_statements.cache_clear()
    assert _fields(parse_statements(_texts(report), report.year)) == _fields(cached)
