"""From blocks to a Report: sections, title, the three tables mapped by their labels.

Two passes. The first (``structure.py``) walks the blocks and sorts them into title lines,
narrative paragraphs per section and raw table rows (label text + printed value texts, with the
column labels of the block header in table 二). The second (here; the tables in ``tables.py``)
decides year, format and variant, maps every raw row to its data row by its label (tolerantly;
see ``normalize.py``), every value to its column, parses the printed text and fills an "as
printed" report. Everything that is not a plain reading is recorded as an ``ImportIssue`` with
the source text.
"""

from __future__ import annotations

import re
from typing import Callable

from ..core.formats import FormatError, format_for_year, get_format
from ..core.limits import MAX_SHORT_TEXT, text_problem
from ..core.report import Report
from ..core.text import clean_spaces, join_broken_paragraphs
from .issues import BLANK, INFO, INTERPRETED, KIND_NAMES, MISSING, UNREADABLE, ImportIssue, ImportResult
from .normalize import norm, strip_parens
from . import deviations
from .blocks import ImportFailed
from .structure import _ORG_END_RE, _T2_SIG_2019, _T2_SIG_2021, _YEAR_RE, RawDoc, RawRow, first_pass
from .t4 import _fill_t4
from .tables import _fill_t2, _fill_t3

__all__ = ["BLANK", "INFO", "INTERPRETED", "KIND_NAMES", "MISSING", "UNREADABLE", "ImportIssue", "ImportResult",
           "RawDoc", "RawRow", "build_report", "first_pass"]


def build_report(doc: RawDoc, *, year: int | None = None, source_kind: str = "",
                 check: Callable[[], None] = lambda: None) -> ImportResult:
    """The report and its issues; ``check`` is called per table row (it raises to cancel)."""
    issues: list[ImportIssue] = []
    t3_rows = [r for r in doc.rows if r.table == "t3"]
    if doc.headings < 2 and len(t3_rows) < 5:
        raise ImportFailed("未能识别为政府信息公开工作年度报告：没有找到“一、总体情况”等部分标题，"
                           "也没有找到“收到和处理政府信息公开申请情况”表格。请确认所选文件是已发布的年度报告全文。")
    # ---- title, organisation, year
    title_lines = [clean_spaces(t) for t in doc.title_lines]
    title = "".join(title_lines)
    organisation = ""
    title_n = norm(title)
    if len(title_lines) >= 2 and not _YEAR_RE.search(norm(title_lines[0])):
        organisation = title_lines[0]
    if year is None:
        m = _YEAR_RE.search(title_n)
        if m:
            year = int(m.group(1))
        else:
            for p in doc.preface + doc.sections.get("s1", [])[:2]:
                pn = norm(p)
                m = re.search(r"((?:19|20)\d{2})年1月1日", pn) or _YEAR_RE.search(pn)
                if m:
                    year = int(m.group(1))
                    break
        if year is None:
            raise ImportFailed("没有找到报告年度：标题和正文开头都没有“20XX年”。请在导入时指定年度。",
                               needs_year=True)
        issues.append(ImportIssue(INFO, f"报告年度：{year}年（据{'标题' if m and m.string == title_n else '正文'}识别）"))
    if not organisation:
        prefix = _title_organisation(title)
        if prefix:
            organisation = prefix
            if re.search(r"(区|县|市|旗|州|盟|省|自治区)$", prefix):
                organisation = prefix + "人民政府"
            issues.append(ImportIssue(INTERPRETED, f"机关名称按标题推断为“{organisation}”，请核对全称", source=title))
        else:
            issues.append(ImportIssue(INFO, "没有从标题中识别出机关名称，请在“基本信息”中填写"))
    try:
        fmt = format_for_year(year)
    except FormatError as exc:
        raise ImportFailed(str(exc)) from None
    # ---- format check from the labels
    labels = "".join(doc.t2_labels)
    sig19 = any(s in labels for s in _T2_SIG_2019) or any(
        r.table == "t2" and strip_parens(r.label) in ("政府集中采购", "其他对外管理服务事项") for r in doc.rows)
    sig21 = any(s in labels for s in _T2_SIG_2021)
    detected = "2019" if sig19 and not sig21 else "2021" if sig21 and not sig19 else None
    if detected and detected != fmt.id:
        issues.append(ImportIssue(INTERPRETED, f"表二的栏目属于{get_format(detected).document}格式，但{year}年度报告应使用"
                                        f"{fmt.document}格式；已按{fmt.document}格式导入，无法对应的单元格未填",
                                  deviation=f"{year}年度报告使用了{get_format(detected).document}格式的表二"))
    variant = None
    if fmt.id == "2019" and "hubei" in fmt.variant_names():
        if doc.hubei_glosses or any(r.table == "t2" and strip_parens(r.label).startswith("其他主动公开文件")
                                    for r in doc.rows):
            variant = "hubei"
            issues.append(ImportIssue(INFO, "识别为湖北省地方格式（含“其他主动公开文件”行及栏目说明）"))
    for what, text in (("机关名称", organisation), ("标题", title)):
        problem = text_problem(text, MAX_SHORT_TEXT)  # the file's limit, named (not a generic refusal)
        if problem:
            raise ImportFailed(f"原文的{what}{problem}，不像是一份年度报告的{what}，无法导入。")
    report = Report(format=fmt.id, year=year, organisation=organisation, variant=variant,
                    totals_mode="printed")
    report.title = title or report.default_title()  # 落款 only when the original prints one (_take_signoff)
    # ---- narrative
    if doc.dropped:
        issues.append(ImportIssue(INTERPRETED, f"原文中与年度报告无关的{len(doc.dropped)}行（网页导航、链接、页脚、无关表格等）未导入",
                                  source=" / ".join(doc.dropped)[:2000]))
    _take_signoff(report, doc, issues)
    if not report.signoff.organisation and report.signoff.date is None:
        issues.append(ImportIssue(INFO, "原文末尾没有落款：落款机关和落款日期保持空白，请在“基本信息”中填写"))
    report.preface = _paras(doc.preface)
    for key, paras in doc.sections.items():
        report.sections[key] = _paras(paras)
    # ---- tables
    filled: dict[str, str] = {}  # ref -> source of the row that filled it
    _fill_t2(report, doc, issues, filled, check)
    _fill_t3(report, doc, issues, filled, check)
    _fill_t4(report, doc, issues, filled)
    # ---- what is missing
    missing_by_row: dict[tuple[str, str], list[str]] = {}
    for ref, info in report.cells().items():
        if ref not in filled:
            missing_by_row.setdefault((info.table, info.row), []).append(ref)
    for (t, r), refs in missing_by_row.items():
        info = report.cell_info(refs[0])
        cols = "、".join(f"「{report.cell_info(x).col_label}」" for x in refs)
        what = "表四" if t == "t4" else f"「{info.row_label}」行"
        issues.append(ImportIssue(MISSING, f"原文中没有找到{what}的{cols}，保持空白", cells=tuple(refs)))
    deviations.record(report, doc, issues, missing_by_row)
    return ImportResult(report, issues, source_kind)


# Where the organisation's name ends in a one-line title: the year, or (a title without a year)
# the last mention of the report's name (an organisation may be called 「…政务公开办公室」).
_TITLE_YEAR_RE = re.compile(r"(?:关于)?\d{4}\s*年")  # \d: full-width digits too
_TITLE_NAME_RE = re.compile(r"(?:关于)?(?:政府信息公开|政务公开|信息公开)")
_TITLE_REPORT_RE = re.compile(r"(?:关于)?(?:年度报告|年报)")


def _title_organisation(title: str) -> str:
    """The organisation named at the start of a one-line title, as printed (「淮安市交通运输局」 of
    「淮安市交通运输局2024年政府信息公开工作年度报告」 and of 「淮安市交通运输局政府信息公开工作年度报告」);
    "" when the title starts with the year or the report's name (nothing is invented)."""
    t = clean_spaces(title)
    m = _TITLE_YEAR_RE.search(t)
    if m is None:
        m = next(reversed(list(_TITLE_NAME_RE.finditer(t))), None) or _TITLE_REPORT_RE.search(t)
    return t[: m.start()].strip(" ,，:：") if m else ""


def _paras(paras: list[str]) -> list[str]:
    """The cleaned paragraphs, those that a page break split joined again."""
    return join_broken_paragraphs([clean_spaces(p) for p in paras])


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_CN_DAY = "[一二三四五六七八九十]{1,3}"
# A 落款 date at the end of a normalised line: 「2025年1月20日」, 「二〇二五年一月二十日」, 「2025.1.20」,
# 「2025-01-20」, 「2025/1/20」.
_DATE_END_RE = re.compile(r"(?:((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日"
                          r"|((?:19|20)\d{2})([./-])(\d{1,2})\5(\d{1,2})"
                          rf"|([一二][〇○零一二三四五六七八九]{{3}})年({_CN_DAY})月({_CN_DAY})日)$")


def _cn_small(s: str) -> int:
    """「一」 1, 「十」 10, 「十二」 12, 「二十」 20, 「三十一」 31 (a month or a day)."""
    if "十" not in s:
        return _CN_DIGIT.get(s, 0) if len(s) == 1 else 0
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def _date_at_end(n: str) -> tuple[int, tuple[int, int, int]] | None:
    """(where it starts, (year, month, day)) of a date that ends the normalised text ``n``."""
    m = _DATE_END_RE.search(n)
    if not m:
        return None
    g = m.groups()
    if g[0]:
        ymd = (int(g[0]), int(g[1]), int(g[2]))
    elif g[3]:
        ymd = (int(g[3]), int(g[5]), int(g[6]))
    else:
        ymd = (int("".join(str(_CN_DIGIT[c]) for c in g[7])), _cn_small(g[8]), _cn_small(g[9]))
    return m.start(), ymd


def _take_signoff(report: Report, doc: RawDoc, issues: list[ImportIssue]) -> None:
    """Move a trailing 落款 (organisation and date lines) out of the last section."""
    import datetime as dt

    paras = doc.sections.get("s6")
    if not paras:
        return
    taken: list[str] = []
    for _ in range(3):
        if not paras or ("s6", len(paras) - 1) in doc.from_rows:
            break  # a 落款 is a text paragraph, never a table cell (a page footer's links)
        last = clean_spaces(paras[-1])
        n = norm(last)
        found = _date_at_end(n)
        if found and found[0] > 0 and len(last) <= 40 and _ORG_END_RE.search(n[: found[0]]):
            paras[-1] = last[: len(last) - (len(n) - found[0])]  # 「…办公室　2025年1月20日」 on one line
            paras.append(n[found[0]:])
            continue
        if found and found[0] == 0:
            try:
                report.signoff.date = dt.date(*found[1])
            except ValueError:
                break
            taken.insert(0, paras.pop())
            continue
        if len(last) <= 30 and _ORG_END_RE.search(norm(last)) and last[-1] not in "。；" and \
                not re.search(r"[:：|]|版权|主办|承办|链接", last):  # not 「主办单位：…」 page footers
            report.signoff.organisation = last
            taken.insert(0, paras.pop())
            continue
        break
    if taken:
        issues.append(ImportIssue(INTERPRETED, f"正文末尾的“{report.signoff.organisation}"
                                               f"{'　' + report.signoff.date.isoformat() if report.signoff.date else ''}”"
                                               "按落款读取，请核对", source=" / ".join(taken)))
