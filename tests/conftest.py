import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
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


def pytest_collection_modifyitems(config, items):
    """Tests that read ../shared (the seed text and the real reports) are skipped, with a
    reason, when that folder is not beside the checkout (CI always has it)."""
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason="需要仓库旁边的 ../shared（种子年报与真实年报），此处没有")
    for item in items:
        path = Path(str(item.fspath))
        if "SHARED" in path.read_text(encoding="utf-8"):
            item.add_marker(skip)
