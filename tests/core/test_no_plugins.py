"""pydantic's plugin discovery is skipped (core/no_plugins.py): same answer, no scan."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES


def _run(code: str, **env) -> dict:
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    environ.update(env)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         env=environ, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


LOAD_SEED = f"""
import json, sys
from gaic_desktop.core import load
report = load({str(SAMPLES / "hanyang-2020.gaic.json")!r})
from pydantic.plugin import _loader
print(json.dumps({{"metadata": "importlib.metadata" in sys.modules, "email": "email" in sys.modules,
                  "plugins": list(_loader.get_plugins()), "org": report.organisation}}))
"""


@pytest.mark.parametrize("switch", [None, "__all__"])  # __all__: as the program's own child processes inherit it
def test_loading_a_report_neither_imports_importlib_metadata_nor_finds_plugins(switch):
    seen = _run(LOAD_SEED, **({} if switch is None else {"PYDANTIC_DISABLE_PLUGINS": switch}))
    assert seen == {"metadata": False, "email": False, "plugins": [], "org": seen["org"]}
    assert seen["org"]  # the report was read


def _fake_plugin(folder) -> str:
    """An installed pydantic plugin (an entry point of the group 「pydantic」) in ``folder``."""
    (folder / "gaic_fake_plugin.py").write_text("class Plugin:\n    pass\nplugin = Plugin()\n")
    info = folder / "gaic_fake_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: gaic-fake-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nfake = gaic_fake_plugin:plugin\n")
    return str(folder)


REAL_LOADER = """
import json
from pydantic.plugin import _loader
print(json.dumps({"plugins": [type(p).__name__ for p in _loader.get_plugins()]}))
"""


def test_with_a_plugin_installed_the_program_loads_none_and_pydantic_would_under_the_switch(tmp_path):
    """What the stand-in stands for: pydantic's own loader finds an installed plugin, and finds
    none under the documented switch (pydantic >= 2.7; older ones have no switch, and the program
    loads no plugin with them either)."""
    path = _fake_plugin(tmp_path)
    assert _run(REAL_LOADER, PYTHONPATH=path) == {"plugins": ["Plugin"]}  # the fixture is seen
    assert _run(REAL_LOADER, PYTHONPATH=path, PYDANTIC_DISABLE_PLUGINS="__all__") == {"plugins": []}
    seen = _run(LOAD_SEED, PYTHONPATH=path)  # the program: no plugin, no scan
    assert seen["plugins"] == [] and seen["metadata"] is False and seen["org"]


def test_a_switch_set_by_someone_else_is_left_alone():
    code = """
import json, os, sys
import gaic_desktop.core
print(json.dumps({"switch": os.environ["PYDANTIC_DISABLE_PLUGINS"],
                  "stand_in": "gaic_desktop" in (sys.modules["pydantic.plugin._loader"].__doc__ or "")
                  if "pydantic.plugin._loader" in sys.modules else None}))
"""
    seen = _run(code, PYDANTIC_DISABLE_PLUGINS="some_plugin")
    assert seen["switch"] == "some_plugin" and not seen["stand_in"]
