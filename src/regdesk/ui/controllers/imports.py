"""Drives the import wizard through :mod:`regdesk.services.imports` (the same functions as
``regdesk import``): the sheet list and the preview on the DB thread (small reads); the
check (dry run), the import itself, the import report and the "Needs fixing" export as
long jobs (:class:`~regdesk.ui.controllers.jobs.JobsFlow`: progress per chunk of rows,
time left, Cancel/Esc; a save meanwhile commits at once). The import writes in ONE
``Store.write()`` transaction; a cancel before it commits keeps nothing, and reports are
written to a temporary name and renamed only when whole."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from regdesk.i18n.formats import number
from regdesk.ui.controllers.jobs import JobsFlow
from regdesk.ui.errors import expected_problems, message_for, report_unexpected
from regdesk.ui.models.import_rows import OutcomeRow, OutcomesModel
from regdesk.ui.views.dialogs import confirm_personal_file
from regdesk.ui.views.import_wizard import (
    PAGE_CHECK,
    PAGE_FILE,
    PAGE_MAPPING,
    PAGE_RESULT,
    ImportWizard,
)

if TYPE_CHECKING:
    from regdesk.services.imports import ImportResult, Preview
    from regdesk.services.jobs import Job
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow

PREVIEW_ROWS = 10
SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")


class ImportFlow(QObject):
    """``finished(summary_dict)`` after a real import (counts only, no personal data);
    ``imported()`` when the wizard closes after one (the list and the counts change)."""

    finished = Signal(object)
    imported = Signal()

    def __init__(self, session: DeskSession, window: MainWindow,
                 jobs: JobsFlow | None = None) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self.jobs = jobs or JobsFlow(session, window)
        self.wizard: ImportWizard | None = None
        self.headers: list[str] = []
        self.found: list[str | None] = []  # targets as recognised (built-in + remembered)
        self.result: ImportResult | None = None
        self.outcomes = OutcomesModel(self._render, self._status_text)
        self.task: Any = None  # the check/import job under way (a JobTask), if any

    # -- helpers --------------------------------------------------------------------------
    def _render(self, problem: Any) -> str:
        from regdesk.i18n import render

        return render(problem)

    def _status_text(self, status: str) -> str:
        return {
            "ready": self.tr("Ready"), "imported": self.tr("Imported"),
            "problem": self.tr("Needs fixing"), "duplicate": self.tr("Duplicate row (skipped)"),
            "existing": self.tr("Already registered (skipped)"),
        }.get(status, status)

    def _fail(self, page_id: int) -> Any:
        def failed(exc: BaseException) -> None:
            problems = expected_problems(exc)
            if problems is None and isinstance(exc, OSError):
                text = self.tr("The file could not be read or written: %1").replace(
                    "%1", exc.strerror or type(exc).__name__)
            elif problems is None:
                report_unexpected(exc)
                return
            else:
                text = message_for(problems)
            if self.wizard is not None:
                self.wizard.show_failure(page_id, text)
        return failed

    def _cancelled(self, page_id: int) -> Any:
        def cancelled() -> None:
            if self.wizard is not None:
                self.wizard.show_failure(page_id, self.tr("Cancelled; nothing was imported."))
        return cancelled

    def _options(self, *, dry_run: bool) -> Any:
        from regdesk.services.imports import chosen_options

        assert self.wizard is not None
        return chosen_options(sheet=self.wizard.sheet(), dry_run=dry_run, headers=self.headers,
                              found=self.found, chosen=self.wizard.targets(),
                              consent_on_paper=self.wizard.consent_given())

    # -- the wizard -----------------------------------------------------------------------
    def open(self) -> ImportWizard | None:
        if self.session.locked:
            return None
        from regdesk.i18n import field_label as label
        from regdesk.tabular.headers import TARGET_FIELDS

        fields = [(f, f"{label(f, self.session.lang)} ({f})") for f in TARGET_FIELDS]
        wizard = ImportWizard(fields, self.window, outcomes=self.outcomes)
        self.wizard, self.result = wizard, None
        self.outcomes.set_rows([])
        wizard.file_chosen.connect(self.file_chosen)
        wizard.preview_requested.connect(self.preview)
        wizard.check_requested.connect(lambda: self.run(dry_run=True))
        wizard.import_requested.connect(lambda: self.run(dry_run=False))
        wizard.report_requested.connect(lambda name: self.save_report(Path(name)))
        wizard.finished.connect(lambda _r: self._closed(wizard))
        wizard.cancel_job = self.cancel_running
        wizard.open()
        return wizard

    def cancel_running(self) -> bool:
        """Ask the check/import under way to stop (the wizard's Cancel and Esc); False
        when none runs. An import already committed is not undone."""
        task = self.task
        if task is None or task.finished:
            return False
        self.jobs.cancel_task(task)
        return True

    def _closed(self, wizard: ImportWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()
        if self.result is not None and not self.result.dry_run:
            self.imported.emit()
            self.session.sync.refresh_status()

    def file_chosen(self, name: str) -> None:
        wizard = self.wizard
        if wizard is None:
            return
        path = Path(name)
        if not name or not path.is_file():
            wizard.show_sheets([], self.tr("Choose an existing file.") if name else " ")
            return
        if path.suffix.casefold() not in SUFFIXES:
            wizard.show_sheets([], self.tr("Only .xlsx and .csv files can be imported."))
            return

        def done(names: list[str]) -> None:
            if self.wizard is wizard and wizard.path() == name:
                wizard.show_sheets(names, "")

        from regdesk.services.imports import sheet_names

        self.session.runner.db(lambda: sheet_names(path), done, self._fail(PAGE_FILE))

    def preview(self) -> None:
        wizard, store = self.wizard, self.session.store
        if wizard is None:
            return
        path, sheet = Path(wizard.path()), wizard.sheet()

        from regdesk.services.imports import preview

        def work() -> Preview:
            return preview(store, path, sheet=sheet, limit=PREVIEW_ROWS)

        def done(loaded: Preview) -> None:
            if self.wizard is not wizard:
                return
            self.headers, rows, self.found = loaded.headers, loaded.rows, loaded.columns
            unmapped = [h for h, t in zip(self.headers, self.found, strict=True) if h and not t]
            note = self.tr("Not recognised: %1").replace("%1", ", ".join(unmapped)) \
                if unmapped else ""
            wizard.show_preview(self.headers, rows, self.found, note)

        self.session.runner.db(work, done, self._fail(PAGE_MAPPING))

    def run(self, *, dry_run: bool) -> None:
        """The check (``dry_run``) and the import itself: ``import_file`` as a long job."""
        wizard, store, user = self.wizard, self.session.store, self.session.user
        if wizard is None:
            return
        from regdesk.services.imports import import_file, problem_list

        path, options = Path(wizard.path()), self._options(dry_run=dry_run)

        def work(job: Job) -> ImportResult:
            return import_file(store, path, user=user, options=options, job=job)

        def done(result: ImportResult) -> None:
            self.result = result
            if self.wizard is not wizard:
                return
            self.outcomes.set_rows([OutcomeRow(o.row, o.status.value, problem_list(o))
                                    for o in result.outcomes if o.status.value != "blank"])
            if dry_run:
                wizard.show_check(self.summary_text(result), True)
            else:
                wizard.show_result(self.summary_text(result), self._has_report(result))
                self.finished.emit(result.summary())

        title = self.tr("Checking the import") if dry_run else self.tr("Importing")
        page = PAGE_CHECK if dry_run else PAGE_RESULT
        self.task = self.jobs.run(title, work, done, self._fail(page), self._cancelled(page))

    @staticmethod
    def _has_report(result: ImportResult) -> bool:
        s = result.summary()
        return bool(s["problems"] or s["duplicates"] or s["existing"] or s["with_warnings"])

    def summary_text(self, result: ImportResult) -> str:
        s = result.summary()
        if result.dry_run:
            head = self.tr("%1 rows read: %2 can be imported (%3 with warnings).")
            done = s["ready"]
        else:
            head = self.tr("%1 rows read: %2 imported (%3 with warnings).")
            done = s["imported"]
        lines = [head.replace("%1", number(s["rows"])).replace("%2", number(done))
                 .replace("%3", number(s["with_warnings"])),
                 self.tr("%1 need fixing, %2 already registered, %3 duplicate rows.")
                 .replace("%1", number(s["problems"])).replace("%2", number(s["existing"]))
                 .replace("%3", number(s["duplicates"]))]
        if s["imported_before"]:
            lines.append(self.tr("This same file was imported before; nothing is added "
                                 "twice."))
        if s["problems"] and not result.dry_run:
            lines.append(self.tr("The rows that need fixing are kept in the “Needs fixing” "
                                 "list."))
        return "\n".join(lines)

    def save_report(self, path: Path) -> None:
        result = self.result
        if result is None:
            return
        from regdesk.services.import_reports import write_import_report

        store, user, lang = self.session.store, self.session.user, self.session.lang

        def work(job: Job) -> Path:
            job.step(0, 1)  # a cancel before the write: nothing written
            return write_import_report(store, result, path, user=user, lang=lang).path

        def done(written: Path) -> None:
            self.session.notify.status(
                self.tr("Report saved: %1").replace("%1", written.name), 10_000, written)

        confirm_personal_file(self.wizard or self.window, path, lambda: self.jobs.run(
            self.tr("Saving the import report"), work, done, self._fail(PAGE_RESULT)))

    def export_needs_fixing(self, path: Path | None) -> None:
        """The "Needs fixing" list (rows refused by earlier imports) as an xlsx report."""
        store = self.session.store
        if path is None:
            return
        from regdesk.services.import_reports import ReportOutcome, export_needs_fixing

        lang, user = self.session.lang, self.session.user

        def work(job: Job) -> ReportOutcome:  # as ``regdesk needs-fixing --output``
            job.step(0, 1)  # a cancel before the write: nothing written
            return export_needs_fixing(store, path, user=user, lang=lang)

        def done(written: ReportOutcome) -> None:
            self.session.notify.status(
                self.tr("%1 row(s) need fixing; list saved: %2").replace(
                    "%1", number(written.rows)).replace("%2", written.path.name),
                10_000, written.path)
            self.session.notify.open_file(written.path)

        confirm_personal_file(self.wizard or self.window, path, lambda: self.jobs.run(
            self.tr("Saving the “Needs fixing” list"), work, done, self.session.notify.error))
