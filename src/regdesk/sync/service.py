"""Entry points for the CLI and the GUI: enrol this desk, build an engine, read the status."""

from __future__ import annotations

import platform
from collections.abc import Callable
from datetime import datetime

from regdesk.store import Store, UserInfo
from regdesk.store.settings import ALLOW_PLAIN_HTTP
from regdesk.store.sync_state import Device
from regdesk.sync.client import HqClient
from regdesk.sync.credentials import forget_token, load_token, save_token
from regdesk.sync.engine import DEFAULT_BATCH_SIZE, Progress, SyncEngine
from regdesk.sync.errors import Kind, SyncError


def enrol(store: Store, url: str, code: str, *, user: UserInfo,
          device_name: str | None = None, allow_plain_http: bool = False) -> Device:
    """Trade a one-time code for a device token; HQ decides this desk's village. A malformed
    ``url`` is refused (``Cause.MALFORMED_URL``) before anything is sent, and so is plain
    ``http://`` to another machine (``Cause.PLAIN_HTTP``) unless ``allow_plain_http``, which
    is then kept as an audited setting for every later sync."""
    allowed = allow_plain_http or plain_http_allowed(store)
    client = HqClient(url, allow_plain_http=allowed)
    url = client.base_url
    try:
        answer = client.enrol(code.strip(), device_name or platform.node() or "regdesk")
    finally:
        client.close()
    device = Device(
        device_id=answer.device_id, hq_url=url, village_code=answer.village_code,
        signing_public_key=answer.signing_public_key,
        enrolled_at=datetime.now().astimezone().isoformat(timespec="seconds"),
        encryption_public_key=answer.encryption_public_key or "",
    )
    old = store.sync_device()
    save_token(device.device_id, answer.token)
    if old is not None and old.device_id != device.device_id:
        forget_token(old.device_id)
    if store.office_village() != device.village_code:
        store.set_office_village(device.village_code, user=user)
    store.enrol_device(device, cursor=answer.master_cursor, actor=user.username)
    if allow_plain_http and not plain_http_allowed(store):
        store.set_setting(ALLOW_PLAIN_HTTP, True, user=user)
    return device


def plain_http_allowed(store: Store) -> bool:
    """Whether an admin allowed plain ``http://`` to HQ (audited when set)."""
    return bool(store.get_setting(ALLOW_PLAIN_HTTP, False))


def device_of(store: Store) -> Device | None:
    return store.sync_device()


def engine_for(store: Store, *, batch_size: int = DEFAULT_BATCH_SIZE,
               on_progress: Callable[[Progress], None] | None = None) -> SyncEngine:
    device = device_of(store)
    if device is None:
        raise SyncError(Kind.NOT_ENROLLED, "no device enrolment")
    token = load_token(device.device_id)
    if token is None:
        raise SyncError(Kind.AUTH, "device token missing")
    client = HqClient(device.hq_url, token, allow_plain_http=plain_http_allowed(store))
    return SyncEngine(store, client, batch_size=batch_size, on_progress=on_progress)


def status(store: Store) -> dict[str, object]:
    """``{"pending", "needs_attention", "synced", "last_success", "enrolled", "auth_failed"}``."""
    data = store.sync_status()
    data["enrolled"] = store.sync_device() is not None
    data["auth_failed"] = store.sync_auth_failed()
    return data
