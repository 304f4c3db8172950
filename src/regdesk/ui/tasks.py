"""A small task runner: ONE serialized database thread (SQLite has one writer) and a separate
pool for network work. Workers never touch widgets: results come back through a queued signal
and callbacks run on the UI thread."""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """One per runner, living on the UI thread: workers emit, the UI thread runs callbacks."""

    done = Signal(object, object)  # (task, result)
    failed = Signal(object, object)  # (task, exception)


class Task:
    """One unit of work: ``fn`` runs off the UI thread; ``on_done``/``on_error`` run on it.

    A plain object (no QObject): whichever thread drops it last, nothing Qt is destroyed
    there, and the callables (which may hold the app) are released on the UI thread.
    """

    def __init__(self, relay: _Relay, fn: Callable[[], Any], on_done: Done | None,
                 on_error: Failed | None) -> None:
        self.fn: Callable[[], Any] | None = fn
        self.on_done = on_done
        self.on_error = on_error
        self._relay = relay

    def execute(self) -> None:
        """Worker side: run and emit (never touches widgets)."""
        fn = self.fn
        assert fn is not None
        try:
            result = fn()
        except BaseException as exc:  # handed to the UI thread's funnel
            self._relay.failed.emit(self, exc)
        else:
            self._relay.done.emit(self, result)

    def release(self) -> tuple[Done | None, Failed | None]:
        callbacks = (self.on_done, self.on_error)
        self.fn = self.on_done = self.on_error = None
        return callbacks


class _DbThread(QThread):
    def __init__(self) -> None:
        super().__init__()
        self.jobs: queue.Queue[Task | None] = queue.Queue()

    def run(self) -> None:
        while True:
            task = self.jobs.get()
            if task is None:
                return
            task.execute()
            task = None  # the UI thread owns the last reference


class _NetJob(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task: Task | None = task

    def run(self) -> None:
        if self.task is not None:
            self.task.execute()
            self.task = None


class TaskRunner(QObject):
    """``runner.db(fn, on_done, on_error)`` / ``runner.net(...)``; ``idle()`` for tests."""

    def __init__(self, default_error: Failed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.default_error = default_error
        self._live: set[Task] = set()
        self._relay = _Relay(self)
        self._relay.done.connect(self._finish_ok)
        self._relay.failed.connect(self._finish_error)
        self._db = _DbThread()
        self._db.setObjectName("regdesk-db")
        self._db.start()
        # Interactive reads (search pages) get their own thread: SQLite's WAL lets them run
        # beside the writer, so typing in the search box never waits behind a save, a
        # status count or a backup.
        self._search = _DbThread()
        self._search.setObjectName("regdesk-search")
        self._search.start()
        self._net = QThreadPool()
        self._net.setMaxThreadCount(2)
        self._stopping = False
        self._closed = False  # callbacks are dropped from then on

    def close_with(self, owner: QObject) -> None:
        """Drop every callback once ``owner`` (the window the callbacks update) is destroyed:
        a result that arrives later is discarded instead of touching a deleted widget."""
        owner.destroyed.connect(self.drop_callbacks)

    def drop_callbacks(self, *_args: object) -> None:
        """From now on, finished work runs no callback (queued work still runs)."""
        self._closed = True
        for task in list(self._live):
            task.on_done = task.on_error = None  # the work itself still runs
        self._live.clear()

    def db(self, fn: Callable[[], Any], on_done: Done | None = None,
           on_error: Failed | None = None) -> Task:
        """Queue ``fn`` on the single database thread (calls run one after another)."""
        task = Task(self._relay, fn, on_done, on_error)
        self._live.add(task)
        self._db.jobs.put(task)
        return task

    def search(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> Task:
        """Queue a read-only ``fn`` (a search page) on the search thread."""
        task = Task(self._relay, fn, on_done, on_error)
        self._live.add(task)
        self._search.jobs.put(task)
        return task

    def net(self, fn: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None) -> Task:
        """Run ``fn`` on the network pool (never delays a save)."""
        task = Task(self._relay, fn, on_done, on_error)
        self._live.add(task)
        self._net.start(_NetJob(task))
        return task

    def running(self) -> bool:
        """False once :meth:`shutdown` stopped the DB thread (nothing queued would run)."""
        return self._db.isRunning() and not self._stopping

    def idle(self) -> bool:
        return not self._live

    def _finish_ok(self, task: Task, result: Any) -> None:
        on_done, _ = task.release()
        if self._closed:
            return
        try:
            if on_done is not None:
                on_done(result)
        finally:
            self._live.discard(task)

    def _finish_error(self, task: Task, exc: BaseException) -> None:
        _, on_error = task.release()
        if self._closed:
            log.warning("dropped the error of a task finished after close: %s",
                        type(exc).__name__)
            return
        try:
            (on_error or self.default_error)(exc)
        finally:
            self._live.discard(task)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Finish queued DB work, then stop the thread (called once, at exit). Callbacks of
        work that finishes from here on are dropped: nothing runs after the app is gone."""
        self._stopping = True
        for thread in (self._search, self._db):
            if thread.isRunning():
                thread.jobs.put(None)
                if not thread.wait(timeout_ms):
                    log.warning("%s thread did not stop in time", thread.objectName())
        self._net.waitForDone(timeout_ms)
        self.drop_callbacks()
