"""The village's due and lapsed list on screen: who, phone, KPJ, state, pay by, amount; a
ready reminder to copy per person (Ctrl+C), the list as xlsx or as the printable PDF.

Layout and wiring only: :class:`regdesk.ui.controllers.dues.DueFlow` fills it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from regdesk.ui.views.list_body import list_body

# the window choices, in combo order: (key, within days, states) — see DueFlow.load
DUE_CHOICES = ("month", "30d", "lapsed")


class DueListDialog(QDialog):
    choice_changed = Signal(str)
    copy_requested = Signal(int)  # the row
    save_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dueListDialog")
        self.setWindowTitle(self.tr("Due and lapsed list"))
        self.choice = QComboBox()
        self.choice.setObjectName("dueChoice")
        self.choice.setAccessibleName(self.tr("Who to list"))
        for key, text in zip(DUE_CHOICES, (self.tr("Due by the end of this month"),
                                           self.tr("Due in the next 30 days"),
                                           self.tr("In grace or inactive")), strict=True):
            self.choice.addItem(text, key)
        self.choice.currentIndexChanged.connect(
            lambda _i: self.choice_changed.emit(str(self.choice.currentData())))
        self.summary = QLabel()
        self.summary.setObjectName("dueSummary")
        self.model, self.table, self.empty, self.body = list_body(self, "due", [
            self.tr("Name"), self.tr("Mobile"), self.tr("KPJ"), self.tr("Membership"),
            self.tr("Pay by"), self.tr("Amount")])
        self.copy_button = QPushButton(self.tr("&Copy reminder"))
        self.copy_button.setObjectName("dueCopy")
        self.copy_button.setToolTip(self.tr("The ready SMS/WhatsApp text for the chosen person "
                                            "(Ctrl+C)"))
        self.save_button = QPushButton(self.tr("Save as &Excel…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.copy_button.clicked.connect(self._copy)
        self.save_button.clicked.connect(self.save_requested.emit)
        self.print_button.clicked.connect(self.print_requested.emit)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Copy, self.table, self._copy)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.save_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        top = QHBoxLayout()
        top.addWidget(self.choice)
        top.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body, 1)
        layout.addLayout(buttons)
        self.resize(900, 520)

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _copy(self) -> None:
        if self.current_row() >= 0:
            self.copy_requested.emit(self.current_row())

    def show_rows(self, rows: list[tuple[str, ...]], summary: str, empty: str) -> None:
        """``rows``: the cells in column order, already in words; ``empty``: said in place of
        an empty table."""
        self.model.removeRows(0, self.model.rowCount())
        for cells in rows:
            self.model.appendRow([QStandardItem(c) for c in cells])
        self.summary.setText(summary)
        self.empty.setText(empty)
        self.body.setCurrentWidget(self.table if rows else self.empty)
        for b in (self.copy_button, self.save_button, self.print_button):
            b.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(0)
            self.table.setFocus()
