"""X-8, the text lint (core/lint.py): what it finds, what it leaves alone, and that its fixes
are exact — applied all at once, linting again finds nothing; only punctuation and spaces in
the reported spans change."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from gaic_desktop.core.lint import apply_fixes, is_cjk, lint_paragraph

FIXED = [
    ("本机关,依法公开", "本机关，依法公开"),
    ("地址、联系方式等, 并及时更新", "地址、联系方式等，并及时更新"),
    ("主要包括:一是", "主要包括：一是"),
    ("是否公开?请核实!", "是否公开？请核实！"),
    ("信息(包括文件)等", "信息（包括文件）等"),
    ("信息 (包括文件) 等", "信息（包括文件）等"),
    ("A,(中文)", "A，（中文）"),  # the comma is Chinese once the parenthesis is
    ("标准(GB/T 9704)规定", "标准（GB/T 9704）规定"),
    ("1. 加强组织领导。", "1.加强组织领导。"),
    ("一、 总体情况", "一、总体情况"),
    ("(一) 主动公开情况", "（一）主动公开情况"),
    ("(1)政府网站", "（1）政府网站"),
    ("包括:1. 网站;2. 微博", "包括：1.网站；2.微博"),
    ("联系电话:027-84561234", "联系电话：027-84561234"),
]

KEPT = [
    "共1,234件",  # a number
    "上午9:30开始",
    "Word, Excel",  # a Latin run
    "鄂政办发(2019)12号",  # a year in a document number (its form is 〔2019〕: not ours to guess)
    "详见 http://www.hanyang.gov.cn/a?b=1,2 。",
    "http://a.cn/b?c=1,2;(1),",  # 「;(1)」 inside an address is no list number (hypothesis found it)
    "详见 http://gk.hanyang.gov.cn/list;(2)/a 。",
    "邮箱gk@hanyang.gov.cn。",
    "1.加强组织领导。",
    "（一）主动公开情况",
    "本机关，依法公开",
    "PDF(A4)",
]


@pytest.mark.parametrize("text, fixed", FIXED)
def test_fixes(text, fixed):
    fixes = lint_paragraph(text)
    assert fixes and apply_fixes([text], fixes) == [fixed]


@pytest.mark.parametrize("text", KEPT)
def test_left_alone(text):
    assert lint_paragraph(text) == []


def test_context_around_a_number_still_counts():
    (fix,) = lint_paragraph("共计15,新增3件")
    assert (fix.found, fix.replacement, fix.what) == (",", "，", "半角逗号“,”")


def test_a_changed_text_is_refused():
    (fix,) = lint_paragraph("本机关,依法")
    with pytest.raises(ValueError):
        fix.apply("本机关。依法")


# ---------------------------------------------------------------- properties

_PIECES = st.sampled_from([
    "本", "机关", "公开", "信息", "年", "一", "二", "十", "，", "。", "；", "、", "（", "）", "“", "”", "《", "》",
    ",", ";", ":", "?", "!", "(", ")", ".", " ", "  ", "\u3000", "\t",
    "1", "23", "2019", "1,234", "9:30", "a", "Word", "GB/T", "-", "@", "x.cn", "http://a.cn/b?c=1,2",
    "gk@a.gov.cn", "1. ", "一、 ", "(一) ", "(1)", "(2019)", "：", "+", "%",
])
texts = st.lists(_PIECES, max_size=30).map("".join)


def _kept(text: str) -> str:
    """What a fix may never change: letters, digits and hanzi, in order."""
    return "".join(c for c in text if c.isalnum() or (is_cjk(c) and c.isalpha()))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_fixing_everything_leaves_nothing_to_fix(text):
    fixed = apply_fixes([text], lint_paragraph(text))[0]
    assert lint_paragraph(fixed) == []


@settings(max_examples=400, deadline=None)
@given(texts)
def test_fixes_only_touch_punctuation_and_spaces_in_their_spans(text):
    fixes = lint_paragraph(text)
    ends = 0
    for f in fixes:
        assert ends <= f.start < f.end <= len(text)  # ordered, never overlapping
        ends = f.end
        assert text[f.start:f.end] == f.found != f.replacement
        assert _kept(f.found) == _kept(f.replacement)  # no digit, letter or hanzi changes
        assert all(not c.isalnum() for c in f.replacement if c not in f.found)
    fixed = apply_fixes([text], fixes)[0]
    assert _kept(fixed) == _kept(text)
    # outside the spans the text is the same: rebuild it from the untouched pieces
    rebuilt, pos = [], 0
    for f in fixes:
        rebuilt += [text[pos:f.start], f.replacement]
        pos = f.end
    assert "".join(rebuilt) + text[pos:] == fixed


@settings(max_examples=300, deadline=None)
@given(texts)
def test_each_fix_alone_is_exact(text):
    """One fix applied by itself (the editor's 修正) changes only its span."""
    for f in lint_paragraph(text):
        one = f.apply(text)
        assert one[:f.start] == text[:f.start] and one[f.start + len(f.replacement):] == text[f.end:]


def test_no_halfwidth_mark_between_hanzi_survives():
    text = "本机关,依法;公开:信息?是!的(括号)"
    fixed = apply_fixes([text], lint_paragraph(text))[0]
    assert not re.search(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]", fixed)
