"""Small choices before printing: the card stock, and the period of the village recap."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from regdesk.ui.views.dialogs import label_buttons


class CardStockDialog(QDialog):
    """A4 sheet with 10 cards (office printers) or single CR80 cards (card printers)."""

    def __init__(self, count_text: str, parent: QWidget | None = None, *,
                 printers: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardStockDialog")
        self.setWindowTitle(self.tr("Print member cards"))
        text = QLabel(count_text)
        text.setWordWrap(True)
        self.a4 = QRadioButton(self.tr("A4 sheet, 10 cards per page (office printer)"))
        self.a4.setObjectName("stockA4")
        self.cr80 = QRadioButton(self.tr("Single cards, CR80 (card printer)"))
        self.cr80.setObjectName("stockCr80")
        self.a4.setChecked(True)
        self.printer_choice = QComboBox()
        self.printer_choice.setObjectName("cardPrinter")
        self.printer_choice.setAccessibleName(self.tr("Printer"))
        for name in printers or []:
            self.printer_choice.addItem(name, name)
        self.printer_choice.addItem(self.tr("No printer: save as PDF"), "")
        printer_label = QLabel(self.tr("Printer (its calibration places the cards):"))
        printer_label.setBuddy(self.printer_choice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        label_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (text, self.a4, self.cr80, printer_label, self.printer_choice,
                       self.buttons):
            layout.addWidget(widget)

    def stock(self) -> str:
        return "cr80" if self.cr80.isChecked() else "a4-10"

    def printer(self) -> str | None:
        """The printer the cards are drawn for (``None``: only saved as PDF)."""
        return self.printer_choice.currentData() or None


class RecapDialog(QDialog):
    """The village recap for one month (default: this month) or one day."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recapDialog")
        self.setWindowTitle(self.tr("Village recap"))
        self.by_month = QRadioButton(self.tr("Month"))
        self.by_month.setObjectName("recapByMonth")
        self.month = QDateEdit(QDate(today.year, today.month, 1))
        self.month.setObjectName("recapMonth")
        self.month.setDisplayFormat("MM/yyyy")
        self.by_day = QRadioButton(self.tr("Day"))
        self.by_day.setObjectName("recapByDay")
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("recapDay")
        self.day.setDisplayFormat("dd-MM-yyyy")
        self.day.setCalendarPopup(True)
        self.by_month.setChecked(True)
        self.by_month.toggled.connect(self._toggled)
        self._toggled(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        label_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.by_month, self.month, self.by_day, self.day, self.buttons):
            layout.addWidget(widget)

    def _toggled(self, by_month: bool) -> None:
        self.month.setEnabled(by_month)
        self.day.setEnabled(not by_month)

    def period(self) -> tuple[str, str | date]:
        """``("month", "YYYY-MM")`` or ``("day", date)``."""
        if self.by_month.isChecked():
            d = self.month.date()
            return "month", f"{d.year():04d}-{d.month():02d}"
        d = self.day.date()
        return "day", date(d.year(), d.month(), d.day())
