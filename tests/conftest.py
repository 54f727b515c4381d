import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
# GAIC_TEST_SHARED points elsewhere (e.g. a missing folder, to check which tests need it).
SHARED = Path(os.environ.get("GAIC_TEST_SHARED") or ROOT.parent / "shared")
SAMPLES = ROOT / "resources" / "samples"
DATA = Path(__file__).resolve().parent / "data"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


# --------------------------------------------------------------------------- zero network
# The program works with no network at all (intranet PCs). The whole suite runs with Internet
# sockets and name lookups refused, so a dependency that starts to phone home fails CI. Local
# sockets stay allowed: AF_UNIX (Qt, X11/D-Bus) and loopback (127.0.0.0/8, ::1).


class NetworkRefused(OSError):
    """Raised by the audit hook when code under test reaches for the network."""


_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _is_local_host(host) -> bool:
    import ipaddress

    if host is None:
        return True  # getaddrinfo(None, port): the local wildcard, no lookup
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]")
    if host.lower() in _LOOPBACK_NAMES or host == "":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a name: resolving it would ask a DNS server


def _address_host(family, address):
    import socket

    if family == getattr(socket, "AF_UNIX", object()) or isinstance(address, (str, bytes)):
        return None, True  # a local socket path
    if isinstance(address, tuple) and address:
        return address[0], False
    return address, False


def _network_guard(event: str, args) -> None:
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        sock, address = args[0], args[-1]
        host, local = _address_host(getattr(sock, "family", None), address)
        if not local and not _is_local_host(host):
            raise NetworkRefused(f"network access refused in tests: {event} {address!r}")
    elif event == "socket.getaddrinfo":
        if not _is_local_host(args[0]):
            raise NetworkRefused(f"name lookup refused in tests: {args[0]!r}")
    elif event in ("socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
                   "socket.getnameinfo"):
        host = args[0][0] if event == "socket.getnameinfo" and isinstance(args[0], tuple) else args[0]
        if not _is_local_host(host):
            raise NetworkRefused(f"name lookup refused in tests: {host!r}")


if not getattr(sys, "_gaic_network_guard", False):  # audit hooks cannot be removed: add once
    sys.addaudithook(_network_guard)
    sys._gaic_network_guard = True  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _no_blocking_message_boxes(monkeypatch):
    """A modal QMessageBox in a headless test would wait forever: make an unexpected one fail
    the test at once (tests that expect a message patch these themselves)."""
    if "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    from PySide6.QtWidgets import QMessageBox

    def unexpected(kind):
        def box(*args, **kwargs):
            text = args[2] if len(args) > 2 else kwargs.get("text", "")
            raise AssertionError(f"unexpected modal QMessageBox.{kind}: {text}")
        return box

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(unexpected(kind)))
    yield


@pytest.fixture(autouse=True)
def _own_program_settings(request):
    """The program's own settings (``QSettings()``: export variant, fonts, last folder) live in
    the test's folder, fresh for every test. Without this they went to the user's real
    ~/.config, and one test's choice leaked into the next: with a random order, a 审签版 saved by
    an export test made 打印预览 show one page more than the 公开版 it expected."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None:
        yield
        return
    qs = qtcore.QSettings
    folder = str(request.getfixturevalue("tmp_path") / "settings")
    for fmt in (qs.Format.NativeFormat, qs.Format.IniFormat):
        qs.setPath(fmt, qs.Scope.UserScope, folder)
    yield


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "shared: the test reads ../shared (skipped, with a reason, when it is missing)")


def _is_shared_path(value) -> bool:
    if isinstance(value, (str, Path)):
        try:
            return Path(value).resolve().is_relative_to(SHARED.resolve())
        except (OSError, ValueError):
            return False
    if isinstance(value, (tuple, list, set, frozenset)):
        return any(_is_shared_path(v) for v in value)
    if isinstance(value, dict):
        return any(_is_shared_path(v) for v in value.values())
    return False


def _code_names(code) -> set[str]:
    names = set(code.co_names) | set(code.co_freevars)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _code_names(const)
    return names


def _reads_shared(func, seen: set) -> bool:
    """Whether ``func`` (or a helper of its module that it calls) names a module global that is
    a path inside ../shared, e.g. ``SHARED``, ``SEED = SHARED / "seed" / ...``."""
    func = getattr(func, "__wrapped__", func)
    code = getattr(func, "__code__", None)
    if code is None or func in seen:
        return False
    seen.add(func)
    glb = getattr(func, "__globals__", {})
    for name in _code_names(code):
        if name == "SHARED" and name in glb:
            return True
        value = glb.get(name)
        if _is_shared_path(value):
            return True
        if callable(value) and getattr(value, "__module__", None) == glb.get("__name__"):
            if _reads_shared(value, seen):
                return True
    return False


def needs_shared(item) -> bool:
    if item.get_closest_marker("shared"):
        return True
    callspec = getattr(item, "callspec", None)
    if callspec and any(_is_shared_path(v) for v in callspec.params.values()):
        return True
    seen: set = set()
    if _reads_shared(getattr(item, "function", None), seen):
        return True
    info = getattr(item, "_fixtureinfo", None)
    for defs in (info.name2fixturedefs.values() if info else ()):
        if any(_reads_shared(d.func, seen) for d in defs):
            return True
    return False


def pytest_collection_modifyitems(config, items):
    """Tests that read ../shared (the seed text and the real reports) are skipped, with a
    reason, when that folder is not beside the checkout. Only those tests: a file that mentions
    SHARED keeps its other tests running. CI always has ../shared (.ci/run refuses to run
    without it), so a skip here never hides a failure there."""
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason="需要仓库旁边的 ../shared（种子年报与真实年报），此处没有")
    for item in items:
        if needs_shared(item):
            item.add_marker(skip)


# --------------------------------------------------------------------------- random order
# pytest-randomly (the `test` extra) runs the tests in a random order, so that a test relying
# on what another left behind fails. Its seed line sits in the header, which -q hides (CI runs
# `./dev test -q`), so it is repeated at the end: a failure seen once reproduces with that seed.


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    seed = getattr(config.option, "randomly_seed", None)
    if config.pluginmanager.has_plugin("randomly") and isinstance(seed, int):
        terminalreporter.write_line(
            f"random test order, seed {seed}: run again in this order with "
            f"`./dev test --randomly-seed={seed}` (or -p no:randomly for file order)")
