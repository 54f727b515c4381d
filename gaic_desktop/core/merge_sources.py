"""The sources of a consolidated report (汇总): which units' reports were summed into it.

Kept inside the consolidated ``.gaic.json`` (``Report.sources``), so every cell of the total can
be traced to the units' figures after the units' files are gone: each source holds the unit's
name, file name, data fingerprint, the time of the merge and the cell values it contributed
(JSON form: counts as integers, money as decimal strings in the form's unit, "/" as "/").
A report with sources is itself a consolidated report.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, field_validator

from .formats import FormatDef
from .limits import check_text, clip
from .values import CellValue, CellValueError, coerce_stored, fmt_value


class MergeSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    unit: str  # 机关名称 of the unit
    file: str  # the file it was read from (name only)
    fingerprint: str  # the unit's data fingerprint at the time of the merge
    merged_at: str  # ISO date and time of the merge (local time, seconds)
    excluded: bool = False  # listed (with its errors) but left out of the sum by the office
    errors: int = 0  # the unit's own errors / warnings when it was merged
    warnings: int = 0
    # ref "table.row.col" -> the value this unit contributed (blank cells are absent)
    cells: dict[str, int | str] = {}

    @field_validator("cells", mode="before")
    @classmethod
    def _json_values(cls, v):
        if isinstance(v, dict):
            return {k: fmt_value(x) if isinstance(x, Decimal) else x for k, x in v.items()}
        return v

    def value(self, ref: str, fmt: FormatDef) -> CellValue:
        raw = self.cells.get(ref)
        return None if raw is None else coerce_stored(fmt.cell(ref).kind, raw)


def check_sources(sources: list[MergeSource], fmt: FormatDef) -> None:
    """Every contributed value names a cell of the format and is valid for it (file -> model);
    names within the limits of the report's other short texts."""
    cells = fmt.cells()
    for s in sources:
        check_text(s.unit, "汇总来源的单位名称")
        check_text(s.file, f"汇总来源“{clip(s.unit)}”的文件名")
        for text in (s.fingerprint, s.merged_at):
            check_text(text, f"汇总来源“{clip(s.unit)}”的记录", 40)
        for ref, raw in s.cells.items():
            info = cells.get(ref)
            if info is None:
                raise ValueError(f"汇总来源“{s.unit}”中有本格式没有的单元格 {ref}")
            try:
                coerce_stored(info.kind, raw)
            except CellValueError as exc:
                raise ValueError(f"汇总来源“{s.unit}”的「{info.row_label}」「{info.col_label}」：{exc}") from None
