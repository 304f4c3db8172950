"""The queue SQLite writers wait in, across threads and worker processes.

SQLite allows one writer at a time; a second ``BEGIN IMMEDIATE`` waits in SQLite's busy
handler, which sleeps in steps (1, 2, 5, 10 … 100 ms) and polls again. With several uvicorn
workers on one SQLite file that cost a few milliseconds per batch. Writers instead queue here:
a thread lock within the process and, on POSIX, a blocking ``flock`` on ``<db>.writer-lock``
between processes, so the next writer starts the moment the last one commits. (Elsewhere only
the thread lock applies and SQLite's busy handler orders the processes, as before.)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class WriterLock:
    def __init__(self, database: Path) -> None:
        self._path = database.with_name(database.name + ".writer-lock")
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self._pid = os.getpid()

    @contextmanager
    def hold(self) -> Iterator[None]:
        with self._thread_lock:
            fd = self._file()
            if fd is None:
                yield
                return
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)

    def _file(self) -> int | None:
        if fcntl is None:
            return None
        if self._fd is None or self._pid != os.getpid():  # a forked worker opens its own
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd
