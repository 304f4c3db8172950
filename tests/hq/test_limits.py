"""Size and time limits (issue 14 §1), on a real uvicorn server with small limits.

Raw sockets play the clients ``requests`` would not be: a lying Content-Length, a slow
sender, one that never sends its headers. Every wait is bounded by a socket timeout.
"""

from __future__ import annotations

import gzip
import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests

from regdesk.hq.app import create_app
from regdesk.hq.server import ThreadedServer, start_in_thread
from regdesk.hq.settings import KiB, Limits, Settings

SMALL = Limits(push_body=64 * KiB, enrol_body=1 * KiB, other_body=1 * KiB, body_timeout=1.0,
               header_timeout=1.0, max_header_bytes=4 * KiB, concurrency=3)
WAIT = 10.0  # upper bound of any socket wait here: far above every limit's time


@pytest.fixture(scope="module")
def small(hq_runtime) -> Iterator[ThreadedServer]:
    settings = Settings(db_url=hq_runtime.settings.db_url, limits=SMALL)
    server = start_in_thread(create_app(settings, hq_runtime))
    yield server
    server.stop()


def _connect(server: ThreadedServer) -> socket.socket:
    parts = urlsplit(server.url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=WAIT)
    sock.settimeout(WAIT)
    return sock


def _answer(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (bounded by WAIT)."""
    data = b""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        data += chunk
    return data


def _head(path: str, length: int, extra: str = "") -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n{extra}\r\n").encode()


@pytest.mark.parametrize("path", ["/api/v1/enrol", "/api/v1/push"])
def test_declared_body_too_large_is_413_unread_and_closed(small, path):
    with _connect(small) as sock:
        sock.sendall(_head(path, 50 * 1024 * 1024))  # 50 MiB announced, none sent
        answer = _answer(sock)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]
    assert b'"body.too_large"' in answer and b"connection: close" in answer.lower()


def test_chunked_body_growing_past_the_limit_is_413(small):
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b" " * (8 * KiB)

    r = requests.post(f"{small.url}/api/v1/push", data=chunks(), timeout=WAIT,
                      headers={"Content-Type": "application/json", "Authorization": "Bearer x"})
    assert r.status_code == 413 and r.json()["code"] == "body.too_large"


def test_inflated_body_is_capped_at_the_route_limit(small):
    bomb = gzip.compress(b" " * (1024 * KiB))  # ~1 KiB on the wire, 1 MiB inflated
    assert len(bomb) < SMALL.push_body
    r = requests.post(f"{small.url}/api/v1/push", data=bomb, timeout=WAIT, headers={
        "Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert r.status_code == 413 and "inflated" in r.json()["detail"]


def test_enrol_body_limit_is_small(small):
    r = requests.post(f"{small.url}/api/v1/enrol", timeout=WAIT,
                      json={"code": "ABCD-EFGH", "device_name": "x" * 2000})
    assert r.status_code == 413
    r = requests.post(f"{small.url}/api/v1/enrol", timeout=WAIT,
                      json={"code": "ABCD-EFGH", "device_name": "x" * 20})
    assert r.status_code == 403  # within the limit: parsed and refused as a code


def test_lying_content_length_is_408_and_closed(small):
    with _connect(small) as sock:
        sock.sendall(_head("/api/v1/enrol", 900) + b'{"code": "ABCD')  # then nothing
        answer = _answer(sock)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:80]
    assert b'"body.timeout"' in answer


def test_get_with_a_lying_content_length_is_dropped_too(small):
    with _connect(small) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: hq\r\nContent-Length: 500\r\n\r\n")
        assert _answer(sock).startswith(b"HTTP/1.1 408")


def test_silent_connection_is_closed(small):
    with _connect(small) as sock:
        assert _answer(sock) == b""  # closed by HQ (header timeout), within WAIT


def test_headers_trickled_byte_by_byte_are_cut_off(small):
    line = b"GET /api/v1/health HTTP/1.1\r\nHost: hq\r\nX-Slow: " + b"a" * 200
    closed = False
    with _connect(small) as sock:
        deadline = time.monotonic() + WAIT
        for byte in line:
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.05)
            if time.monotonic() > deadline:
                break
        if not closed:
            closed = _answer(sock) == b""
    assert closed  # 200 bytes at 20/s need 10 s; HQ gives headers 1 s


def test_oversized_headers_are_431(small):
    with _connect(small) as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: hq\r\nX-Big: " + b"a" * (8 * KiB))
        assert _answer(sock).startswith(b"HTTP/1.1 431")


def test_keep_alive_connection_serves_several_requests(small):
    with requests.Session() as s:
        for _ in range(3):
            assert s.get(f"{small.url}/api/v1/health", timeout=WAIT).json() == {"status": "ok"}


def test_concurrency_limit_answers_503(hq_runtime):
    limits = Limits(concurrency=3, header_timeout=WAIT * 3)
    server = start_in_thread(create_app(Settings(db_url=hq_runtime.settings.db_url,
                                                 limits=limits), hq_runtime))
    try:
        held = [_connect(server) for _ in range(limits.concurrency)]  # connected, silent
        try:
            assert requests.get(f"{server.url}/api/v1/health", timeout=WAIT).status_code == 503
        finally:
            for sock in held:
                sock.close()
        for _ in range(50):  # bounded: the held ones are gone once HQ sees them close
            if requests.get(f"{server.url}/api/v1/health", timeout=WAIT).status_code == 200:
                break
            time.sleep(0.1)
        else:
            pytest.fail("HQ still refuses after the held connections closed")
    finally:
        server.stop()


def test_body_limits_come_from_the_environment():
    limits = Limits.from_env({"REGDESK_HQ_PUSH_BODY": "1000", "REGDESK_HQ_BODY_TIMEOUT": "2.5",
                              "REGDESK_HQ_RATE_ENROL": "5/minute"})
    assert (limits.push_body, limits.body_timeout, limits.rate_enrol) == (1000, 2.5, "5/minute")
    with pytest.raises(ValueError, match="REGDESK_HQ_PUSH_BODY"):
        Limits.from_env({"REGDESK_HQ_PUSH_BODY": "lots"})
    with pytest.raises(ValueError, match="REGDESK_HQ_CONCURRENCY"):
        Limits.from_env({"REGDESK_HQ_CONCURRENCY": "0"})
    assert json.dumps(Limits().push_body)  # defaults stay plain numbers
