"""Composition root of the desk app: the store (opened on the DB thread), the main window,
sync, sign-in, and one :class:`~regdesk.ui.workspace.Workspace` of controllers per signed-in
:class:`~regdesk.ui.session.DeskSession`. Widgets never call the store directly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication

from regdesk.store import Store, UserInfo
from regdesk.store.views import RegistrationView
from regdesk.ui.controllers.form import RegistrationFormController
from regdesk.ui.controllers.signin import SignInController, open_and_describe
from regdesk.ui.controllers.sync_status import SyncStatusController
from regdesk.ui.engine_sync import EngineSync
from regdesk.ui.i18n import Translations
from regdesk.ui.idle import IdleWatcher
from regdesk.ui.models.registrations import RegistrationsModel
from regdesk.ui.notify import WindowNotify
from regdesk.ui.session import DeskSession
from regdesk.ui.sources import StorePageSource
from regdesk.ui.tasks import TaskRunner
from regdesk.ui.views.form import RegistrationFormView
from regdesk.ui.views.main_window import MainWindow
from regdesk.ui.workspace import Workspace
from regdesk.ui.zoom import InterfaceZoom


class DeskApp(QObject):
    def __init__(self, db_path: Path, *, lang: str = "id", qsettings: QSettings | None = None,
                 window: MainWindow | None = None, auto_backup: bool = True) -> None:
        super().__init__()
        self.db_path, self.lang, self.auto_backup = db_path, lang, auto_backup
        self.qsettings = qsettings or QSettings("RegDesk", "RegDesk")
        self.translations = Translations()
        self.translations.switch(lang)
        self.window = window or MainWindow()
        self.notify = WindowNotify(self.window)
        self.window.open_path = lambda path: self.notify.open_file(path)  # Aktivitas
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.zoom = InterfaceZoom(app, self.qsettings)  # the saved text size, at once
        self.window.act_zoom_in.triggered.connect(self.zoom.bigger)
        self.window.act_zoom_out.triggered.connect(self.zoom.smaller)
        self.window.act_zoom_reset.triggered.connect(self.zoom.reset)
        self.runner = TaskRunner(self.notify.error, self)
        self.runner.close_with(self.window)  # no callback outlives the window it updates
        self.window.destroyed.connect(self._window_gone)
        self.ready_callbacks: list[Callable[[], None]] = []
        self.idle = IdleWatcher(self)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.idle)
        self.store: Store | None = None  # once opened (the sign-in page shows then)
        self.sync: EngineSync | None = None
        self.session: DeskSession | None = None  # set at sign-in
        self.work: Workspace | None = None  # the session's controllers
        self.window.close_requested.connect(self._close_requested)

    def start(self) -> None:
        """Show the window at once; open the database on the DB thread."""
        self.window.set_signed_in(False)  # until someone signs in
        self.window.restore_state(self.qsettings)
        self.window.pages.setCurrentWidget(self.window.loading)
        self.window.show()
        self.runner.db(lambda: open_and_describe(self.db_path), self._opened)

    def _opened(self, info: dict[str, Any]) -> None:
        w, store = self.window, info["store"]
        self.ctx, self._village = info["ctx"], info["village"]
        if info["language"] and info["language"] != self.lang:
            self.set_language(info["language"])
        self._auto_lock = int(info["auto_lock"] or 0)
        self.model = RegistrationsModel(StorePageSource(
            self.runner, store, lambda: self.user, day=lambda: store.clock().date()))
        w.table.setModel(self.model)
        w.set_column_widths()
        self.sync = sync = EngineSync(self.runner, store, self)
        self.sync_status = SyncStatusController(w, sync)
        self.sync_status.attach(sync)
        self.notify.sync_text = sync.error_text  # typed sync failures: one sentence
        w.sync_button.clicked.connect(sync.start)
        self.signin = SignInController(store, self.runner, w, ctx=self.ctx,
                                       notify=self.notify)
        self.signin.signed_in.connect(self._signed_in)
        self.signin.locked.connect(self._locked)
        self.signin.enrol_requested.connect(lambda url, code: self._work().settings.enrol(
            url, code))
        w.act_lock.triggered.connect(self.signin.lock)
        w.act_switch.triggered.connect(self.signin.switch_user)
        self.idle.idle.connect(self.signin.lock)
        self.store = store
        self.signin.show_first_screen(info["initialised"])
        for cb in self.ready_callbacks:
            cb()

    # -- sessions -------------------------------------------------------------------------
    def _signed_in(self, user: UserInfo) -> None:
        assert self.sync is not None
        session, work = self.session, self.work
        if session is not None and work is not None and session.user.username == user.username:
            session.locked = False  # the same clerk unlocks: everything stays as it was
            if self.window.inner.currentWidget() is self.window.list_page:
                work.list.reload()
                self.window.focus_search()
            else:
                work.form.focus()
        else:
            self._begin_session(user, self.sync)
        self.idle.set_minutes(self._auto_lock)
        self.sync.begin_background()

    def _begin_session(self, user: UserInfo, sync: EngineSync) -> None:
        assert self.store is not None
        parts = self.work.form.parts if self.work else None
        if self.work is not None:
            self.work.close()
        village = self.session.village if self.session else \
            self.signin.village or self._village or ""
        self.session = DeskSession(
            store=self.store, runner=self.runner, user=user, notify=self.notify, sync=sync,
            db_path=self.db_path, ctx=self.ctx, lang=self.lang, village=village)
        self.work = Workspace(self.session, self.window, self.model, sync, form=parts,
                              auto_backup=self.auto_backup, on_applied=self._applied)
        self.work.list.reload()
        self.window.focus_search()
        self.work.backups.start()  # daily backup: checked now and every hour

    def _locked(self) -> None:
        if self.session is not None:
            self.session.locked = True
        self.idle.pause()

    def _applied(self, values: dict[str, Any]) -> None:
        self._auto_lock = int(values["auto_lock_minutes"] or 0)
        self.idle.set_minutes(self._auto_lock)
        self.set_language(values["language"])

    def set_language(self, lang: str) -> None:
        """Switch live: translators swap, widgets retranslate, problems re-render."""
        self.lang = lang
        self.translations.switch(lang)
        if self.work is not None:
            self.work.set_lang(lang)

    # -- entry points that scripts and tests drive directly -------------------------------
    def login(self, username: str, password: str) -> None:
        self.signin.login(username, password)

    def new_registration(self) -> None:
        self._work().form.new()

    def open_settings(self) -> None:
        self._work().settings.open()

    def _work(self) -> Workspace:
        assert self.work is not None, "nobody is signed in"
        return self.work

    @property
    def user(self) -> UserInfo | None:
        return self.session.user if self.session is not None else None

    @property
    def locked_by(self) -> str | None:
        return self.signin.locked_by

    @property
    def current(self) -> RegistrationView | None:
        return self.work.list.current if self.work else None

    @property
    def form_view(self) -> RegistrationFormView | None:
        return self.work.form.parts.view if self.work and self.work.form.parts else None

    @property
    def form(self) -> RegistrationFormController | None:
        return self.work.form.parts.form if self.work and self.work.form.parts else None

    @property
    def settings_dialog(self) -> Any:
        return self.work.settings.dialog if self.work else None

    # -- closing --------------------------------------------------------------------------
    def _close_requested(self, event: QCloseEvent) -> None:
        if self.work is not None:
            self.work.close_requested(event, lambda: self.window.save_state(self.qsettings))
        else:
            self.window.save_state(self.qsettings)
            event.accept()

    def _window_gone(self, *_args: object) -> None:
        """The window is being destroyed: nothing may update it any more."""
        self.idle.pause()
        if self.work is not None:
            self.work.close()
        if self.sync is not None:
            self.sync.stop()

    def shutdown(self) -> None:
        self._window_gone()  # at exit as when the window goes: nothing more may start
        self.runner.shutdown()
        if self.store is not None:
            self.store.close()
