"""Sync with HQ: enrol this desk, one sync pass, the sync status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regdesk.i18n import t
from regdesk.store import Role, Store, UserInfo, sync_state
from regdesk.store.users import require_role
from regdesk.sync import service
from regdesk.sync.engine import DEFAULT_BATCH_SIZE, Progress, SyncSummary
from regdesk.sync.errors import Cause, Kind, SyncError, cause_of

__all__ = ["Cause", "Kind", "Progress", "SyncError", "SyncSummary", "cause_text", "enrol",
           "enrol_error_text", "status", "sync_error_text", "sync_once"]

CAUSE_KEYS = {cause: f"sync.cause.{cause.value}" for cause in Cause}
#: an enrolment that failed without a known cause, by kind (never "data safe, sent later":
#: an enrolment is not queued)
ENROL_KEYS = {
    Kind.OFFLINE: "sync.enrol.offline",
    Kind.SERVER: "sync.enrol.server",
    Kind.BUSY: "sync.enrol.busy",
    Kind.PROTOCOL: "sync.enrol.protocol",
}
#: causes a sync sentence leaves to its kind's sentence (which already says as much)
KIND_SAYS_IT = frozenset({Cause.REVOKED, Cause.SERVER_ERROR})


def enrol(store: Store, url: str, code: str, *, user: UserInfo,
          device_name: str | None = None, allow_plain_http: bool = False
          ) -> sync_state.Device:
    """Trade HQ's one-time ``code`` for a device token (admins only). Raises
    :class:`SyncError`; its ``cause`` names why (:func:`enrol_error_text` words it): a
    malformed ``url``, or plain ``http://`` to another machine without
    ``allow_plain_http`` (then an audited setting), is refused before anything is sent."""
    require_role(user, Role.ADMIN)
    return service.enrol(store, url, code, user=user, device_name=device_name,
                         allow_plain_http=allow_plain_http)


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


def _cause(exc: BaseException) -> Cause | None:
    cause = getattr(exc, "cause", None)
    if isinstance(cause, Cause):
        return cause
    return cause_of(exc)


def cause_text(cause: Cause) -> str:
    """One sentence naming the real reason (refused, name not found, TLS, not HQ, code …)."""
    return t(CAUSE_KEYS[cause])


def enrol_error_text(exc: BaseException) -> str:
    """One sentence for a failed enrolment: its cause, else what its kind means for an
    enrolment (a refusal without a code: ask HQ for a new code)."""
    cause = _cause(exc)
    if cause is not None:
        return cause_text(cause)
    kind = getattr(exc, "kind", None)
    return t(ENROL_KEYS.get(kind, "sync.enrol.refused") if isinstance(kind, Kind)
             else "sync.enrol.refused")


def sync_error_text(exc: SyncError, kind_text: Callable[[str], str]) -> str:
    """One sentence for a failed sync pass: the cause when one is known (for a failure that
    is retried, saying the records stay safe), else the caller's sentence for the kind."""
    cause = exc.cause
    if cause is None or cause in KIND_SAYS_IT:
        return kind_text(exc.kind.value)
    if exc.transient:
        return t("sync.error.queued", cause=cause_text(cause))
    return cause_text(cause)
