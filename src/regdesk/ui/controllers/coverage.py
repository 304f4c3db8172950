"""The village coverage panel in the app (Ctrl+K): read on the search thread
(:func:`regdesk.services.village_panel.village_panel`, a few small queries) when it is
shown, after each sync and after each save, and shown in words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from regdesk.services import village_panel

if TYPE_CHECKING:
    from regdesk.ui.session import DeskSession
    from regdesk.ui.views.main_window import MainWindow


class CoverageFlow(QObject):
    def __init__(self, session: DeskSession, window: MainWindow) -> None:
        super().__init__(window)
        self.session, self.window = session, window
        self.shown: village_panel.VillagePanel | None = None  # the last panel shown

    def toggled(self, on: bool) -> None:
        if on:
            self.refresh()

    def refresh(self, *_args: Any) -> None:
        """Read the panel again if it is open (a closed panel reads nothing)."""
        if self.session.locked or not self.window.act_coverage.isChecked():
            return
        store, lang = self.session.store, self.session.lang
        self.session.runner.search(lambda: village_panel.village_panel(store, lang=lang),
                                   self._show)

    def village_text(self) -> str:
        regions, code = self.session.ctx.regions, self.session.village
        village = regions.name(code) or code
        kecamatan = regions.name(code.rsplit(".", 1)[0]) if code else None
        return self.tr("%1, Kecamatan %2").replace("%1", village).replace(
            "%2", kecamatan) if kecamatan else village

    def _show(self, panel: village_panel.VillagePanel) -> None:
        self.shown = panel
        self.window.coverage.show_panel(self.village_text(), panel)
