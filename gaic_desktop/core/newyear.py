"""A new report: empty, or the next year's from last year's (organisation data, 上年结转, last
year's figures for the cross-year rules, optionally last year's text as a draft).

Split from ``report.py`` (past 600 lines); ``report`` re-exports these names."""

from __future__ import annotations

from .limits import MAX_YEAR, MIN_YEAR, check_text, clip
from .report import PreviousYear, Report, Tables


def previous_from(report: Report) -> PreviousYear:
    """Last year's figures, as this year's report keeps them (totals as calculated/printed)."""
    values = report.effective_values()
    tables: Tables = {}
    for ref, v in values.items():
        if v is None:
            continue
        t, r, c = ref.split(".")
        tables.setdefault(t, {}).setdefault(r, {})[c] = v
    return PreviousYear(year=report.year, format=report.format,
                        organisation=report.organisation, tables=tables)


#: Marks last year's narrative carried into a new report as a draft (see ``draft_notice``).
DRAFT_MARK = "【上年正文，请修改】"


def draft_notice(last_year: int, year: int) -> str:
    """The paragraph put before each part of last year's text carried as a draft. It starts
    with last year's year (「2024年，…」), so rule X-5 warns about it until it is deleted."""
    return (f"{last_year}年，{DRAFT_MARK}以下是{last_year}年度报告的原文，仅作草稿：请逐段改写为"
            f"{year}年度的情况，改完后删除本段。")


def new_report(year: int, organisation: str, *, last_year: Report | None = None,
               variant: str | None = None, carry_text: bool = False) -> Report:
    """An empty report of the format that applies to ``year``.

    With ``last_year``: carries over the organisation data (机关名称 when ``organisation`` is
    empty, contact, 拟稿/审核/签发), sets 上年结转 from last year's 结转下年度继续办理 (per
    column; the rows are the same in both formats) and keeps last year's figures for the
    cross-year rules. The tables start blank. ``carry_text``: last year's opening paragraphs
    and narrative too, each part headed by ``draft_notice`` (a draft to revise).
    """
    from .formats import format_for_year

    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"报告年度“{clip(str(year))}”无效（应为 {MIN_YEAR}—{MAX_YEAR} 年）。")
    check_text(organisation, "机关名称")
    fmt = format_for_year(year)
    if variant is not None and variant not in fmt.variant_names():
        variant = None
    if last_year is not None and last_year.year != year - 1:
        raise ValueError(f"所选的上年度报告是{last_year.year}年度的，不能作为{year}年度报告的上年数据"
                         f"（应选{year - 1}年度的报告）。")
    # The title stays empty: ``display_title()`` derives it from organisation and year until
    # the user writes one of their own.
    report = Report(format=fmt.id, year=year, organisation=organisation, variant=variant)
    report.signoff.organisation = organisation
    if last_year is not None:
        report.previous = previous_from(last_year)
        report.contact = last_year.contact.model_copy()
        report.people = last_year.people.model_copy()
        if not organisation:
            report.organisation = report.signoff.organisation = last_year.organisation
        if last_year.variant and last_year.variant in fmt.variant_names():
            report.variant = last_year.variant
        for ref, info in report.cells().items():
            if info.table == "t3" and info.row == "carried_in" and not report.is_auto(ref):
                v = report.previous.value("t3", "carried_out", info.col)
                if v is not None:
                    report.set_cell(ref, v)
        if carry_text:
            notice = draft_notice(last_year.year, year)
            if any(p.strip() for p in last_year.preface):
                report.preface = [notice, *last_year.preface]
            keys = {s.key for s in fmt.sections}
            for key, paras in last_year.sections.items():
                if key in keys and any(p.strip() for p in paras):
                    report.sections[key] = [notice, *paras]
    return report
