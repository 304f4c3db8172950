"""Entry points for the CLI and the GUI: enrol this desk, build an engine, read the status."""

from __future__ import annotations

import platform
from collections.abc import Callable
from datetime import datetime

from regdesk.store import Store, UserInfo, sync_state
from regdesk.store.settings import get_setting
from regdesk.sync.client import HqClient
from regdesk.sync.credentials import forget_token, load_token, save_token
from regdesk.sync.engine import DEFAULT_BATCH_SIZE, Progress, SyncEngine
from regdesk.sync.errors import Kind, SyncError


def enrol(store: Store, url: str, code: str, *, user: UserInfo,
          device_name: str | None = None) -> sync_state.Device:
    """Trade a one-time code for a device token; HQ decides this desk's village."""
    client = HqClient(url)
    try:
        answer = client.enrol(code.strip(), device_name or platform.node() or "regdesk")
    finally:
        client.close()
    device = sync_state.Device(
        device_id=answer.device_id, hq_url=url.rstrip("/"), village_code=answer.village_code,
        signing_public_key=answer.signing_public_key,
        enrolled_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        encryption_public_key=answer.encryption_public_key or "",
    )
    with store.read() as session:
        old = sync_state.get_device(session)
    save_token(device.device_id, answer.token)
    if old is not None and old.device_id != device.device_id:
        forget_token(old.device_id)
    if store.office_village() != device.village_code:
        store.set_office_village(device.village_code, user=user)
    with store.write() as session:
        sync_state.set_device(session, device, cursor=answer.master_cursor, actor=user.username,
                              now=store.clock())
    return device


def device_of(store: Store) -> sync_state.Device | None:
    with store.read() as session:
        return sync_state.get_device(session)


def engine_for(store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE,
               on_progress: Callable[[Progress], None] | None = None) -> SyncEngine:
    device = device_of(store)
    if device is None:
        raise SyncError(Kind.NOT_ENROLLED, "no device enrolment")
    token = load_token(device.device_id)
    if token is None:
        raise SyncError(Kind.AUTH, "device token missing")
    client = HqClient(device.hq_url, token)
    return SyncEngine(store, client, batch_size=batch_size, on_progress=on_progress)


def status(store: Store) -> dict[str, object]:
    """``{"pending", "needs_attention", "synced", "last_success", "enrolled", "auth_failed"}``."""
    data = store.sync_status()
    with store.read() as session:
        data["enrolled"] = sync_state.get_device(session) is not None
        data["auth_failed"] = bool(get_setting(session, sync_state.AUTH_FAILED, False))
    return data
