"""The program uses no pydantic plugins; this keeps pydantic from looking for them.

At its first validator pydantic asks ``pydantic.plugin._loader.get_plugins()`` for plugins. That
module imports ``importlib.metadata`` (and with it ``email``, ``zipfile``, ``csv``) and scans the
entry points of every installed package: ~23 ms of CPU on the way to the first paint of a ~360 ms
start (issue 14), for nothing. ``PYDANTIC_DISABLE_PLUGINS=__all__`` is pydantic's documented
switch that makes ``get_plugins()`` return no plugins without the scan; the module itself would
still be imported, so a module with that same ``get_plugins`` answer takes its place.

Only while the variable is unset or says ``__all__`` (someone who set it to a list of plugins
chose otherwise), and before pydantic's loader has been imported. pydantic imports nothing but
``get_plugins`` from that module, and only inside its validator factory (2.5 to 2.14).
``tests/core/test_no_plugins.py`` installs a plugin and checks that pydantic's own loader finds it,
finds none under the variable (pydantic >= 2.7), and that the program loads none.
"""

from __future__ import annotations

import os
import sys
import types

LOADER = "pydantic.plugin._loader"
SWITCH = "PYDANTIC_DISABLE_PLUGINS"


def _get_plugins() -> tuple:
    return ()


def skip_plugin_discovery() -> bool:
    """Turn pydantic's plugin discovery off; True if the stand-in loader was installed."""
    if os.environ.get(SWITCH, "__all__") != "__all__" or LOADER in sys.modules:
        return False
    os.environ[SWITCH] = "__all__"
    loader = types.ModuleType(LOADER, "Stand-in for pydantic's plugin loader: no plugins (gaic_desktop.core.no_plugins).")
    loader.get_plugins = _get_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = loader
    return True
