"""The registrations list and the detail pane: search and filters, the selected record
(with versions and audit for supervisors), cancelling it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal

from regdesk.domain.registration import Status
from regdesk.domain.validation import ValidationContext
from regdesk.services import registrations
from regdesk.services.registrations import Selected
from regdesk.store.search import Filters
from regdesk.store.views import RegistrationView
from regdesk.ui.controllers.connections import Connections
from regdesk.ui.models.registrations import RegistrationsModel
from regdesk.ui.session import DeskSession
from regdesk.ui.views.dialogs import CancelDialog
from regdesk.ui.views.main_window import MainWindow

SPAN_DAYS = {"today": 0, "7d": 6, "30d": 29}


def _occupation_name(ctx: ValidationContext, code: str | None, lang: str) -> str:
    occupation = ctx.occupations.get(code) if code else None
    return occupation.name(lang) if occupation else ""


def filters_for(status: str | None, span: str, today: date) -> Filters:
    """The list's filters: a status (or all) and "today" / "7d" / "30d" (or any date)."""
    start = today - timedelta(days=SPAN_DAYS[span]) if span else None
    return Filters(status=status or None, date_from=start)


class RegistrationsListController(QObject):
    """``edit_requested(view)`` / ``print_requested(view)`` for the selected record."""

    edit_requested = Signal(object)
    print_requested = Signal(object)

    def __init__(self, session: DeskSession, window: MainWindow,
                 model: RegistrationsModel) -> None:
        super().__init__(window)
        self.session, self.window, self.model = session, window, model
        model.shown_nik = lambda nik: registrations.shown_nik(nik, session.user)
        self.current: RegistrationView | None = None
        self._wired = Connections()
        c, w = self._wired.connect, window
        c(w.search_changed, self._search_changed)
        c(w.filters_changed, self.reload)
        c(w.table.selectionModel().currentRowChanged, self._row_changed)
        c(w.detail.edit_requested, self._edit)
        c(w.detail.cancel_requested, self.cancel_current)
        c(w.detail.print_requested, self._print)

    def close(self) -> None:
        self._wired.close()

    def filters(self) -> Filters:
        w = self.window
        return filters_for(w.status_filter.currentData(), w.date_filter.currentData() or "",
                           self.session.clock().date())

    def reload(self) -> None:
        self.model.set_query(self.window.search.text(), self.filters())
        self.window.detail.show_record(None)
        self.current = None

    def refresh_after_sync(self) -> None:
        """A sync pass ended: statuses may have changed under the visible page."""
        if not self.session.locked and \
                self.window.inner.currentWidget() is self.window.list_page:
            self.model.refresh()

    def _search_changed(self, _text: str) -> None:
        self.reload()

    def _edit(self) -> None:
        if self.current is not None:
            self.edit_requested.emit(self.current)

    def _print(self) -> None:
        self.print_requested.emit(self.current)

    def _row_changed(self, index: Any, _previous: Any) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        s = self.session
        self.session.runner.db(lambda: registrations.select(s.store, row.uuid, user=s.user),
                               self.show_detail)

    def show_detail(self, selected: Selected) -> None:
        """The selected record; its versions and audit only when the service gave them."""
        view = selected.view
        self.current = view
        ctx, lang = self.session.ctx, self.session.lang
        reg = view.registration
        detail = self.window.detail
        detail.show_record(view, regions=ctx.regions,
                           occupation=_occupation_name(ctx, reg.occupation_code, lang),
                           second_occupation=_occupation_name(ctx, reg.second_occupation_code,
                                                              lang),
                           nik=registrations.shown_nik(reg.nik, self.session.user))
        history = selected.history
        detail.show_history(history.versions if history else None,
                            history.audit if history else None)
        detail.print_button.setEnabled(view.status != Status.CANCELLED)

    def retranslate(self) -> None:
        self.model.retranslate()
        if self.current is not None:
            self.show_detail(Selected(self.current, None))

    def cancel_current(self) -> None:
        current, s = self.current, self.session
        if current is None:
            return
        dialog = CancelDialog(current.registration.full_name, self.window)

        def accepted() -> None:
            reason = dialog.reason.text().strip()
            s.runner.db(lambda: registrations.cancel(s.store, current.uuid, reason=reason,
                                                     user=s.user),
                        lambda _v: self.reload())

        dialog.accepted.connect(accepted)
        dialog.open()
