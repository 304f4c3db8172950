"""A further paid period for the selected member: how many months, a sponsor programme open
for the member (which decides funding, sponsor and budget reference) or the funding and
sponsor typed, the period and fee it gives, and Record.

Layout and wiring only: :class:`regdesk.ui.controllers.renew.RenewFlow` fills it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from regdesk.domain.fees import PAYMENT_PERIODS
from regdesk.ui.views.dialogs import label_buttons


class RenewDialog(QDialog):
    changed = Signal()  # any choice: the controller plans again
    record_requested = Signal()

    def __init__(self, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("renewDialog")
        self.setWindowTitle(self.tr("Renew membership"))
        self.person = QLabel(person)
        self.months = QComboBox()
        self.months.setObjectName("renewMonths")
        for n in PAYMENT_PERIODS:
            self.months.addItem(self.tr("%n month(s)", "", n), n)
        self.programme = QComboBox()
        self.programme.setObjectName("renewProgramme")
        self.funding = QComboBox()
        self.funding.setObjectName("renewFunding")
        self.sponsor = QLineEdit()
        self.sponsor.setObjectName("renewSponsor")
        self.budget = QLineEdit()
        self.budget.setObjectName("renewBudget")
        self.preview = QLabel()
        self.preview.setObjectName("renewPreview")
        self.preview.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("renewMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Member"), self.person)
        form.addRow(self.tr("&Months"), self.months)
        form.addRow(self.tr("Sponsor &programme"), self.programme)
        form.addRow(self.tr("&Funding"), self.funding)
        form.addRow(self.tr("&Sponsor"), self.sponsor)
        form.addRow(self.tr("&Budget reference"), self.budget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.record_button.setDefault(True)
        label_buttons(buttons)
        self.record_button.setText(self.tr("&Record renewal"))
        buttons.accepted.connect(self.record_requested.emit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for combo in (self.months, self.programme, self.funding):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for line in (self.sponsor, self.budget):
            line.editingFinished.connect(self.changed.emit)

    def set_decided(self, decided: bool, funding: str = "", sponsor: str = "",
                    budget: str = "") -> None:
        """A programme picked fills and locks the fields it decides."""
        self.funding.setEnabled(not decided)
        self.sponsor.setReadOnly(decided)
        self.budget.setReadOnly(decided)
        if decided:
            index = self.funding.findData(funding)
            self.funding.blockSignals(True)
            self.funding.setCurrentIndex(max(index, 0))
            self.funding.blockSignals(False)
            self.sponsor.setText(sponsor)
            self.budget.setText(budget)
