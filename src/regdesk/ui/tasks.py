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
    """Lives on the UI thread; the worker emits, the UI thread runs the callbacks."""

    done = Signal(object)
    failed = Signal(object)


class Task:
    """One unit of work: ``fn`` runs off the UI thread; ``on_done``/``on_error`` run on it."""

    def __init__(self, runner: TaskRunner, fn: Callable[[], Any], on_done: Done | None,
                 on_error: Failed | None) -> None:
        self.fn = fn
        self.relay = _Relay()
        self._runner = runner
        self._on_done = on_done
        self._on_error = on_error
        self.relay.done.connect(self._finish_ok)
        self.relay.failed.connect(self._finish_error)

    def execute(self) -> None:
        """Worker side: run and emit (never touches widgets)."""
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread's funnel
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)

    def _finish_ok(self, result: Any) -> None:
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self._runner._forget(self)

    def _finish_error(self, exc: BaseException) -> None:
        try:
            handler = self._on_error or self._runner.default_error
            handler(exc)
        finally:
            self._runner._forget(self)


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


class _NetJob(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.execute()


class TaskRunner(QObject):
    """``runner.db(fn, on_done, on_error)`` / ``runner.net(...)``; ``idle()`` for tests."""

    def __init__(self, default_error: Failed, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.default_error = default_error
        self._live: set[Task] = set()
        self._db = _DbThread()
        self._db.setObjectName("regdesk-db")
        self._db.start()
        self._net = QThreadPool()
        self._net.setMaxThreadCount(2)

    def db(self, fn: Callable[[], Any], on_done: Done | None = None,
           on_error: Failed | None = None) -> Task:
        """Queue ``fn`` on the single database thread (calls run one after another)."""
        task = Task(self, fn, on_done, on_error)
        self._live.add(task)
        self._db.jobs.put(task)
        return task

    def net(self, fn: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None) -> Task:
        """Run ``fn`` on the network pool (never delays a save)."""
        task = Task(self, fn, on_done, on_error)
        self._live.add(task)
        self._net.start(_NetJob(task))
        return task

    def idle(self) -> bool:
        return not self._live

    def _forget(self, task: Task) -> None:
        self._live.discard(task)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Finish queued DB work, then stop the thread (called once, at exit)."""
        if self._db.isRunning():
            self._db.jobs.put(None)
            if not self._db.wait(timeout_ms):
                log.warning("database thread did not stop in time")
        self._net.waitForDone(timeout_ms)
