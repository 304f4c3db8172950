"""Long jobs in the GUI: :meth:`JobsFlow.run` starts ``work(job)`` on the runner's job pool
(never the DB thread, so a save made meanwhile commits at once), shows the job panel with
progress and time left, and wires Cancel and Esc to the job's cancel flag.

A cancelled job ends quietly (a note "Cancelled; nothing was kept"): services leave no file
and no audit entry behind (:mod:`regdesk.services.jobs`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from regdesk.services.jobs import Cancelled
from regdesk.ui.views.job_panel import JobPanel

if TYPE_CHECKING:
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow


class JobsFlow(QObject):
    """One panel for the running jobs (the newest is shown; Cancel stops that one)."""

    def __init__(self, session: DeskSession, window: MainWindow) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.panel = JobPanel(window)
        window.statusBar().addPermanentWidget(self.panel)
        self.running: list[Any] = []  # JobTask handles, oldest first
        # Esc that no widget used (the form's own Esc discards the form) cancels the job
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and self.running
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            self.cancel()
            return True
        return False

    def run(self, title: str, work: Callable[[Any], Any], done: Callable[[Any], None],
            failed: Callable[[BaseException], None],
            cancelled: Callable[[], None] | None = None) -> Any:
        """Start ``work(job)``; ``done(result)``, ``failed(exc)`` or ``cancelled()`` after."""
        def finished(result: Any) -> None:
            self._ended(task)
            done(result)

        def error(exc: BaseException) -> None:
            self._ended(task)
            if isinstance(exc, Cancelled):
                self.session.notify.status(self.tr("%1 cancelled; nothing was kept.")
                                           .replace("%1", title), 8_000)
                if cancelled is not None:
                    cancelled()
                return
            failed(exc)

        task = self.session.runner.job(work, finished, error, self.panel.update_progress)
        self.running.append(task)
        self.panel.start(title, self.cancel)
        return task

    def cancel(self) -> None:
        """Ask the newest running job to stop."""
        if self.running:
            self.cancel_task(self.running[-1])

    def cancel_task(self, task: Any) -> None:
        """Ask ``task`` (a handle :meth:`run` returned) to stop at its next step."""
        task.cancel()
        if self.running and self.running[-1] is task:
            self.panel.cancel_button.setEnabled(False)
            self.panel.detail.setText(self.tr("Cancelling…"))

    def _ended(self, task: Any) -> None:
        if task in self.running:
            self.running.remove(task)
        if not self.running:
            self.panel.finish()
