"""The seam where the sync engine (``regdesk.sync``, built separately) plugs into the UI.

:class:`SyncService` is the interface the main window uses; :class:`StatusOnlySync` is the
stand-in until the engine lands: "Sinkronkan sekarang" only refreshes the local status.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from regdesk.ui.tasks import TaskRunner


class SyncService(QObject):
    """Background sync. Signals are emitted on the UI thread.

    ``progress(done, total)`` while running; ``finished(status)`` with the same dict as
    ``Store.sync_status()``; ``error(message)`` with one sentence for the clerk;
    ``status_changed(status)`` whenever the counts may have changed.
    """

    progress = Signal(int, int)
    finished = Signal(dict)
    error = Signal(str)
    status_changed = Signal(dict)

    def available(self) -> bool:
        """True when a real engine can talk to HQ (enrolment etc. are enabled)."""
        return False

    def online(self) -> bool:
        return False

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def refresh_status(self) -> None:
        raise NotImplementedError


class StatusOnlySync(SyncService):
    """No engine yet: ``start`` just reads the local counts (pending, needs attention...)."""

    def __init__(self, runner: TaskRunner, status: Callable[[], dict[str, Any]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._status = status

    def start(self) -> None:
        self._runner.db(self._status, self._done)

    def stop(self) -> None:
        """Nothing runs in the background."""

    def refresh_status(self) -> None:
        self._runner.db(self._status, self.status_changed.emit)

    def _done(self, status: dict[str, Any]) -> None:
        self.status_changed.emit(status)
        self.finished.emit(status)
