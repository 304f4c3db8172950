"""The controllers of one signed-in session, and how they talk to each other and to the
window's menus. Made at sign-in (again when another clerk signs in); :meth:`close` undoes
every connection so nothing of a finished session still answers the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QCloseEvent

from regdesk.ui.controllers.backups import BackupFlow
from regdesk.ui.controllers.connections import Connections
from regdesk.ui.controllers.coverage import CoverageFlow
from regdesk.ui.controllers.dues import DueFlow
from regdesk.ui.controllers.form_flow import FormFlow, FormParts
from regdesk.ui.controllers.imports import ImportFlow
from regdesk.ui.controllers.jobs import JobsFlow
from regdesk.ui.controllers.printing import PrintFlow
from regdesk.ui.controllers.prospects import ProspectsFlow
from regdesk.ui.controllers.registrations_list import RegistrationsListController
from regdesk.ui.controllers.renew import RenewFlow
from regdesk.ui.controllers.settings import SettingsController
from regdesk.ui.controllers.transfer import TransferFlow
from regdesk.ui.engine_sync import EngineSync
from regdesk.ui.models.registrations import RegistrationsModel
from regdesk.ui.session import DeskSession
from regdesk.ui.views.dialogs import ask
from regdesk.ui.views.main_window import MainWindow
from regdesk.ui.views.settings import SettingsDialog


class Workspace:
    def __init__(self, session: DeskSession, window: MainWindow, model: RegistrationsModel,
                 sync: EngineSync, *, form: FormParts | None, auto_backup: bool,
                 on_applied: Callable[[dict[str, Any]], None]) -> None:
        self.session, self.window, self.model = session, window, model
        self.list = RegistrationsListController(session, window, model)
        self.form = FormFlow(session, window, form)
        self.jobs = JobsFlow(session, window)
        self.printing = PrintFlow(session, window, model, jobs=self.jobs)
        self.dues = DueFlow(session, window, self.printing, self.jobs)
        self.backups = BackupFlow(session, window, automatic=auto_backup)
        self.transfer = TransferFlow(session, window, jobs=self.jobs)
        self.imports = ImportFlow(session, window, jobs=self.jobs)
        self.prospects = ProspectsFlow(session, window, self.form)
        self.coverage = CoverageFlow(session, window)
        self.renew = RenewFlow(session, window, self.list)
        self.settings = SettingsController(
            session, lambda values, users: SettingsDialog(values, users, window),
            on_applied=on_applied, on_enrolled=self._enrolled)
        self._wired = Connections()
        self._wire_flows(sync)
        self._wire_menus()

    def _wire_flows(self, sync: EngineSync) -> None:
        c = self._wired.connect
        c(self.list.edit_requested, self.form.edit)
        c(self.list.print_requested, self.printing.print_receipt)
        c(self.form.saved, self._saved)
        c(self.imports.imported, self.list.reload)
        c(self.transfer.applied, self.model.refresh)
        c(self.transfer.applied, self.coverage.refresh)
        c(self.imports.imported, self.coverage.refresh)
        c(self.backups.exit_done, self.window.close)
        c(sync.finished, self._sync_finished)

    def _wire_menus(self) -> None:
        c, w = self._wired.connect, self.window
        c(w.act_new.triggered, self.form.new)
        # the "Saved" banner goes with the next action
        for signal in (w.act_new.triggered, w.search_changed, self.list.edit_requested,
                       w.act_print_receipt.triggered, w.filters_changed):
            c(signal, lambda *_a: w.banner.hide())
        c(w.act_settings.triggered, self.settings.open)
        c(w.banner_print.clicked, lambda: self.printing.print_receipt(self.form.last_saved))
        c(w.act_print_receipt.triggered, lambda: self.printing.print_receipt(self.list.current))
        c(w.act_print_cards.triggered, self.printing.print_selected_cards)
        c(w.act_print_ready.triggered, self.printing.print_ready_cards)
        c(w.act_recap.triggered, self.printing.ask_recap)
        c(w.act_due.triggered, self.dues.open)
        c(w.act_coverage.toggled, self.coverage.toggled)
        c(w.act_import.triggered, self.imports.open)
        c(w.act_needs_fixing.triggered, self._export_needs_fixing)
        c(w.act_prospects.triggered, self.prospects.open)
        c(w.act_renew.triggered, self.renew.open)
        c(w.act_backup.triggered, self.backups.backup_now)
        c(w.act_transfer_export.triggered, self.transfer.export_bundle)
        c(w.act_transfer_receipt.triggered, self.transfer.import_receipt)

    def _export_needs_fixing(self) -> None:
        path: Path | None = self.transfer.ask_save_path(
            QCoreApplication.translate("DeskApp", "Save the “Needs fixing” list"),
            "perlu-diperbaiki.xlsx")
        self.imports.export_needs_fixing(path)

    def _enrolled(self, device: Any) -> None:
        """HQ decides the office village."""
        self.session.village = device.village_code
        self.form.set_village(device.village_code)
        self.session.sync.refresh_status()

    def _saved(self, view: Any) -> None:
        self.list.reload_selecting(view.uuid)
        self.session.sync.refresh_status()
        self.coverage.refresh()  # one more record HQ has not answered

    def _sync_finished(self, _summary: Any) -> None:
        self.window.progress.hide()
        self.list.refresh_after_sync()
        self.form.refresh_programmes()
        self.coverage.refresh()

    def set_lang(self, lang: str) -> None:
        self.session.lang = lang
        self.form.set_lang(lang)
        self.list.retranslate()
        self.coverage.refresh()

    def close_requested(self, event: QCloseEvent, save_state: Callable[[], None]) -> None:
        """Closing: ask before losing an unsaved form; make the exit backup first."""
        if self.form.dirty and not self.session.locked:
            event.ignore()

            def really() -> None:
                self.form.forget()
                self.window.close()

            ask(self.window, QCoreApplication.translate("DeskApp", "Quit?"),
                QCoreApplication.translate(
                    "DeskApp", "The form has unsaved changes. Quit and lose them?"), really)
            return
        if self.backups.exit_state == "idle":
            save_state()  # before the page turns into the note
        if self.backups.begin_exit():  # closes the window again when the backup is done
            event.ignore()
            return
        event.accept()

    def close(self) -> None:
        """The session is over: no more answers to the window, no more backups."""
        self._wired.close()
        self.list.close()
        self.form.close()
        self.backups.stop()
