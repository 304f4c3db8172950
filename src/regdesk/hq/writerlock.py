"""The queue SQLite writers wait in, across threads and worker processes.

SQLite allows one writer at a time; a second ``BEGIN IMMEDIATE`` waits in SQLite's busy
handler, which sleeps in steps (1, 2, 5, 10 … 100 ms) and polls again. With several uvicorn
workers on one SQLite file that cost a few milliseconds per batch. Writers instead queue here:
a thread lock within the process and a blocking file lock on ``<db>.writer-lock`` between
processes (:func:`regdesk.oscompat.process_lock`: ``flock`` on POSIX, ``LockFileEx`` on
Windows), so the next writer starts the moment the last one commits.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import BaseFileLock

from regdesk.oscompat import process_lock


class WriterLock:
    def __init__(self, database: Path) -> None:
        self._path = database.with_name(database.name + ".writer-lock")
        self._thread_lock = threading.Lock()
        self._file_lock: BaseFileLock | None = None
        self._pid = os.getpid()

    @property
    def path(self) -> Path:
        return self._path

    @contextmanager
    def hold(self) -> Iterator[None]:
        with self._thread_lock, self._lock():
            yield

    def _lock(self) -> BaseFileLock:
        if self._file_lock is None or self._pid != os.getpid():  # a forked worker: its own
            self._file_lock = process_lock(self._path)
            self._pid = os.getpid()
        return self._file_lock
