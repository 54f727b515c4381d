"""The rules of a format definition, as data (the ``rules`` of ``resources/formats/<id>.json``).

Each rule kind is a pydantic model; ``RuleDef`` picks one by its ``kind``. ``core/rules.py``
evaluates them. Split out of ``formats.py``, which re-exports every name.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning"]


class _Strict(BaseModel):
    """The base of every model of a format definition: no unknown keys, immutable. Its
    validators are built when a definition is first validated, not when the class is made: the
    bundled definitions are not validated at run time (see ``format_trusted``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CompareCheck(_Strict):
    left: list[str]
    right: list[str]
    label: str | None = None


class CompareRule(_Strict):
    """``Σ left  op  Σ right`` for every key in ``over``.

    ``axis='row'``: terms are column keys, one check per row in ``over``;
    ``axis='col'``: terms are row keys, one check per column in ``over``.
    A term ``-key`` is subtracted; ``last:key`` reads last year's report.
    ``auto``: the single left term is a total that is calculated from the right terms unless
    the report is in "as printed" mode.
    """

    kind: Literal["compare"]
    id: str
    severity: Severity
    table: str
    axis: Literal["row", "col"]
    over: list[str]
    checks: list[CompareCheck]
    message: str
    op: Literal["==", "<=", ">="] = "=="
    auto: bool = False
    last_formats: list[str] | None = None
    source: str | None = None


class ZeroIfZeroRule(_Strict):
    kind: Literal["zero_if_zero"]
    id: str
    severity: Severity
    table: str
    axis: Literal["col"]
    over: list[str]
    condition: list[str]
    targets: list[str]
    message: str
    source: str | None = None


class BlankTotalsRule(_Strict):
    kind: Literal["blank_totals"]
    id: str
    severity: Severity
    table: str
    message: str
    source: str | None = None


class BlanksRule(_Strict):
    kind: Literal["blanks"]
    id: str
    severity: Severity
    table: str
    message: str
    source: str | None = None


class EmptyTableRule(_Strict):
    """A table with no value at all (the form must be filled: 0 for none, "/" if n/a)."""

    kind: Literal["empty_table"]
    id: str
    severity: Severity
    table: str
    message: str
    source: str | None = None
    #: rows whose figures do not count as filling the table in: 上年结转, which a report made
    #: from last year's file starts with (the officer has typed nothing yet)
    carried_rows: tuple[str, ...] = ()


class SignoffDateRule(_Strict):
    kind: Literal["signoff_date"]
    id: str
    severity: Severity
    message: str
    message_missing: str
    source: str | None = None


class MentionsRule(_Strict):
    kind: Literal["mentions"]
    id: str
    severity: Severity
    table: str
    cell: str
    section: str
    words: list[str]
    message: str
    source: str | None = None


class YearRule(_Strict):
    """X-2 / X-5: years in the title and statistical period (``title_period``), or at the start
    of narrative paragraphs (``paragraphs``), must be the report year."""

    kind: Literal["year"]
    id: str
    severity: Severity
    scope: Literal["title_period", "paragraphs"]
    message: str
    source: str | None = None


class SectionsPresentRule(_Strict):
    kind: Literal["sections_present"]
    id: str
    severity: Severity
    sections: list[str]
    message: str
    source: str | None = None


class SameAsLastRule(_Strict):
    kind: Literal["same_as_last"]
    id: str
    severity: Severity
    message: str
    source: str | None = None


class NarrativeRule(_Strict):
    """X-1: figures the narrative states about the tables must match the cells
    (implemented in ``core/narrative.py``)."""

    kind: Literal["narrative"]
    id: str
    severity: Severity
    message: str = ""
    source: str | None = None


class DeviationsRule(_Strict):
    """X-7: an imported report whose tables were printed unlike the official form
    (``Report.import_deviations``, recorded by the importer)."""

    kind: Literal["import_deviations"]
    id: str
    severity: Severity
    message: str  # {document}, {deviation}
    source: str | None = None


class TextLintRule(_Strict):
    """X-8: half-width punctuation in Chinese text and list numbers as typed, each with its
    replacement (implemented in ``core/lint.py``). ``message_remove`` when the fix deletes."""

    kind: Literal["text_lint"]
    id: str
    severity: Severity
    message: str
    message_remove: str
    source: str | None = None


RuleDef = Annotated[
    Union[CompareRule, ZeroIfZeroRule, BlankTotalsRule, BlanksRule, EmptyTableRule, MentionsRule,
          YearRule, SectionsPresentRule, SameAsLastRule, SignoffDateRule, NarrativeRule, DeviationsRule,
          TextLintRule],
    Field(discriminator="kind"),
]


def cell_ref(table: str, axis: str, other: str, term: str) -> str:
    """The ref of ``term`` in the row (axis='row') or column (axis='col') ``other``."""
    return f"{table}.{other}.{term}" if axis == "row" else f"{table}.{term}.{other}"


def strip_term(term: str) -> tuple[int, bool, str]:
    """``'-last:x'`` -> (sign, is_last, key)."""
    sign = 1
    if term.startswith("-"):
        sign, term = -1, term[1:]
    last = term.startswith("last:")
    return sign, last, term[5:] if last else term
