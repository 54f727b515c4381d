"""Figures stated in the narrative, checked against the tables (rule X-1); standard sentences.

``narrative_findings`` is called by the rule engine on every evaluation (every keystroke in the
editor). The text is parsed into statements once per distinct text (``lru_cache`` keyed by the
tuple of paragraphs); with unchanged text an evaluation only compares a few dozen cached
statements with the cell values (a few microseconds, see ``bench/bench_import.py``).

A statement is a figure the prose gives for something the tables count: applications received,
carried over, handled, each outcome category, reviews and lawsuits and their outcomes, documents
made / repealed / in force, decisions, fees. Figures about a part of the organisation (「区政府办
受理…」「各街道、各部门共受理…」) and approximate figures (「5500余条」) are not compared.
``standard_paragraphs`` writes the usual sentences from the tables for the officer to insert.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from .values import NA, fmt_value, num

if TYPE_CHECKING:  # pragma: no cover
    from .formats import NarrativeRule
    from .report import Report
    from .rules import Finding

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
    "體体礎础設设軟软備备顯显響响頒颁選选擇择簡简單单雜杂據据圖图書书館馆廠厂場场樣样層层"
)
T2S = str.maketrans({_T2S_PAIRS[i]: _T2S_PAIRS[i + 1] for i in range(0, len(_T2S_PAIRS), 2)})


# --------------------------------------------------------------------------- topics

_D = [f"d{i}" for i in range(1, 9)]
_U = ["u1", "u2", "u3"]
_N = [f"n{i}" for i in range(1, 6)]
_ORG_COLS = ["business", "research", "public_interest", "legal_service", "other"]
_T4_GROUPS = {"rv": "行政复议", "ld": "行政诉讼（未经复议直接起诉）", "lr": "行政诉讼（复议后起诉）"}
_OUTCOMES = {"keep": "结果维持", "fix": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}


@dataclass(frozen=True)
class _Topic:
    refs: tuple[str, ...]  # summed
    what: str  # the cell(s), in Chinese, for the message
    alt: tuple[str, ...] = ()  # another reading that is also accepted (e.g. 办理 = 新收 + 结转)


def _t3(rows, col="total"):
    return tuple(f"t3.{r}.{col}" for r in rows)


def _group(fmt, row: str) -> str:
    """The group label printed left of a row (「（三）不予公开」 for 1.属于国家秘密)."""
    placed = fmt.placed("t3", None)
    grid_row = next(p.row for p in placed if p.is_value and p.cell.cell.startswith(row + "."))
    labels = sorted((p for p in placed if not p.is_value and p.cell.role == "label"
                     and p.row <= grid_row < p.row + p.rowspan), key=lambda p: p.col)
    return _short(labels[1].cell.text if len(labels) > 1 else labels[0].cell.text)


def _short(label: str) -> str:
    """A row label without its printed note: 「（二）部分公开（区分处理的，…）」 -> 「（二）部分公开」."""
    return re.sub(r"(?<=.)（[^（）]*）$", "", label)


@lru_cache(maxsize=None)
def _topics(format_id: str) -> dict[str, _Topic]:
    from .formats import get_format

    fmt = get_format(format_id)  # labels come from the format definition, as printed on the form
    rows3 = [r.key for r in fmt.table("t3").data_rows]
    o_rows = [r for r in rows3 if r.startswith("o")]

    def item(row: str) -> str:
        return _short(fmt.item_label("t3", row))

    t: dict[str, _Topic] = {
        "new": _Topic(_t3(["new"]), f"表三“{item('new')}”的总计"),
        "carried_in": _Topic(_t3(["carried_in"]), f"表三“{item('carried_in')}”的总计"),
        "carried_out": _Topic(_t3(["carried_out"]), f"表三“{item('carried_out')}”的总计"),
        "handled": _Topic(_t3(["r_total"]), f"表三“{item('r_total')}”的总计栏", alt=_t3(["new", "carried_in"])),
        "r_open": _Topic(_t3(["r_open"]), f"表三“{item('r_open')}”的总计"),
        "r_partial": _Topic(_t3(["r_partial"]), f"表三“{item('r_partial')}”的总计"),
        "open_partial": _Topic(_t3(["r_open", "r_partial"]),
                               f"表三“{item('r_open')}”与“{item('r_partial')}”总计之和"),
        "d_sum": _Topic(_t3(_D), f"表三“{_group(fmt, 'd1')}”各项总计之和"),
        "u_sum": _Topic(_t3(_U), f"表三“{_group(fmt, 'u1')}”各项总计之和"),
        "n_sum": _Topic(_t3(_N), f"表三“{_group(fmt, 'n1')}”各项总计之和"),
        "o_sum": _Topic(_t3(o_rows), f"表三“{_group(fmt, o_rows[0])}”"
                        + ("的总计" if len(o_rows) == 1 else "各项总计之和")),
        "natural": _Topic(("t3.new.natural",), f"表三“本年新收”的“{fmt.cell('t3.new.natural').col_label}”栏"),
        "org": _Topic(tuple(f"t3.new.{c}" for c in _ORG_COLS), "表三“本年新收”的法人或其他组织各栏之和"),
    }
    for k in _D + _U + _N:
        t[k] = _Topic(_t3([k]), f"表三“{item(k)}”的总计")
    if len(o_rows) > 1:
        for k in o_rows[:2]:
            lab = item(k)
            t[k] = _Topic(_t3([k]), f"表三“{_group(fmt, k)} {lab[:16]}{'…' if len(lab) > 16 else ''}”的总计")
    for g in _T4_GROUPS:
        for o in _OUTCOMES:
            t[f"{g}_{o}"] = _Topic((f"t4.cases.{g}_{o}",), f"表四“{fmt.cell(f't4.cases.{g}_{o}').col_label}”")
    for o, oname in _OUTCOMES.items():
        t[f"lit_{o}"] = _Topic((f"t4.cases.ld_{o}", f"t4.cases.lr_{o}"),
                               f"表四行政诉讼“{oname}”（未经复议直接起诉与复议后起诉之和）")
    for g in ("rv", "ld", "lr", "lit"):  # 驳回: 结果维持, or 其他结果 where the office counts it so
        keep, other = t[f"{g}_keep"], t[f"{g}_other"]
        t[f"{g}_dismiss"] = _Topic(keep.refs, keep.what, alt=other.refs)
    t2_cols = ["made", "repealed", "effective"]
    for r in ("regulation", "normative"):
        for c in t2_cols:
            ref = f"t2.{r}.{c}"
            if ref in fmt.cells():
                info = fmt.cell(ref)
                t[f"{r}_{c}"] = _Topic((ref,), f"表二“{info.row_label}”的“{info.col_label}”")
    for r in ("licensing", "penalty", "coercion"):
        info = fmt.cell(f"t2.{r}.decisions")
        t[f"{r}_decisions"] = _Topic((info.ref,), f"表二“{info.row_label}”的“{info.col_label}”")
    if "t2.fee.amount" in fmt.cells():
        info = fmt.cell("t2.fee.amount")
        t["fee_amount"] = _Topic((info.ref,), f"表二“{info.row_label}”的“{info.col_label}”")
    return t


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
    (r"结转(?:至|到)?下一?年|顺延(?:至|到)下一?年|转入下一?年|下一?年度继续办理", "carried_out"),
    (r"新收|收到|受理|接收|接到|共收", "new"),
    (r"办理|答复|办结|处理完毕|完成", "handled"),
]]
_DIRECT = re.compile(r"未经复议直接起诉|直接(?:向法院)?(?:提起)?(?:起诉|诉讼)")
_AFTER_REVIEW = re.compile(r"复议后(?:提起)?(?:起诉|诉讼)")
_LIT = re.compile(r"行政诉讼|起诉|诉讼")
_REVIEW = re.compile(r"行政复议|复议")
_SUBSCOPE = re.compile(r"(?:区|市|县|旗)政府办|政府办公室|代表(?:区|市|县)政府|(?:区|市|县)政府(?:本级)?(?:共)?受理|"
                       r"本级|各街道|街道|乡镇|各镇|镇街|镇\(街\)|各部门|部门共|各单位|其中[^，,]{0,6}(?:局|委|办)")
# (?<!\d): a figure starts where its digits start, so a long run of digits is scanned once
# (without it, every position inside the run is tried again: quadratic).
_NUMBER = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)(余|多)?(件|起|宗|个|项|次|万元|元)")
# A figure longer than this is no table figure (cells hold at most 12 digits and 6 decimals).
_MAX_FIGURE_CHARS = 24
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
_YEAR_MENTION = re.compile(r"((?:19|20)\d{2})年")
# Review and litigation figures: only where the sentence is about 政府信息公开 (or in part 四);
# 「主动公开行政复议决定书10件」「庭审旁听2次」「应诉培训」 are other things.
_T4_NOT = re.compile(r"决定书|旁听|培训|庭审|应诉|讲座|案例|学习")
_GIP = re.compile(r"政府信息公开|信息公开")
_OTHER_SUBJECT = re.compile(r"建议|提案|留言|来信|来电|热线|咨询|信箱|诉求|工单")
_APPROX = re.compile(r"(?:约|近|超过|逾|达到?|共计约)$")
_CHUNK_SPLIT = re.compile(r"[，；。：:,;（）()、！？]")
_SENT_SPLIT = re.compile(r"(?<=[。；！？])")


@dataclass(frozen=True)
class Statement:
    section: str  # "preface" or s1..s6
    topic: str
    value: Decimal
    unit: str
    text: str  # the clause as printed (spaces removed), for the message
    kind: str = "eq"  # "eq": value equals the cells; "all_kept": 均获维持; "zero": 未发生


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(T2S)
    s = re.sub(r"\s+", "", s)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", s)  # thousands separators: 1,148件


def _parse_paragraph(section: str, para: str, out: list[Statement], year: int | None = None) -> None:
    """Statements of one paragraph. The subject (applications, review, litigation) is decided per
    sentence: a paragraph may speak of applications in one sentence and of 人大代表建议 in the next.

    Linear in the paragraph's length: what depends on the clause only is computed once per clause,
    what depends on a figure's position looks at a bounded window around it."""
    text = _norm(para)
    for sentence in _SENT_SPLIT.split(text):
        if not sentence:
            continue
        _claims(section, sentence, out)
        about_apps = "申请" in sentence or (section == "s3" and not _OTHER_SUBJECT.search(sentence))
        about_cases = section == "s4" or bool(_GIP.search(sentence))
        years = _YearsBefore(sentence) if year is not None else None
        ctx = None  # "rv" | "lit": the case kind named last in this sentence
        pos = 0
        for chunk in _CHUNK_SPLIT.split(sentence):
            start = sentence.find(chunk, pos)
            pos = start + len(chunk)
            if _LIT.search(chunk):
                ctx = "lit"
            elif _REVIEW.search(chunk):
                ctx = "rv"
            other_year_words = None
            for m in _NUMBER.finditer(chunk):
                if m.group(2) or len(m.group(1)) > _MAX_FIGURE_CHARS:
                    continue  # approximate, or no figure of the tables
                before = chunk[max(0, m.start() - _WINDOW): m.start()]
                after = chunk[m.end(): m.end() + _WINDOW]
                if _APPROX.search(before):
                    continue  # approximate
                unit = m.group(3)
                if after.startswith(("工作日", "日", "天", "小时", "月")):
                    continue  # a time (「8个工作日」)
                if other_year_words is None:
                    other_year_words = bool(_OTHER_YEAR.search(_CARRY_IN_WORDS.sub("", chunk)))
                if other_year_words or (years is not None and years.other(start + m.start(), year)):
                    continue
                near = chunk if len(chunk) <= 2 * _WINDOW else before + m.group(0) + after
                topic = _topic_for(before, after, near, ctx, about_apps, about_cases, unit)
                if topic is None:
                    continue
                if topic in _T3_TOPICS and (_SUBSCOPE.search(before) or _CHANNEL.search(near)):
                    continue  # a part of the organisation or one channel, not the whole report
                out.append(Statement(section, topic, Decimal(m.group(1)), unit, _quote(chunk)))


def _quote(chunk: str) -> str:
    return chunk if len(chunk) <= _QUOTE_CHARS else chunk[:_QUOTE_CHARS] + "…"


class _YearsBefore:
    """The years named in a sentence (「2023年」), to tell for a figure which year was named last
    before it — one scan of the sentence, then a binary search per figure."""

    def __init__(self, sentence: str):
        ms = list(_YEAR_MENTION.finditer(sentence))
        self.ends = [m.end() for m in ms]
        self.years = [int(m.group(1)) for m in ms]

    def other(self, position: int, year: int) -> bool:
        """Whether the last year named before ``position`` is neither the report year nor the
        next (a figure in 「2023年收到126件」 of a 2024 report is about 2023)."""
        i = bisect.bisect_right(self.ends, position)
        return i > 0 and self.years[i - 1] not in (year, year + 1)


def _topic_for(before: str, after: str, chunk: str, ctx, about_apps: bool, about_cases: bool,
               unit: str) -> str | None:
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
    # review and litigation (table 四)
    if about_cases and unit in _CASE_UNITS and not _T4_NOT.search(chunk):
        t4 = _t4_topic(before, after, chunk, ctx)
        if t4:
            return t4
    elif _LIT.search(chunk) or _REVIEW.search(chunk):
        return None
    if not about_apps or unit not in _APP_UNITS:
        return None
    for text in (before, after):
        for rx, key in _T3_KEYS:
            if rx.search(text):
                if text is after and key in ("new", "handled"):
                    continue  # "X件…受理/办理" is rarely a total
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
_NONE_RE = re.compile(r"(?:未|没有|无)(?:发生|出现|收到|产生|涉及)?[^。；\d]{0,20}?(行政复议|行政诉讼|复议|诉讼)")


def _claims(section: str, sentence: str, out: list[Statement]) -> None:
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
            out.append(Statement(section, g, Decimal(0), "件", text, kind))
    for clause in re.split(r"[，；,;]", sentence):
        m = _NONE_RE.search(clause)
        if not m or _NUMBER.search(clause):
            continue
        tail = clause[m.start():]
        c = clause.rstrip("。；")
        if _REVIEW.search(tail.replace("复议后", "")):
            out.append(Statement(section, "rv_total", Decimal(0), "件", c, "zero"))
        if _LIT.search(tail):
            out.append(Statement(section, "lit_total", Decimal(0), "件", c, "zero"))


@lru_cache(maxsize=256)
def parse_statements(texts: tuple[tuple[str, tuple[str, ...]], ...], year: int | None = None) -> tuple[Statement, ...]:
    """Statements of the narrative, by (section, paragraphs) — cached by the text (and report year)."""
    out: list[Statement] = []
    for section, paras in texts:
        for p in paras:
            _parse_paragraph(section, p, out, year)
    return tuple(out)


def _texts(report: "Report") -> tuple[tuple[str, tuple[str, ...]], ...]:
    return (("preface", tuple(report.preface)),) + tuple(
        (k, tuple(report.sections.get(k, ()))) for k in ("s1", "s2", "s3", "s4", "s5", "s6"))


# --------------------------------------------------------------------------- the rule


@lru_cache(maxsize=256)
def _plan(format_id: str, statements: tuple[Statement, ...]) -> tuple:
    """Statements resolved to their cells once: (statement, refs, alt refs, stated value)."""
    topics = _topics(format_id)
    out = []
    for st in statements:
        if st.kind in ("all_kept", "all_kept_done"):
            out.append((st, (), (), 0))
            continue
        topic = topics.get(st.topic)
        if topic is None:
            continue
        stated = st.value / 10000 if (st.unit == "元" and st.topic == "fee_amount") else st.value
        if stated == stated.to_integral_value():
            stated = int(stated)
        out.append((st, topic.refs, topic.alt, stated))
    return tuple(out)


def narrative_findings(report: "Report", values: dict, rule: "NarrativeRule") -> list["Finding"]:
    statements = parse_statements(_texts(report), report.year)
    if not statements:
        return []
    plan = _plan(report.format, statements)
    out: list = []
    seen: dict[str, int] = {}
    for st, refs, alt, stated in plan:
        if st.kind in ("all_kept", "all_kept_done"):
            f = _check_all_kept(st, values, rule)
        else:
            actual = 0
            filled = False
            try:
                for r in refs:
                    v = values[r]
                    if v is not None and v != NA:
                        actual += v
                        filled = True
            except KeyError:
                continue  # a cell this report does not have
            if not filled or actual == stated:
                continue
            if alt and sum(num(values.get(r)) for r in alt) == stated:
                continue
            f = _message(st, _topics(report.format)[st.topic], actual, refs)
        if f is None:
            continue
        out.append(_finding(rule, st, f, seen))
    return out


def _message(st: Statement, topic: _Topic, actual, refs):
    if st.kind == "zero":
        return f"正文“{st.text}”，但{topic.what}为{_n(actual)}件", refs
    unit = "万元" if st.topic == "fee_amount" else "件"  # the table counts in 件, whatever the prose says
    return f"正文“{st.text}”与{topic.what}（{_n(actual)}{unit}）不一致", refs


def _finding(rule, st: Statement, f, seen: dict):
    from .rules import Finding

    msg, refs = f
    # The clause's own hash, not its order: acknowledging one sentence must not move to another
    # when a sentence is inserted or deleted before it.
    base = f"{rule.id}:{st.section}:{st.topic}:{_n(st.value)}:{hashlib.sha1(st.text.encode('utf-8')).hexdigest()[:6]}"
    n = seen.get(base, 0)
    seen[base] = n + 1
    key = base if n == 0 else f"{base}:{n + 1}"
    return Finding(rule.id, rule.severity, key, tuple(refs), msg, section=st.section)


def _check_all_kept(st: Statement, values: dict, rule):
    groups = ["rv"] if st.topic == "rv" else ["ld", "lr"]
    refs, bad = [], []
    for g in groups:
        total = num(values.get(f"t4.cases.{g}_total"))
        keep = num(values.get(f"t4.cases.{g}_keep"))
        not_kept = ("fix", "other") if st.kind == "all_kept_done" else ("fix", "other", "pending")
        others = [(o, num(values.get(f"t4.cases.{g}_{o}"))) for o in not_kept]
        refs += [f"t4.cases.{g}_{o}" for o in ("keep", "fix", "other", "pending", "total")]
        for o, v in others:
            if v:
                bad.append(f"{_T4_GROUPS[g]}“{_OUTCOMES[o]}”为{_n(v)}件")
        if st.kind == "all_kept_done":
            total -= num(values.get(f"t4.cases.{g}_pending"))
        if total and keep != total and not any(v for _, v in others):
            bad.append(f"{_T4_GROUPS[g]}“结果维持”{_n(keep)}件少于总计{_n(total)}件")
    if not bad:
        return None
    return (f"正文“{st.text}”称均获维持，但表四{'，'.join(bad)}", tuple(refs))


def _n(v) -> str:
    if isinstance(v, Decimal) and (not v.is_finite() or abs(v.adjusted()) > 30):
        return fmt_value(v)  # never expanded (figures are bounded when read; this is a guard)
    if isinstance(v, Decimal):
        return fmt_value(v.normalize() if v == v.to_integral_value() else v) if v != v.to_integral_value() \
            else str(int(v))
    return str(v)


# --------------------------------------------------------------------------- standard sentences


def standard_paragraphs(report: "Report", values: dict | None = None) -> dict[str, list[str]]:
    """The usual sentences about the tables, written from the cell values, by section key.

    s3: applications (received, by applicant, carried over, handled by outcome, carried forward);
    s4: reviews and lawsuits with their outcomes. For 2021 reports s2 also states the documents
    made / repealed / in force. The officer inserts them where they fit; X-1 finds no difference.
    """
    v = values if values is not None else report.effective_values()

    def g(*refs) -> int:
        return int(sum((num(v.get(r)) for r in refs), 0))

    y = report.year
    o_rows = ["o1", "o2", "o3"] if report.format != "2019" else ["o"]
    t = "t3.{}.total"
    org = g(*(f"t3.new.{c}" for c in _ORG_COLS))
    s3 = (f"{y}年，本机关共收到政府信息公开申请{g(t.format('new'))}件，其中自然人{g('t3.new.natural')}件，"
          f"法人或其他组织{org}件；上年结转政府信息公开申请{g(t.format('carried_in'))}件。"
          f"本年度办理完毕{g(t.format('r_total'))}件，其中予以公开{g(t.format('r_open'))}件，"
          f"部分公开{g(t.format('r_partial'))}件，不予公开{g(*(t.format(r) for r in _D))}件，"
          f"无法提供{g(*(t.format(r) for r in _U))}件，不予处理{g(*(t.format(r) for r in _N))}件，"
          f"其他处理{g(*(t.format(r) for r in o_rows))}件；结转下年度继续办理{g(t.format('carried_out'))}件。")
    c = "t4.cases.{}"
    rv = [g(c.format(f"rv_{o}")) for o in ("total", "keep", "fix", "other", "pending")]
    lit = [g(c.format(f"ld_{o}"), c.format(f"lr_{o}")) for o in ("total", "keep", "fix", "other", "pending")]
    if rv[0] == 0 and lit[0] == 0:
        s4 = f"{y}年，本机关未发生因政府信息公开工作引起的行政复议、行政诉讼案件。"
    else:
        parts = []
        for name, (tot, keep, fix, other, pending) in (("被申请行政复议", rv), ("被提起行政诉讼", lit)):
            if tot == 0:
                parts.append(f"未{name}")
            else:
                parts.append(f"{name}{tot}件，其中结果维持{keep}件，结果纠正{fix}件，其他结果{other}件，"
                             f"尚未审结{pending}件")
        s4 = f"{y}年，本机关因政府信息公开工作" + "；".join(parts) + "。"
    def filled(prefix: str) -> bool:  # a table left blank gets no sentence ("0件" would be a claim)
        return any(v.get(ref) is not None for ref in v if ref.startswith(prefix))

    out = {}
    if filled("t3."):
        out["s3"] = [s3]
    if filled("t4."):
        out["s4"] = [s4]
    if report.format != "2019" and filled("t2.normative."):
        out["s2"] = [f"{y}年，本机关制发行政规范性文件{g('t2.normative.made')}件，废止{g('t2.normative.repealed')}件，"
                     f"现行有效行政规范性文件{g('t2.normative.effective')}件。"]
    return out
