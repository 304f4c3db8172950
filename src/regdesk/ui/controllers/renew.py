"""Renewing the selected member in the app (Ctrl+Shift+R): the choices and the fee are read
on the search thread (:mod:`regdesk.services.renewal_form`), the renewal is recorded on the
database thread; a programme's quota or ceiling warning is asked as a yes/no first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from regdesk.domain.fees import add_months
from regdesk.domain.registration import Funding
from regdesk.i18n import render
from regdesk.i18n.formats import month_year, rupiah
from regdesk.i18n.labels import funding_label, funding_labels
from regdesk.services import programme_pick, renewal_form
from regdesk.services.errors import StoreError, WarningsNotConfirmed
from regdesk.services.programme_pick import ProgrammeChoice
from regdesk.services.renewals import Renewed
from regdesk.ui.views.dialogs import ask, inform
from regdesk.ui.views.renew_dialog import RenewDialog

if TYPE_CHECKING:
    from regdesk.ui.controllers.registrations_list import RegistrationsListController
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow


def period_text(done: Renewed, lang: str) -> str:
    """``Desember 2026 – Februari 2027 · Rp 42.000 · Dana Desa``: in words, never a code."""
    r = done.renewal
    last = add_months(r.start_month, r.months - 1)
    span = month_year(r.start_month, lang) if r.months == 1 else \
        f"{month_year(r.start_month, lang)} – {month_year(last, lang)}"
    return f"{span} · {rupiah(done.quote.total)} · {funding_label(r.funding.value, lang)}"


class RenewFlow(QObject):
    def __init__(self, session: DeskSession, window: MainWindow,
                 lists: RegistrationsListController) -> None:
        super().__init__(window)
        self.session, self.window, self.lists = session, window, lists
        self.dialog: RenewDialog | None = None
        self.key: str | None = None
        self.choices: list[ProgrammeChoice] = []

    def open(self) -> None:
        view = self.lists.current
        if self.session.locked:
            return
        if view is None or view.member_number is None:
            inform(self.window, self.tr("Renew membership"), self.tr(
                "Select a member the district office has accepted first."))
            return
        self.key = view.uuid
        dialog = RenewDialog(view.registration.full_name, self.window)
        self.dialog = dialog
        dialog.programme.addItem(self.tr("(no programme)"), None)
        dialog.funding.addItem(self.tr("(as the last period)"), None)
        for code, label in funding_labels(self.session.lang):
            dialog.funding.addItem(label, code)
        dialog.changed.connect(self.plan)
        dialog.record_requested.connect(lambda: self.record(()))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        store, key, lang = self.session.store, self.key, self.session.lang

        def done(choices: list[ProgrammeChoice]) -> None:
            self.choices = choices
            if self.dialog is None:
                return
            for c in choices:
                self.dialog.programme.addItem(programme_pick.choice_label(c, lang), c.id)
            self.plan()

        self.session.runner.search(lambda: renewal_form.choices_for(store, key), done,
                                   self._failed)

    def choice(self) -> renewal_form.RenewalChoice | None:
        d, key = self.dialog, self.key
        if d is None or key is None:
            return None
        pid = d.programme.currentData()
        funding = d.funding.currentData()
        return renewal_form.RenewalChoice(
            key, int(d.months.currentData()), pid if pid is not None else None,
            Funding(funding) if funding and pid is None else None,
            d.sponsor.text().strip() or None, d.budget.text().strip() or None)

    def plan(self) -> None:
        choice, store = self.choice(), self.session.store
        if choice is None:
            return
        picked = next((c for c in self.choices if c.id == choice.programme_id), None)
        if self.dialog is not None:
            p = picked.offer.programme if picked else None
            self.dialog.set_decided(p is not None, p.funding_source if p else "",
                                    p.sponsor if p else "", p.budget_reference if p else "")
        self.session.runner.search(lambda: renewal_form.plan(store, choice), self._planned,
                                   self._failed)

    def _planned(self, done: Renewed) -> None:
        if self.dialog is not None:
            self.dialog.preview.setText(period_text(done, self.session.lang))
            self.dialog.message.clear()

    def record(self, confirmed: tuple[str, ...]) -> None:
        choice, s = self.choice(), self.session
        if choice is None:
            return
        store, user = s.store, s.user

        def work() -> Renewed:
            return renewal_form.record(store, choice, user=user, confirmed=confirmed)

        s.runner.db(work, self._recorded, lambda exc: self._refused(exc, confirmed))

    def _recorded(self, done: Renewed) -> None:
        self.session.notify.status(self.tr("Renewal recorded: %1").replace(
            "%1", period_text(done, self.session.lang)), 10_000)
        if self.dialog is not None:
            self.dialog.accept()
        self.lists.reload_selecting(done.view.uuid)

    def _refused(self, exc: BaseException, confirmed: tuple[str, ...]) -> None:
        if isinstance(exc, WarningsNotConfirmed) and self.dialog is not None:
            codes = tuple(p.code for p in exc.problems)
            text = "\n".join(render(p, self.session.lang) for p in exc.problems)
            ask(self.dialog, self.tr("Renew membership"),
                text + "\n\n" + self.tr("Record it anyway?"),
                lambda: self.record(confirmed + codes))
            return
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, StoreError) and self.dialog is not None:
            self.dialog.message.setText("\n".join(render(p, self.session.lang)
                                                  for p in exc.problems))
            return
        self.session.notify.error(exc)
