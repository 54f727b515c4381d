"""The statements of the narrative: which figure of the prose names which table figure (rule X-1,
``core/narrative.py``). Sentences are split into clauses; a figure's clause and the words before it
decide its topic (applications, outcomes, reviews, lawsuits, documents, fees)."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from .narrative_text import _NUMBER, _YEAR_MENTION, _norm, _year, figures, iter_figures, shares

_D = [f"d{i}" for i in range(1, 9)]
_U = ["u1", "u2", "u3"]
_N = [f"n{i}" for i in range(1, 6)]

_T3_TOPICS = frozenset(
    ["new", "carried_in", "carried_out", "handled", "r_open", "r_partial", "open_partial", "d_sum", "u_sum", "n_sum",
     "o_sum", "natural", "org", "o1", "o2"] + _D + _U + _N)

# Keywords, most specific first; the first that occurs in the clause names the figure.
_T3_KEYS: list[tuple[re.Pattern, str]] = [(re.compile(p), k) for p, k in [
    (r"予以公开(?:及|和|与|、|以及)部分公开", "open_partial"),
    (r"部分公开", "r_partial"), (r"予以公开|同意公开|全部公开", "r_open"),
    (r"国家秘密", "d1"), (r"法律、?行政法规禁止", "d2"), (r"三安全一稳定", "d3"), (r"第三方合法权益", "d4"),
    (r"内部事务", "d5"), (r"过程性信息", "d6"), (r"行政执法案卷", "d7"), (r"行政查询", "d8"),
    (r"不予公开", "d_sum"),
    (r"不掌握", "u1"), (r"另行制作|需要制作|现成信息", "u2"), (r"补正后|仍不明确", "u3"), (r"无法提供", "u_sum"),
    (r"信访|举报投诉", "n1"), (r"重复申请", "n2"), (r"公开出版物", "n3"), (r"大量反复", "n4"),
    (r"重新出具", "n5"), (r"不予处理", "n_sum"),
    (r"逾期不补正|不补正", "o1"), (r"收费通知|缴纳费用", "o2"), (r"其他处理", "o_sum"),
    (r"自然人", "natural"), (r"法人或其他组织|法人和其他组织", "org"),
    (r"上一?年度?结转|结转上年", "carried_in"),
    (r"结转(?:至|到)?(?:下一?年|\d{4}年)|顺延(?:至|到)(?:下一?年|\d{4}年)|转入下一?年|下一?年度继续办理", "carried_out"),
    (r"新收|收到|受理|接收|接到|共收", "new"),
    (r"办理|答复|办结|处理完毕|完成", "handled"),
]]
_KEY_RX = {k: rx for rx, k in _T3_KEYS}


def _first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None when they are not a known set
    (any character, a negated class or range, a pattern that may match the empty string)."""
    from re import _constants as c, _parser  # the parser of the standard library's re (Python 3.11+)

    def seq(items) -> tuple[set[str] | None, bool]:
        out: set[str] = set()
        for op, av in items:
            if op is c.LITERAL:
                return out | {chr(av)}, False
            if op is c.IN:
                if any(o is not c.LITERAL for o, _ in av):
                    return None, True
                return out | {chr(v) for _, v in av}, False
            if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
                continue  # zero width
            if op is c.SUBPATTERN:
                sub, nullable = seq(av[-1])
            elif op is c.BRANCH:
                parts = [seq(b) for b in av[1]]
                if any(chars is None for chars, _ in parts):
                    return None, True
                sub, nullable = set().union(*(chars for chars, _ in parts)), any(n for _, n in parts)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                sub, nullable = seq(av[2])
                nullable = nullable or av[0] == 0
            else:
                return None, True
            if sub is None:
                return None, True
            out |= sub
            if not nullable:
                return out, False
        return out, True

    chars, nullable = seq(_parser.parse(pattern))
    return None if chars is None or nullable else frozenset(chars)


# Which _T3_KEYS can match in a text, from the characters it holds: most clauses hold the first
# character of only a few keywords, and each key is searched for only where it can match.
_T3_BY_CHAR: dict[str, list[int]] = {}
_T3_ALWAYS: list[int] = []
for _i, (_rx, _) in enumerate(_T3_KEYS):
    _chars = _first_chars(_rx.pattern)
    if _chars is None:
        _T3_ALWAYS.append(_i)
    else:
        for _ch in _chars:
            _T3_BY_CHAR.setdefault(_ch, []).append(_i)
_T3_FIRST = frozenset(_T3_BY_CHAR)


def _t3_keys_in(text: str) -> tuple[tuple[re.Pattern, str], ...]:
    """The _T3_KEYS that may match in ``text``, in their order (a superset of those that do)."""
    return _t3_keys_for(_T3_FIRST.intersection(text))


@lru_cache(maxsize=1024)
def _t3_keys_for(chars: frozenset[str]) -> tuple[tuple[re.Pattern, str], ...]:
    found = set(_T3_ALWAYS)
    for ch in chars:
        found.update(_T3_BY_CHAR[ch])
    return tuple(_T3_KEYS[i] for i in sorted(found))
# The item rows of table 三 under each group: 「不予公开35件」 is the sum of （三）'s rows.
_GROUP_OF = {**{k: "d_sum" for k in _D}, **{k: "u_sum" for k in _U}, **{k: "n_sum" for k in _N},
             "o1": "o_sum", "o2": "o_sum"}
_CARRY_OUT_WORDS = re.compile(r"结转(?:至|到)?下一?年|顺延|转入下一?年|下一?年度继续办理|尚在办理|正在办理")
_DIRECT = re.compile(r"未经复议直接起诉|直接(?:向法院)?(?:提起)?(?:起诉|诉讼)")
_AFTER_REVIEW = re.compile(r"复议后(?:提起)?(?:起诉|诉讼)")
_LIT = re.compile(r"行政诉讼|起诉|诉讼")
_REVIEW = re.compile(r"行政复议|复议")
_SUBSCOPE = re.compile(r"(?:区|市|县|旗)政府办|政府办公室|代表(?:区|市|县)政府|(?:区|市|县)政府(?:本级)?(?:共)?受理|"
                       r"本级|各街道|街道|乡镇|各镇|镇街|镇\(街\)|各部门|部门共|各单位|其中[^，,]{0,6}(?:局|委|办)")
# Context around a figure that its keywords are looked for in. Real clauses are far shorter;
# the window only keeps a clause of a megabyte (no punctuation) linear.
_WINDOW = 400
# A clause quoted in a message is cut to this length.
_QUOTE_CHARS = 200
# Which units a figure of each kind can have: applications and cases are counted in 件 (「8个工作日」
# 「培训3次」「35项」 are something else).
_APP_UNITS = ("件",)
_CASE_UNITS = ("件", "起", "宗")
# A clause about another year (「比上年收到的126件」「同比」), about channels (「通过信函方式收到20件」)
# or about other things handled (人大代表建议, 群众留言) does not state this year's table figure.
_OTHER_YEAR = re.compile(r"上一?年|去年|前年|同比|往年|历年|累计")
_CARRY_IN_WORDS = re.compile(r"上一?年度?结转|结转上一?年度?")
_CHANNEL = re.compile(r"信函|网上|网络|在线|当面|现场|传真|电子邮件|邮寄|方式|渠道|平台")
# Review and litigation figures: only where the sentence is about 政府信息公开 (or in part 四);
# 「主动公开行政复议决定书10件」「庭审旁听2次」「应诉培训」 are other things.
_T4_NOT = re.compile(r"决定书|旁听|培训|庭审|应诉|讲座|案例|学习")
_GIP = re.compile(r"政府信息公开|信息公开")
_OTHER_SUBJECT = re.compile(r"建议|提案|留言|来信|来电|热线|咨询|信箱|诉求|工单")
_CHUNK_SPLIT = re.compile(r"[，；。：:,;（）()、！？]")
_SENT_SPLIT = re.compile(r"(?<=[。；！？])")


# Immutable (a tuple: a 1 MB paragraph makes 80,000 of them, and a frozen dataclass costs three times
# as much to build), compared and hashed by identity: parse_statements returns the same objects for
# the same text, and the per-keystroke _plan cache then hashes 20-odd ids instead of every field of each.
class Statement(NamedTuple):
    section: str  # "preface" or s1..s6
    topic: str
    value: Decimal
    unit: str
    text: str  # the clause as printed (spaces removed), for the message
    # "eq": value equals the cells; "all_kept": 均获维持; "zero": 未发生…; "all_done": 均已按期答复 /
    # 已全部办结 (nothing carried into next year); "share": value is a percentage of the cells
    kind: str = "eq"
    # eq: other topics whose figure is accepted too (「本机关不掌握相关政府信息无法提供70件」 is item 1
    # or all of （四）); share: the topics the whole may be
    alt: tuple[str, ...] = ()
    places: int = 0  # share: the decimal places it is stated to (-1: 「三成」, to tens)
    para: int = -1  # the paragraph (index in its section) …
    start: int = 0  # … and the quoted text's span in the normalised paragraph (see narrative_text.norm_offsets)
    end: int = 0

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__


def _parse_paragraph(section: str, para: str, out: list[Statement], year: int | None = None,
                     index: int = -1) -> None:
    """Statements of one paragraph. The subject (applications, review, litigation) is decided per
    sentence: a paragraph may speak of applications in one sentence and of 人大代表建议 in the next.

    Linear in the paragraph's length: what depends on the clause only is computed once per clause,
    what depends on a figure's position looks at a bounded window around it."""
    text = _norm(para)
    carried_out_named = bool(_CARRY_OUT_WORDS.search(text))
    offset = 0
    for sentence in _SENT_SPLIT.split(text):
        s0 = offset
        offset += len(sentence)
        if not sentence:
            continue
        _sentence(section, sentence, out, year, carried_out_named, index, s0)


def _sentence(section: str, sentence: str, out: list[Statement], year: int | None, carried_out_named: bool,
              para: int, s0: int) -> None:
    """Statements of one sentence; ``para`` and ``s0`` (the sentence's start in its normalised
    paragraph) place them (Statement.para/start/end)."""
    # Most sentences state nothing: each kind of statement is first looked for in the whole
    # sentence with one search (this runs on every keystroke in the editor).
    # A one-character class is searched far faster than an alternation of words.
    negated = _NEG_CHAR.search(sentence) is not None
    if _ALL_KEPT.search(sentence) or (negated and _NONE_RE.search(sentence)):
        _claims(section, sentence, out, para, s0)
    has_figure = "占" in sentence or (_UNIT_CHAR.search(sentence) is not None and _NUMBER.search(sentence) is not None)
    has_words = (negated or "已" in sentence or "全部" in sentence) and _ZERO_OR_DONE.search(sentence) is not None
    if not (has_figure or has_words):
        return
    about_apps = "申请" in sentence or (section == "s3" and not _OTHER_SUBJECT.search(sentence))
    about_cases = section == "s4" or bool(_GIP.search(sentence))
    years = _YearsBefore(sentence) if year is not None else None
    if about_apps and has_words:
        _zeros(section, sentence, out, years, year, para, s0)
        _all_done(section, sentence, out, years, year, carried_out_named, para, s0)
    if not has_figure:
        return
    ctx = None  # "rv" | "lit": the case kind named last in this sentence
    last = None  # the last figure's statement in this sentence (what a share 「占37.5%」 is of)
    pos = 0
    # The figures, found once in the sentence: a figure never spans punctuation, and what decides
    # whether it is one looks only at its own clause (narrative_text.figures). Sentence positions.
    # One at a time: a megabyte sentence has 80,000 of them, and a list of them all (objects the
    # garbage collector tracks) made it scan the heap twice as often.
    figs = iter_figures(sentence)
    fig = next(figs, None)
    for chunk in _CHUNK_SPLIT.split(sentence):
        start = sentence.find(chunk, pos)
        pos = start + len(chunk)
        lit = _LIT.search(chunk) is not None
        review = not lit and _REVIEW.search(chunk) is not None
        if lit:
            ctx = "lit"
        elif review:
            ctx = "rv"
        other_year_words = None
        here = []
        while fig is not None and fig.start < pos:
            here.append(fig)
            fig = next(figs, None)
        for f in here:
            if f.approx:
                continue  # 约/近/超过/余/左右 N件: not compared
            fs, fe = f.start - start, f.end - start  # in the clause
            before = chunk[max(0, fs - _WINDOW): fs]
            after = chunk[fe: fe + _WINDOW]
            unit = f.unit
            if after.startswith(("工作日", "日", "天", "小时", "月")):
                continue  # a time (「8个工作日」)
            if other_year_words is None:
                other_year_words = bool(_OTHER_YEAR.search(_CARRY_IN_WORDS.sub("", chunk)))
            if other_year_words or (years is not None and years.not_this_year(sentence, f.start, year)):
                continue
            if len(chunk) <= 2 * _WINDOW:
                topic = _topic_for(before, after, chunk, ctx, about_apps, about_cases, unit, lit or review)
                near = chunk
            else:
                near = before + chunk[fs:fe] + after
                topic = _topic_for(before, after, near, ctx, about_apps, about_cases, unit)
            if topic is None:
                continue
            if topic in _T3_TOPICS and (_SUBSCOPE.search(before) or _CHANNEL.search(near)):
                continue  # a part of the organisation or one channel, not the whole report
            last = Statement(section, topic, f.value, unit, _quote(chunk), alt=_row_or_group(before, topic),
                             para=para, start=s0 + start, end=s0 + pos)
            out.append(last)
        for sh in shares(chunk) if "占" in chunk else ():
            st = _share(section, sentence, chunk, start, sh, last, ctx, about_apps, about_cases, years, year, para, s0)
            if st is not None:
                out.append(st)


# Which whole a share of a topic is of: the figure's table total (「予以公开67件，占办理总数的45.3%」),
# or what was received. Unless the text names the whole, any of them is accepted.
_SHARE_OF_RECEIVED = re.compile(r"收到|新收|受理|接收|申请总数|申请量")
_SHARE_OF_HANDLED = re.compile(r"办理|办结|答复|处理")


def _share(section, sentence, chunk, start, sh, last, ctx, about_apps, about_cases, years, year, para, s0):
    before = chunk[max(0, sh.start - _WINDOW): sh.start]
    topic = _topic_for(before, "", before, ctx, about_apps, about_cases, "件") if before else None
    if topic is None:
        if last is None:
            return None
        topic = last.topic
    if _OTHER_YEAR.search(_CARRY_IN_WORDS.sub("", chunk)) or (
            years is not None and years.not_this_year(sentence, start + sh.start, year)):
        return None
    if topic in _T3_TOPICS:
        if _SUBSCOPE.search(before) or _CHANNEL.search(chunk) or topic in ("new", "carried_in", "handled"):
            return None
        if topic in ("natural", "org"):
            wholes = ("new",)
        elif _SHARE_OF_RECEIVED.search(sh.den):
            wholes = ("new",)
        elif _SHARE_OF_HANDLED.search(sh.den):
            wholes = ("handled",)
        else:
            wholes = ("handled", "new")
    else:
        group, _, outcome = topic.rpartition("_")
        if outcome in ("total", "dismiss") or group not in ("rv", "ld", "lr", "lit"):
            return None
        wholes = (f"{group}_total",)
    return Statement(section, topic, sh.percent, "%", _quote(chunk), "share", wholes, sh.places,
                     para=para, start=s0 + start, end=s0 + start + len(chunk))


def _quote(chunk: str) -> str:
    return chunk if len(chunk) <= _QUOTE_CHARS else chunk[:_QUOTE_CHARS] + "…"


class _YearsBefore:
    """The years named in a sentence (「2023年」「二〇二三年」), to tell for a figure which year was
    named last before it — one scan of the sentence, then a binary search per figure."""

    def __init__(self, sentence: str):
        ms = list(_YEAR_MENTION.finditer(sentence))
        self.ends = [m.end() for m in ms]
        self.years = [_year(m.group(1)) for m in ms]
        m = _NEXT_STEP.search(sentence)
        self.plans_from = m.start() if m else len(sentence)  # 「下一步」「明年」: what follows is a plan

    def not_this_year(self, sentence: str, position: int, year: int) -> bool:
        """Whether the last year named before ``position`` is neither the report year nor the
        next (a figure in 「2023年收到126件」 of a 2024 report is about 2023), or the figure is a
        plan: after 「下一步」「明年」, or after the following year named with 将/计划/拟…
        (「2025年将制发规范性文件5件」). The following year named alone is this year's figure
        (「103件结转至2025年继续办理」, 「截至2025年1月，…」)."""
        if self.plans_from < position:
            return True
        i = bisect.bisect_right(self.ends, position)
        if i > 0 and self.years[i - 1] not in (year, year + 1):
            return True  # another year
        # the words between the year and the figure (within a clause's reach: linear in the sentence)
        return i > 0 and self.years[i - 1] == year + 1 and bool(
            _PLAN.search(sentence, max(self.ends[i - 1], position - _WINDOW), position))


_NEXT_STEP = re.compile(r"下一步|明年|来年|今后")
_PLAN = re.compile(r"将|计划|拟|力争|预计|争取|目标")


def _row_or_group(before: str, topic: str) -> tuple[str, ...]:
    """A figure after an item's words and then its group's (「本机关不掌握相关政府信息无法提供70件」)
    may be the item's or the group's: both are accepted (returns the group as the other reading).
    With 「等」 between them (「属于国家秘密等不予公开35件」) _topic_for already chose the group."""
    group = _GROUP_OF.get(topic)
    if group is None:
        return ()
    m = _KEY_RX[topic].search(before)
    if m and _KEY_RX[group].search(before, m.end()):
        return (group,)
    return ()


def _topic_for(before: str, after: str, chunk: str, ctx, about_apps: bool, about_cases: bool,
               unit: str, case_words: bool | None = None) -> str | None:
    """The topic of a figure of ``unit`` between ``before`` and ``after`` in ``chunk``, or None.
    ``case_words``: whether ``chunk`` names a review or lawsuit, if the caller knows."""
    if unit in ("元", "万元"):
        if "行政事业性收费" in chunk and "信息处理费" not in chunk:
            return "fee_amount"
        return None
    if unit not in ("件", "起", "宗", "个", "项", "次"):
        return None
    # documents and decisions (table 二)
    for word, key in (("规范性文件", "normative"), ("规章", "regulation")):
        if word in before:
            if unit not in ("件", "个", "项"):
                return None
            if "废止" in before:
                return f"{key}_repealed"
            if "现行有效" in before:
                return f"{key}_effective"
            if re.search(r"制发|制定|出台|印发|新制作|新增", before):
                return f"{key}_made"
            return None
    for word, key in (("行政许可", "licensing"), ("行政处罚", "penalty"), ("行政强制", "coercion")):
        if word in before and re.search(r"决定|办理|办件|作出", before) and "事项" not in before:
            return f"{key}_decisions" if unit in ("件", "个", "项") else None
    # review and litigation (table 四). Without a case word in the clause (``chunk`` holds
    # ``before`` and ``after``) and none named earlier in the sentence, _t4_topic finds nothing.
    if case_words is None:
        case_words = _LIT.search(chunk) is not None or _REVIEW.search(chunk) is not None
    if about_cases and unit in _CASE_UNITS:
        if case_words or ctx:
            if not _T4_NOT.search(chunk):
                t4 = _t4_topic(before, after, chunk, ctx)
                if t4:
                    return t4
            elif case_words:
                return None
    elif case_words:
        return None
    if not about_apps or unit not in _APP_UNITS:
        return None
    for text in (before, after) if after else (before,):
        for rx, key in _t3_keys_in(text):
            m = rx.search(text)
            if m:
                if text is after and key in ("new", "handled"):
                    continue  # "X件…受理/办理" is rarely a total
                group = _GROUP_OF.get(key)
                if group is not None and text is before:
                    g = _KEY_RX[group].search(before, m.end())
                    if g and "等" in before[m.end():g.start()]:
                        return group  # 「属于国家秘密等不予公开35件」: all of （三）
                return key
    return None


# 驳回: a court's 「驳回诉讼请求」 (or a review body's 「驳回复议申请/请求」 on the merits) leaves the
# administrative act standing and is usually counted as 结果维持; some offices count it as 其他结果
# (always so for 「驳回起诉」, a dismissal on procedure). Both readings are accepted (see _topics).
_T4_OUTCOME_KEYS = [(re.compile(p), k) for p, k in [
    (r"驳回(?:起诉|申请)|不予受理|撤诉|撤回", "other"),
    (r"驳回", "dismiss"),
    (r"维持", "keep"), (r"纠正|纠错|撤销|确认违法", "fix"), (r"其他结果", "other"),
    (r"尚未审结|未审结|审理中|尚在审理|未结案", "pending"),
]]
_OUTCOME_AFTER = re.compile(r"^(?:均|全部|都|已|被|依法|予以|获|得到)*(驳回|维持|纠正|纠错|撤销|确认违法|尚未审结|未审结|审理中)")


def _t4_topic(before: str, after: str, chunk: str, ctx) -> str | None:
    outcome = None
    for rx, o in _T4_OUTCOME_KEYS:
        if rx.search(before):
            outcome = o
            break
    if outcome is None:  # 「其中3件维持原行政行为」: the figure before the outcome word
        m = _OUTCOME_AFTER.match(after)
        if m:
            outcome = next(o for rx, o in _T4_OUTCOME_KEYS if rx.search(after[m.start(1):]))
    if outcome is not None:
        o = outcome
        if _DIRECT.search(chunk):
            return f"ld_{o}"
        if _AFTER_REVIEW.search(chunk):
            return f"lr_{o}"
        if _LIT.search(chunk) or (ctx == "lit" and not _REVIEW.search(chunk)):
            return f"lit_{o}"
        if _REVIEW.search(chunk) or ctx == "rv":
            return f"rv_{o}"
        return None
    for text in (before, after):
        if _DIRECT.search(text):
            return "ld_total"
        if _AFTER_REVIEW.search(text):
            return "lr_total"
        if _LIT.search(text):
            return "lit_total"
        if _REVIEW.search(text):
            return "rv_total"
    return None


_ALL_KEPT = re.compile(r"(?:均|全部|都|全)(?:获|被|予以|得到|已)?(?:依法)?维持")
# 「未发生…行政复议」: none. Not 「尚未审结」 nor 「未经复议直接起诉」 (words of the form).
_NONE_RE = re.compile(r"(?:(?<!尚)未(?!经复议)|没有|无)(?:发生|出现|收到|产生|涉及)?[^。；\d]{0,20}?(行政复议|行政诉讼|复议|诉讼)")


def _claims(section: str, sentence: str, out: list[Statement], para: int, s0: int) -> None:
    """「均获维持」 and 「未发生…行政复议/诉讼」, judged per clause (the sentence may give other figures)."""
    text = sentence.rstrip("。；")
    if _ALL_KEPT.search(sentence):
        groups = []
        if _REVIEW.search(sentence.replace("复议后", "")):
            groups.append("rv")
        if _LIT.search(sentence):
            groups.append("lit")
        # 「已审结的5件均获维持，1件尚未审结」: only the concluded cases were upheld
        kind = "all_kept_done" if re.search(r"已审结|审结的|已结案|结案的", sentence) else "all_kept"
        for g in groups or (["rv"] if section == "s4" and kind == "all_kept_done" else []):
            out.append(Statement(section, g, Decimal(0), "件", text, kind, para=para, start=s0, end=s0 + len(text)))
    for start, clause in _clauses(sentence):
        m = _NONE_RE.search(clause)
        if not m or figures(clause):
            continue
        tail = clause[m.start():]
        c = clause.rstrip("。；")
        if _REVIEW.search(tail.replace("复议后", "")):
            out.append(Statement(section, "rv_total", Decimal(0), "件", c, "zero", para=para, start=s0 + start,
                                 end=s0 + start + len(c)))
        if _LIT.search(tail):
            out.append(Statement(section, "lit_total", Decimal(0), "件", c, "zero", para=para, start=s0 + start,
                                 end=s0 + start + len(c)))


def _clauses(sentence: str):
    """(start, clause) for the clauses of a sentence (split at ，；)."""
    pos = 0
    for clause in _CLAUSE_SPLIT.split(sentence):
        yield pos, clause
        pos += len(clause) + 1


_CLAUSE_SPLIT = re.compile(r"[，；,;]")
# 「未收到政府信息公开申请」「全年无政府信息公开申请」「无上年结转申请」「没有结转下年度的申请」: a count
# of 0. Not 「无法提供」 (a category), 「申请人未收到…」 (申请 must follow the verb), nor a clause
# that gives a figure itself.
_ZEROS = [(re.compile(p), k) for p, k in [
    (r"(?:未|没有|无)(?:收到|受理|接到|接收|新收)(?:任何|过|到)?[^，；\d]{0,24}?申请(?![人书表材])", "new"),
    (r"(?<![法需])(?:无|没有|未有)(?:任何)?(?:政府信息公开|信息公开|依申请公开)申请(?![人书表材])", "new"),
    (r"(?:无|没有|未有)[^，；\d]{0,4}?(?:上一?年度?结转|结转上一?年度?)|上一?年度?(?:无|没有)结转", "carried_in"),
    (r"(?:无|没有|未有)[^，；\d]{0,6}?(?:结转(?:至|到)?下一?年|顺延(?:至|到)下一?年|转入下一?年)", "carried_out"),
]]
_IS_ZERO = re.compile(r"(?:均|都)?(?:为|是)(?:零|0)(?![\d.件])")


def _zeros(section: str, sentence: str, out: list[Statement], years, year, para: int, s0: int) -> None:
    """Counts written as words: 「未收到政府信息公开申请」 (收到 0), 「结转下年度的申请为零」."""
    for start, clause in _clauses(sentence):
        if figures(clause) or _OTHER_YEAR.search(_CARRY_IN_WORDS.sub("", clause)):
            continue
        c = clause.rstrip("。；")
        found = None
        for rx, topic in _ZEROS:
            m = rx.search(clause)
            if m and not (_REVIEW.search(m.group()) or _LIT.search(m.group())):
                found = (m, topic)
                break
        if found is None:
            m = _IS_ZERO.search(clause)
            topic = m and _topic_for(clause[:m.start()], "", clause, None, True, False, "件")
            if not topic or topic not in _T3_TOPICS:
                continue
            found = (m, topic)
        m, topic = found
        if _SUBSCOPE.search(clause, 0, m.start()) or _CHANNEL.search(clause) or (
                years is not None and years.not_this_year(sentence, start + m.start(), year)):
            continue
        out.append(Statement(section, topic, Decimal(0), "件", c, "zero", para=para, start=s0 + start,
                             end=s0 + start + len(c)))


# 「均已按期答复」「已全部办结」「均已办理完毕」: nothing is carried into the next year. Not 「均在法定
# 期限内答复」 (about time limits, not completion: the applications of late December are carried
# over within their time limit), nor where the paragraph itself names what is carried over.
_ALL_DONE = re.compile(r"(?:均已|都已|全部已|已全部|已经全部|均已经)(?:按期|按时|依法|及时|在法定期限内|在规定时限内|予以)*"
                       r"(?:办结|办理完毕|答复完毕|答复|办理)|全部(?:办结|办理完毕)")


_NEG_CHAR = re.compile(r"[未无没零0]")  # every _NONE_RE, _ZEROS and _IS_ZERO match has one
_UNIT_CHAR = re.compile(r"[件起宗个项次元]")  # every _NUMBER match has one
_ZERO_OR_DONE = re.compile("|".join([rx.pattern for rx, _ in _ZEROS] + [_IS_ZERO.pattern, _ALL_DONE.pattern]))


def _all_done(section, sentence, out, years, year, carried_out_named: bool, para: int, s0: int) -> None:
    m = _ALL_DONE.search(sentence)
    if m is None or carried_out_named or _REVIEW.search(sentence) or _LIT.search(sentence):
        return
    if _SUBSCOPE.search(sentence, 0, m.start()) or _OTHER_YEAR.search(_CARRY_IN_WORDS.sub("", sentence)) or (
            years is not None and years.not_this_year(sentence, m.start(), year)):
        return
    text = sentence.rstrip("。；")
    out.append(Statement(section, "carried_out", Decimal(0), "件", _quote(text), "all_done", para=para, start=s0,
                         end=s0 + len(text)))


# Few whole texts (a miss costs one paragraph's reading), more paragraphs: a keystroke adds one of
# each, and both hold their text (a long paragraph typed into would otherwise pile up copies).
@lru_cache(maxsize=32)
def _parse_statements(texts: tuple[tuple[str, tuple[str, ...]], ...], year: int | None) -> tuple[Statement, ...]:
    out: list[Statement] = []
    for section, paras in texts:
        for i, p in enumerate(paras):
            out += _paragraph_statements(section, p, year, i)
    return tuple(out)


@lru_cache(maxsize=512)
def _paragraph_statements(section: str, para: str, year: int | None, index: int) -> tuple[Statement, ...]:
    """One paragraph's statements: a keystroke changes one paragraph, and only that one is read
    again (a paragraph's statements depend on nothing outside it)."""
    out: list[Statement] = []
    _parse_paragraph(section, para, out, year, index)
    return tuple(out)


def parse_statements(texts: tuple[tuple[str, tuple[str, ...]], ...], year: int | None = None) -> tuple[Statement, ...]:
    """Statements of the narrative, by (section, paragraphs) — cached by the text (and report year),
    and paragraph by paragraph. ``cache_clear()`` empties both caches (the next call reads all)."""
    return _parse_statements(texts, year)


def _clear_caches() -> None:
    _parse_statements.cache_clear()
    _paragraph_statements.cache_clear()


parse_statements.cache_info = _parse_statements.cache_info  # type: ignore[attr-defined]
parse_statements.cache_clear = _clear_caches  # type: ignore[attr-defined]
