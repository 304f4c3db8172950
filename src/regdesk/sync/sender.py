"""Background sending for the push pipeline.

Batch bodies are sent on ``width`` worker threads (one HTTP connection each), started in the
order they were handed over, so HQ is already reading the next batch while it decides one.
Once a send fails, sends that have not started yet are *held back* (never put on the wire)
until a retry (``retry=True``) gets through: a struggling HQ gets the retry, not a queue of
new batches. Ordering between versions of one record is the outbox's job (a record with a
version in flight is not claimed again), so batches side by side never race on one record.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")


class HeldBack(Exception):
    """Not sent, because another send failed and its retry has not got through yet."""


class PipelinedSender(Generic[T]):
    def __init__(self, send: Callable[[bytes], T], *, width: int = 1) -> None:
        self._send = send
        self._pool = ThreadPoolExecutor(max(1, width), thread_name_prefix="regdesk-push")
        self._lock = threading.Lock()
        self._failing = False

    def submit(self, body: bytes, *, retry: bool = False) -> Future[T]:
        """Send ``body`` once a worker is free (in hand-over order). Held back while a send
        has failed, unless ``retry`` (the resend of a failed batch, which goes regardless)."""
        return self._pool.submit(self._send_unless_failing, body, retry)

    def _send_unless_failing(self, body: bytes, retry: bool) -> T:
        with self._lock:
            if self._failing and not retry:
                raise HeldBack
        try:
            result = self._send(body)
        except BaseException:
            with self._lock:
                self._failing = True
            raise
        if retry:
            with self._lock:
                self._failing = False
        return result

    def close(self) -> None:
        """Drop what has not started; wait for sends in progress (they have timeouts)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PipelinedSender[T]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
