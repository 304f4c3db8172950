"""The real :class:`SyncService`: ``regdesk.sync`` passes on the network pool, in the
background every few minutes and on "Sinkronkan sekarang". A slow HQ never delays a save:
the pass runs beside the DB thread (each store call is its own short transaction)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from regdesk.store import Store
from regdesk.ui.sync_service import SyncService
from regdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
BACKGROUND_MINUTES = 5


class EngineSync(SyncService):
    _progress_from_worker = Signal(int, int)  # re-emitted on the UI thread

    def __init__(self, runner: TaskRunner, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._store = store
        self._running = False
        self._online = False
        self._enrolled = False
        self._progress_from_worker.connect(self.progress.emit)
        self.timer = QTimer(self)
        self.timer.setInterval(BACKGROUND_MINUTES * 60_000)
        self.timer.timeout.connect(self._background)

    def available(self) -> bool:
        return self._enrolled

    def online(self) -> bool:
        return self._online

    @property
    def running(self) -> bool:
        return self._running

    def begin_background(self) -> None:
        """Start the periodic passes (after sign-in) and run one now if enrolled."""
        self.timer.start()
        self._kick = True  # one pass right after sign-in when enrolled
        self.refresh_status()

    def stop(self) -> None:
        self.timer.stop()

    def refresh_status(self) -> None:
        store = self._store

        def read() -> dict[str, Any]:
            from regdesk.sync.service import status

            return status(store)

        self._runner.db(read, self._status_read)

    def _status_read(self, status: dict[str, Any]) -> None:
        self._enrolled = bool(status.get("enrolled"))
        self.status_changed.emit(status)
        if getattr(self, "_kick", False):
            self._kick = False  # only the status read right after sign-in may kick
            if self._enrolled and not self._running:
                self.start()

    def _background(self) -> None:
        if self._enrolled and not self._running:
            self.start()

    def start(self) -> None:
        """One pass now; asked during a pass, one more pass follows it."""
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        store, progress = self._store, self._progress_from_worker

        def one_pass() -> Any:
            from regdesk.sync.service import engine_for

            def on_progress(p: Any) -> None:  # worker thread: only emit
                progress.emit(int(p.sent), int(max(p.total, p.sent)))

            engine = engine_for(store, on_progress=on_progress)
            try:
                return engine.run_once()
            finally:
                engine.client.close()

        self._runner.net(one_pass, self._done, self._failed)

    def _done(self, summary: Any) -> None:
        self._running = False
        error = summary.error
        self._online = error is None or error.kind.value not in ("offline",)
        if error is not None:
            self.error.emit(self.error_text(error.kind.value))
        self.finished.emit(summary.as_dict())
        self.refresh_status()
        if getattr(self, "_again", False):
            self.start()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        kind = getattr(getattr(exc, "kind", None), "value", None)
        if kind is None:
            log.error("sync pass crashed: %s", type(exc).__name__)
            kind = "protocol"
        self._online = kind != "offline"
        self.error.emit(self.error_text(kind))
        self.refresh_status()

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


def enrol_desk(store: Store, url: str, code: str, user: Any) -> Any:
    """Network pool: trade the one-time code for a device token (see regdesk.sync.service)."""
    from regdesk.sync.service import enrol

    return enrol(store, url, code, user=user)


def sync_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("regdesk.sync") is not None
