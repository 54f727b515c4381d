"""The report model: one annual report, as saved in a ``.gaic.json`` file.

The pydantic ``Report`` is the single source of truth. The UI's table models are adapters over
it; the PDF reads it; derived values (auto totals, findings) are computed from it, never stored
as separate truth. Every cell change goes through ``Report.set_cell``, which validates the value
for the cell's kind and raises ``CellValueError`` with a Chinese message otherwise.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .formats import CellInfo, FormatDef, format_ids, get_format
from .limits import (MAX_ACK_KEY_CHARS, MAX_ACK_MESSAGE_CHARS, MAX_ACKNOWLEDGEMENTS, MAX_EXPLANATION_CHARS,
                     MAX_NOTE_CHARS, MAX_SHORT_TEXT, MAX_YEAR, MIN_YEAR, TextValueError, check_deviations,
                     check_narrative_total, check_paragraphs, check_text, clip, decimal_in_bounds, int_in_bounds,
                     text_problem)
from .merge_sources import MergeSource, check_sources
from .values import MAX_COUNT, NA, CellValue, CellValueError, check_value, coerce_stored, fmt_value, parse_input

SCHEMA_VERSION = 1
FILE_SUFFIX = ".gaic.json"

TotalsMode = Literal["auto", "printed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


def _limited(max_chars: int):
    """A validator of a text field: the same limits on entry (``check_field``) and in files."""
    def check(v: str) -> str:
        problem = text_problem(v, max_chars)
        if problem:
            raise ValueError(problem)
        return v
    return check


_short_text = _limited(MAX_SHORT_TEXT)  # one-line fields: names, title, phone


def _bounded_int(v):
    """Before pydantic converts a number to int: refuse what would expand to gigabytes
    (``1e999999999`` is a few bytes in a file), booleans and long strings."""
    if isinstance(v, bool):
        raise ValueError("类型不对")
    if isinstance(v, Decimal):
        if not decimal_in_bounds(v):
            raise ValueError("数值无效")
        if v != v.to_integral_value():
            raise ValueError("应为整数")
    elif isinstance(v, int):
        if not int_in_bounds(v):
            raise ValueError("数值过大")
    elif isinstance(v, str) and len(v) > 10:
        raise ValueError("类型不对")
    return v


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SignOff(_Model):
    """落款: the issuing organisation and the date printed under section 六."""

    organisation: str = ""
    date: dt.date | None = None

    _text = field_validator("organisation")(_short_text)

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, v):
        """A date is written 年-月-日 (「2025-01-20」); a number (``0`` would read as 1970-01-01)
        or any other form is refused."""
        if v is None or isinstance(v, dt.date) or (isinstance(v, str) and _ISO_DATE.fullmatch(v)):
            return v
        raise ValueError("日期格式不对（应为 年-月-日）")


class Contact(_Model):
    person: str = ""
    phone: str = ""

    _text = field_validator("person", "phone")(_short_text)


class People(_Model):
    """The signature block of the 审签版: who drafted, reviewed and signed off."""

    drafter: str = ""  # 拟稿
    reviewer: str = ""  # 审核
    approver: str = ""  # 签发

    _text = field_validator("drafter", "reviewer", "approver")(_short_text)


Tables = dict[str, dict[str, dict[str, Any]]]


def _known_format_id(v: str) -> str:
    if v not in format_ids():
        raise ValueError(f"未知的报告格式“{v}”")
    return v


class Acknowledgement(_Model):
    """A warning explained in writing (说明). ``message`` is the warning as it was explained,
    with its numbers: if the numbers change, the explanation no longer covers it."""

    explanation: str
    message: str

    _explanation = field_validator("explanation")(_limited(MAX_EXPLANATION_CHARS))
    _message = field_validator("message")(_limited(MAX_ACK_MESSAGE_CHARS))


class PreviousYear(_Model):
    """Last year's figures needed by the cross-year rules (kept inside this year's file)."""

    year: int = Field(ge=MIN_YEAR - 1, le=MAX_YEAR)
    format: str
    organisation: str = ""
    tables: Tables = {}

    def value(self, table: str, row: str, col: str) -> CellValue:
        return self.tables.get(table, {}).get(row, {}).get(col)

    _known_format = field_validator("format")(_known_format_id)
    _year = field_validator("year", mode="before")(_bounded_int)
    _text = field_validator("organisation")(_short_text)

    @model_validator(mode="after")
    def _coerce(self) -> "PreviousYear":
        _coerce_tables(self.tables, get_format(self.format), allow_missing=True)
        return self


class Report(_Model):
    schema_version: int = SCHEMA_VERSION
    format: str
    variant: str | None = None
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    organisation: str = ""
    title: str = ""
    signoff: SignOff = SignOff()
    contact: Contact = Contact()
    people: People = People()
    totals_mode: TotalsMode = "auto"
    # Paragraphs before section 一 (the report's opening: legal basis, statistical period).
    preface: list[str] = []
    # Narrative of each section s1..s6: paragraphs of plain text, printed before the tables.
    sections: dict[str, list[str]] = {}
    tables: Tables = {}
    # Free-text notes on cells (e.g. the breakdown of a figure given as a sum in the source).
    cell_notes: dict[str, str] = {}
    # Acknowledged warnings: finding key -> the written explanation (说明).
    acknowledgements: dict[str, Acknowledgement] = {}
    previous: PreviousYear | None = None
    # A consolidated report (汇总): the units' reports summed into it (see core/merge.py).
    sources: list[MergeSource] = []
    # An imported report: what the original's tables print unlike the official form (warning X-7).
    import_deviations: list[str] = []

    # ----------------------------------------------------------------- validation

    _known_format = field_validator("format")(_known_format_id)
    _year = field_validator("year", mode="before")(_bounded_int)
    _text = field_validator("organisation", "title")(_short_text)

    @model_validator(mode="after")
    def _check(self) -> "Report":
        fmt = self.fmt
        if self.variant is not None and self.variant not in fmt.variant_names():
            raise ValueError(f"格式{fmt.id}没有地方格式“{self.variant}”")
        if not (fmt.first_year <= self.year and (fmt.last_year is None or self.year <= fmt.last_year)):
            raise ValueError(f"{self.year}年度报告不适用{fmt.document}格式")
        for key in self.sections:
            if key not in {s.key for s in fmt.sections}:
                raise ValueError(f"未知的部分“{key}”")
        for key in list(self.sections):
            self.sections[key] = [str(p) for p in self.sections[key]]
        _check_texts(self)
        _coerce_tables(self.tables, fmt, allow_missing=False)
        for ref, note in self.cell_notes.items():
            if ref not in fmt.cells():
                raise ValueError(f"单元格备注指向本格式没有的单元格“{clip(ref)}”")
            info = fmt.cell(ref)
            check_text(note, f"「{info.row_label}」的「{info.col_label}」的单元格备注", MAX_NOTE_CHARS)
        if len(self.acknowledgements) > MAX_ACKNOWLEDGEMENTS:
            raise ValueError(f"警告说明过多（{len(self.acknowledgements)} 条，最多 {MAX_ACKNOWLEDGEMENTS} 条）")
        for key in self.acknowledgements:
            check_text(key, "警告说明的编号", MAX_ACK_KEY_CHARS)
        check_sources(self.sources, fmt)
        check_deviations(self.import_deviations)
        return self

    # ----------------------------------------------------------------- format access

    @property
    def fmt(self) -> FormatDef:
        return get_format(self.format)

    def cell_info(self, ref: str) -> CellInfo:
        return self.fmt.cell(ref)

    def cells(self) -> Mapping[str, CellInfo]:
        """The data cells of this report (a variant's extra rows only for that variant), in the
        format's order. Read-only and shared: computed once per format and variant."""
        return _variant_cells(self.format, self.variant)

    def is_auto(self, ref: str) -> bool:
        """True if the cell is a total calculated by the program (not typed)."""
        return self.totals_mode == "auto" and self.fmt.cell(ref).auto_total

    # ----------------------------------------------------------------- cells

    def stored(self, ref: str) -> CellValue:
        """The value stored for a cell (for auto totals in auto mode: what the file holds)."""
        t, r, c = ref.split(".")
        return self.tables.get(t, {}).get(r, {}).get(c)

    def value(self, ref: str) -> CellValue:
        """The value a cell shows: stored, or calculated for auto totals."""
        if self.is_auto(ref):
            return self.effective_values()[ref]
        return self.stored(ref)

    def effective_values(self, overrides: dict[str, CellValue] | None = None) -> dict[str, CellValue]:
        """All cell values by ref, with auto totals calculated (overrides win over stored)."""
        from .totals import effective_values  # local: avoids an import cycle at module load

        return effective_values(self, overrides)

    def parse(self, ref: str, text: str) -> CellValue:
        """Parse typed text for a cell; raises CellValueError (Chinese message)."""
        info = self.cell_info(ref)
        return parse_input(info.kind, text, info.unit)

    def check(self, ref: str, value: CellValue | str) -> CellValue:
        """Validate a value (or typed text) for the cell without storing it."""
        if ref not in self.cells():
            raise CellValueError(f"本报告没有单元格 {ref}")
        if self.is_auto(ref):
            info = self.cell_info(ref)
            raise CellValueError(f"「{info.row_label}」的「{info.col_label}」是自动计算的合计，"
                                 "不能手工填写（如需按已印发的数字录入，请切换到“照印刷录入”模式）")
        if isinstance(value, str) and value != NA:
            checked = self.parse(ref, value)
        else:
            checked = check_value(self.cell_info(ref).kind, value)
        self.check_totals({ref: checked})
        return checked

    def check_cells(self, values: dict[str, CellValue | str]) -> dict[str, CellValue]:
        """Validate several values (or typed texts) that are to be set together, without storing
        them: each for its cell, then the calculated totals they give together. Raises
        CellValueError (Chinese)."""
        checked: dict[str, CellValue] = {}
        for ref, v in values.items():
            if ref not in self.cells():
                raise CellValueError(f"本报告没有单元格 {clip(ref)}")
            if isinstance(v, str) and v != NA:
                checked[ref] = self.parse(ref, v)
            else:
                checked[ref] = check_value(self.cell_info(ref).kind, v)
            if self.is_auto(ref):
                self.check(ref, checked[ref])  # raises: a calculated total is not typed
        self.check_totals(checked)
        return checked

    def check_totals(self, overrides: dict[str, CellValue]) -> None:
        """Refuse values that would push a calculated total beyond what a cell can hold (the
        file could not be opened again). A total already beyond it is not made worse."""
        if self.totals_mode != "auto":
            return
        from .totals import dependent_totals

        deps = dependent_totals(self.format)
        affected = {t for ref in overrides for t in deps.get(ref, ())}
        if not affected:
            return
        before = self.effective_values()
        after = self.effective_values(overrides)
        for ref in (r for r in self.cells() if r in affected):
            info = self.cell_info(ref)
            v = after[ref]
            if v is None or v == NA or (before[ref] not in (None, NA) and v <= before[ref]):
                continue
            try:
                check_value(info.kind, v)
            except CellValueError:
                raise CellValueError(
                    f"填写后「{info.row_label}」的「{info.col_label}」（自动计算的合计）将为 {fmt_value(v)}，"
                    f"超出可填写的范围（最大 {MAX_COUNT}），请核对所填数字") from None

    def set_cell(self, ref: str, value: CellValue | str) -> CellValue:
        """The one way to change a cell. Returns the stored value; raises CellValueError.

        The value is checked for its cell; the calculated totals it feeds are checked by
        ``check``/``check_cells`` (entry), not here: undo and redo set several cells one after
        another, and a state in between may hold a larger total than either end. A total beyond
        the limit is an error finding (V-1) and is not written to the file (it is derived)."""
        if ref not in self.cells():
            raise CellValueError(f"本报告没有单元格 {clip(ref)}")
        if self.is_auto(ref):
            self.check(ref, value)  # raises: a calculated total is not typed
        if isinstance(value, str) and value != NA:
            value = self.parse(ref, value)
        else:
            value = check_value(self.cell_info(ref).kind, value)
        if value is None:
            self._drop(ref)
        else:
            t, r, c = ref.split(".")
            self.tables.setdefault(t, {}).setdefault(r, {})[c] = value
        return value

    def _drop(self, ref: str) -> None:
        """Remove a stored value, and the row/table dicts it leaves empty."""
        t, r, c = ref.split(".")
        rows = self.tables.get(t, {})
        rows.get(r, {}).pop(c, None)
        if r in rows and not rows[r]:
            del rows[r]
        if t in self.tables and not rows:
            del self.tables[t]

    def set_totals_mode(self, mode: TotalsMode) -> None:
        """Switch auto/"as printed". Going to "as printed" writes the calculated totals into
        the cells so nothing visible changes; going to auto discards typed totals."""
        if mode == self.totals_mode:
            return
        if mode == "printed":
            values = self.effective_values()
            typed: dict[str, CellValue] = {}
            for ref, info in self.cells().items():  # all checked before anything changes
                if info.auto_total and values[ref] is not None:
                    try:
                        typed[ref] = check_value(info.kind, values[ref])
                    except CellValueError:
                        raise CellValueError(
                            f"「{info.row_label}」的「{info.col_label}」（自动计算的合计）为 {fmt_value(values[ref])}，"
                            f"超出可填写的范围（最大 {MAX_COUNT}），不能切换为“照印刷录入”；请先核对所填数字。"
                        ) from None
            self.totals_mode = "printed"
            for ref, info in self.cells().items():
                if ref in typed:
                    t, r, c = ref.split(".")
                    self.tables.setdefault(t, {}).setdefault(r, {})[c] = typed[ref]
                elif info.auto_total:
                    self._drop(ref)
        else:
            for ref, info in self.cells().items():
                if info.auto_total:
                    self._drop(ref)
            self.totals_mode = "auto"

    def typed_totals_differing(self) -> list[tuple[str, CellValue, CellValue]]:
        """In "as printed" mode: the typed totals that differ from what the program would
        calculate, as (ref, typed, calculated). Switching to auto replaces exactly these."""
        if self.totals_mode != "printed":
            return []
        typed = self.effective_values()
        self.totals_mode = "auto"
        try:
            calculated = self.effective_values()
        finally:
            self.totals_mode = "printed"
        return [(ref, typed[ref], calculated[ref]) for ref, info in self.cells().items()
                if info.auto_total and typed[ref] is not None and typed[ref] != calculated[ref]]

    def cells_snapshot(self) -> tuple[str, dict[str, CellValue]]:
        """The totals mode and every stored cell value, for an exact undo (see restore_cells)."""
        return self.totals_mode, {ref: v for ref in self.cells() if (v := self.stored(ref)) is not None}

    def restore_cells(self, snapshot: tuple[str, dict[str, CellValue]]) -> None:
        """Put back a ``cells_snapshot()`` exactly (values were valid when taken)."""
        mode, stored = snapshot
        self.tables = {}
        self.totals_mode = mode
        for ref, v in stored.items():
            t, r, c = ref.split(".")
            self.tables.setdefault(t, {}).setdefault(r, {})[c] = v

    # ----------------------------------------------------------------- text

    def field_label(self, path: str) -> str:
        """The form's name of a text field (``"signoff.organisation"`` -> 落款机关)."""
        if path.startswith("sections."):
            key = path.split(".", 1)[1]
            try:
                return f"正文“{self.fmt.section(key).heading}”"
            except KeyError:
                return "正文"
        return FIELD_LABELS.get(path, "此项")

    def check_field(self, path: str, value):
        """Validate a new value for a text field before it is set (the window calls this where
        the text enters); the same rules as for a file. Returns the value or raises
        TextValueError (Chinese). ``path``: "organisation", "title", "signoff.organisation",
        "signoff.date", "contact.person", "contact.phone", "people.drafter" (…reviewer,
        approver), "preface", "sections.s1" … "sections.s6", "cell_notes.<ref>"."""
        what = self.field_label(path)
        if path in ("preface",) or path.startswith("sections."):
            if value is None:
                return value
            if not isinstance(value, list):
                raise TextValueError(f"{what}应为文字。")
            check_paragraphs(value, what)
            others = [self.preface] if path != "preface" else []
            others += [paras for k, paras in self.sections.items() if f"sections.{k}" != path]
            check_narrative_total(others + [value])
            return value
        if path == "signoff.date":
            if value is None or isinstance(value, dt.date):
                return value
            raise TextValueError("落款日期格式不对（应为 年-月-日）。")
        if path.startswith("cell_notes."):
            return check_text(value, "单元格备注", MAX_NOTE_CHARS)
        if path not in FIELD_LABELS:
            raise TextValueError(f"未知的项目 {clip(path)}")
        return check_text(value, what, MAX_SHORT_TEXT)

    def default_title(self) -> str:
        return f"{self.organisation}{self.year}年政府信息公开工作年度报告"

    def display_title(self) -> str:
        return self.title.strip() or self.default_title()

    def section_text(self, key: str) -> list[str]:
        return self.sections.get(key, [])

    # ----------------------------------------------------------------- fingerprint

    def canonical_content(self, values: dict[str, CellValue] | None = None) -> dict:
        """What the printed report shows, in a canonical form (for the fingerprint).
        ``values``: ``effective_values()`` when the caller has them already."""
        if values is None:
            values = self.effective_values()
        cells = {ref: _json_value(values[ref]) for ref in sorted(self.cells())}
        return {
            "format": self.format, "variant": self.variant, "year": self.year,
            "organisation": self.organisation, "title": self.display_title(),
            "signoff": self.signoff.model_dump(mode="json"),
            "contact": self.contact.model_dump(mode="json"),
            "people": self.people.model_dump(mode="json"),
            "preface": self.preface,
            "sections": {k: self.section_text(k) for k in sorted(s.key for s in self.fmt.sections)},
            "cells": cells,
            "acknowledgements": {k: a.model_dump() for k, a in sorted(self.acknowledgements.items())},
        }

    def fingerprint(self, values: dict[str, CellValue] | None = None) -> str:
        """First 8 hex digits of SHA-256 over the canonical content (printed on every page)."""
        blob = json.dumps(self.canonical_content(values), ensure_ascii=False, sort_keys=True,
                          separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:8].upper()


FIELD_LABELS = {
    "organisation": "机关名称", "title": "报告标题", "signoff.organisation": "落款机关",
    "signoff.date": "落款日期", "contact.person": "联系人", "contact.phone": "联系电话",
    "people.drafter": "拟稿人", "people.reviewer": "审核人", "people.approver": "签发人",
    "preface": "开头部分",
}


def _check_texts(report: Report) -> None:
    """The narrative limits (each list, then all together), as ``check_field`` applies them."""
    check_paragraphs(report.preface, "开头部分")
    for key, paras in report.sections.items():
        check_paragraphs(paras, report.field_label(f"sections.{key}"))
    check_narrative_total([report.preface, *report.sections.values()])


def table_name(fmt: FormatDef, table: str) -> str:
    """「表三（收到和处理政府信息公开申请情况）」: a table as the form names it."""
    try:
        t = fmt.table(table)
    except KeyError:
        return f"表格“{clip(table)}”"
    number = next((s.heading.split("、")[0] for s in fmt.sections if table in s.tables), "")
    return f"表{number}（{t.title}）" if number else f"表格（{t.title}）"


def row_name(fmt: FormatDef, table: str, row: str) -> str:
    try:
        return next(r.label for r in fmt.table(table).data_rows if r.key == row)
    except (KeyError, StopIteration):
        return f"“{clip(row)}”行"


@lru_cache(maxsize=None)
def _variant_cells(format_id: str, variant: str | None) -> Mapping[str, CellInfo]:
    return MappingProxyType({ref: info for ref, info in get_format(format_id).cells().items()
                             if info.variant is None or info.variant == variant})


def _json_value(v: CellValue):
    if isinstance(v, Decimal):
        return format(v, "f")
    return v


def _coerce_tables(tables: Tables, fmt: FormatDef, *, allow_missing: bool) -> None:
    """Validate and normalise raw cell values in place (file -> model)."""
    cells = fmt.cells()
    for t, rows in list(tables.items()):
        if not isinstance(rows, dict):
            raise ValueError(f"{table_name(fmt, t)}的数据格式错误")
        for r, cols in list(rows.items()):
            if not isinstance(cols, dict):
                raise ValueError(f"{table_name(fmt, t)}「{row_name(fmt, t, r)}」的数据格式错误")
            for c, raw in list(cols.items()):
                ref = f"{t}.{r}.{c}"
                info = cells.get(ref)
                if info is None:
                    if allow_missing:  # last year's figures: cells this format lacks are not used
                        del cols[c]
                        continue
                    raise ValueError(f"文件中有本格式没有的单元格 {clip(ref, 60)}")
                try:
                    value = coerce_stored(info.kind, raw)
                except CellValueError as exc:
                    raise ValueError(f"「{info.row_label}」的「{info.col_label}」：{exc}") from None
                if value is None:
                    del cols[c]
                else:
                    cols[c] = value
            if not cols:
                del rows[r]
        if not rows:
            del tables[t]


# A new report (the next year's, from last year's) lives in ``newyear.py``; re-exported here.
from .newyear import DRAFT_MARK, draft_notice, new_report, previous_from  # noqa: E402  (needs Report)

__all__ = [
    "Report", "PreviousYear", "Acknowledgement", "SignOff", "Contact", "People", "new_report", "previous_from",
    "SCHEMA_VERSION", "FILE_SUFFIX", "DRAFT_MARK", "draft_notice",
]
