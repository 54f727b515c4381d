"""What an installed copy needs: every run-time import is a declared dependency, every package
and resource is in the wheel, and export/import are registered loudly.

The end-to-end proof (a fresh venv, ``pip install .`` without extras, then validate / export /
import / window) is ``installer/check runtime``, run by ``.ci/run``."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    return {_normalise(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0])
            for d in PYPROJECT["project"]["dependencies"]}


def _imported_top_level() -> set[str]:
    names = set()
    for path in (ROOT / "gaic_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"gaic_desktop", "__future__"}


def test_every_runtime_import_is_a_declared_dependency():
    dists = metadata.packages_distributions()
    declared = _declared()
    missing = {}
    for name in sorted(_imported_top_level()):
        owners = {_normalise(d) for d in dists.get(name, [])}
        assert owners, f"{name} is imported by gaic_desktop but not installed"
        if not owners & declared:
            missing[name] = sorted(owners)
    assert not missing, f"imported at run time but not in [project].dependencies: {missing}"


def test_fonttools_is_a_runtime_dependency():
    assert "fonttools" in _declared()


def test_every_package_is_listed_for_the_wheel():
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts)
               for p in (ROOT / "gaic_desktop").rglob("__init__.py")}
    assert on_disk - listed == set(), "add these to [tool.setuptools].packages"
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["gaic_desktop.resources"] == "resources"


def test_package_data_covers_what_the_program_reads():
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["gaic_desktop.resources"]
    res = ROOT / "resources"
    shipped = {p for g in globs for p in res.glob(g)}
    for needed in [*res.glob("formats/*.json"), *res.glob("samples/*.json"), *res.glob("fonts/*.ttf")]:
        assert needed in shipped, f"{needed.relative_to(ROOT)} would be missing from the wheel"


def test_resources_dir_prefers_env_then_package_then_checkout(tmp_path, monkeypatch):
    from gaic_desktop.core import formats

    monkeypatch.setenv("GAIC_RESOURCES", str(tmp_path))
    assert formats.resources_dir() == tmp_path
    monkeypatch.delenv("GAIC_RESOURCES")
    found = formats.resources_dir()
    assert (found / "formats" / "2019.json").is_file()
    package = Path(formats.__file__).resolve().parents[1]
    assert found in (package / "resources", package.parent / "resources")


def test_bundled_fonts_are_found_through_resources_dir():
    from gaic_desktop.core.formats import resources_dir
    from gaic_desktop.pdf import fonts

    assert fonts.BUNDLED_FONT_DIR == resources_dir() / "fonts"
    assert len(fonts.bundled_fonts()) >= 4


def test_export_and_import_subcommands_are_registered():
    from gaic_desktop import cli

    parser = cli._parser()
    assert parser.parse_args(["export", "a.gaic.json", "-o", "a.pdf"]).func
    assert parser.parse_args(["import", "a.pdf", "-o", "a.gaic.json"]).func


@pytest.mark.parametrize("module, words", [("gaic_desktop.pdf.cli", "导出PDF"),
                                           ("gaic_desktop.importer.cli", "导入已发布年报")])
def test_a_missing_subcommand_module_fails_loudly(monkeypatch, capsys, module, words):
    import importlib

    from gaic_desktop import cli

    package, _, name = module.rpartition(".")
    monkeypatch.delattr(importlib.import_module(package), name, raising=False)
    monkeypatch.setitem(sys.modules, module, None)  # now importing it raises ImportError
    assert cli.main(["validate", "x.gaic.json"]) == 3
    err = capsys.readouterr().err
    assert "程序安装不完整" in err and words in err


def test_the_bundle_spec_ships_the_same_resources_as_the_wheel():
    spec = ast.parse((ROOT / "installer" / "linux" / "gaic-desktop.spec").read_text(encoding="utf-8"))
    globs = next(ast.literal_eval(node.value) for node in ast.walk(spec)
                 if isinstance(node, ast.Assign)
                 and any(getattr(t, "id", None) == "RESOURCE_GLOBS" for t in node.targets))
    assert sorted(globs) == sorted(PYPROJECT["tool"]["setuptools"]["package-data"]["gaic_desktop.resources"])
