"""The registrations list and the detail pane: search and filters (a membership filter is
worked out by :func:`regdesk.services.member_list.filter_uuids` on the search thread, once per
choice and day), the selected record with its membership in words (and versions and audit
for supervisors), cancelling it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal

from regdesk.domain.registration import Status
from regdesk.domain.validation import ValidationContext
from regdesk.services import member_list, registrations
from regdesk.services.membership import MemberStanding
from regdesk.services.registrations import Selected
from regdesk.store.search import Filters
from regdesk.store.views import RegistrationView
from regdesk.ui.controllers.connections import Connections
from regdesk.ui.controllers.list_counts import (
    ListSituation,
    count_text,
    empty_hint,
    empty_text,
    needs_count,
)
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
        self.current_standing: MemberStanding | None = None
        # the membership filter's registrations: ((choice, day), uuids) of the last one worked out
        self._members: tuple[tuple[str, date], tuple[str, ...]] | None = None
        self._wired = Connections()
        c, w = self._wired.connect, window
        c(w.search_changed, self._search_changed)
        c(w.filters_changed, self.reload)
        c(w.table.selectionModel().currentRowChanged, self._row_changed)
        c(w.detail.edit_requested, self._edit)
        c(w.detail.cancel_requested, self.cancel_current)
        c(w.detail.print_requested, self._print)
        c(w.open_requested, self._open)
        c(w.act_edit.triggered, self._edit)
        c(model.first_page_loaded, self._select_pending)
        c(model.page_loaded, self._page_loaded)
        c(model.modelReset, self.show_list_state)
        self._focus_on_show = False  # Enter opened a row whose detail is on its way
        self._select_uuid: str | None = None  # a saved record to select once the list has it
        self._total: tuple[int, int] | None = None  # (model generation, exact count)

    def close(self) -> None:
        self._wired.close()

    def filters(self) -> Filters:
        w = self.window
        return filters_for(w.status_filter.currentData(), w.date_filter.currentData() or "",
                           self.session.clock().date())

    def membership_choice(self) -> str:
        return str(self.window.membership_filter.currentData() or "")

    def reload(self) -> None:
        self._load()
        self.window.detail.show_record(None)
        self.current = self.current_standing = None

    def _load(self) -> None:
        """The list for the search text and filters; with a membership filter, once its
        registrations are known (worked out on the search thread, then kept for the day)."""
        which, day = self.membership_choice(), self.session.clock().date()
        if not which:
            self.model.set_query(self.window.search.text(), self.filters())
            return
        if self._members is not None and self._members[0] == (which, day):
            self._show_members(self._members[1])
            return
        s = self.session

        def found(uuids: tuple[str, ...]) -> None:
            self._members = ((which, day), uuids)
            if self.membership_choice() == which:  # else a newer choice is on its way
                self._show_members(uuids)

        s.runner.search(lambda: member_list.filter_uuids(s.store, day, which), found)

    def _show_members(self, uuids: tuple[str, ...]) -> None:
        self.model.set_query(self.window.search.text(), replace(self.filters(), uuids=uuids))

    def refresh_after_sync(self) -> None:
        """A sync pass ended: statuses and memberships may have changed under the page."""
        if not self.session.locked and \
                self.window.inner.currentWidget() is self.window.list_page:
            self._members = None  # work the membership filter out again
            if self.membership_choice():
                self._load()
            else:
                self.model.refresh()

    def _search_changed(self, _text: str) -> None:
        self.reload()

    # -- the count above the list and the empty state -----------------------------------
    def situation(self) -> ListSituation:
        m = self.model
        total = self._total[1] if self._total and self._total[0] == m.generation else None
        return ListSituation(
            query=m.query, status=m.filters.status,
            filtered=bool(m.filters.status or m.filters.date_from or m.filters.date_to
                          or self.membership_choice()),
            loaded=m.rowCount(), has_more=m.has_more, total=total, loading=m.loading)

    def show_list_state(self) -> None:
        s = self.situation()
        empty = empty_text(s)
        self.window.show_list_state(count_text(s), empty, empty_hint(s) if empty else "")

    def _page_loaded(self) -> None:
        self.show_list_state()
        if self.model.rowCount() <= self.model.page_size:
            self.window.fit_columns()  # the first page: the columns its rows need
        s = self.situation()
        if needs_count(s):
            self._count(self.model.generation, self.model.filters)

    def _count(self, generation: int, filters: Filters) -> None:
        """The exact count (filters only), read on the worker pool like a backup, so it never
        queues in front of the next search page (a status count is ~0.1 s at 200k rows,
        ``bench/bench_list_counts.py``); skipped when a newer query came first, dropped when
        it answers an older one."""
        model, s = self.model, self.session

        def work() -> int | None:
            if model.generation != generation:  # int read: safe across threads
                return None
            return registrations.count(s.store, user=s.user, filters=filters)

        def done(total: int | None) -> None:
            if total is not None and model.generation == generation:
                self._total = (generation, total)
                self.show_list_state()

        s.runner.net(work, done, lambda _exc: None)

    def reload_selecting(self, uuid: str) -> None:
        """Reload, then select ``uuid`` (the record just saved: Ctrl+P prints its receipt)."""
        self._select_uuid = uuid
        self.reload()

    def _select_pending(self) -> None:
        uuid, self._select_uuid = self._select_uuid, None
        if uuid is None:
            return
        for row in range(self.model.rowCount()):
            found = self.model.row_at(row)
            if found is not None and found.uuid == uuid:
                self.window.table.selectRow(row)
                return

    def _open(self) -> None:
        """Enter on a row: its detail, with the focus on Edit once it is shown."""
        index = self.window.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        if self.current is not None and self.current.uuid == row.uuid:
            self.window.detail.focus_record()
        else:
            self._focus_on_show = True

    def _edit(self) -> None:
        if self.current is not None and not self.session.locked:
            self.edit_requested.emit(self.current)

    def _print(self) -> None:
        self.print_requested.emit(self.current)

    def _row_changed(self, index: Any, _previous: Any) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        s = self.session
        day = s.clock().date()

        def work() -> tuple[Selected, MemberStanding]:
            selected = registrations.select(s.store, row.uuid, user=s.user)
            return selected, member_list.standing_for(s.store, selected.view, day)

        self.session.runner.db(work, lambda got: self.show_detail(*got))

    def show_detail(self, selected: Selected, standing: MemberStanding | None = None) -> None:
        """The selected record (with its membership, when ``standing`` is given, else the
        one shown for it before); its versions and audit only when the service gave them."""
        view = selected.view
        if standing is None and self.current is not None and self.current.uuid == view.uuid:
            standing = self.current_standing
        self.current, self.current_standing = view, standing
        ctx, lang = self.session.ctx, self.session.lang
        reg = view.registration
        detail = self.window.detail
        detail.show_record(view, regions=ctx.regions,
                           occupation=_occupation_name(ctx, reg.occupation_code, lang),
                           second_occupation=_occupation_name(ctx, reg.second_occupation_code,
                                                              lang),
                           nik=registrations.shown_nik(reg.nik, self.session.user),
                           membership=member_list.facts_of(standing, view.member_number)
                           if standing is not None else None)
        history = selected.history
        detail.show_history(history.sentences(lang) if history else None)
        if self._focus_on_show:
            self._focus_on_show = False
            detail.focus_record()
        detail.print_button.setEnabled(view.status != Status.CANCELLED)

    def retranslate(self) -> None:
        self.model.retranslate()
        self.show_list_state()
        self.window.fit_columns()
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
