"""Composition root of the desk app: the store (on the DB thread), the main window, the
sign-in / lock cycle, and the registration flows. Widgets never call the store directly."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QApplication

from regdesk.domain.registration import Status
from regdesk.store import AuthenticationFailed, Role, Store, UserInfo
from regdesk.store import settings as keys
from regdesk.store.search import Filters
from regdesk.store.users import RANK
from regdesk.store.views import RegistrationView
from regdesk.ui.backups import BackupFlow
from regdesk.ui.controllers.form import RegistrationFormController
from regdesk.ui.engine_sync import EngineSync, enrol_desk, sync_installed
from regdesk.ui.errors import expected_problems, message_for, report_unexpected
from regdesk.ui.i18n import Translations
from regdesk.ui.idle import IdleWatcher
from regdesk.ui.import_flow import ImportFlow
from regdesk.ui.models.registrations import RegistrationsModel
from regdesk.ui.printing import PrintFlow, printing_available
from regdesk.ui.sources import StorePageSource
from regdesk.ui.sync_service import StatusOnlySync, SyncService
from regdesk.ui.tasks import TaskRunner
from regdesk.ui.transfer_flow import TransferFlow
from regdesk.ui.views.dialogs import CancelDialog, CrashDialog, ask, inform
from regdesk.ui.views.form import RegistrationFormView
from regdesk.ui.views.main_window import MainWindow
from regdesk.ui.views.settings import SettingsDialog
from regdesk.ui.views.wizard import FirstRunWizard

log = logging.getLogger(__name__)
DEFAULT_AUTO_LOCK = 10


def cards_available() -> bool:
    return printing_available()


def _open_and_describe(path: Path) -> dict[str, Any]:
    """DB thread: open (migrating), then everything the first screen needs."""
    store = Store.open(path)
    initialised = store.is_initialised()
    return {
        "store": store, "initialised": initialised, "ctx": store.context(),
        "language": store.get_setting(keys.LANGUAGE),
        "auto_lock": store.get_setting(keys.AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK),
        "village": store.office_village() if initialised else None,
    }


class DeskApp(QObject):
    def __init__(self, db_path: Path, *, lang: str = "id",
                 qsettings: QSettings | None = None, window: MainWindow | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.lang = lang
        self.qsettings = qsettings or QSettings("RegDesk", "RegDesk")
        self.translations = Translations()
        self.translations.switch(lang)
        self.runner = TaskRunner(self.on_error, self)
        self.window = window or MainWindow()
        self.store: Store | None = None
        self.ctx: Any = None
        self.village: str | None = None
        self.user: UserInfo | None = None
        self.locked_by: str | None = None
        self.wizard: FirstRunWizard | None = None
        self.form_view: RegistrationFormView | None = None
        self.form: RegistrationFormController | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.current: RegistrationView | None = None
        self.ready_callbacks: list[Callable[[], None]] = []
        self.open_file: Callable[[Path], None] = lambda p: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(p)))
        self.model = RegistrationsModel(StorePageSource(self.runner, lambda: self.store))
        self.window.table.setModel(self.model)
        self.window.set_column_widths()
        self.idle = IdleWatcher(self)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self.idle)
        self.sync: SyncService = StatusOnlySync(self.runner, self._sync_status, self)
        self.printing = PrintFlow(self)
        self.backups = BackupFlow(self)
        self.backups.exit_done.connect(self.window.close)
        self.transfer = TransferFlow(self)
        self.imports = ImportFlow(self)
        self._wire()
        self._wire_sync()
        self.runner.close_with(self.window)  # no callback outlives the window it updates
        self.window.destroyed.connect(self._window_gone)

    # -- wiring ---------------------------------------------------------------------------
    def _wire(self) -> None:
        w = self.window
        w.login.login_requested.connect(self.login)
        w.act_new.triggered.connect(self.new_registration)
        w.act_settings.triggered.connect(self.open_settings)
        w.act_lock.triggered.connect(self.lock)
        w.act_switch.triggered.connect(self.switch_user)
        w.search_changed.connect(lambda _t: self.reload_list())
        w.filters_changed.connect(self.reload_list)
        w.sync_button.clicked.connect(lambda: self.sync.start())
        w.detail.edit_requested.connect(self.edit_current)
        w.detail.cancel_requested.connect(self.cancel_current)
        w.detail.print_requested.connect(lambda: self.print_receipt(self.current))
        w.banner_print.clicked.connect(lambda: self.print_receipt(self._last_saved))
        w.act_print_receipt.triggered.connect(lambda: self.print_receipt(self.current))
        w.act_print_cards.triggered.connect(self.printing.print_selected_cards)
        w.act_print_ready.triggered.connect(self.printing.print_ready_cards)
        w.act_recap.triggered.connect(self.printing.ask_recap)
        w.act_import.triggered.connect(self.imports.open)
        w.act_needs_fixing.triggered.connect(lambda: self.imports.export_needs_fixing(
            self.transfer.ask_save_path(self.tr("Save the “Needs fixing” list"),
                                        "perlu-diperbaiki.xlsx")))
        w.act_backup.triggered.connect(self.backups.backup_now)
        w.act_transfer_export.triggered.connect(self.transfer.export_bundle)
        w.act_transfer_receipt.triggered.connect(self.transfer.import_receipt)
        for act in (w.act_print_receipt, w.act_print_cards, w.act_print_ready, w.act_recap):
            act.setEnabled(cards_available())
        w.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._select(cur))
        w.close_requested.connect(self._close_requested)
        self.idle.idle.connect(self.lock)
        self._last_saved: RegistrationView | None = None

    def _wire_sync(self) -> None:
        w = self.window
        self.sync.status_changed.connect(self._show_status)
        self.sync.progress.connect(self._show_progress)
        self.sync.error.connect(lambda text: w.statusBar().showMessage(text, 10_000))
        self.sync.finished.connect(lambda _s: self._sync_finished())

    def _unwire_sync(self) -> None:
        for signal in (self.sync.status_changed, self.sync.progress, self.sync.error,
                       self.sync.finished):
            with contextlib.suppress(RuntimeError, TypeError):  # nothing connected any more
                signal.disconnect()

    def _window_gone(self, *_args: object) -> None:
        """The window is being destroyed: nothing may update it any more."""
        self.idle.pause()
        self.sync.stop()
        self._unwire_sync()
        self.backups.timer.stop()

    def _install_sync(self) -> None:
        """The real engine when ``regdesk.sync`` is installed, else status only."""
        if self.store is None or not sync_installed():
            return
        old = self.sync
        old.stop()
        self._unwire_sync()
        self.sync = EngineSync(self.runner, self.store, self)
        self._wire_sync()
        old.deleteLater()

    def _sync_finished(self) -> None:
        self.window.progress.hide()
        if self.user is not None and not self.locked_by and \
                self.window.inner.currentWidget() is self.window.list_page:
            self.model.refresh()

    def start(self) -> None:
        """Show the window at once; open the database on the DB thread."""
        self.window.set_signed_in(False)  # until someone signs in
        self.window.restore_state(self.qsettings)
        self.window.pages.setCurrentWidget(self.window.loading)
        self.window.show()
        self.runner.db(lambda: _open_and_describe(self.db_path), self._opened)

    def _opened(self, info: dict[str, Any]) -> None:
        self.store, self.ctx, self.village = info["store"], info["ctx"], info["village"]
        if info["language"] and info["language"] != self.lang:
            self.set_language(info["language"])
        self._auto_lock = int(info["auto_lock"] or 0)
        self._install_sync()
        if info["initialised"]:
            self.window.show_login()
            self.window.login.prepare(None)
        else:
            self._show_wizard()
        for cb in self.ready_callbacks:
            cb()

    # -- first run, sign-in, lock ---------------------------------------------------------
    def _show_wizard(self) -> None:
        self.wizard = FirstRunWizard(self.ctx.regions, self.window)
        self.wizard.submitted.connect(self._initialise)
        self.wizard.rejected.connect(self.window.close)  # no desk without an admin account
        self.wizard.open()

    def _initialise(self, username: str, full_name: str, password: str, village: str,
                    hq_url: str, hq_code: str = "") -> None:
        store = self.store
        assert store is not None

        def work() -> UserInfo:
            user = store.initialise(village=village, admin_username=username,
                                    admin_password=password, admin_name=full_name)
            if hq_url:
                store.set_setting(keys.HQ_URL, hq_url, user=user)
            return user

        def done(user: UserInfo) -> None:
            self.village = village
            self._signed_in(user)
            if hq_url and hq_code:
                self.enrol(hq_url, hq_code)

        self.runner.db(work, done, self._wizard_failed)

    def _wizard_failed(self, exc: BaseException) -> None:
        self.on_error(exc)
        self._show_wizard()

    def login(self, username: str, password: str) -> None:
        store = self.store
        if store is None:
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AuthenticationFailed):
                self.window.login.show_error(message_for(exc.problems, self.lang))
            else:
                self.on_error(exc)

        self.runner.db(lambda: store.authenticate(username, password), self._signed_in, failed)

    def _signed_in(self, user: UserInfo) -> None:
        first = self.user is None or self.user.username != user.username
        self.user = user
        self.locked_by = None
        self.window.user_label.setText(f"{user.full_name} ({user.username})")
        self.window.set_signed_in(True)
        self.window.show_work()
        if self.form is not None:
            self.form.recorded_by = user.username
            if self.form_view is not None:
                self.form_view.set_recorded_by(user.full_name)
        if first or self.window.inner.currentWidget() is self.window.list_page:
            self.reload_list()
            self.window.focus_search()
        elif self.form_view is not None:
            self.form_view.setFocus()
        self.idle.set_minutes(self._auto_lock)
        if first:
            self.backups.start()  # daily backup: checked now and every hour
        if isinstance(self.sync, EngineSync):
            self.sync.begin_background()
        else:
            self.sync.refresh_status()

    def lock(self) -> None:
        """Idle or Ctrl+L: hide the work (the unsaved form stays as it is)."""
        if self.user is None or self.locked_by:
            return
        self.locked_by = self.user.username
        self.idle.pause()
        self.window.set_signed_in(False)  # nothing but the sign-in while locked
        self.window.show_login()
        self.window.login.prepare(self.user.username)

    def switch_user(self) -> None:
        self.lock()
        self.window.login.prepare(None)

    # -- list and detail ------------------------------------------------------------------
    def filters(self) -> Filters:
        w = self.window
        status = w.status_filter.currentData() or None
        span = w.date_filter.currentData() or ""
        today = (self.store.clock() if self.store else None)
        start = None
        if today is not None and span:
            days = {"today": 0, "7d": 6, "30d": 29}[span]
            start = today.date() - timedelta(days=days)
        return Filters(status=status, date_from=start)

    def reload_list(self) -> None:
        self.model.set_query(self.window.search.text(), self.filters())
        self.window.detail.show_record(None)
        self.current = None

    def _select(self, index: Any) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None or self.store is None:
            return
        store, user = self.store, self.user
        supervisor = user is not None and RANK[Role(user.role)] >= RANK[Role.SUPERVISOR]

        def load() -> tuple[Any, Any, Any]:
            view = store.get(row.uuid)
            if not supervisor:
                return view, None, None
            return view, store.versions(row.uuid), store.audit_trail(row.uuid)

        self.runner.db(load, self._show_detail)

    def _show_detail(self, loaded: tuple[Any, Any, Any]) -> None:
        view, versions, audit = loaded
        self.current = view
        occupation = self.ctx.occupations.get(view.registration.occupation_code)
        detail = self.window.detail
        detail.lang = self.lang
        detail.show_record(view, regions=self.ctx.regions,
                           occupation=occupation.name(self.lang) if occupation else "")
        detail.show_history(versions, audit)
        detail.print_button.setEnabled(cards_available() and view.status != Status.CANCELLED)
        if not cards_available():
            detail.print_button.setToolTip(self.tr("Printing is not installed yet."))

    # -- the form -------------------------------------------------------------------------
    def _ensure_form(self) -> tuple[RegistrationFormView, RegistrationFormController]:
        if self.form_view is None or self.form is None:
            levels = list(self.ctx.rates.to_dict().get("income_levels", []))
            self.form_view = RegistrationFormView(self.ctx.occupations, levels, self.lang)
            self.window.inner.addWidget(self.form_view)
            assert self.store is not None and self.user is not None
            self.form = RegistrationFormController(
                self.form_view, ctx=self.ctx, office_village=self.village or "",
                recorded_by=self.user.username, now=self.store.clock, lang=self.lang)
            fv, fc = self.form_view, self.form
            fv.edited.connect(fc.edit)
            fv.committed.connect(fc.commit)
            fv.confirm_toggled.connect(fc.confirm_warnings)
            fv.save_requested.connect(self.save_form)
            fv.discard_requested.connect(self.discard_form)
        self.form_view.set_recorded_by(self.user.full_name if self.user else "")
        return self.form_view, self.form

    def new_registration(self) -> None:
        if self.user is None or self.locked_by:
            return
        view, form = self._ensure_form()
        if self.window.inner.currentWidget() is view and form.dirty:
            view.inputs["nik"].setFocus()
            return
        view.set_editing(None)
        form.new()
        self.window.inner.setCurrentWidget(view)
        view.inputs["nik"].setFocus()

    def edit_current(self) -> None:
        if self.current is None or self.user is None:
            return
        view, form = self._ensure_form()
        current = self.current
        view.set_editing(current.local_ref)
        form.load(current.registration, uuid=current.uuid, version=current.version)
        self.window.inner.setCurrentWidget(view)
        view.inputs["full_name"].setFocus()

    def save_form(self) -> None:
        form, store, user = self.form, self.store, self.user
        if form is None or store is None or user is None:
            return
        request = form.attempt_save()
        if request is None:
            self.window.statusBar().showMessage(
                self.tr("Please check the fields marked in red or confirm the warnings."), 8000)
            return
        editing = form.editing

        def work() -> RegistrationView:
            if editing:
                return store.update(editing[0], request.registration, user=user,
                                    expected_version=editing[1],
                                    confirmed_warnings=request.confirmed_warnings)
            return store.add(request.registration, user=user,
                             confirmed_warnings=request.confirmed_warnings)

        def failed(exc: BaseException) -> None:
            problems = expected_problems(exc)
            if problems is None:
                report_unexpected(exc)
                return
            form.store_rejected(problems)
            self.window.statusBar().showMessage(message_for(problems, self.lang), 10_000)

        self.runner.db(work, self._saved, failed)

    def _saved(self, view: RegistrationView) -> None:
        assert self.form is not None
        self.form.saved()
        self._last_saved = view
        self.window.inner.setCurrentWidget(self.window.list_page)
        text = self.tr("Saved: %1 — %2 (version %3).").replace("%1", view.local_ref) \
            .replace("%2", view.registration.full_name).replace("%3", str(view.version))
        self.window.show_banner(text, print_enabled=cards_available(),
                                print_tip="" if cards_available()
                                else self.tr("Printing is not installed yet."))
        self.reload_list()
        self.sync.refresh_status()
        self.window.focus_search()

    def discard_form(self) -> None:
        form = self.form
        if form is None:
            return

        def close() -> None:
            self.window.inner.setCurrentWidget(self.window.list_page)
            form.saved()
            self.window.focus_search()

        if form.dirty:
            ask(self.window, self.tr("Discard?"),
                self.tr("The form has unsaved changes. Discard them?"), close)
        else:
            close()

    # -- cancel, print --------------------------------------------------------------------
    def cancel_current(self) -> None:
        current, store, user = self.current, self.store, self.user
        if current is None or store is None or user is None:
            return
        dialog = CancelDialog(current.registration.full_name, self.window)

        def accepted() -> None:
            reason = dialog.reason.text().strip()
            self.runner.db(lambda: store.cancel(current.uuid, reason=reason, user=user),
                           lambda _v: self.reload_list())

        dialog.accepted.connect(accepted)
        dialog.open()

    def print_receipt(self, view: RegistrationView | None) -> None:
        """``regdesk.printouts.print_receipt`` on the DB thread (audited), then open it."""
        self.printing.print_receipt(view)

    # -- settings -------------------------------------------------------------------------
    def open_settings(self) -> None:
        store, user = self.store, self.user
        if store is None or user is None or self.locked_by:
            return
        admin = user.role == Role.ADMIN.value

        def load() -> tuple[dict[str, Any], Any]:
            values = {"hq_url": store.get_setting(keys.HQ_URL),
                      "language": store.get_setting(keys.LANGUAGE, self.lang),
                      "auto_lock_minutes": store.get_setting(keys.AUTO_LOCK_MINUTES,
                                                             DEFAULT_AUTO_LOCK),
                      "backup_dir": store.get_setting(keys.BACKUP_DIR)}
            return values, (store.list_users() if admin else None)

        self.runner.db(load, self._show_settings)

    def _show_settings(self, loaded: tuple[dict[str, Any], Any]) -> None:
        values, users = loaded
        dialog = SettingsDialog(values, users, self.window, can_enrol=sync_installed())
        self.settings_dialog = dialog
        dialog.apply_requested.connect(self.apply_settings)
        dialog.add_user_requested.connect(self.add_user)
        dialog.enrol_requested.connect(self.enrol)
        dialog.open()

    def apply_settings(self, values: dict[str, Any]) -> None:
        store, user = self.store, self.user
        assert store is not None and user is not None
        mapping = {"hq_url": keys.HQ_URL, "language": keys.LANGUAGE,
                   "auto_lock_minutes": keys.AUTO_LOCK_MINUTES, "backup_dir": keys.BACKUP_DIR}

        def work() -> None:
            for name, key in mapping.items():
                store.set_setting(key, values[name], user=user)

        def done(_none: None) -> None:
            self._auto_lock = int(values["auto_lock_minutes"] or 0)
            self.idle.set_minutes(self._auto_lock)
            self.set_language(values["language"])
            if self.settings_dialog is not None:
                self.settings_dialog.accept()

        self.runner.db(work, done)

    def add_user(self, username: str, full_name: str, password: str, role: str) -> None:
        store, user = self.store, self.user
        assert store is not None and user is not None

        def work() -> list[UserInfo]:
            store.create_user(username=username, password=password, role=role,
                              full_name=full_name, acting=user)
            return store.list_users()

        def done(users: list[UserInfo]) -> None:
            if self.settings_dialog is not None:
                self.settings_dialog.set_users(users)

        self.runner.db(work, done)

    def enrol(self, url: str, code: str) -> None:
        """Enrol this desk with HQ (network pool); HQ decides the office village."""
        store, user = self.store, self.user
        if store is None or user is None or not url or not code:
            return

        def done(device: Any) -> None:
            self.village = device.village_code
            if self.form is not None:
                self.form.office_village = device.village_code
            text = self.tr("Connected to HQ as %1.").replace("%1", device.device_id)
            self.window.statusBar().showMessage(text, 10_000)
            if self.settings_dialog is not None:
                self.settings_dialog.show_enrol_result(text)
            self.runner.db(lambda: store.set_setting(keys.HQ_URL, url, user=user))
            self.sync.refresh_status()

        def failed(exc: BaseException) -> None:
            kind = getattr(getattr(exc, "kind", None), "value", None)
            if kind is None and expected_problems(exc) is None:
                report_unexpected(exc)
                return
            if kind == "client":
                text = self.tr("The enrolment code is not valid or has expired.")
            elif kind is not None and isinstance(self.sync, EngineSync):
                text = self.sync.error_text(kind)
            else:
                text = message_for(expected_problems(exc) or [], self.lang)
            if self.settings_dialog is not None:
                self.settings_dialog.show_enrol_result(text)
            self.window.statusBar().showMessage(text, 10_000)

        self.runner.net(lambda: enrol_desk(store, url, code, user), done, failed)

    def set_language(self, lang: str) -> None:
        """Switch live: translators swap, widgets retranslate, problems re-render."""
        self.lang = lang
        self.translations.switch(lang)
        if self.form_view is not None:
            self.form_view.set_lang(lang)
        if self.form is not None:
            self.form.set_lang(lang)
        self.model.retranslate()
        if self.current is not None:
            self._show_detail((self.current, None, None))

    # -- status bar -----------------------------------------------------------------------
    def _sync_status(self) -> dict[str, Any]:
        return self.store.sync_status() if self.store else {}

    def _show_status(self, status: dict[str, Any]) -> None:
        w = self.window
        online = self.sync.online()
        if not status.get("enrolled", self.sync.available()):
            w.online_label.setText(self.tr("Not connected to HQ"))
        else:
            w.online_label.setText(self.tr("Online") if online else self.tr("Offline"))
        w.online_label.setToolTip("" if self.sync.available() else
                                  self.tr("Registrations are kept safely on this computer until "
                                          "the desk is connected to HQ (Settings)."))
        pending, attention = int(status.get("pending", 0)), int(status.get("needs_attention", 0))
        w.counts_label.setText(self.tr("Waiting for sync: %1 · Needs attention: %2")
                               .replace("%1", f"{pending:,}").replace("%2", f"{attention:,}"))
        last = status.get("last_success")
        w.last_sync_label.setText(self.tr("Last sync: %1").replace(
            "%1", last.astimezone().strftime("%d-%m-%Y %H:%M") if hasattr(last, "astimezone")
            else (str(last) if last else self.tr("never"))))
        w.set_attention_count(attention)

    def _show_progress(self, done: int, total: int) -> None:
        bar = self.window.progress
        bar.setVisible(done < total)
        bar.setMaximum(max(total, 1))
        bar.setValue(done)

    # -- errors and closing ---------------------------------------------------------------
    def on_error(self, exc: BaseException) -> None:
        """The funnel: expected errors → one clear message; anything else → crash dialog."""
        problems = expected_problems(exc)
        if problems is None:
            report_unexpected(exc)
            return
        inform(self.window, self.tr("RegDesk"), message_for(problems, self.lang))

    def show_crash(self, report: str) -> None:
        CrashDialog(report, self.window).open()

    def _close_requested(self, event: QCloseEvent) -> None:
        if self.form is not None and self.form.dirty and not self.locked_by and \
                not os.environ.get("REGDESK_NO_CONFIRM_QUIT"):
            event.ignore()

            def really() -> None:
                assert self.form is not None
                self.form.saved()
                self.window.close()

            ask(self.window, self.tr("Quit?"),
                self.tr("The form has unsaved changes. Quit and lose them?"), really)
            return
        if self.backups.exit_state == "idle":
            self.window.save_state(self.qsettings)  # before the page turns into the note
        if self.backups.begin_exit():  # closes the window again when the backup is done
            event.ignore()
            return
        event.accept()

    def shutdown(self) -> None:
        self.idle.pause()
        self.sync.stop()
        self.runner.shutdown()
        if self.store is not None:
            self.store.close()
