"""The prospect worklists in the app: read on the search thread (``services.prospects``), a
visit recorded on the database thread, "Register…" opens a new form pre-filled from the list
(``services.prospects.prefill``). The registration's save marks the person registered."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog

from regdesk.domain.phone_text import national_mobile
from regdesk.domain.prospects import Coverage, ProspectStatus
from regdesk.i18n import render
from regdesk.i18n.formats import number
from regdesk.i18n.labels import prospect_status_label
from regdesk.services import prospects
from regdesk.services.prospects import ProspectImport, ProspectView
from regdesk.ui.errors import expected_problems, message_for, report_unexpected
from regdesk.ui.views.prospects_dialog import ProspectsDialog

if TYPE_CHECKING:
    from regdesk.ui.controllers.form_flow import FormFlow
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow


@dataclass(frozen=True, slots=True)
class Loaded:
    people: list[ProspectView]
    coverage: list[Coverage]


def row_cells(view: ProspectView) -> tuple[str, ...]:
    """One person as the dialog shows them: in words (the row is the list file's own)."""
    return (view.list_name, str(view.source_row), view.full_name,
            national_mobile(view.phone) if view.phone else "—",
            prospect_status_label(view.status.value), view.reason or "")


class ProspectsFlow(QObject):
    def __init__(self, session: DeskSession, window: MainWindow, forms: FormFlow) -> None:
        super().__init__(window)
        self.session, self.window, self.forms = session, window, forms
        self.dialog: ProspectsDialog | None = None
        self.found: Loaded | None = None

    def open(self) -> None:
        if self.session.locked:
            return
        dialog = ProspectsDialog(self.window)
        self.dialog = dialog
        dialog.filter_changed.connect(self.load)
        dialog.mark_requested.connect(self.mark)
        dialog.register_requested.connect(self.register)
        dialog.load_requested.connect(self._ask_load)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        self.load()

    def load(self, select: int = 0) -> None:
        s, dialog = self.session, self.dialog
        list_name, status = dialog.chosen() if dialog is not None else ("", "")
        store, user = s.store, s.user

        def work() -> Loaded:
            return Loaded(prospects.list_prospects(
                store, user=user, list_name=list_name or None,
                status=ProspectStatus(status) if status else None),
                prospects.summary(store, user=user))

        s.runner.search(work, lambda found: self._show(found, select))

    def _coverage_text(self, coverage: list[Coverage]) -> str:
        return " · ".join(
            self.tr("%1: %2 of %3 registered (%4%)").replace("%1", c.list_name)
            .replace("%2", number(c.registered)).replace("%3", number(c.total))
            .replace("%4", str(round(c.reached_share * 100))) for c in coverage)

    def _show(self, found: Loaded, select: int) -> None:
        self.found = found
        if self.dialog is None:
            return
        self.dialog.set_choices(
            [(self.tr("All lists"), "")] + [(c.list_name, c.list_name) for c in found.coverage],
            [(self.tr("Every status"), "")]
            + [(prospect_status_label(st.value), st.value) for st in ProspectStatus])
        empty = (self.tr("Nobody matches.") if found.coverage else
                 self.tr("No worklist yet: load one with “Load a list”."))
        self.dialog.show_rows([row_cells(v) for v in found.people],
                              self._coverage_text(found.coverage), empty, select)

    def _person(self, row: int) -> ProspectView | None:
        if self.found is None or not 0 <= row < len(self.found.people):
            return None
        return self.found.people[row]

    def mark(self, row: int, status: str) -> None:
        person, s, dialog = self._person(row), self.session, self.dialog
        if person is None or dialog is None:
            return
        reason = dialog.reason.text() if status == ProspectStatus.REFUSED.value else None
        store, user = s.store, s.user

        def work() -> ProspectView:
            return prospects.mark(store, person.id, ProspectStatus(status), user=user,
                                  reason=reason)

        def done(view: ProspectView) -> None:
            if self.dialog is not None:
                self.dialog.reason.clear()
                self.dialog.show_message(self.tr("%1: %2.").replace("%1", view.full_name)
                                         .replace("%2", prospect_status_label(view.status)))
            self.load(row)

        s.runner.db(work, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        problems = expected_problems(exc)
        if problems is None:
            report_unexpected(exc)
            return
        if self.dialog is not None:
            self.dialog.show_message(message_for(problems))

    def register(self, row: int) -> None:
        person, s = self._person(row), self.session
        if person is None:
            return
        store = s.store

        def done(fields: dict[str, str]) -> None:
            if self.dialog is not None:
                self.dialog.accept()
            self.forms.new_from(fields)

        s.runner.search(lambda: prospects.prefill(store, person), done, self._failed)

    def _ask_load(self) -> None:
        parent = self.dialog or self.window
        target, _ = QFileDialog.getOpenFileName(parent, self.tr("Load a list"), "",
                                                self.tr("Lists (*.xlsx *.csv)"))
        if not target:
            return
        name, ok = QInputDialog.getText(parent, self.tr("Load a list"),
                                        self.tr("Name of the list:"), text=Path(target).stem)
        if ok and name.strip():
            self.load_list(Path(target), name)

    def load_list(self, path: Path, list_name: str) -> None:
        """Import ``path`` as ``list_name`` on the database thread (all or nothing)."""
        s = self.session
        store, user = s.store, s.user

        def work() -> ProspectImport:
            return prospects.import_prospects(store, path, user=user, list_name=list_name)

        s.runner.db(work, self._loaded, self._failed)

    def _loaded(self, report: ProspectImport) -> None:
        if self.dialog is None:
            return
        if report.problems:
            lines = [self.tr("%1 row(s) with problems in %2: nothing was loaded. Fix them and "
                             "load the list again.").replace("%1", number(report.bad_rows))
                     .replace("%2", report.file_name)]
            lines += [self.tr("Row %1: %2").replace("%1", str(row)).replace("%2", render(p))
                      for row, p in report.problems[:5]]
            self.dialog.show_message("\n".join(lines))
            return
        self.dialog.show_message(
            self.tr("List “%1”: %2 added, %3 already on it, %4 already registered.")
            .replace("%1", report.list_name).replace("%2", number(report.added))
            .replace("%3", number(report.on_list)).replace("%4", number(report.registered)))
        self.load()
