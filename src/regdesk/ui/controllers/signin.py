"""First run, sign-in, lock and switching clerks: everything before a :class:`DeskSession`
exists (so this one is given the store and runner directly; it calls the services)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from regdesk.services import security, settings, users
from regdesk.store import AuthenticationFailed, Store, UserInfo
from regdesk.ui.errors import message_for
from regdesk.ui.session import Notify
from regdesk.ui.tasks import TaskRunner
from regdesk.ui.views.main_window import MainWindow
from regdesk.ui.views.wizard import FirstRunWizard


def open_and_describe(path: Path) -> dict[str, Any]:
    """DB thread: open (migrating), then everything the first screen needs."""
    store = Store.open(path)
    initialised = store.is_initialised()
    startup = settings.startup_settings(store)
    return {
        "store": store, "initialised": initialised, "ctx": store.context(),
        "language": startup.language, "auto_lock": startup.auto_lock_minutes,
        "village": store.office_village() if initialised else None,
    }


class SignInController(QObject):
    """``signed_in(user)`` after a sign-in, an unlock or the first-run wizard;
    ``locked()`` when the work is hidden; ``enrol_requested(url, code)`` when the wizard
    was given an enrolment code (sent after ``signed_in``)."""

    signed_in = Signal(object)
    locked = Signal()
    enrol_requested = Signal(str, str)

    def __init__(self, store: Store, runner: TaskRunner, window: MainWindow, *, ctx: Any,
                 notify: Notify) -> None:
        super().__init__(window)
        self.store, self.runner, self.window = store, runner, window
        self.ctx, self.notify = ctx, notify
        self.user: UserInfo | None = None  # the last clerk signed in
        self.locked_by: str | None = None
        self.village: str | None = None  # known after the first run
        self.wizard: FirstRunWizard | None = None
        window.login.login_requested.connect(self.login)

    def show_first_screen(self, initialised: bool) -> None:
        if initialised:
            self.window.show_login()
            self.window.login.prepare(None)
        else:
            self._show_wizard()

    def _show_wizard(self) -> None:
        self.wizard = FirstRunWizard(self.ctx.regions, self.window)
        self.wizard.submitted.connect(self._initialise)
        self.wizard.rejected.connect(self.window.close)  # no desk without an admin account
        self.wizard.open()

    def _initialise(self, username: str, full_name: str, password: str, village: str,
                    hq_url: str, hq_code: str = "") -> None:
        store = self.store

        def work() -> tuple[UserInfo, str | None, Path | None]:
            user = users.initialise(store, village=village, admin=username, password=password,
                                    admin_name=full_name)
            if hq_url:
                settings.set_hq_url(store, hq_url, user=user)
            code = security.take_recovery_code(store, user=None)  # shown once, below
            sheet = None
            if code is not None:
                from regdesk.paths import print_dir
                from regdesk.services.printouts import unique_output

                sheet = security.write_recovery_sheet(
                    store, code, unique_output(print_dir(), "kode-pemulihan.pdf"))
            return user, code, sheet

        def done(result: tuple[UserInfo, str | None, Path | None]) -> None:
            user, code, sheet = result
            self.village = village
            self._signed_in(user)
            if code is not None:
                self._show_recovery_code(code, sheet)
            if hq_url and hq_code:
                self.enrol_requested.emit(hq_url, hq_code)

        self.runner.db(work, done, self._wizard_failed)

    def _show_recovery_code(self, code: str, sheet: Path | None) -> None:
        """The recovery code, this once; its sheet opens in the PDF viewer to print (the file
        is in the private print folder, emptied at exit)."""
        self.notify.inform(self.tr("Recovery code"), self.tr(
            "Write down or print this recovery code now and give it to the village head; "
            "it is shown only this once.\n\n%1\n\nIt opens the database and its backups on "
            "another PC if this one is lost or broken. The sheet to print and sign opens "
            "now.").replace("%1", code))
        if sheet is not None:
            self.notify.open_file(sheet)

    def _wizard_failed(self, exc: BaseException) -> None:
        self.notify.error(exc)
        self._show_wizard()

    def login(self, username: str, password: str) -> None:
        store = self.store

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthenticationFailed):
                self.window.login.show_error(message_for(exc.problems))
            else:
                self.notify.error(exc)

        self.runner.db(lambda: users.authenticate(store, username, password), self._signed_in,
                       failed)

    def _signed_in(self, user: UserInfo) -> None:
        self.user = user
        self.locked_by = None
        self.window.user_label.setText(f"{user.full_name} ({user.username})")
        self.window.set_signed_in(True)
        self.window.show_work()
        self.signed_in.emit(user)

    def lock(self) -> None:
        """Idle or Ctrl+L: hide the work (the unsaved form stays as it is)."""
        if self.user is None or self.locked_by:
            return  # nobody to lock out yet, or already locked
        self.locked_by = self.user.username
        self.window.set_signed_in(False)  # nothing but the sign-in while locked
        self.window.show_login()
        self.window.login.prepare(self.user.username)
        self.locked.emit()

    def switch_user(self) -> None:
        self.lock()
        self.window.login.prepare(None)
