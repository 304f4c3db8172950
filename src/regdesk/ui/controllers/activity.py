"""The Aktivitas list, with no Qt: the last results of the session (a PDF written, a backup
made, a report saved, an error), each with its file when it has one.

The status bar shows sync state only; everything else is said once in a transient
notification and kept here, newest first, so the clerk can find the file again ("Open
folder") after the notification is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from regdesk.i18n.formats import clock_time, local

LIMIT = 30  # what the panel keeps: a working day's results, never an unbounded log


@dataclass(frozen=True, slots=True)
class Activity:
    at: datetime
    text: str
    path: Path | None = None
    error: bool = False

    def line(self) -> str:
        """``10.14  PDF siap: tanda-bukti-…pdf`` (the PC's time)."""
        return f"{clock_time(local(self.at))}  {self.text}"

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path is not None else None


class ActivityLog:
    """The last :data:`LIMIT` activities, newest first; ``changed`` listeners are called
    after each addition (the panel refreshes, the menu shows the count)."""

    def __init__(self, clock: Callable[[], datetime] | None = None, limit: int = LIMIT) -> None:
        self.clock = clock or (lambda: datetime.now().astimezone())
        self.limit = limit
        self.entries: list[Activity] = []
        self.listeners: list[Callable[[], None]] = []

    def add(self, text: str, path: Path | None = None, *, error: bool = False) -> Activity:
        entry = Activity(self.clock(), text, path, error)
        self.entries = [entry, *self.entries][: self.limit]
        for listener in list(self.listeners):
            listener()
        return entry

    def clear(self) -> None:
        self.entries = []
        for listener in list(self.listeners):
            listener()
