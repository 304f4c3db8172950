"""Automatic backups (daily and on exit) and *Back up now*, with
:mod:`regdesk.services.backups` (the same folder and keep rules as ``regdesk backup``).

- The daily check (a minute after sign-in, then every hour) and *Back up now* copy on the
  worker pool (``backups.copy``): SQLite's online backup reads a consistent snapshot (WAL)
  while the DB thread keeps saving and searching — a 1M-row database takes tens of seconds
  to copy, which must not freeze the clerk's saves. The audit entry (``backups.record``)
  follows on the DB thread.
- The exit backup runs on the DB thread, queued after every pending save, so nothing written
  before closing is missed; the window shows a note meanwhile and closes when it is done (or
  after :data:`EXIT_PATIENCE_MS`; the DB thread still finishes it before the process ends).

Folder: the ``backup_dir`` setting, else ``backups`` in the user data folder.
``automatic=False`` turns the automatic ones off (benchmarks); *Back up now* stays.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from regdesk.services import backups

if TYPE_CHECKING:
    from regdesk.services.backups import BackupInfo, BackupOutcome
    from regdesk.store import Store
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000
START_DELAY_MS = 60_000  # the first minute after sign-in belongs to the clerk's searches
EXIT_PATIENCE_MS = 20_000  # the window closes anyway after this (the DB thread finishes)


def default_folder() -> Path:
    """Where backups go when Settings names no folder."""
    from regdesk.paths import data_dir

    return data_dir() / "backups"


def copy_backup(store: Store, db_path: Path, *, only_if_due: bool) -> BackupOutcome:
    """One backup (``info`` is ``None`` when today's exists and ``only_if_due``)."""
    return backups.copy(store, db_path=db_path, default_dir=default_folder(),
                        if_due=only_if_due)


class BackupFlow(QObject):
    """``made(info)`` after each backup; ``exit_done`` once the exit backup is over."""

    made = Signal(object)
    exit_done = Signal()

    def __init__(self, session: DeskSession, window: MainWindow, *,
                 automatic: bool = True) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.last: BackupInfo | None = None
        self.exit_state = "idle"  # idle → running → done
        self.start_delay_ms = START_DELAY_MS
        self.automatic = automatic
        self.running = False  # a daily / manual copy is under way
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_due)

    def _copy(self, only_if_due: bool, failed: Any) -> None:
        """Worker pool: the copy; then the audit entry on the DB thread."""
        s = self.session
        store, user, path = s.store, s.user, s.db_path
        if self.running:
            return
        self.running = True

        def done(outcome: BackupOutcome) -> None:
            self.running = False
            if outcome.info is not None:
                s.runner.db(lambda: backups.record(store, outcome, user=user))
            self._made(outcome.info)

        def error(exc: BaseException) -> None:
            self.running = False
            failed(exc)

        s.runner.net(lambda: copy_backup(store, path, only_if_due=only_if_due), done, error)

    def start(self) -> None:
        """After sign-in: check after :attr:`start_delay_ms`, then every hour."""
        if self.automatic and not self.timer.isActive():
            self.timer.start()
            QTimer.singleShot(self.start_delay_ms, self, self.check_due)

    def stop(self) -> None:
        """The session ends (another clerk signs in, or the window goes)."""
        self.timer.stop()
        self.automatic = False

    def check_due(self) -> None:
        if self.automatic and self.exit_state == "idle" and self.session.runner.running():
            self._copy(True, self._quiet_failure)

    def backup_now(self) -> None:
        self.session.notify.status(self.tr("Making a backup…"))
        self._copy(False, self.session.notify.error)  # failures: the funnel (one message)

    def _made(self, info: BackupInfo | None) -> None:
        if info is None:
            return
        self.last = info
        self.session.notify.status(
            self.tr("Backup saved: %1 (%2 MB)").replace("%1", info.path.name)
            .replace("%2", f"{info.size_mb:g}"), 10_000, info.path)
        self.made.emit(info)

    def _quiet_failure(self, exc: BaseException) -> None:
        """The automatic backup failed (USB drive gone?): say so in the status bar only."""
        log.warning("automatic backup failed: %s", type(exc).__name__)
        self.session.notify.status(
            self.tr("The automatic backup failed; check the backup folder in Settings."), 15_000)

    # -- on exit --------------------------------------------------------------------------
    def begin_exit(self) -> bool:
        """Start the exit backup; ``True`` when the close must wait for :attr:`exit_done`."""
        s = self.session
        if self.exit_state != "idle" or not self.automatic or not s.runner.running():
            return False
        self.exit_state = "running"
        self.timer.stop()
        self.window.show_note(self.tr("Making a backup before closing…"))
        QTimer.singleShot(EXIT_PATIENCE_MS, self, self._exit_finished)
        store, user, path = s.store, s.user, s.db_path

        def work() -> BackupInfo | None:  # DB thread: after every queued save
            outcome = copy_backup(store, path, only_if_due=False)
            backups.record(store, outcome, user=user)
            return outcome.info

        s.runner.db(work, self._exit_made, self._exit_failed)
        return True

    def _exit_made(self, info: BackupInfo | None) -> None:
        if info is not None:
            self.last = info
            self.made.emit(info)
        self._exit_finished()

    def _exit_failed(self, exc: BaseException) -> None:
        log.warning("backup on exit failed: %s", type(exc).__name__)
        self._exit_finished()

    def _exit_finished(self) -> None:
        if self.exit_state != "running":
            return
        self.exit_state = "done"
        self.exit_done.emit()
