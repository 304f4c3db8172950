"""A fault-injecting HTTP proxy on 127.0.0.1 for sync tests.

Requests to ``/api/v1/push`` consume one scripted fault each (FIFO); everything else, and
pushes when the script is empty, pass straight through to the upstream HQ.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

PASS = "pass"
# Fault names:
#   "500"                    answer 500 without touching HQ
#   "503:<s>" / "429:<s>"    answer with Retry-After: s, without touching HQ
#   "reset_after_commit"     forward to HQ (it commits), then drop the connection unanswered
#   "truncate_after_commit"  forward, then send only half of HQ's answer body
#   "garble_after_commit"    forward, then answer 200 with invalid JSON
#   "stall:<s>"              wait s seconds before forwarding (read timeout on the desk)
#   "call:<name>"            forward, run the named hook (e.g. restart HQ), drop the connection


class FaultProxy:
    def __init__(self, upstream: str):
        self.upstream = upstream
        self.script: deque[str] = deque()
        self.hooks: dict[str, Callable[[], None]] = {}
        self.seen: list[str] = []  # fault applied to each push, in order
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                self._handle()

            def do_POST(self) -> None:
                self._handle()

            def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
                target = urlsplit(proxy.upstream)
                conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body or None, headers=headers)
                response = conn.getresponse()
                data = response.read()
                result = (response.status, response.getheaders(), data)
                conn.close()
                return result

            def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None,
                        length: int | None = None) -> None:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body) if length is None else length))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()

            def _drop(self) -> None:
                self.close_connection = True
                try:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fault = PASS
                if self.path.startswith("/api/v1/push") and proxy.script:
                    fault = proxy.script.popleft()
                if self.path.startswith("/api/v1/push"):
                    proxy.seen.append(fault)
                name, _, arg = fault.partition(":")
                if name in ("500",):
                    return self._answer(500, b'{"code":"boom","detail":"injected"}')
                if name in ("503", "429"):
                    return self._answer(int(name), b'{"code":"busy","detail":"injected"}',
                                        {"Retry-After": arg or "1"})
                if name == "stall":
                    time.sleep(float(arg))
                status, headers, data = self._forward(body)
                if name == "reset_after_commit":
                    return self._drop()
                if name == "truncate_after_commit":
                    self._answer(status, data[: len(data) // 2], length=len(data))
                    return self._drop()
                if name == "garble_after_commit":
                    return self._answer(200, b'{"batch_id": "x", "results": [tru')
                if name == "call":
                    proxy.hooks[arg]()
                    return self._drop()
                passthrough = {k: v for k, v in headers
                               if k.lower() not in ("content-length", "transfer-encoding",
                                                    "connection", "content-type")}
                self._answer(status, data, passthrough)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FaultProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
