"""Long jobs (recaps, card runs, imports, exports, backups, transfers), Qt-free.

A long job is a service function that takes a :class:`Job`: it reads on its own connection
(``Store.read()``; WAL lets reads run beside the writer), streams its rows in chunks,
writes only through the one writer in short transactions, calls :meth:`Job.step` between
chunks (which reports progress and raises :class:`Cancelled` once a cancel was asked) and
leaves nothing half-written when cancelled (files go to a temporary name and are renamed
only on success: :func:`atomic_output`). The GUI runs jobs on its job pool
(``TaskRunner.job``) with a progress panel; the CLI and the tests pass a plain ``Job()``.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["NO_JOB", "Cancelled", "Eta", "Job", "atomic_output"]

Progress = Callable[[int, int, "float | None"], None]  # (done, total, seconds left or None)


class Cancelled(Exception):
    """The job stopped at a cancel request; nothing it was writing was kept."""


class Eta:
    """Seconds left from the rate so far (``None`` until a little work is done)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start = clock()

    def left(self, done: int, total: int) -> float | None:
        elapsed = self._clock() - self._start
        if done <= 0 or total <= 0 or elapsed <= 0:
            return None
        if done >= total:
            return 0.0
        return elapsed * (total - done) / done


class Job:
    """What a running job sees: a cancel flag (set from any thread) and a progress sink.

    ``step(done, total)`` is called between chunks: it raises :class:`Cancelled` when a
    cancel was asked, and passes ``(done, total, seconds left)`` to ``progress`` at most
    every ``every`` seconds (and always at the end).
    """

    def __init__(self, progress: Progress | None = None, *, every: float = 0.1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._cancel = threading.Event()
        self._progress = progress
        self._every = every
        self._clock = clock
        self._eta = Eta(clock)
        self._last = float("-inf")

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def step(self, done: int, total: int) -> None:
        self.check()
        if self._progress is None:
            return
        now = self._clock()
        if done >= total or now - self._last >= self._every:
            self._last = now
            self._progress(done, total, self._eta.left(done, total))


NO_JOB = Job()  # never cancelled, reports nowhere (the default of services)


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out``; renamed to ``out`` only when the block succeeds, so a
    cancelled or failed job never leaves a half-written file under the real name."""
    tmp = out.with_name(f".{out.name}.part-{os.getpid()}-{threading.get_ident()}")
    try:
        yield tmp
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
