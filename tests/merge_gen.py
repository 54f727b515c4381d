"""Random consistent unit reports for the 汇总 tests and bench/bench_merge.py.

A generated report satisfies every linear rule of tables 三 and 四 by construction: the outcome
rows and 结转下年度 are drawn per applicant column, 上年结转 at most their sum, and 本年新收 is
what remains (T3-1); totals are calculated (auto mode). Tables 一 and 二 get random figures,
money with two decimals.
"""

from __future__ import annotations

import random
from decimal import Decimal

from gaic_desktop.core.formats import CompareRule, get_format
from gaic_desktop.core.report import Report


def _rule(fmt, rule_id: str) -> CompareRule:
    return next(r for r in fmt.rules if r.id == rule_id)


def consistent_report(rng: random.Random, name: str, *, year: int = 2024, scale: int = 5) -> Report:
    report = Report(format="2021" if year >= 2021 else "2019", year=year, organisation=name)
    report.signoff.organisation = name
    fmt = get_format(report.format)
    t31 = _rule(fmt, "T3-1").checks[0]  # new + carried_in = r_total + carried_out
    (new, carried_in), (r_total, carried_out) = t31.left, t31.right
    outcomes = _rule(fmt, "T3-2").checks[0].right
    applicants = _rule(fmt, "T3-3").checks[0].right
    values: dict[str, object] = {}
    for col in applicants:
        handled = 0
        for row in outcomes:
            v = rng.randint(0, scale) if rng.random() < 0.4 else 0
            values[f"t3.{row}.{col}"] = v
            handled += v
        out = rng.randint(0, scale)
        inn = rng.randint(0, handled + out)
        values[f"t3.{carried_out}.{col}"] = out
        values[f"t3.{carried_in}.{col}"] = inn
        values[f"t3.{new}.{col}"] = handled + out - inn
    for ref, info in report.cells().items():
        if ref in values or info.auto_total or info.table == "t3":
            continue
        if info.kind == "money":
            values[ref] = Decimal(rng.randint(0, 10 ** 6)) / 100
        elif info.kind == "signed":
            values[ref] = rng.randint(-scale, scale)
        else:
            values[ref] = rng.randint(0, scale * 20)
    for ref, v in values.items():
        report.set_cell(ref, v)
    return report


def write_units(folder, names, seed: int):
    """One consistent report file per unit name in ``folder`` (created), named 1.gaic.json …"""
    from pathlib import Path

    from gaic_desktop.core.storage import save

    d = Path(folder)
    d.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i, name in enumerate(names):
        save(consistent_report(rng, name), d / f"{i + 1}-{name}.gaic.json", keep_backup=False)
    return d
