"""The one desk writer of a process: a fair (first come, first served) lock around every write
transaction.

SQLite has one writer at a time. Without this lock, two threads that both ``BEGIN IMMEDIATE``
meet in SQLite's busy handler, which polls with growing sleeps (up to 100 ms a try) and lets
any later comer win: a clerk's save could keep losing to a stream of sync transactions. With
it, writers queue in arrival order and the lock passes straight to the next in line, so a save
waits at most for the transactions already queued before it (sync queues one short batch at a
time).
"""

from __future__ import annotations

import threading
from types import TracebackType


class NestedWrite(RuntimeError):
    """A thread asked for a write transaction while it already holds one (it would deadlock)."""


class FairLock:
    """A ticket lock: ``acquire`` blocks until every earlier caller has released."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._next_ticket = 0
        self._serving = 0
        self._owner: int | None = None

    def acquire(self) -> None:
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                raise NestedWrite("a write transaction is already open on this thread")
            ticket = self._next_ticket
            self._next_ticket += 1
            while ticket != self._serving:
                self._cond.wait()
            self._owner = me

    def release(self) -> None:
        with self._cond:
            if self._owner != threading.get_ident():
                raise RuntimeError("released by a thread that does not hold it")
            self._owner = None
            self._serving += 1
            self._cond.notify_all()

    def waiting(self) -> int:
        """Callers queued behind the holder (for tests and diagnostics)."""
        with self._cond:
            return max(0, self._next_ticket - self._serving - 1)

    def __enter__(self) -> FairLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()
