"""Run the HQ app under uvicorn: in the foreground (``serve``) or in a thread (tests, bench)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import uvicorn


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def uvicorn_config(app: Any, *, host: str, port: int, workers: int | None = None) -> uvicorn.Config:
    """Fast settings: best available loop/parser, no access log (URLs can carry card QRs)."""
    return uvicorn.Config(app, host=host, port=port, loop="auto", http="auto",
                          access_log=False, log_level="warning", workers=workers,
                          lifespan="on")


@dataclass
class ThreadedServer:
    """A real uvicorn server on a background thread; ``stop()`` shuts it down."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_in_thread(app: Any, *, host: str = "127.0.0.1", port: int | None = None,
                    timeout: float = 60) -> ThreadedServer:
    """Start ``app`` on ``host:port`` (a free port by default) and wait until it serves."""
    port = port or free_port(host)
    server = uvicorn.Server(uvicorn_config(app, host=host, port=port))
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("HQ server failed to start")
        if time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("HQ server did not start in time")
        time.sleep(0.02)
    return ThreadedServer(server, thread, f"http://{host}:{port}")
