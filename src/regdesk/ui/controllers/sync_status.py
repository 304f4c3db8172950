"""The sync status in the status bar (online, counts, last sync, progress), with no Qt.

The root feeds it the sync engine's signals; it answers through :class:`StatusView`
(``MainWindow``). ``tr`` translates the source texts (catalogue context ``DeskApp``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


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


def _last_sync(last: Any, tr: Callable[[str], str]) -> str:
    if hasattr(last, "astimezone"):
        shown = last.astimezone().strftime("%d-%m-%Y %H:%M")
    else:
        shown = str(last) if last else tr("never")
    return tr("Last sync: %1").replace("%1", shown)


def status_texts(status: Mapping[str, Any], *, available: bool, online: bool,
                 tr: Callable[[str], str]) -> StatusTexts:
    """What the status bar says for one ``sync.service.status`` dict."""
    if not status.get("enrolled", available):
        label = tr("Not connected to HQ")
    else:
        label = tr("Online") if online else tr("Offline")
    tip = "" if available else tr("Registrations are kept safely on this computer until the "
                                  "desk is connected to HQ (Settings).")
    pending, attention = int(status.get("pending", 0)), int(status.get("needs_attention", 0))
    counts = tr("Waiting for sync: %1 · Needs attention: %2") \
        .replace("%1", f"{pending:,}").replace("%2", f"{attention:,}")
    return StatusTexts(label, tip, counts, _last_sync(status.get("last_success"), tr), attention)


class SyncStatusController:
    """``status_changed`` / ``progress`` / ``error`` of the sync engine → the status bar."""

    def __init__(self, view: StatusView, sync: SyncState, tr: Callable[[str], str]) -> None:
        self.view = view
        self.sync = sync
        self.tr = tr

    def attach(self, sync: Any) -> None:
        """Follow the engine's signals (duck-typed: anything with ``connect``)."""
        sync.status_changed.connect(self.show_status)
        sync.progress.connect(self.show_progress)
        sync.error.connect(self.show_error)

    def show_status(self, status: Mapping[str, Any]) -> None:
        self.view.show_sync_status(status_texts(status, available=self.sync.available(),
                                                online=self.sync.online(), tr=self.tr))

    def show_progress(self, done: int, total: int) -> None:
        self.view.show_progress(done, total)

    def show_error(self, text: str) -> None:
        self.view.show_message(text, 10_000)
