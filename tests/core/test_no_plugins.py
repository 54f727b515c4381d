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


def test_pydantics_own_loader_gives_the_same_answer_under_the_switch():
    """What the stand-in replaces: the real loader, told by the documented variable, finds no
    plugins either (a pydantic that changes this fails here)."""
    code = """
import json, inspect
from pydantic.plugin import _loader
print(json.dumps({"plugins": list(_loader.get_plugins()),
                  "params": list(inspect.signature(_loader.get_plugins).parameters)}))
"""
    assert _run(code, PYDANTIC_DISABLE_PLUGINS="__all__") == {"plugins": [], "params": []}


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
