"""Benchmark: what oversized bodies and slow clients get from HQ, and how fast. Prints JSON.

    .venv/bin/python bench/bench_hq_limits.py [--quick]

A real HQ (SQLite in a temp folder, default limits unless --quick) on 127.0.0.1 in this
process; raw-socket clients send a 50 MiB body (Content-Length, and chunked), a lying
Content-Length, headers a byte at a time and nothing at all. The peak RSS of the process
(server and clients) is read from /proc before and after, where there is one.
"""

from __future__ import annotations

import argparse
import json
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from regdesk.hq.app import create_app
from regdesk.hq.runtime import Runtime
from regdesk.hq.server import start_in_thread
from regdesk.hq.settings import Limits, Settings

MIB = 1024 * 1024


def peak_rss_mib() -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _read_all(sock: socket.socket, limit_s: float) -> bytes:
    data = b""
    sock.settimeout(limit_s)
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return data


def big_body(addr: tuple[str, int], path: str, chunked: bool) -> dict[str, object]:
    """Send 50 MiB as fast as the socket takes it; time until HQ answers."""
    sock = socket.create_connection(addr)
    head = f"POST {path} HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\n"
    head += ("Transfer-Encoding: chunked\r\n\r\n" if chunked
             else f"Content-Length: {50 * MIB}\r\n\r\n")
    sent = 0
    start = time.perf_counter()
    answer: list[bytes] = []
    reader = threading.Thread(target=lambda: answer.append(_read_all(sock, 120)))
    sock.sendall(head.encode())
    reader.start()
    block = b" " * (256 * 1024)
    try:
        while sent < 50 * MIB and reader.is_alive():
            sock.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n" if chunked else block)
            sent += len(block)
    except (BrokenPipeError, ConnectionResetError):
        pass
    reader.join(130)
    elapsed = time.perf_counter() - start
    sock.close()
    status = answer[0].split(b"\r\n", 1)[0].decode() if answer and answer[0] else "(closed)"
    return {"path": path, "chunked": chunked, "answer": status, "seconds": round(elapsed, 3),
            "mib_sent_before_answer": round(sent / MIB, 1)}


def slow(addr: tuple[str, int], kind: str) -> dict[str, object]:
    sock = socket.create_connection(addr)
    start = time.perf_counter()
    if kind == "lying_content_length":
        sock.sendall(b"POST /api/v1/enrol HTTP/1.1\r\nHost: hq\r\nContent-Length: 1000\r\n\r\n{")
        data = _read_all(sock, 300)
    elif kind == "silent":
        data = _read_all(sock, 300)
    else:  # headers trickled, one byte every 0.5 s
        sock.settimeout(300)
        data = b""
        try:
            for byte in b"GET /api/v1/health HTTP/1.1\r\nHost: hq\r\nX-Slow: " + b"a" * 600:
                sock.sendall(bytes([byte]))
                time.sleep(0.5)
        except (BrokenPipeError, ConnectionResetError):
            pass
    elapsed = time.perf_counter() - start
    sock.close()
    status = data.split(b"\r\n", 1)[0].decode() if data else "(connection closed)"
    return {"client": kind, "answer": status, "seconds": round(elapsed, 2)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="2 s timeouts instead of the defaults")
    args = p.parse_args()
    limits = Limits(body_timeout=2, header_timeout=2) if args.quick else Limits()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db_url=f"sqlite:///{tmp}/hq.sqlite3", limits=limits)
        rt = Runtime.open(settings)
        server = start_in_thread(create_app(settings, rt))
        parts = urlsplit(server.url)
        addr = (parts.hostname or "127.0.0.1", parts.port or 0)
        rss_before = peak_rss_mib()
        results = [big_body(addr, path, chunked) for path in ("/api/v1/enrol", "/api/v1/push")
                   for chunked in (False, True)]
        rss_after = peak_rss_mib()
        results += [slow(addr, kind) for kind in ("lying_content_length", "silent", "trickle")]
        server.stop()
        rt.close()
    print(json.dumps({"limits": {"push_body_mib": limits.push_body / MIB,
                                 "enrol_body_kib": limits.enrol_body / 1024,
                                 "body_timeout_s": limits.body_timeout,
                                 "header_timeout_s": limits.header_timeout},
                      "peak_rss_mib_before": rss_before, "peak_rss_mib_after_bodies": rss_after,
                      "results": results}, indent=2))


if __name__ == "__main__":
    main()
