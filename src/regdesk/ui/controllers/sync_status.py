"""The sync status in the status bar (online, counts, last sync, progress), with no Qt.

The root feeds it the sync engine's signals; it answers through :class:`StatusView`
(``MainWindow``). Its texts are catalogue keys (``ui.sync_status.*``) in the process
language, so they follow a language switch at the next status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from regdesk.i18n import t


class SyncState(Protocol):
    def available(self) -> bool: ...

    def online(self) -> bool: ...


@dataclass(frozen=True)
class StatusTexts:
    online: str
    online_tip: str
    counts: str
    last_sync: str
    attention: int


class StatusView(Protocol):
    def show_sync_status(self, texts: StatusTexts) -> None: ...

    def show_progress(self, done: int, total: int) -> None: ...

    def show_message(self, text: str, ms: int) -> None: ...


def _last_sync(last: Any) -> str:
    if hasattr(last, "astimezone"):
        shown = last.astimezone().strftime("%d-%m-%Y %H:%M")
    else:
        shown = str(last) if last else t("ui.sync_status.never")
    return t("ui.sync_status.last_sync", d=shown)  # {d}: the pseudo-locale pads by length


def status_texts(status: Mapping[str, Any], *, available: bool, online: bool) -> StatusTexts:
    """What the status bar says for one ``sync.service.status`` dict."""
    if not status.get("enrolled", available):
        label = t("ui.sync_status.not_connected")
    else:
        label = t("ui.sync_status.online") if online else t("ui.sync_status.offline")
    tip = "" if available else t("ui.sync_status.kept_safe")
    pending, attention = int(status.get("pending", 0)), int(status.get("needs_attention", 0))
    counts = t("ui.sync_status.counts", pending=pending, attention=attention)
    return StatusTexts(label, tip, counts, _last_sync(status.get("last_success")), attention)


class SyncStatusController:
    """``status_changed`` / ``progress`` / ``error`` of the sync engine → the status bar."""

    def __init__(self, view: StatusView, sync: SyncState) -> None:
        self.view = view
        self.sync = sync

    def attach(self, sync: Any) -> None:
        """Follow the engine's signals (duck-typed: anything with ``connect``)."""
        sync.status_changed.connect(self.show_status)
        sync.progress.connect(self.show_progress)
        sync.error.connect(self.show_error)

    def show_status(self, status: Mapping[str, Any]) -> None:
        self.view.show_sync_status(status_texts(status, available=self.sync.available(),
                                                online=self.sync.online()))

    def show_progress(self, done: int, total: int) -> None:
        self.view.show_progress(done, total)

    def show_error(self, text: str) -> None:
        self.view.show_message(text, 10_000)
