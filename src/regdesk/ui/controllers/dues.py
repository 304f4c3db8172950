"""The due list in the app: read on the search thread (``services.dues.due_list``, masked
NIKs, the desk's day), a reminder copied to the clipboard, the xlsx and the printable PDF
written as long jobs after a yes/no (personal data), the PDF shown in the print preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from regdesk.domain.lifecycle import State
from regdesk.i18n.formats import long_day, number, rupiah
from regdesk.services import dues
from regdesk.ui.views.dialogs import confirm_personal_file
from regdesk.ui.views.due_dialog import DueListDialog
from regdesk.ui.views.print_preview import Printout

if TYPE_CHECKING:
    from regdesk.ui.controllers.jobs import JobsFlow
    from regdesk.ui.controllers.printing import PrintFlow
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow

# choice → (within days, states): None days = to the end of the desk's month
CHOICES: dict[str, tuple[int | None, frozenset[State] | None]] = {
    "month": (None, None),
    "30d": (30, None),
    "lapsed": (None, frozenset({State.GRACE, State.INACTIVE})),
}


def row_cells(row: dues.DueRow, lang: str) -> tuple[str, ...]:
    """One due row as the dialog shows it: in words, never a raw code or ISO date."""
    return (row.name, dues.local_phone(row.phone), row.kpj or "—", row.state_text,
            long_day(row.pay_by, lang) if row.pay_by else "—",
            rupiah(row.amount_due) if row.amount_due is not None else "—")


class DueFlow(QObject):
    def __init__(self, session: DeskSession, window: MainWindow, printing: PrintFlow,
                 jobs: JobsFlow) -> None:
        super().__init__(window)
        self.session, self.window, self.printing, self.jobs = session, window, printing, jobs
        self.dialog: DueListDialog | None = None
        self.found: dues.DueList | None = None

    def open(self) -> None:
        if self.session.locked:
            return
        dialog = DueListDialog(self.window)
        self.dialog = dialog
        dialog.choice_changed.connect(self.load)
        dialog.copy_requested.connect(self.copy)
        dialog.save_requested.connect(self._ask_save)
        dialog.print_requested.connect(self.print_pdf)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        self.load("month")

    def load(self, choice: str) -> None:
        s = self.session
        within, states = CHOICES[choice]
        store, user = s.store, s.user

        def work() -> dues.DueList:
            return dues.due_list(store, user=user, within_days=within, states=states)

        s.runner.search(work, self._show)

    def _show(self, found: dues.DueList) -> None:
        self.found = found
        if self.dialog is None:
            return
        lang = self.session.lang
        summary = self.tr("%1 member(s) to remind · %2 due in all").replace(
            "%1", number(len(found.rows))).replace("%2", rupiah(found.total_due))
        self.dialog.show_rows([row_cells(r, lang) for r in found.rows], summary,
                              self.tr("Nobody is due by %1. Well done!")
                              .replace("%1", long_day(found.until, lang)))

    def reminder(self, index: int) -> str | None:
        if self.found is None or not 0 <= index < len(self.found.rows):
            return None
        return dues.reminder_text(self.found.rows[index], self.session.lang,
                                  village=self.found.village_name)

    def copy(self, index: int) -> None:
        text = self.reminder(index)
        if text is None:
            return
        QGuiApplication.clipboard().setText(text)
        name = self.found.rows[index].name if self.found else ""
        self.session.notify.status(self.tr("Reminder for %1 copied: paste it into SMS or "
                                           "WhatsApp.").replace("%1", name), 6_000)

    def _ask_save(self) -> None:
        target, _ = QFileDialog.getSaveFileName(self.dialog or self.window,
                                                self.tr("Save the due list"),
                                                "jatuh-tempo.xlsx", "Excel (*.xlsx)")
        if target:
            self.save_xlsx(Path(target))

    def save_xlsx(self, path: Path) -> None:
        found, s = self.found, self.session
        if found is None:
            return
        store, user, lang = s.store, s.user, s.lang

        def work(_job: Any) -> Path:
            dues.export_due_list(store, found, path, user=user, lang=lang)
            return path

        def done(written: Path) -> None:
            s.notify.status(self.tr("Due list saved: %1").replace("%1", written.name),
                            10_000, written)

        confirm_personal_file(self.dialog or self.window, path, lambda: self.jobs.run(
            self.tr("Saving the due list"), work, done, s.notify.error))

    def print_pdf(self) -> None:
        found, s = self.found, self.session
        if found is None:
            return
        store, user = s.store, s.user
        out = self.printing.output_path(f"jatuh-tempo-{found.day.isoformat()}.pdf")

        def work(_job: Any) -> Printout:
            dues.print_due_list(store, found, out, user=user)
            return Printout(out, self.tr("due list"))

        self.jobs.run(self.tr("Printing the due list"), work, self.printing.preview,
                      s.notify.error)
