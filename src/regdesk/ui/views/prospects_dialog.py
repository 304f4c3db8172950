"""The campaign's worklists on screen: who is on which list, how far each has got, how much
of each list has been reached; a visit recorded, a person registered from the list.

Layout and wiring only: :class:`regdesk.ui.controllers.prospects.ProspectsFlow` fills it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from regdesk.ui.views.list_body import list_body


class ProspectsDialog(QDialog):
    filter_changed = Signal()
    mark_requested = Signal(int, str)  # row, status
    register_requested = Signal(int)  # row
    load_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prospectsDialog")
        self.setWindowTitle(self.tr("Prospect worklists"))
        self.lists = QComboBox()
        self.lists.setObjectName("prospectLists")
        self.lists.setAccessibleName(self.tr("List"))
        self.status = QComboBox()
        self.status.setObjectName("prospectStatus")
        self.status.setAccessibleName(self.tr("Status"))
        for combo in (self.lists, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.coverage = QLabel()
        self.coverage.setObjectName("prospectCoverage")
        self.coverage.setWordWrap(True)
        self.model, self.table, self.empty, self.body = list_body(self, "prospect", [
            self.tr("List"), self.tr("Row"), self.tr("Name"), self.tr("Mobile"),
            self.tr("Status"), self.tr("Reason")])
        self.reason = QLineEdit()
        self.reason.setObjectName("prospectReason")
        self.reason.setPlaceholderText(self.tr("Why they refused (needed for “Refused”)"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.message = QLabel()
        self.message.setObjectName("prospectMessage")
        self.message.setWordWrap(True)
        self.register_button = QPushButton(self.tr("&Register…"))
        self.register_button.setToolTip(self.tr("A new registration form with this person's "
                                                "NIK, name and mobile filled in"))
        self.contacted_button = QPushButton(self.tr("&Contacted"))
        self.refused_button = QPushButton(self.tr("Re&fused"))
        self.not_visited_button = QPushButton(self.tr("&Not visited yet"))
        self.load_button = QPushButton(self.tr("&Load a list (Excel/CSV)…"))
        self.load_button.setToolTip(self.tr("People not yet registered, with NIK and name: "
                                            "one bad row and nothing is loaded"))
        self.close_button = QPushButton(self.tr("Close"))
        self.load_button.clicked.connect(self.load_requested.emit)
        self.register_button.clicked.connect(self._register)
        for button, status in ((self.contacted_button, "contacted"),
                               (self.refused_button, "refused"),
                               (self.not_visited_button, "not_visited")):
            button.clicked.connect(lambda _c=False, s=status: self._mark(s))
        self.close_button.clicked.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self._register())
        top = QHBoxLayout()
        top.addWidget(self.lists, 1)
        top.addWidget(self.status)
        marks = QHBoxLayout()
        marks.addWidget(self.reason, 1)
        for b in (self.contacted_button, self.refused_button, self.not_visited_button):
            marks.addWidget(b)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.load_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.coverage)
        layout.addWidget(self.body, 1)
        layout.addLayout(marks)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(960, 560)

    def set_choices(self, lists: list[tuple[str, str]], statuses: list[tuple[str, str]]
                    ) -> None:
        """(text, key) pairs of the two filters; the first of each is "all"."""
        for combo, choices in ((self.lists, lists), (self.status, statuses)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, key in choices:
                combo.addItem(text, key)
            found = combo.findData(current)
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def chosen(self) -> tuple[str, str]:
        """The list and status filters' keys (``""``: all)."""
        return str(self.lists.currentData() or ""), str(self.status.currentData() or "")

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def _register(self) -> None:
        if self.current_row() >= 0:
            self.register_requested.emit(self.current_row())

    def _mark(self, status: str) -> None:
        if self.current_row() >= 0:
            self.mark_requested.emit(self.current_row(), status)

    def show_rows(self, rows: list[tuple[str, ...]], coverage: str, empty: str,
                  select: int = 0) -> None:
        """``rows``: the cells in column order, already in words."""
        self.model.removeRows(0, self.model.rowCount())
        for cells in rows:
            self.model.appendRow([QStandardItem(c) for c in cells])
        self.coverage.setText(coverage)
        self.empty.setText(empty)
        self.body.setCurrentWidget(self.table if rows else self.empty)
        for b in (self.register_button, self.contacted_button, self.refused_button,
                  self.not_visited_button):
            b.setEnabled(bool(rows))
        if rows:
            self.table.selectRow(min(max(select, 0), len(rows) - 1))
            self.table.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
