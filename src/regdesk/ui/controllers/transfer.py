"""Offline transfer by USB: write the unsent outbox as a bundle, apply HQ's receipt.
Same service as ``regdesk transfer`` (:mod:`regdesk.services.transfer`). The export is a
long job (:class:`~regdesk.ui.controllers.jobs.JobsFlow`, beside the DB thread: a save
meanwhile commits at once; Cancel is honoured until the records are claimed); applying a
receipt (a few short transactions) stays on the DB thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from regdesk.i18n.formats import number
from regdesk.ui.controllers.jobs import JobsFlow
from regdesk.ui.views.dialogs import inform

if TYPE_CHECKING:
    from regdesk.services.jobs import Job
    from regdesk.services.transfer import ExportResult, ReceiptResult
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow

AskPath = Callable[[str, str], "Path | None"]  # (title, suggested name / filter) → path


class TransferFlow(QObject):
    """``finished(text)`` after each action (the same text is shown to the clerk);
    ``applied()`` after a receipt changed statuses (the list shows them)."""

    finished = Signal(str)
    applied = Signal()

    def __init__(self, session: DeskSession, window: MainWindow,
                 jobs: JobsFlow | None = None) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.jobs = jobs or JobsFlow(session, window)
        self.ask_save_path: AskPath = self._ask_save
        self.ask_open_path: AskPath = self._ask_open

    def _ask_save(self, title: str, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.window, title, suggested,
                                              self.tr("RegDesk transfer (*.regdesk)"))
        return Path(name) if name else None

    def _ask_open(self, title: str, _suggested: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, title, "",
                                              self.tr("HQ receipt (*.regdesk-receipt *.*)"))
        return Path(name) if name else None

    def messages(self) -> dict[str, str]:
        return {
            "not_enrolled": self.tr("This desk is not connected to HQ yet (Settings → "
                                    "Enrol with HQ)."),
            "no_hq_key": self.tr("This desk does not know HQ's encryption key; connect it to "
                                 "HQ again in Settings."),
            "no_token": self.tr("The device token is missing; connect the desk to HQ again in "
                                "Settings."),
            "other_device": self.tr("This receipt is for another desk; nothing was applied."),
            "receipt_refused": self.tr("The receipt was refused: it is damaged or was "
                                       "changed; nothing was applied."),
        }

    def _show(self, text: str) -> None:
        self.session.notify.status(text, 15_000)
        inform(self.window, self.tr("Transfer by USB"), text)
        self.finished.emit(text)

    def _failed(self, exc: BaseException) -> None:
        from regdesk.services.transfer import TransferError

        if isinstance(exc, TransferError):
            self._show(self.messages().get(exc.code, exc.code))
        elif isinstance(exc, OSError):
            self._show(self.tr("The file could not be written or read: %1")
                       .replace("%1", exc.strerror or type(exc).__name__))
        else:
            self.session.notify.error(exc)  # the funnel: store problems, else a crash

    def export_bundle(self) -> None:
        store = self.session.store
        if self.session.locked:
            return
        suggested = f"regdesk-kirim-{store.clock().strftime('%Y%m%d-%H%M')}.regdesk"
        path = self.ask_save_path(self.tr("Export data to carry (USB)"), suggested)
        if path is None:
            return
        from regdesk.services.transfer import export_bundle

        def done(result: ExportResult) -> None:
            if result.path is None:
                self._show(self.tr("Nothing is waiting to be sent; no file was written."))
            else:
                self._show(self.tr("%1 registration(s) written to %2. Take this file to an "
                                   "office connected to HQ.")
                           .replace("%1", number(result.records)).replace("%2", str(result.path)))
            self.session.sync.refresh_status()

        user = self.session.user

        def work(job: Job) -> ExportResult:
            return export_bundle(store, path, user=user, job=job)

        self.jobs.run(self.tr("Writing the transfer file"), work, done, self._failed)

    def import_receipt(self) -> None:
        store = self.session.store
        if self.session.locked:
            return
        path = self.ask_open_path(self.tr("Import HQ receipt"), "")
        if path is None:
            return
        from regdesk.services.transfer import import_receipt

        def done(result: ReceiptResult) -> None:
            applied = sum(result.outcomes.values())
            accepted = result.outcomes.get("accepted", 0)
            self._show(self.tr("Applied %1 answer(s): %2 accepted, %3 need attention; %4 "
                               "still waiting.")
                       .replace("%1", number(applied)).replace("%2", number(accepted))
                       .replace("%3", str(applied - accepted))
                       .replace("%4", str(result.pending)))
            self.session.sync.refresh_status()
            self.applied.emit()

        user = self.session.user
        self.session.runner.db(lambda: import_receipt(store, path, user=user), done,
                               self._failed)
