"""Settings: read and write the desk settings, add a user, enrol with HQ, each through its
service (:mod:`regdesk.services.settings`, ``.users``, ``.sync``). No Qt.

The dialog comes from ``open_dialog`` (``SettingsDialog`` in the app, a fake in tests) and
its signals are duck-typed; store calls run through the session's runner. Its own texts are
catalogue keys (``ui.settings.*``) in the process language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from regdesk.i18n import t
from regdesk.services import settings, users
from regdesk.store import UserInfo
from regdesk.ui.errors import expected_problems, message_for, report_unexpected
from regdesk.ui.session import DeskSession


class SettingsView(Protocol):
    apply_requested: Any  # signal(dict)
    add_user_requested: Any  # signal(username, full_name, password, role)
    enrol_requested: Any  # signal(url, code)

    def open(self) -> None: ...

    def accept(self) -> None: ...

    def set_users(self, users: list[UserInfo]) -> None: ...

    def show_enrol_result(self, text: str) -> None: ...


OpenDialog = Callable[[dict[str, Any], "list[UserInfo] | None"], SettingsView]


class SettingsController:
    """``on_applied(values)`` after the settings are stored; ``on_enrolled(device)`` after
    HQ accepted the desk. A refused enrolment is worded by
    :func:`regdesk.services.sync.enrol_error_text` (the same sentence as the CLI's)."""

    def __init__(self, session: DeskSession, open_dialog: OpenDialog, *,
                 on_applied: Callable[[dict[str, Any]], None],
                 on_enrolled: Callable[[Any], None]) -> None:
        self.session = session
        self.open_dialog = open_dialog
        self.on_applied = on_applied
        self.on_enrolled = on_enrolled
        self.dialog: SettingsView | None = None

    def open(self) -> None:
        s = self.session
        if s.locked:
            return
        manages = users.manages_users(s.user)

        def load() -> tuple[dict[str, Any], list[UserInfo] | None]:
            values = settings.load_settings(s.store, default_language=s.lang)
            values["encryption_text"] = settings.encryption_text(s.store)  # shown, not saved
            return values, (users.list_users(s.store, acting=s.user) if manages else None)

        s.runner.db(load, self._show)

    def _show(self, loaded: tuple[dict[str, Any], list[UserInfo] | None]) -> None:
        values, users = loaded
        dialog = self.open_dialog(values, users)
        self.dialog = dialog
        dialog.apply_requested.connect(self.apply)
        dialog.add_user_requested.connect(self.add_user)
        dialog.enrol_requested.connect(self.enrol)
        dialog.open()

    def apply(self, values: dict[str, Any]) -> None:
        s = self.session

        def done(_none: None) -> None:
            self.on_applied(values)
            if self.dialog is not None:
                self.dialog.accept()

        s.runner.db(lambda: settings.save_settings(s.store, values, user=s.user), done)

    def add_user(self, username: str, full_name: str, password: str, role: str) -> None:
        s = self.session

        def work() -> list[UserInfo]:
            users.add_user(s.store, acting=s.user, username=username, password=password,
                           role=role, full_name=full_name)
            return users.list_users(s.store, acting=s.user)

        def done(users: list[UserInfo]) -> None:
            if self.dialog is not None:
                self.dialog.set_users(users)

        s.runner.db(work, done)

    def enrol(self, url: str, code: str) -> None:
        """Enrol this desk with HQ (network pool); HQ decides the office village."""
        s = self.session
        if not url or not code:
            return

        def done(device: Any) -> None:
            text = t("ui.settings.enrolled", device=device.device_id)
            self._say(text)
            s.runner.db(lambda: settings.set_hq_url(s.store, url, user=s.user))
            self.on_enrolled(device)

        from regdesk.services import sync as desk_sync  # requests: only when enrolling

        s.runner.net(lambda: desk_sync.enrol(s.store, url, code, user=s.user), done,
                     self._enrol_failed)

    def _enrol_failed(self, exc: BaseException) -> None:
        problems = expected_problems(exc)
        if problems is not None:
            self._say(message_for(problems))
            return
        if getattr(exc, "kind", None) is None:  # not a typed sync failure: a bug
            report_unexpected(exc)
            return
        from regdesk.services import sync as desk_sync  # loaded by the enrolment already

        self._say(desk_sync.enrol_error_text(exc))

    def _say(self, text: str) -> None:
        if self.dialog is not None:
            self.dialog.show_enrol_result(text)
        self.session.notify.status(text, 10_000)
