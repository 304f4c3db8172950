"""The village coverage panel (Ctrl+K, a dock of the main window): HQ's figures of the village
with their date in words, what only this desk knows, and the sponsor programmes' people and
Rupiah. Layout only: :class:`regdesk.ui.controllers.coverage.CoverageFlow` fills it from
:func:`regdesk.services.village_panel.village_panel`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from regdesk.services.village_panel import PanelRow, VillagePanel


class CoveragePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coveragePanel")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Ctrl+K lands here without programmes
        self.village = QLabel()
        self.village.setObjectName("coverageVillage")
        self.village.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.village.setWordWrap(True)
        self.as_of = QLabel()
        self.as_of.setObjectName("coverageAsOf")
        self.as_of.setStyleSheet("color: #555; font-style: italic;")
        self.as_of.setWordWrap(True)
        self.figures = QFormLayout()
        self.local_heading = QLabel()
        self.local_heading.setStyleSheet("font-weight: 600;")
        self.local = QFormLayout()
        self.programmes_heading = QLabel()
        self.programmes_heading.setStyleSheet("font-weight: 600;")
        self.model = QStandardItemModel(0, 3, self)
        self.table = QTableView()
        self.table.setObjectName("coverageProgrammes")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.no_programmes = QLabel()
        self.no_programmes.setObjectName("coverageNoProgrammes")
        self.no_programmes.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.village)
        layout.addWidget(self.as_of)
        layout.addLayout(self.figures)
        layout.addWidget(self.local_heading)
        layout.addLayout(self.local)
        layout.addWidget(self.programmes_heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.no_programmes)
        self._panel: VillagePanel | None = None
        self.retranslate()

    def show_panel(self, village: str, panel: VillagePanel) -> None:
        """Everything already in words: ``village`` the heading, ``panel`` the rows."""
        self._panel = panel
        self.village.setText(village)
        self.as_of.setText(panel.as_of)
        self._fill(self.figures, panel.figures)
        self._fill(self.local, panel.local)
        self.model.removeRows(0, self.model.rowCount())
        for row in panel.programmes:
            self.model.appendRow([QStandardItem(row.sponsor), QStandardItem(row.people),
                                  QStandardItem(row.rupiah)])
        self.table.setVisible(bool(panel.programmes))
        self.no_programmes.setVisible(not panel.programmes)

    def focus(self) -> None:
        (self.table if self.table.isVisibleTo(self) else self).setFocus()

    @staticmethod
    def _fill(form: QFormLayout, rows: list[PanelRow]) -> None:
        while form.rowCount():
            form.removeRow(0)
        for row in rows:
            value = QLabel(row.value)
            value.setObjectName(f"coverage_{row.key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(QLabel(row.label), value)

    def rows(self) -> dict[str, str]:
        """What the panel shows now, by row key (for tests and screen readers alike)."""
        found = {}
        for form in (self.figures, self.local):
            for i in range(form.rowCount()):
                item = form.itemAt(i, QFormLayout.ItemRole.FieldRole)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel):
                    found[widget.objectName().removeprefix("coverage_")] = widget.text()
        return found

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.local_heading.setText(self.tr("On this desk"))
        self.programmes_heading.setText(self.tr("Sponsor programmes"))
        self.model.setHorizontalHeaderLabels([self.tr("Sponsor"), self.tr("People"),
                                              self.tr("Rupiah")])
        self.no_programmes.setText(self.tr("No sponsor programme for this village yet."))
        self.table.setAccessibleName(self.tr("Sponsor programmes"))
