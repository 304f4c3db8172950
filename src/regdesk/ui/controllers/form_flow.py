"""The registration form in the window: new, edit, save (on the DB thread), discard.

The form's own logic is :class:`~regdesk.ui.controllers.form.RegistrationFormController`
(no Qt); this wires it to its view, the store and the list. The form outlives a session:
the next clerk to sign in finds the unsaved form as it was, recorded under their name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject, Signal

from regdesk.services import programme_pick, registrations
from regdesk.store.views import RegistrationView
from regdesk.ui.controllers.connections import Connections
from regdesk.ui.controllers.form import (
    NikLookup,
    ProgrammeChoice,
    ProgrammeLookup,
    RegistrationFormController,
)
from regdesk.ui.errors import expected_problems, message_for, report_unexpected
from regdesk.ui.session import DeskSession
from regdesk.ui.views.detail import hq_reasons
from regdesk.ui.views.dialogs import ask
from regdesk.ui.views.form import RegistrationFormView
from regdesk.ui.views.main_window import MainWindow


@dataclass
class FormParts:
    view: RegistrationFormView
    form: RegistrationFormController


def nik_lookup(session: DeskSession) -> NikLookup:
    """The form's duplicate check on the search thread (a read, never behind a save); a
    failed lookup shows nothing (the save still checks)."""
    def lookup(nik: str, exclude_uuid: str | None, deliver: Callable[[str | None], None]) -> None:
        session.runner.search(
            lambda: registrations.nik_holder(session.store, nik, user=session.user,
                                             exclude_uuid=exclude_uuid),
            deliver, lambda _exc: None)
    return lookup


def form_choice(choice: programme_pick.ProgrammeChoice, lang: str) -> ProgrammeChoice:
    """A service's programme choice as the form holds it: its text and the fields it fills."""
    fields = {name: str(value) for name, value in choice.fields.items()
              if name != "programme_id"}
    fields["jht"] = "1" if choice.offer.programme.jht else "0"
    return ProgrammeChoice(choice.id, programme_pick.choice_label(choice, lang), fields)


def programme_lookup(session: DeskSession) -> ProgrammeLookup:
    """The form's programme pick, read on the search thread (a few small reads); a failed
    read offers none (the save still checks)."""
    def lookup(village: str, occupations: tuple[str, ...], day: date, keep: int | None,
               deliver: Callable[[list[ProgrammeChoice]], None]) -> None:
        lang = session.lang

        def read() -> list[ProgrammeChoice]:
            found = programme_pick.programme_choices(
                session.store, village_code=village, occupation_codes=occupations, day=day,
                keep=keep)
            return [form_choice(c, lang) for c in found]

        session.runner.search(read, deliver, lambda _exc: deliver([]))
    return lookup


def make_parts(session: DeskSession, window: MainWindow) -> FormParts:
    ctx = session.ctx
    levels = list(ctx.rates.to_dict().get("income_levels", []))
    view = RegistrationFormView(ctx.occupations, levels, session.lang)
    window.inner.addWidget(view)
    form = RegistrationFormController(view, ctx=ctx, office_village=session.village,
                                      recorded_by=session.user.username, now=session.clock,
                                      lang=session.lang, nik_lookup=nik_lookup(session),
                                      programme_lookup=programme_lookup(session))
    view.edited.connect(form.edit)
    view.committed.connect(form.commit)
    view.confirm_toggled.connect(form.confirm_warnings)
    return FormParts(view, form)


class FormFlow(QObject):
    """``saved(view)`` after each save (the list reloads, the banner offers the receipt)."""

    saved = Signal(object)

    def __init__(self, session: DeskSession, window: MainWindow,
                 parts: FormParts | None = None) -> None:
        super().__init__(window)
        self.session, self.window = session, window
        self.parts: FormParts | None = None
        self.last_saved: RegistrationView | None = None
        self._wired = Connections()
        if parts is not None:
            self._adopt(parts)
            parts.form.recorded_by = session.user.username
            parts.form.nik_lookup = nik_lookup(session)
            parts.form.programme_lookup = programme_lookup(session)

    def _adopt(self, parts: FormParts) -> None:
        self.parts = parts
        parts.view.set_recorded_by(self.session.user.full_name)
        self._wired.connect(parts.view.save_requested, self.save)
        self._wired.connect(parts.view.discard_requested, self.discard)
        self._wired.connect(parts.view.open_existing, self.open_existing)

    def _ensure(self) -> FormParts:
        if self.parts is None:
            self._adopt(make_parts(self.session, self.window))
        assert self.parts is not None
        return self.parts

    def close(self) -> None:
        self._wired.close()

    @property
    def dirty(self) -> bool:
        return self.parts is not None and self.parts.form.dirty

    def is_shown(self) -> bool:
        return self.parts is not None and self.window.inner.currentWidget() is self.parts.view

    def focus(self) -> None:
        if self.parts is not None:
            self.parts.view.setFocus()

    def new(self) -> None:
        if self.session.locked:
            return
        parts = self._ensure()
        if self.is_shown() and parts.form.dirty:
            parts.view.inputs["nik"].setFocus()
            return
        parts.view.set_editing(None)
        parts.view.show_hq_reasons([])
        parts.form.new()
        self.window.inner.setCurrentWidget(parts.view)
        parts.view.inputs["nik"].setFocus()

    def new_from(self, fields: Mapping[str, str]) -> None:
        """A new form pre-filled from a worklist (asking first if the form has changes)."""
        if self.session.locked:
            return
        parts = self._ensure()

        def go() -> None:
            parts.view.set_editing(None)
            parts.view.show_hq_reasons([])
            parts.form.new_from(fields)
            self.window.inner.setCurrentWidget(parts.view)
            parts.view.inputs["address"].setFocus()  # NIK, name, phone came from the list

        if parts.form.dirty:
            ask(self.window, QCoreApplication.translate("DeskApp", "Discard?"),
                QCoreApplication.translate("DeskApp",
                                           "The form has unsaved changes. Discard them?"), go)
        else:
            go()

    def edit(self, current: RegistrationView) -> None:
        parts = self._ensure()
        parts.view.set_editing(current.local_ref)
        parts.view.show_hq_reasons(
            hq_reasons(current) if current.status.value == "needs_attention" else [])
        parts.form.load(current.registration, uuid=current.uuid, version=current.version)
        self.window.inner.setCurrentWidget(parts.view)
        parts.view.inputs["full_name"].setFocus()

    def save(self) -> None:
        form, s = self._ensure().form, self.session
        request = form.attempt_save()
        if request is None:
            s.notify.status(QCoreApplication.translate(
                "DeskApp", "Please check the fields marked in red or confirm the warnings."), 8000)
            return
        editing = form.editing

        def work() -> RegistrationView:
            if editing:
                return registrations.edit(s.store, editing[0], request.registration,
                                          user=s.user, expected_version=editing[1],
                                          confirmed=request.confirmed_warnings)
            return registrations.add(s.store, request.registration, user=s.user,
                                     confirmed=request.confirmed_warnings)

        def failed(exc: BaseException) -> None:
            problems = expected_problems(exc)
            if problems is None:
                report_unexpected(exc)
                return
            form.store_rejected(problems)
            s.notify.status(message_for(problems), 10_000)

        s.runner.db(work, self._saved, failed)

    def _saved(self, view: RegistrationView) -> None:
        self._ensure().form.saved()
        self.last_saved = view
        self.window.inner.setCurrentWidget(self.window.list_page)
        text = QCoreApplication.translate("DeskApp", "Saved: %1 — %2 (version %3).") \
            .replace("%1", view.local_ref) \
            .replace("%2", view.registration.full_name).replace("%3", str(view.version))
        self.window.show_banner(text, print_enabled=True, print_tip="")
        self.saved.emit(view)
        self.window.focus_search()

    def discard(self) -> None:
        form = self._ensure().form

        def close() -> None:
            self.window.inner.setCurrentWidget(self.window.list_page)
            form.saved()
            self.window.focus_search()

        if form.dirty:
            ask(self.window, QCoreApplication.translate("DeskApp", "Discard?"),
                QCoreApplication.translate("DeskApp",
                                           "The form has unsaved changes. Discard them?"), close)
        else:
            close()

    def open_existing(self, local_ref: str) -> None:
        """The duplicate NIK's link: leave the form (asking first if it has changes) and find
        the registration that already holds the NIK in the list."""
        form = self._ensure().form

        def go() -> None:
            form.saved()
            self.window.inner.setCurrentWidget(self.window.list_page)
            self.window.search.setText(local_ref)
            self.window.flush_search()
            self.window.focus_search()

        if form.dirty:
            ask(self.window, QCoreApplication.translate("DeskApp", "Discard?"),
                QCoreApplication.translate("DeskApp",
                                           "The form has unsaved changes. Discard them?"), go)
        else:
            go()

    def forget(self) -> None:
        """Drop the unsaved changes (the clerk chose to quit without them)."""
        if self.parts is not None:
            self.parts.form.saved()

    def set_lang(self, lang: str) -> None:
        if self.parts is not None:
            self.parts.view.set_lang(lang)
            self.parts.form.set_lang(lang)

    def set_village(self, village: str) -> None:
        if self.parts is not None:
            self.parts.form.office_village = village
            self.parts.form.ask_programmes(force=True)

    def refresh_programmes(self) -> None:
        """New programmes or figures were pulled: the pick offers what is open now."""
        if self.parts is not None:
            self.parts.form.ask_programmes(force=True)
