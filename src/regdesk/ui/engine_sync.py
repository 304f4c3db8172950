"""Sync in the desk app: ``regdesk.sync`` passes on the network pool, in the
background every few minutes and on "Sinkronkan sekarang". A slow HQ never delays a save:
the pass runs beside the DB thread (each store call is its own short transaction)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from regdesk.store import Store
from regdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
BACKGROUND_MINUTES = 5


class EngineSync(QObject):
    """Background passes scheduled by :class:`regdesk.sync.loop.SyncLoop`: a cheap probe of
    HQ, a pass when it answers, backing off (5 s … 5 min) while it does not — so sync starts
    by itself soon after the connection returns. "Sinkronkan sekarang" runs a step at once.

    Signals, on the UI thread: ``progress(done, total)`` while running; ``finished(summary)``
    after a pass; ``error(message)`` with one sentence for the clerk; ``status_changed(status)``
    whenever the counts may have changed (``regdesk.services.sync.status``).
    """

    progress = Signal(int, int)
    finished = Signal(dict)
    error = Signal(str)
    status_changed = Signal(dict)
    _progress_from_worker = Signal(int, int)  # re-emitted on the UI thread

    def __init__(self, runner: TaskRunner, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from regdesk.sync.loop import SyncLoop

        self._runner = runner
        self._store = store
        self._running = False
        self._again = False
        self._background_on = False
        self._online = False
        self._enrolled = False
        self._progress_from_worker.connect(self.progress.emit)
        progress = self._progress_from_worker

        def on_progress(p: Any) -> None:  # worker thread: only emit
            progress.emit(int(p.sent), int(max(p.total, p.sent)))

        self._loop = SyncLoop(store, idle_interval=BACKGROUND_MINUTES * 60,
                              on_progress=on_progress)
        self.timer = QTimer(self)  # the next scheduled step
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._background)

    def available(self) -> bool:
        """True once the desk is enrolled with HQ."""
        return self._enrolled

    def online(self) -> bool:
        return self._online

    @property
    def running(self) -> bool:
        return self._running

    def begin_background(self) -> None:
        """Start the schedule (after sign-in): the first step runs right away."""
        self._background_on = True
        self.refresh_status()
        self.timer.start(0)

    def stop(self) -> None:
        """No more steps (the window is going, or the app quits)."""
        self._background_on = False
        self.timer.stop()

    def refresh_status(self) -> None:
        store = self._store

        def read() -> dict[str, Any]:
            from regdesk.services.sync import status

            return status(store)

        self._runner.db(read, self._status_read)

    def _status_read(self, status: dict[str, Any]) -> None:
        self._enrolled = bool(status.get("enrolled"))
        self.status_changed.emit(status)

    def _background(self) -> None:
        if not self._running:
            self._step(manual=False)

    def start(self) -> None:
        """A step now (probe + pass); asked during a pass, one more step follows it."""
        if self._running:
            self._again = True
            return
        self._step(manual=True)

    def _step(self, *, manual: bool) -> None:
        self._running = True
        self._again = False
        loop = self._loop
        self._runner.net(loop.step, lambda step: self._done(step, manual), self._failed)

    def _done(self, step: Any, manual: bool) -> None:
        self._running = False
        if step.online is not None:
            self._online = step.online
        summary = step.summary
        if summary is not None:
            if summary.error is not None:
                self.error.emit(self.failure_text(summary.error, "protocol"))
            self.finished.emit(summary.as_dict())
        elif manual and step.online is False:
            self.error.emit(self.failure_text(step.error, "offline"))
        elif manual and step.online is None:
            self.error.emit(self.error_text("not_enrolled"))
        self.refresh_status()
        if self._again:
            self.start()
        elif self._background_on:
            self.timer.start(int(step.delay * 1000))

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        kind = getattr(getattr(exc, "kind", None), "value", None)
        if kind is None:
            log.error("sync pass crashed: %s", type(exc).__name__)
            kind = "protocol"
        self._online = kind != "offline"
        self.error.emit(self.failure_text(exc, kind))
        self.refresh_status()
        if self._background_on:
            self.timer.start(BACKGROUND_MINUTES * 60_000)

    def failure_text(self, exc: BaseException | None, kind: str) -> str:
        """One sentence for a failed step: the real cause (refused, name not found, TLS, not
        HQ …) when known, else the sentence of ``kind``."""
        from regdesk.services.sync import SyncError, sync_error_text

        if isinstance(exc, SyncError):
            return sync_error_text(exc, self.error_text)
        return self.error_text(kind)

    def error_text(self, kind: str) -> str:
        return {
            "offline": self.tr("HQ cannot be reached; your data is safe and will be sent "
                               "later."),
            "server": self.tr("HQ has a problem; we will try again later."),
            "busy": self.tr("HQ is busy; we will try again later."),
            "protocol": self.tr("HQ's answer could not be read; we will try again."),
            "auth": self.tr("HQ refused this desk. An administrator must enrol it again in "
                            "Settings."),
            "client": self.tr("HQ refused the request; please contact the administrator."),
            "not_enrolled": self.tr("This desk is not connected to HQ yet (Settings)."),
        }.get(kind, kind)

