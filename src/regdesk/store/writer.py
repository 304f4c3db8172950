"""The one desk writer of a process: a fair (first come, first served) lock around every write
transaction.

SQLite has one writer at a time. Without this lock, two threads that both ``BEGIN IMMEDIATE``
meet in SQLite's busy handler, which polls with growing sleeps (up to 100 ms a try) and lets
any later comer win: a clerk's save could keep losing to a stream of sync transactions. With
it, writers queue in arrival order and the lock passes straight to the next in line, so a save
waits at most for the transactions already queued before it (sync queues one short batch at a
time).

Long jobs (recaps, card runs) draw in pure Python on their own thread and hold the
interpreter lock while they do: a save beside them would wait for it after each of its SQLite
calls. They call :meth:`FairLock.give_way` between rows: while a write is held or queued by
another thread it blocks (releasing the interpreter lock) until the writers are done, so the
save runs as if alone.
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
        self._idle = threading.Event()
        self._idle.set()
        self._gave_way_to = -1

    def acquire(self) -> None:
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                raise NestedWrite("a write transaction is already open on this thread")
            ticket = self._next_ticket
            self._next_ticket += 1
            self._idle.clear()
            while ticket != self._serving:
                self._cond.wait()
            self._owner = me

    def release(self) -> None:
        with self._cond:
            if self._owner != threading.get_ident():
                raise RuntimeError("released by a thread that does not hold it")
            self._owner = None
            self._serving += 1
            if self._serving == self._next_ticket:
                self._idle.set()
            self._cond.notify_all()

    def give_way(self, timeout: float = 0.2) -> bool:
        """While another thread holds or waits for the lock, wait (up to ``timeout``) until
        no one does; True if it waited. A long write is given way to once (its holder's
        ticket is remembered): a job does not stall behind a minute-long import. Cheap when
        no one writes: a job may call it after every row."""
        if self._idle.is_set() or self._owner == threading.get_ident():
            return False
        serving = self._serving
        if serving == self._gave_way_to:
            return False
        self._gave_way_to = serving
        self._idle.wait(timeout)
        return True

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
