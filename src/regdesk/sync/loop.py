"""The background sync schedule: probe HQ cheaply, sync when reachable, back off while not.

``SyncLoop.step()`` does one probe (and one pass when HQ answers) and says how long to wait
before the next step; the caller schedules it (the GUI with a timer, its work on the network
pool). It reports through its return value and callbacks, never touches the UI.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from regdesk.store import Store
from regdesk.sync.backoff import Backoff
from regdesk.sync.engine import Progress, SyncSummary
from regdesk.sync.errors import Kind, SyncError
from regdesk.sync.service import device_of, engine_for

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Step:
    delay: float  # seconds until the next step
    online: bool | None  # None: not enrolled (nothing was probed)
    summary: SyncSummary | None  # the pass, when one ran
    error: SyncError | None = None  # why the probe failed (its ``cause`` names the reason)


class SyncLoop:
    def __init__(
        self,
        store: Store,
        *,
        idle_interval: float = 300.0,
        busy_interval: float = 30.0,
        offline_backoff: Backoff | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ):
        self.store = store
        self.idle_interval = idle_interval  # all sent: just pull now and then
        self.busy_interval = busy_interval  # work left (e.g. saved since): come back soon
        self.offline_backoff = offline_backoff or Backoff(base=5.0, cap=300.0)
        self.on_progress = on_progress

    def step(self) -> Step:
        """One probe, and a pass if HQ is reachable."""
        if device_of(self.store) is None:
            return Step(self.idle_interval, None, None)
        try:
            engine = engine_for(self.store, on_progress=self.on_progress)
        except SyncError as exc:  # token missing: the clerk must re-enrol
            return Step(self.idle_interval, None, SyncSummary(error=exc))
        try:
            if not engine.client.probe():
                return Step(self.offline_backoff.next_delay(), False, None,
                            engine.client.last_error)
            self.offline_backoff.reset()
            summary = engine.run_once()
        finally:
            engine.client.close()
        error = summary.error
        if error is None:
            delay = self.idle_interval if summary.all_synced else self.busy_interval
        elif error.kind in (Kind.AUTH, Kind.CLIENT, Kind.NOT_ENROLLED):
            delay = self.idle_interval
        else:
            delay = self.offline_backoff.next_delay(error.retry_after)
        online = error is None or error.kind is not Kind.OFFLINE
        return Step(delay, online, summary)
