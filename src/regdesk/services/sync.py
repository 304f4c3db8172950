"""Sync with HQ: enrol this desk, one sync pass, the sync status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regdesk.store import Role, Store, UserInfo, sync_state
from regdesk.store.users import require_role
from regdesk.sync import service
from regdesk.sync.engine import DEFAULT_BATCH_SIZE, Progress, SyncSummary
from regdesk.sync.errors import Kind, SyncError

__all__ = ["Kind", "Progress", "SyncError", "SyncSummary", "enrol", "status", "sync_once"]


def enrol(store: Store, url: str, code: str, *, user: UserInfo,
          device_name: str | None = None) -> sync_state.Device:
    """Trade HQ's one-time ``code`` for a device token (admins only). Raises
    :class:`SyncError` (``Kind.CLIENT``: the code is invalid or expired)."""
    require_role(user, Role.ADMIN)
    return service.enrol(store, url, code, user=user, device_name=device_name)


def status(store: Store) -> dict[str, Any]:
    """``pending``, ``needs_attention``, ``synced``, ``last_success``, ``enrolled``,
    ``auth_failed``."""
    return dict(service.status(store))


def sync_once(store: Store, *, user: UserInfo, batch_size: int = DEFAULT_BATCH_SIZE,
              on_progress: Callable[[Progress], None] | None = None) -> SyncSummary:
    """One push and pull. A failure that stops the pass is in ``summary.error``; not being
    enrolled (or a missing token) raises :class:`SyncError`."""
    require_role(user, Role.OPERATOR)
    engine = service.engine_for(store, batch_size=batch_size, on_progress=on_progress)
    try:
        return engine.run_once()
    finally:
        engine.client.close()
