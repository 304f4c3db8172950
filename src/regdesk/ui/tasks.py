"""A small task runner: ONE serialized database thread for short work (saves, counts, pages),
a search thread, a job pool for long jobs (recaps, card runs, imports, exports, backups,
transfers) and a network pool. Workers never touch widgets: results and progress come back
through queued signals and callbacks run on the UI thread.

A long job never sits on the DB thread: it reads on its own connection and writes through
the store's one fair writer lock in short transactions, so a save queued on the DB thread
commits at once while the job runs (``docs/ui.md``, "Background work")."""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from regdesk.services.jobs import Cancelled, Job

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int, "float | None"], None]  # (done, total, seconds left)


class _Relay(QObject):
    """One per runner, living on the UI thread: workers emit, the UI thread runs callbacks."""

    done = Signal(object, object)  # (task, result)
    failed = Signal(object, object)  # (task, exception)
    progress = Signal(object, int, int, object)  # (task, done, total, seconds left | None)


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


class JobTask(Task):
    """A long job: ``fn(job)`` gets a :class:`~regdesk.services.jobs.Job` whose cancel flag
    :meth:`cancel` sets (from the UI thread) and whose progress reaches ``on_progress`` on the
    UI thread. A cancelled job ends in ``on_error`` with :class:`Cancelled` (or in
    ``on_done`` when it finished before it looked at the flag)."""

    def __init__(self, relay: _Relay, fn: Callable[[Job], Any], on_done: Done | None,
                 on_error: Failed | None, on_progress: Progress | None) -> None:
        self.job = Job(self._emit_progress)
        super().__init__(relay, lambda: fn(self.job), on_done, on_error)
        self.on_progress = on_progress
        self.finished = False

    def _emit_progress(self, done: int, total: int, left: float | None) -> None:
        self._relay.progress.emit(self, done, total, left)

    def cancel(self) -> None:
        self.job.cancel()

    @property
    def cancelled(self) -> bool:
        return self.job.cancelled

    def release(self) -> tuple[Done | None, Failed | None]:
        self.on_progress = None
        self.finished = True
        return super().release()


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
        # Long jobs: two at a time (a backup need not wait for a recap); more queue.
        self._jobs = QThreadPool()
        self._jobs.setMaxThreadCount(2)
        self._relay.progress.connect(self._progress)
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
            if isinstance(task, JobTask):
                task.on_progress = None
                task.cancel()  # nobody is left to show its result
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

    def job(self, fn: Callable[[Job], Any], on_done: Done | None = None,
            on_error: Failed | None = None, on_progress: Progress | None = None) -> JobTask:
        """Run a long job ``fn(job)`` on the job pool, beside the DB thread (never in front
        of a save). ``task.cancel()`` asks it to stop at its next step."""
        task = JobTask(self._relay, fn, on_done, on_error, on_progress)
        self._live.add(task)
        self._jobs.start(_NetJob(task))
        return task

    def jobs(self) -> list[JobTask]:
        """The long jobs not finished yet (oldest first is not promised)."""
        return [t for t in self._live if isinstance(t, JobTask)]

    def running(self) -> bool:
        """False once :meth:`shutdown` stopped the DB thread (nothing queued would run)."""
        return self._db.isRunning() and not self._stopping

    def idle(self) -> bool:
        return not self._live

    def _progress(self, task: Task, done: int, total: int, left: float | None) -> None:
        callback = getattr(task, "on_progress", None)
        if callback is not None and not self._closed:
            callback(done, total, left)

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
        if isinstance(exc, Cancelled) and on_error is None:
            self._live.discard(task)  # a cancel is no failure to report
            return
        try:
            (on_error or self.default_error)(exc)
        finally:
            self._live.discard(task)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Finish queued DB work, then stop the thread (called once, at exit). Callbacks of
        work that finishes from here on are dropped: nothing runs after the app is gone."""
        self._stopping = True
        for task in self.jobs():
            task.cancel()  # a recap or card run is not worth waiting for at exit
        for thread in (self._search, self._db):
            if thread.isRunning():
                thread.jobs.put(None)
                if not thread.wait(timeout_ms):
                    log.warning("%s thread did not stop in time", thread.objectName())
        self._net.waitForDone(timeout_ms)
        self._jobs.waitForDone(timeout_ms)
        self.drop_callbacks()
