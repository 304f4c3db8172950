"""Ordered background sending for the push pipeline.

One worker thread sends batch bodies in the order they were handed over, so HQ sees batches in
outbox order even while several are in the air. Once a send fails, every body handed over
after it is *held back* (never put on the wire) until the caller resends the failed one with
``first=True``: a struggling HQ gets the retry, not a queue of new batches.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")


class HeldBack(Exception):
    """Not sent, because a batch handed over earlier failed first."""


class OrderedSender(Generic[T]):
    def __init__(self, send: Callable[[bytes], T]) -> None:
        self._send = send
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="regdesk-push")
        self._last: Future[T] | None = None

    def submit(self, body: bytes, *, first: bool = False) -> Future[T]:
        """Send ``body`` after everything handed over before it; held back if one of those
        failed, unless ``first`` (a retry that must go before the rest)."""
        after = None if first else self._last
        future = self._pool.submit(self._send_after, after, body)
        self._last = future
        return future

    def _send_after(self, after: Future[T] | None, body: bytes) -> T:
        # the single worker runs tasks in order, so ``after`` has finished by now
        if after is not None and (after.cancelled() or after.exception() is not None):
            raise HeldBack
        return self._send(body)

    def close(self) -> None:
        """Drop what has not started; wait for a send in progress (it has timeouts)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> OrderedSender[T]:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
