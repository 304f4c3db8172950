"""The signed-in desk session: the components every controller gets instead of the app.

Made by the composition root when someone signs in (a new one when another clerk signs in);
a controller that holds a :class:`DeskSession` never needs an "is anyone signed in?" guard.
No Qt here: controllers that need nothing else are tested without a QApplication.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from regdesk.store import Store, UserInfo

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    """:class:`regdesk.ui.tasks.TaskRunner`: store calls on the one DB thread, network on a
    pool; callbacks on the UI thread."""

    def db(self, fn: Callable[[], Any], on_done: Done | None = None,
           on_error: Failed | None = None) -> Any: ...

    def search(self, fn: Callable[[], Any], on_done: Done | None = None,
               on_error: Failed | None = None) -> Any:
        """A read-only ``fn`` on the search thread (never queued behind writes)."""

    def net(self, fn: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None) -> Any: ...

    def job(self, fn: Callable[[Any], Any], on_done: Done | None = None,
            on_error: Failed | None = None,
            on_progress: Callable[[int, int, float | None], None] | None = None) -> Any:
        """A long job ``fn(job)`` on the job pool, beside the DB thread; ``.cancel()``."""

    def running(self) -> bool: ...


class Notify(Protocol):
    """How controllers talk to the clerk outside their own view."""

    def status(self, text: str, ms: int = 0, path: Path | None = None) -> None:
        """A transient notification; a result (``ms`` > 0 or a file) is kept in Aktivitas."""

    def inform(self, title: str, text: str) -> None: ...

    def error(self, exc: BaseException) -> None:
        """The funnel: expected errors → one clear message; anything else → crash dialog."""

    def open_file(self, path: Path) -> None: ...


class Sync(Protocol):
    def refresh_status(self) -> None: ...


@dataclass(eq=False)
class DeskSession:
    """One signed-in clerk at this desk. ``lang`` and ``village`` may change during the
    session (Settings, enrolment); ``locked`` while the lock screen hides the work."""

    store: Store
    runner: Runner
    user: UserInfo
    notify: Notify
    sync: Sync
    db_path: Path
    ctx: Any  # regdesk.domain.validation.ValidationContext
    village: str
    lang: str = "id"
    locked: bool = False

    def clock(self) -> datetime:
        return self.store.clock()
