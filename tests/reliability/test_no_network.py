"""The suite runs with Internet sockets and name lookups refused (tests/conftest.py): prove that
the guard fires for the Internet and lets local sockets through."""

import socket
import threading

import pytest

from ..conftest import NetworkRefused


def test_internet_connect_is_refused():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        with pytest.raises(NetworkRefused):
            s.connect(("192.0.2.1", 80))  # TEST-NET-1: would time out, never connects
    with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
        with pytest.raises(NetworkRefused):
            s.connect(("2001:db8::1", 53))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        with pytest.raises(NetworkRefused):
            s.sendto(b"x", ("198.51.100.7", 53))


def test_name_lookups_are_refused():
    with pytest.raises(NetworkRefused):
        socket.getaddrinfo("example.com", 443)
    with pytest.raises(NetworkRefused):
        socket.gethostbyname("pypi.org")
    with pytest.raises(NetworkRefused):
        socket.create_connection(("example.org", 80), timeout=1)


def test_loopback_and_unix_sockets_still_work():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    got = []

    def accept():
        conn, _ = server.accept()
        got.append(conn.recv(5))
        conn.close()

    t = threading.Thread(target=accept)
    t.start()
    with socket.create_connection(("localhost", port), timeout=5) as c:
        c.sendall(b"hello")
    t.join(5)
    server.close()
    assert got == [b"hello"]
    a, b = socket.socketpair(socket.AF_UNIX)
    a.sendall(b"ok")
    assert b.recv(2) == b"ok"
    a.close()
    b.close()
