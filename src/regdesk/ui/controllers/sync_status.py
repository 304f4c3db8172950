"""The sync status in the status bar, with no Qt: a tone (icon and colour) and
"Terhubung · Menunggu 3 · Perlu perhatian 1 · Sinkron terakhir 10.14".

The status bar shows sync state only: the engine's errors and every other result go to
the notifications and the Aktivitas list (:class:`StatusView.show_message`). The root
feeds it the sync engine's signals; it answers through :class:`StatusView`
(``MainWindow``). Its texts are catalogue keys (``ui.sync_status.*``) in the process
language, so they follow a language switch at the next status.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from regdesk.i18n import t
from regdesk.i18n.formats import clock_time, local, moment_text, number


class SyncState(Protocol):
    def available(self) -> bool: ...

    def online(self) -> bool: ...


@dataclass(frozen=True)
class StatusTexts:
    """``tone``: ``ok`` (connected, all sent), ``wait`` (records waiting, or offline),
    ``bad`` (records need attention, or HQ refused this device), ``none`` (not enrolled)."""

    online: str
    online_tip: str
    counts: str
    last_sync: str
    attention: int
    tone: str = "none"


class StatusView(Protocol):
    def show_sync_status(self, texts: StatusTexts) -> None: ...

    def show_progress(self, done: int, total: int) -> None: ...

    def show_message(self, text: str, ms: int) -> None:
        """A notification (kept in Aktivitas): never the status bar."""


def _moment(value: Any) -> datetime | None:
    """The stored last success (an ISO text, or a datetime) as a moment; None if unreadable."""
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _last_sync(last: Any, now: datetime) -> str:
    """``Sinkron terakhir 10.14`` today, ``Sinkron terakhir 1 Des 2026 19.08`` before."""
    moment = _moment(last)
    if moment is None:
        return t("ui.sync_status.never")
    shown = local(moment)
    when = clock_time(shown) if shown.date() == local(now).date() else moment_text(shown)
    return t("ui.sync_status.last_sync", d=when)  # {d}: the pseudo-locale pads by length


def _tone(enrolled: bool, online: bool, pending: int, attention: int, refused: bool) -> str:
    if not enrolled:
        return "none"
    if attention or refused:
        return "bad"
    return "wait" if pending or not online else "ok"


def status_texts(status: Mapping[str, Any], *, available: bool, online: bool,
                 now: datetime | None = None) -> StatusTexts:
    """What the status bar says for one ``sync.service.status`` dict (``now``: the PC's
    clock, to say a last sync of today by its time alone)."""
    enrolled = bool(status.get("enrolled", available))
    if not enrolled:
        label = t("ui.sync_status.not_connected")
    else:
        label = t("ui.sync_status.online") if online else t("ui.sync_status.offline")
    tip = "" if available else t("ui.sync_status.kept_safe")
    pending, attention = int(status.get("pending", 0)), int(status.get("needs_attention", 0))
    counts = t("ui.sync_status.pending", pending=number(pending))
    if attention:
        counts += " · " + t("ui.sync_status.attention", attention=number(attention))
    last = _last_sync(status.get("last_success"), now or datetime.now().astimezone())
    tone = _tone(enrolled, online, pending, attention, bool(status.get("auth_failed")))
    return StatusTexts(label, tip, counts, last, attention, tone)


class SyncStatusController:
    """``status_changed`` / ``progress`` / ``error`` of the sync engine → the status bar."""

    def __init__(self, view: StatusView, sync: SyncState,
                 now: Callable[[], datetime] | None = None) -> None:
        self.view = view
        self.sync = sync
        self.now = now or (lambda: datetime.now().astimezone())

    def attach(self, sync: Any) -> None:
        """Follow the engine's signals (duck-typed: anything with ``connect``)."""
        sync.status_changed.connect(self.show_status)
        sync.progress.connect(self.show_progress)
        sync.error.connect(self.show_error)

    def show_status(self, status: Mapping[str, Any]) -> None:
        self.view.show_sync_status(status_texts(status, available=self.sync.available(),
                                                online=self.sync.online(), now=self.now()))

    def show_progress(self, done: int, total: int) -> None:
        self.view.show_progress(done, total)

    def show_error(self, text: str) -> None:
        """An engine failure: a notification kept in Aktivitas; the status bar keeps saying
        the sync state."""
        self.view.show_message(text, 10_000)
