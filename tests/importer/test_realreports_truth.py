"""The importer against the hand-typed truth: every table cell of the three real reports, as
read from ../shared/realreports (.txt and .pdf), equals the value typed by hand from the printed
report into tests/data/realreports (see tests/data/README.md). The truth was not produced by the
importer, so these tests are not circular: the row and column each imported figure lands in, a
"/" kept as "/", a blank kept blank."""

from __future__ import annotations

import pytest

from gaic_desktop.core.storage import load
from gaic_desktop.importer import import_file
from tests.conftest import DATA, SHARED

REAL = SHARED / "realreports"
NAMES = ["hongze-2023", "hongze-2024", "huaian-2024"]
# hongze prints （六）其他处理 as one row (2019 shape): the truth holds its figure in 3.其他 and "/"
# in the two sub-rows the publisher did not print (1.逾期不补正 / 2.逾期未缴费).
SINGLE_OTHER_ROWS = {"t3.o1", "t3.o2"}
_cache: dict = {}


def cells(report) -> dict[str, object]:
    out = {}
    for ref in report.cells():
        t, r, c = ref.split(".")
        out[ref] = report.tables.get(t, {}).get(r, {}).get(c)
    return out


def differences(name: str, ext: str) -> dict[str, tuple[object, object]]:
    """ref -> (truth, imported) for every cell that differs."""
    key = (name, ext)
    if key not in _cache:
        truth = load(DATA / "realreports" / f"{name}.gaic.json")
        rep = import_file(REAL / f"{name}.{ext}").report
        assert (rep.format, rep.year) == (truth.format, truth.year)
        want, got = cells(truth), cells(rep)
        assert want.keys() == got.keys()
        _cache[key] = {ref: (want[ref], got[ref]) for ref in want if want[ref] != got[ref]}
    return _cache[key]


@pytest.mark.shared
@pytest.mark.parametrize("ext", ["txt", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_every_imported_cell_equals_the_typed_truth(name, ext):
    assert differences(name, ext) == {}


@pytest.mark.shared
@pytest.mark.parametrize("ext", ["txt", "pdf"])
@pytest.mark.parametrize("name", ["hongze-2023", "hongze-2024"])
def test_unprinted_other_sub_rows_stay_not_applicable(name, ext):
    """hongze prints （六）其他处理 as one row: its figures are in 3.其他, and the two sub-rows it
    did not print (1.逾期不补正 / 2.逾期未缴费) hold "/" (not applicable), as in the truth — not 0
    (issue 15: 14 cells per report were 0)."""
    rep = import_file(REAL / f"{name}.{ext}").report
    truth = load(DATA / "realreports" / f"{name}.gaic.json")
    for row in SINGLE_OTHER_ROWS:
        t, r = row.split(".")
        assert rep.tables[t][r] == truth.tables[t][r] == {c: "/" for c in truth.tables[t][r]}
    assert differences(name, ext) == {}


@pytest.mark.shared
@pytest.mark.parametrize("ext", ["txt", "pdf"])
def test_a_report_with_all_other_sub_rows_printed_has_them_all(ext):
    """huaian prints the three （六） sub-rows: nothing to infer, every figure in its own row."""
    assert differences("huaian-2024", ext) == {}
