"""The bundled format definitions are built without validation only when they are exactly the
files the tests validated, and then give exactly the objects validation gives."""

import json
import shutil

import pytest
from pydantic import BaseModel

from gaic_desktop.core import format_stamps, format_trusted, formats
from gaic_desktop.core.formats import FormatDef, FormatError, format_ids, get_format, resources_dir


def assert_same(a, b, where="format"):
    """``a`` and ``b`` are the same objects, type for type (10 is not 10.0, a list not a tuple),
    with the same fields set, dicts in the same order."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        assert (a.__pydantic_extra__, a.__pydantic_private__) == (b.__pydantic_extra__, b.__pydantic_private__)
        assert list(a.__dict__) == list(b.__dict__), where
        for name in type(a).model_fields:
            assert_same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            assert_same(a[k], b[k], f"{where}[{k!r}]")
    else:
        assert a == b, where


def _raw(fid):
    return json.loads((resources_dir() / "formats" / f"{fid}.json").read_text(encoding="utf-8"))


def test_the_stamps_are_those_of_the_shipped_definitions():
    """Fails after a definition is edited: run ``python tools/stamp_formats.py``."""
    folder = resources_dir() / "formats"
    assert set(format_stamps.VALIDATED) == set(format_ids())
    for fid in format_ids():
        assert format_trusted.digest((folder / f"{fid}.json").read_bytes()) == format_stamps.VALIDATED[fid], fid


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_built_without_validation_is_exactly_what_validation_gives(fid):
    raw = _raw(fid)
    validated = FormatDef.model_validate(raw)
    built = format_trusted.build(FormatDef, raw)
    assert_same(built, validated)
    assert built == validated
    # and what the program derives from it (cells, placed layouts of every variant)
    assert_same(built.cells(), validated.cells(), "cells")
    for t in validated.tables:
        for variant in (None, *[v.key for v in validated.variants]):
            assert_same(built.placed(t.key, variant), validated.placed(t.key, variant), f"{t.key}/{variant}")


def test_every_rule_kind_and_union_arm_is_covered_by_the_shipped_definitions():
    """The comparison above only proves what the shipped files contain: all rule kinds, both
    layout cell kinds, variant rows, column widths (10 -> 10.0) and carried rows (a tuple)."""
    kinds = {r["kind"] for fid in format_ids() for r in _raw(fid)["rules"]}
    rule_arms = {cls.model_fields["kind"].annotation.__args__[0]
                 for cls in formats.RuleDef.__origin__.__args__}
    assert kinds == rule_arms
    fmt = get_format("2019")
    assert any(isinstance(r, formats.VariantRow) for t in fmt.tables for r in t.layout)
    assert any(t.column_widths and isinstance(t.column_widths[0], float) for t in fmt.tables)
    assert any(isinstance(getattr(r, "carried_rows", None), tuple) and r.carried_rows for r in fmt.rules)


def _copy_resources(tmp_path, monkeypatch):
    target = tmp_path / "res"
    shutil.copytree(resources_dir() / "formats", target / "formats")
    monkeypatch.setenv("GAIC_RESOURCES", str(target))
    get_format.cache_clear()
    format_ids.cache_clear()
    return target / "formats"


@pytest.fixture
def fresh_formats():
    get_format.cache_clear()
    format_ids.cache_clear()
    yield
    get_format.cache_clear()
    format_ids.cache_clear()


def _count_validations(monkeypatch):
    calls = []
    real = FormatDef.model_validate.__func__

    def spy(cls, *args, **kwargs):
        calls.append(1)
        return real(cls, *args, **kwargs)
    monkeypatch.setattr(FormatDef, "model_validate", classmethod(spy))
    return calls


def test_the_shipped_definitions_load_without_validation(fresh_formats, monkeypatch):
    calls = _count_validations(monkeypatch)
    for fid in format_ids():
        assert get_format(fid).id == fid
    assert calls == []


def test_an_edited_definition_is_validated_in_full(tmp_path, monkeypatch, fresh_formats):
    folder = _copy_resources(tmp_path, monkeypatch)
    raw = _raw("2021")
    raw["sections"][0]["heading"] = "一、总体情况（改）"
    (folder / "2021.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    calls = _count_validations(monkeypatch)
    assert get_format("2021").sections[0].heading == "一、总体情况（改）"
    assert calls == [1]
    assert get_format("2019").id == "2019" and calls == [1]  # the untouched one: still trusted


def test_a_broken_edit_is_refused_not_built(tmp_path, monkeypatch, fresh_formats):
    folder = _copy_resources(tmp_path, monkeypatch)
    raw = _raw("2021")
    next(t for t in raw["tables"] if t["key"] == "t3")["layout"][3].pop()  # a gap in the grid
    (folder / "2021.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormatError):
        get_format("2021")


def test_a_definition_stamped_for_another_id_is_validated(tmp_path, monkeypatch, fresh_formats):
    """The stamp names the format: the 2019 file saved as 2021.json is not trusted as 2021."""
    folder = _copy_resources(tmp_path, monkeypatch)
    shutil.copy(folder / "2019.json", folder / "2021.json")
    calls = _count_validations(monkeypatch)
    assert get_format("2021").id == "2019"
    assert calls == [1]


def test_windows_line_ends_are_the_same_definition(tmp_path, monkeypatch, fresh_formats):
    folder = _copy_resources(tmp_path, monkeypatch)
    path = folder / "2021.json"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    calls = _count_validations(monkeypatch)
    assert get_format("2021").id == "2021"
    assert calls == []


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_cells_and_placed_cells_are_what_validating_them_gives(fid):
    """The derived CellInfo and Placed objects are constructed, not validated: the same objects."""
    fmt = get_format(fid)
    for ref, info in fmt.cells().items():
        assert_same(info, formats.CellInfo.model_validate(dict(info)), ref)
    for t in fmt.tables:
        for p in fmt.placed(t.key, formats._ALL):
            assert_same(p, formats.Placed.model_validate(dict(p)), f"{t.key} {p.row},{p.col}")


def test_a_stamped_definition_the_models_no_longer_fit_is_validated(fresh_formats, monkeypatch):
    """(A model changed and the stamps were not renewed: the fast path fails, validation decides.)"""
    def broken(model, data):
        raise TypeError("a field the models no longer have")
    monkeypatch.setattr(format_trusted, "build", broken)
    calls = _count_validations(monkeypatch)
    assert get_format("2021").id == "2021"
    assert calls == [1]
