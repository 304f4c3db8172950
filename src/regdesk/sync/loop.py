"""The background sync loop: probe HQ cheaply, sync when reachable, back off while not.

Runs in a worker thread (the GUI's network pool) or a terminal; it only reports through
callbacks, never touches the UI.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from regdesk.store import Store
from regdesk.sync.backoff import Backoff
from regdesk.sync.engine import Progress, SyncSummary
from regdesk.sync.errors import Kind, SyncError
from regdesk.sync.service import device_of, engine_for

log = logging.getLogger(__name__)


class SyncLoop:
    def __init__(
        self,
        store: Store,
        *,
        idle_interval: float = 60.0,
        on_progress: Callable[[Progress], None] | None = None,
        on_summary: Callable[[SyncSummary], None] | None = None,
        on_online: Callable[[bool], None] | None = None,
    ):
        self.store = store
        self.idle_interval = idle_interval
        self.on_progress = on_progress
        self.on_summary = on_summary or (lambda _s: None)
        self.on_online = on_online or (lambda _o: None)
        self.offline_backoff = Backoff(base=5.0, cap=300.0)
        self._wake = threading.Event()
        self._stop = threading.Event()

    def sync_now(self) -> None:
        """Ask for a pass as soon as possible (e.g. the "Sinkronkan sekarang" button)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def step(self) -> float:
        """One probe (and pass, if reachable); returns seconds to wait before the next."""
        if device_of(self.store) is None:
            return self.idle_interval
        try:
            engine = engine_for(self.store, on_progress=self.on_progress)
        except SyncError:
            return self.idle_interval
        try:
            if not engine.client.probe():
                self.on_online(False)
                return self.offline_backoff.next_delay()
            self.on_online(True)
            self.offline_backoff.reset()
            summary = engine.run_once()
            self.on_summary(summary)
            if summary.error is None:
                return self.idle_interval
            if summary.error.kind in (Kind.AUTH, Kind.CLIENT, Kind.NOT_ENROLLED):
                return self.idle_interval * 5
            return self.offline_backoff.next_delay(summary.error.retry_after)
        finally:
            engine.client.close()

    def run(self) -> None:
        while not self._stop.is_set():
            try:
                delay = self.step()
            except Exception:  # never let the loop die silently; the next step retries
                log.exception("sync loop step failed")
                delay = self.idle_interval
            self._wake.wait(delay)
            self._wake.clear()
