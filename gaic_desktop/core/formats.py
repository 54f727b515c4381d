"""The official report formats as data.

Each format lives in ``resources/formats/<id>.json`` and is validated here by pydantic when it
is loaded. A table is described twice, on purpose:

* ``data_rows`` / ``data_columns`` name the logical cells (``row.col`` keys, labels, kinds), which
  the model, the rules and the importer use;
* ``layout`` draws the official form: rows of label and value cells with row/column spans, placed
  on the grid like an HTML table (a cell goes to the next column not covered by an earlier
  rowspan). The UI and the PDF both draw from the placed layout, so labels and merges are defined
  in exactly one place.

Loading checks that the layout tiles the grid exactly, that every data cell appears exactly once,
and that every rule refers to cells that exist. A broken definition raises ``FormatError``.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import format_trusted
from .format_rules import (  # noqa: F401 - re-exported: the rules are part of a format
    BlankTotalsRule, BlanksRule, CompareCheck, CompareRule, DeviationsRule, EmptyTableRule, MentionsRule,
    NarrativeRule, RuleDef, SameAsLastRule, SectionsPresentRule, Severity, SignoffDateRule, TextLintRule,
    YearRule, ZeroIfZeroRule, _Strict, cell_ref, strip_term)

CellKind = Literal["count", "signed", "money"]


class FormatError(Exception):
    """A format definition is broken (a programming error in resources/formats)."""


def resources_dir() -> Path:
    """The folder of the format definitions, samples and bundled fonts, in this order:
    the environment variable ``GAIC_RESOURCES``; ``gaic_desktop/resources`` inside the installed
    package (a wheel's package data, or the same place in a PyInstaller bundle); the top-level
    ``resources`` of a source checkout (``pip install -e .`` or running from the tree)."""
    env = os.environ.get("GAIC_RESOURCES")
    if env:
        return Path(env)
    package = Path(__file__).resolve().parents[1]  # gaic_desktop/core/formats.py -> gaic_desktop
    installed = package / "resources"
    if installed.is_dir():
        return installed
    return package.parent / "resources"


# --------------------------------------------------------------------------- layout


class LabelCell(_Strict):
    text: str
    role: Literal["label", "header", "caption", "note"] = "label"
    rowspan: int = Field(1, ge=1)
    colspan: int = Field(1, ge=1)
    # Local variants may print a longer label (e.g. Hubei's glosses). ``{year}`` / ``{prev}``
    # are replaced by the report year and the year before.
    variants: dict[str, str] = {}

    def text_for(self, variant: str | None, year: int) -> str:
        text = self.variants.get(variant, self.text) if variant else self.text
        return text.replace("{year}", str(year)).replace("{prev}", str(year - 1))


class ValueCell(_Strict):
    cell: str  # "row.col"
    rowspan: int = Field(1, ge=1)
    colspan: int = Field(1, ge=1)


LayoutCell = Union[LabelCell, ValueCell]


class VariantRow(_Strict):
    variant: str
    cells: list[LayoutCell]


LayoutRow = Union[list[LayoutCell], VariantRow]


class DataRow(_Strict):
    key: str
    label: str
    variant: str | None = None
    comment: str | None = None


class DataColumn(_Strict):
    key: str
    label: str
    kind: CellKind | None = None
    unit: str | None = None
    comment: str | None = None


class Placed(BaseModel):
    """A layout cell placed on the grid (0-based row/col of its top-left corner). Made only by
    ``TableDef.place`` from a validated layout: constructed, never validated."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    row: int
    col: int
    rowspan: int
    colspan: int
    cell: LabelCell | ValueCell
    variant: str | None = None  # set for cells of a variant-only row

    @property
    def is_value(self) -> bool:
        return isinstance(self.cell, ValueCell)


class TableDef(_Strict):
    key: str
    title: str
    columns: int = Field(ge=1)
    header_rows: int = Field(0, ge=0)
    kind: CellKind = "count"
    column_widths: list[float] | None = None
    comment: str | None = None
    data_rows: list[DataRow]
    data_columns: list[DataColumn]
    layout: list[LayoutRow]

    @model_validator(mode="after")
    def _check(self) -> "TableDef":
        rows = [r.key for r in self.data_rows]
        cols = [c.key for c in self.data_columns]
        if len(set(rows)) != len(rows) or len(set(cols)) != len(cols):
            raise ValueError(f"{self.key}: duplicate data row or column key")
        if self.column_widths is not None and len(self.column_widths) != self.columns:
            raise ValueError(f"{self.key}: column_widths must have {self.columns} entries")
        for variant in (None, *{r.variant for r in self.layout if isinstance(r, VariantRow)}):
            self.place(variant)  # raises on overlap / gaps
        refs = [p.cell.cell for p in self.place(_ALL) if p.is_value]
        if len(set(refs)) != len(refs):
            raise ValueError(f"{self.key}: a data cell appears twice in the layout")
        for ref in refs:
            r, _, c = ref.partition(".")
            if r not in rows or c not in cols:
                raise ValueError(f"{self.key}: layout cell {ref!r} is not a data row/column")
        return self

    # -- placement -------------------------------------------------------------------

    def value_cells(self) -> dict[str, str | None]:
        """Every value cell of the layout (``row.col``) and the variant whose row holds it
        (None: every report) — what ``place(_ALL)`` finds, without placing anything."""
        out: dict[str, str | None] = {}
        for layout_row in self.layout:
            variant, cells = (layout_row.variant, layout_row.cells) if isinstance(layout_row, VariantRow) \
                else (None, layout_row)
            for cell in cells:
                if isinstance(cell, ValueCell):
                    out[cell.cell] = variant
        return out

    def place(self, variant: str | None) -> list[Placed]:
        """Place the layout on the grid for ``variant`` (``_ALL`` places every row)."""
        out: list[Placed] = []
        covered: set[tuple[int, int]] = set()
        grid_row = 0
        for layout_row in self.layout:
            row_variant = None
            cells = layout_row
            if isinstance(layout_row, VariantRow):
                row_variant = layout_row.variant
                cells = layout_row.cells
                if variant is not _ALL and variant != row_variant:
                    continue
            col = 0
            for cell in cells:
                while (grid_row, col) in covered:
                    col += 1
                if col + cell.colspan > self.columns:
                    raise ValueError(f"{self.key}: layout row {grid_row} overflows the grid")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        pos = (grid_row + dr, col + dc)
                        if pos in covered:
                            raise ValueError(f"{self.key}: cells overlap at {pos}")
                        covered.add(pos)
                out.append(format_trusted.construct(Placed, dict(
                    row=grid_row, col=col, rowspan=cell.rowspan, colspan=cell.colspan, cell=cell,
                    variant=row_variant)))
                col += cell.colspan
            grid_row += 1
        n_rows = grid_row
        if len(covered) != n_rows * self.columns or any(r >= n_rows for r, _ in covered):
            raise ValueError(f"{self.key}: layout does not tile a {n_rows}x{self.columns} grid "
                             f"(variant {variant!r})")
        return out


_ALL = object()  # sentinel: place every layout row, including all variant rows

# --------------------------------------------------------------------------- format


class SectionDef(_Strict):
    key: str
    heading: str
    tables: list[str] = []
    aliases: list[str] = []


class VariantDef(_Strict):
    key: str
    name: str


class CellInfo(BaseModel):
    """Everything known about one data cell (made from a validated format: constructed, never
    validated)."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    table: str
    row: str
    col: str
    kind: CellKind
    unit: str | None
    row_label: str
    col_label: str
    variant: str | None  # only present in reports of this local variant
    auto_total: bool  # calculated from other cells unless the report is "as printed"

    @property
    def ref(self) -> str:
        return f"{self.table}.{self.row}.{self.col}"


class FormatDef(_Strict):
    id: str
    name: str
    document: str
    first_year: int
    last_year: int | None
    comment: str | None = None
    variants: list[VariantDef] = []
    sections: list[SectionDef]
    tables: list[TableDef]
    rules: list[RuleDef]

    @model_validator(mode="after")
    def _check(self) -> "FormatDef":
        tables = {t.key for t in self.tables}
        if len(tables) != len(self.tables):
            raise ValueError("duplicate table key")
        if [s.key for s in self.sections] != [f"s{i}" for i in range(1, 7)]:
            raise ValueError("a format has exactly the six sections s1..s6")
        for s in self.sections:
            for t in s.tables:
                if t not in tables:
                    raise ValueError(f"section {s.key} names unknown table {t}")
        ids = [r.id for r in self.rules]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate rule id")
        variants = {v.key for v in self.variants}
        for t in self.tables:
            for r in t.layout:
                if isinstance(r, VariantRow) and r.variant not in variants:
                    raise ValueError(f"{t.key}: unknown variant {r.variant}")
        return self

    # The derived indexes below are built once per loaded format (the object is frozen and
    # cached by ``get_format``); see ``_index``.

    def table(self, key: str) -> TableDef:
        return self._index()["tables"][key]

    def section(self, key: str) -> SectionDef:
        return self._index()["sections"][key]

    def cells(self) -> dict[str, CellInfo]:
        """Every data cell of every table, by ref ``table.row.col``, in table/row/col order."""
        return self._index()["cells"]

    def cell(self, ref: str) -> CellInfo:
        try:
            return self._index()["cells"][ref]
        except KeyError:
            raise KeyError(f"格式{self.id}中没有单元格 {ref}") from None

    def placed(self, table: str, variant: str | None) -> list[Placed]:
        if variant is _ALL:
            key = (table, _ALL)
        else:
            key = (table, variant if variant in {v.key for v in self.variants} else None)
        cache = self._index()["placed"]
        if key not in cache:
            cache[key] = self.table(table).place(key[1])
        return cache[key]

    def item_label(self, table: str, row: str) -> str:
        """The label printed on a data row's own line of the form: the rightmost label cell
        left of its values (「1.属于国家秘密」, 「（一）予以公开」, 「一、本年新收…」)."""
        placed = self.placed(table, _ALL)
        grid_row = next(p.row for p in placed if p.is_value and p.cell.cell.startswith(row + "."))
        labels = [p for p in placed if not p.is_value and p.row <= grid_row < p.row + p.rowspan
                  and p.cell.role == "label"]
        if not labels:
            return next(r.label for r in self.table(table).data_rows if r.key == row)
        return max(labels, key=lambda p: p.col).cell.text

    def variant_names(self) -> dict[str, str]:
        return {v.key: v.name for v in self.variants}

    def _index(self) -> dict:
        idx = self.__dict__.get("_idx")
        if idx is None:
            idx = _build_index(self)
            object.__setattr__(self, "_idx", idx)  # frozen model: cache outside validation
        return idx


def _build_index(fmt: FormatDef) -> dict:
    auto_targets: set[str] = set()
    for rule in fmt.rules:
        if isinstance(rule, CompareRule) and rule.auto:
            for other in rule.over:
                for chk in rule.checks:
                    (target,) = chk.left
                    auto_targets.add(cell_ref(rule.table, rule.axis, other, target))
    cells: dict[str, CellInfo] = {}
    for t in fmt.tables:
        rows = {r.key: r for r in t.data_rows}
        cols = {c.key: c for c in t.data_columns}
        present = t.value_cells()
        for r in t.data_rows:
            for c in t.data_columns:
                key = f"{r.key}.{c.key}"
                if key not in present:
                    continue
                ref = f"{t.key}.{key}"
                cells[ref] = format_trusted.construct(CellInfo, dict(
                    table=t.key, row=r.key, col=c.key, kind=c.kind or t.kind, unit=c.unit,
                    row_label=rows[r.key].label, col_label=cols[c.key].label,
                    variant=present[key] or r.variant, auto_total=ref in auto_targets))
    idx = {
        "tables": {t.key: t for t in fmt.tables},
        "sections": {s.key: s for s in fmt.sections},
        "cells": cells,
        "placed": {},
    }
    # Every rule must refer to cells that exist.
    for rule in fmt.rules:
        for ref in _rule_refs(rule, fmt):
            if ref not in cells:
                raise ValueError(f"rule {rule.id} refers to unknown cell {ref}")
        for row in getattr(rule, "carried_rows", ()):
            if not any(c.table == rule.table and c.row == row for c in cells.values()):
                raise ValueError(f"rule {rule.id} refers to unknown row {row}")
    return idx


def _rule_refs(rule, fmt: FormatDef):
    if isinstance(rule, CompareRule):
        for other in rule.over:
            for chk in rule.checks:
                for term in chk.left + chk.right:
                    _, last, key = strip_term(term)
                    if not last:
                        yield cell_ref(rule.table, rule.axis, other, key)
    elif isinstance(rule, ZeroIfZeroRule):
        for other in rule.over:
            for term in rule.condition + rule.targets:
                yield cell_ref(rule.table, rule.axis, other, term)
    elif isinstance(rule, MentionsRule):
        yield f"{rule.table}.{rule.cell}"


# --------------------------------------------------------------------------- loading


def load_format_file(path: Path, data: bytes | None = None) -> FormatDef:
    """Read and validate a format definition in full (``data``: its bytes, if already read)."""
    try:
        raw = json.loads(path.read_bytes() if data is None else data)
        fmt = FormatDef.model_validate(raw)
        fmt.cells()  # build and check the derived index now, not at first use
        return fmt
    except (OSError, ValueError, ValidationError) as exc:
        raise FormatError(f"格式定义文件 {path.name} 有误：{exc}") from exc


@lru_cache(maxsize=None)
def get_format(format_id: str) -> FormatDef:
    """The format ``format_id``: a bundled definition exactly as the tests validated it is built
    without validating it again (``format_trusted``); any other file is validated in full."""
    path = resources_dir() / "formats" / f"{format_id}.json"
    if not path.is_file():
        raise FormatError(f"没有编号为 {format_id} 的报告格式")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"格式定义文件 {path.name} 无法读取：{exc}") from exc
    if format_trusted.is_validated(format_id, data):
        try:
            return format_trusted.build(FormatDef, json.loads(data))
        except Exception:  # noqa: BLE001 - the models changed under the stamp: validate instead
            pass
    return load_format_file(path, data)


def format_ids() -> tuple[str, ...]:
    """The ids of the format definitions in the resources folder in use now (``GAIC_RESOURCES``
    may point elsewhere, e.g. in the self-test's checks): cached per folder, not once for all."""
    return _format_ids_in(resources_dir())


@lru_cache(maxsize=4)
def _format_ids_in(root: Path) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (root / "formats").glob("*.json")))


format_ids.cache_clear = _format_ids_in.cache_clear  # type: ignore[attr-defined]


def format_for_year(year: int) -> FormatDef:
    """The official format that applies to a report year (2019 format for 2019–2020)."""
    for fid in format_ids():
        fmt = get_format(fid)
        if fmt.first_year <= year and (fmt.last_year is None or year <= fmt.last_year):
            return fmt
    raise FormatError(f"{year}年没有适用的年度报告格式（2019年格式适用于2019—2020年度，2021年格式适用于2021年度起）")
