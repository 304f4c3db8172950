"""Print actions: receipt, member cards (selected or all ready), village recap.

Every document is written by :mod:`regdesk.services.printouts` (which also audits the print) into
:attr:`PrintFlow.out_dir`: a receipt on the DB thread, card runs and recaps as long jobs
(:class:`~regdesk.ui.controllers.jobs.JobsFlow`: progress, time left, Cancel/Esc; a save
meanwhile commits at once), then shown in the in-app preview
(:class:`~regdesk.ui.views.print_preview.PrintPreviewDialog`: pages and cards counted, direct
printing at true size with the printer's calibrated scale, save as PDF, or the system viewer).
Cards are drawn for the printer chosen in the stock dialog, so its offsets are in the PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from regdesk.i18n.formats import number
from regdesk.ui.controllers.jobs import JobsFlow
from regdesk.ui.views.dialogs import inform
from regdesk.ui.views.print_dialogs import CardStockDialog, RecapDialog
from regdesk.ui.views.print_preview import Printout, PrintPreviewDialog, printer_names

if TYPE_CHECKING:
    from regdesk.services.jobs import Job
    from regdesk.store.views import RegistrationView
    from regdesk.ui.models.registrations import RegistrationsModel
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow


class _Progress(QObject):
    """Lives on the UI thread; the worker only emits (queued to the UI thread)."""

    changed = Signal(int, int)


class PrintFlow(QObject):
    """The app's print actions; ``pdf_ready(path)`` after each document is written."""

    pdf_ready = Signal(object)

    def __init__(self, session: DeskSession, window: MainWindow,
                 model: RegistrationsModel, jobs: JobsFlow | None = None) -> None:
        super().__init__(window)
        self.session = session
        self.jobs = jobs or JobsFlow(session, window)
        self.window = window
        self.model = model
        from regdesk.paths import print_dir

        self.out_dir: Path = print_dir()  # private per user (0700), emptied at exit
        self.last_pdf: Path | None = None
        # shows a written printout (tests collect them instead)
        self.preview: Callable[[Printout], None] = self._show_preview
        self.preview_dialog: PrintPreviewDialog | None = None
        self.stock_dialog: CardStockDialog | None = None
        self.recap_dialog: RecapDialog | None = None
        self._progress = _Progress(self)
        self._progress.changed.connect(window.show_progress)

    # -- plumbing -------------------------------------------------------------------------
    def _ready(self) -> bool:
        return not self.session.locked


    def output_path(self, name: str) -> Path:
        """A new file in the private print folder (other flows' printouts, e.g. the due list)."""
        return self._target(name)

    def _target(self, name: str) -> Path:
        from regdesk.services.printouts import unique_output

        return unique_output(self.out_dir, name)

    def _stamp(self) -> str:
        return self.session.clock().strftime("%Y%m%d-%H%M%S")

    def _busy(self) -> None:
        self.session.notify.status(self.tr("Preparing the PDF…"))

    def _cancelled(self) -> None:
        self.window.progress.hide()
        self.window.clear_message()

    def _written(self, printout: Printout | None) -> None:
        self.window.progress.hide()
        if printout is None:
            return
        self.last_pdf = printout.path
        self.session.notify.status(self.tr("PDF ready: %1").replace("%1", printout.path.name),
                                   10_000, printout.path)
        self.pdf_ready.emit(printout.path)
        self.preview(printout)

    def _show_preview(self, printout: Printout) -> None:
        from regdesk.services.printouts import printer_scale

        store = self.session.store
        dialog = PrintPreviewDialog(printout, scale_for=lambda name: printer_scale(store, name),
                                    open_external=self.session.notify.open_file,
                                    parent=self.window)
        self.preview_dialog = dialog
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _failed(self, exc: BaseException) -> None:
        self.window.progress.hide()
        self.window.clear_message()
        self.session.notify.error(exc)

    # -- receipt --------------------------------------------------------------------------
    def print_receipt(self, view: RegistrationView | None) -> None:
        if view is None or not self._ready():
            return
        from regdesk.services.printouts import print_receipt

        store, user = self.session.store, self.session.user
        out = self._target(f"tanda-bukti-{view.local_ref}.pdf")

        def work() -> Printout:
            print_receipt(store, view.uuid, out, user=user)
            return Printout(out, self.tr("registration receipt"))

        self._busy()
        self.session.runner.db(work, self._written, self._failed)

    # -- member cards ---------------------------------------------------------------------
    def selected_uuids(self) -> list[str]:
        """Selected rows HQ has accepted (status synced); the service refuses one without a
        KPJ with one line (a member card is printed once the KPJ is issued)."""
        table = self.window.table
        rows = sorted({i.row() for i in table.selectionModel().selectedRows()})
        found = [self.model.row_at(r) for r in rows]
        return [r.uuid for r in found if r is not None and r.status == "synced"]

    def print_selected_cards(self) -> None:
        if not self._ready():
            return
        uuids = self.selected_uuids()
        if not uuids:
            inform(self.window, self.tr("Print member cards"), self.tr(
                "Select members with a KPJ first (others get the registration receipt)."))
            return
        self._ask_stock(self.tr("%1 card(s) for the selected registrations.")
                        .replace("%1", number(len(uuids))), uuids)

    def print_ready_cards(self) -> None:
        if not self._ready():
            return
        self._ask_stock(self.tr("Every member with a KPJ (not cancelled, not ended)."), None)

    def _ask_stock(self, text: str, uuids: list[str] | None) -> None:
        dialog = CardStockDialog(text, self.window, printers=printer_names())
        self.stock_dialog = dialog

        def accepted() -> None:
            self.print_cards(uuids, dialog.stock(), dialog.printer())

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def print_cards(self, uuids: Sequence[str] | None, stock: str,
                    printer: str | None = None) -> None:
        """``uuids=None``: every member with a KPJ (``printouts.cards_to_print``); drawn with
        ``printer``'s saved offsets (none: for saving as PDF)."""
        if not self._ready():
            return
        from regdesk.services.errors import NothingToPrint
        from regdesk.services.printouts import cards_to_print, print_cards

        store, user = self.session.store, self.session.user
        out = self._target(f"kartu-{stock}-{self._stamp()}.pdf")
        refs = None if uuids is None else list(uuids)

        def work(job: Job) -> Printout:
            # a long job: its own reads, page by page; only the counts at the end write
            views = cards_to_print(store, refs) if refs is not None else None
            if views is None and store.count_ready_for_cards() == 0:
                raise NothingToPrint()
            counted: list[int] = []
            print_cards(store, views, out, stock=stock, user=user, printer=printer, job=job,
                        progress=lambda done, _total: counted.append(done))
            return Printout(out, self.tr("member cards"), cards=counted[-1] if counted else 0,
                            printer=printer)

        self._busy()
        self.jobs.run(self.tr("Printing member cards"), work, self._written,
                      self._cards_failed, self._cancelled)

    def _cards_failed(self, exc: BaseException) -> None:
        from regdesk.services.errors import NothingToPrint

        if not isinstance(exc, NothingToPrint):
            self._failed(exc)
            return
        inform(self.window, self.tr("Print member cards"),
               self.tr("No member has a KPJ yet: give the registration receipt instead."))
        self._written(None)

    # -- village recap --------------------------------------------------------------------
    def ask_recap(self) -> None:
        if not self._ready():
            return
        dialog = RecapDialog(self.session.clock().astimezone().date(), self.window)
        self.recap_dialog = dialog

        def accepted() -> None:
            kind, value = dialog.period()
            self.print_recap(kind, value)

        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def print_recap(self, kind: str, value: Any) -> None:
        """``("month", "YYYY-MM")`` or ``("day", date)``."""
        if not self._ready():
            return
        from regdesk.services.printouts import Period, print_recap

        store, user = self.session.store, self.session.user
        period = Period.month(value) if kind == "month" else Period.day(value)
        label = value if isinstance(value, str) else date.isoformat(value)
        out = self._target(f"rekap-{label}-{self._stamp()}.pdf")

        def work(job: Job) -> Printout:
            print_recap(store, period, out, user=user, job=job)
            return Printout(out, self.tr("village recap"))

        self._busy()
        self.jobs.run(self.tr("Printing the village recap"), work, self._written,
                      self._failed, self._cancelled)
