"""Run the HQ app under uvicorn: in the foreground (``serve``) or in a thread (tests, bench).

uvicorn bounds idle keep-alive connections and concurrent requests, but has no deadline for
a request's headers: :class:`HeaderDeadline` adds one (and a size cap on them for the
httptools parser; h11 has its own), so a client that connects and then sends nothing, or
its headers one byte at a time, is dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from regdesk.hq.settings import Limits

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools missing: uvicorn's pure-Python parser
    HttpToolsProtocol = None  # type: ignore[assignment,misc]


class HqConfig(uvicorn.Config):
    """uvicorn's config plus HQ's request limits (picklable, for worker processes)."""

    def __init__(self, app: Any, *, limits: Limits, **kw: Any) -> None:
        super().__init__(app, limit_concurrency=limits.concurrency,
                         timeout_keep_alive=limits.keep_alive, http=_protocol_class(),
                         h11_max_incomplete_event_size=limits.max_header_bytes, **kw)
        self.hq_limits = limits


class HeaderDeadline:
    """Mixin for uvicorn's HTTP protocols: a connection must deliver a request's headers
    within ``header_timeout`` seconds of connecting or of its previous answer, in at most
    ``max_header_bytes``; otherwise it is closed. Trickled bytes do not extend the time."""

    transport: asyncio.Transport
    cycle: Any
    config: Any
    loop: asyncio.AbstractEventLoop
    _deadline: asyncio.TimerHandle | None = None
    _header_bytes = 0

    def _arm(self) -> None:
        self._disarm()
        limits: Limits = getattr(self.config, "hq_limits", Limits())
        self._header_bytes = 0
        self._deadline = self.loop.call_later(limits.header_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def data_received(self, data: bytes) -> None:
        before = self.cycle
        waiting = self._deadline is not None
        super().data_received(data)  # type: ignore[misc]
        if self.cycle is not before:  # a request's headers are complete
            self._disarm()
        elif waiting:
            self._header_bytes += len(data)
            limits: Limits = getattr(self.config, "hq_limits", Limits())
            if self._header_bytes > limits.max_header_bytes and not self.transport.is_closing():
                self.transport.write(b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                                     b"content-length: 0\r\nconnection: close\r\n\r\n")
                self.transport.close()

    def on_response_complete(self) -> None:
        before = self.cycle
        super().on_response_complete()  # type: ignore[misc]
        queued = getattr(self, "pipeline", None)  # httptools: requests read ahead
        if self.cycle is before and not queued and not self.transport.is_closing():
            self._arm()


class H11WithDeadline(HeaderDeadline, H11Protocol):
    pass


if HttpToolsProtocol is not None:
    class HttpToolsWithDeadline(HeaderDeadline, HttpToolsProtocol):
        pass


def _protocol_class() -> type:
    return HttpToolsWithDeadline if HttpToolsProtocol is not None else H11WithDeadline


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def uvicorn_config(app: Any, *, host: str, port: int, workers: int | None = None,
                   limits: Limits | None = None) -> HqConfig:
    """Fast settings: best available loop/parser, no access log (URLs can carry card QRs),
    HQ's connection limits (the app's own settings' when not given)."""
    if limits is None:
        settings = getattr(getattr(app, "state", None), "settings", None)
        limits = settings.limits if settings is not None else Limits()
    return HqConfig(app, limits=limits, host=host, port=port, loop="auto",
                    access_log=False, log_level="warning", workers=workers, lifespan="on")


def serve(config: HqConfig) -> None:
    """Run in the foreground; several worker processes when ``config.workers`` > 1 (each
    imports the app from its import string)."""
    if config.workers > 1:
        from uvicorn.supervisors import Multiprocess

        sock = config.bind_socket()
        with contextlib.suppress(KeyboardInterrupt):
            Multiprocess(config, sockets=[sock]).run()
        return
    uvicorn.Server(config).run()


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
                    timeout: float = 60, limits: Limits | None = None) -> ThreadedServer:
    """Start ``app`` on ``host:port`` (a free port by default) and wait until it serves."""
    port = port or free_port(host)
    server = uvicorn.Server(uvicorn_config(app, host=host, port=port, limits=limits))
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
