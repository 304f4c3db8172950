"""Small dialogs: crash report, cancel-with-reason, non-blocking questions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    """Unexpected error: apologise, show the (personal-data-free) report, offer to copy it."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("RegDesk — unexpected error"))
        self.report = report
        text = QLabel(self.tr("Something went wrong. Your saved registrations are safe. "
                              "Please copy this report and send it to your supervisor."))
        text.setWordWrap(True)
        details = QPlainTextEdit(report)
        details.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.copy_button.setObjectName("copyReport")
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        label_buttons(buttons)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(details)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every key the desk answers to, read from the actions."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (what, keys) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(what))
            self.table.setItem(r, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        label_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(520, 480)


class CancelDialog(QDialog):
    """Cancel a registration: a reason is required."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self.setWindowTitle(self.tr("Cancel registration"))
        label = QLabel(self.tr("Why is the registration of %1 cancelled?").replace("%1", name))
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("cancelReason")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        label_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda t: ok.setEnabled(len(t.strip()) >= 3))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)


def label_buttons(box: QDialogButtonBox | QMessageBox) -> None:
    """Qt ships no Indonesian ``qtbase`` catalogue: name the standard buttons ourselves."""
    sb = QDialogButtonBox.StandardButton if isinstance(box, QDialogButtonBox) \
        else QMessageBox.StandardButton
    names = {"Ok": QCoreApplication.translate("Buttons", "OK"),
             "Cancel": QCoreApplication.translate("Buttons", "Cancel"),
             "Save": QCoreApplication.translate("Buttons", "Save"),
             "Close": QCoreApplication.translate("Buttons", "Close"),
             "Yes": QCoreApplication.translate("Buttons", "Yes"),
             "No": QCoreApplication.translate("Buttons", "No")}
    for name, text in names.items():
        button = box.button(getattr(sb, name))
        if button is not None:
            button.setText(text)


def ask(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A yes/no question that does not block the event loop (``open``, not ``exec``)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("question")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    label_buttons(box)

    def done(result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            on_yes()
        box.deleteLater()

    box.finished.connect(done)
    box.open()
    return box


def confirm_personal_file(parent: QWidget, path: Path, write: Callable[[], None]) -> QMessageBox:
    """Ask (yes/no, "no" by default) before a file with personal data is written; the GUI
    writes NIKs masked (whole NIKs only through ``regdesk … --full-nik``)."""
    title = QCoreApplication.translate("PersonalData", "Personal data")
    text = QCoreApplication.translate(
        "PersonalData", "This file holds personal data (names, masked NIKs, phone numbers): "
        "%1. Keep it somewhere safe and delete it when no longer needed. Continue?")
    return ask(parent, title, text.replace("%1", path.name), write)


def inform(parent: QWidget, title: str, text: str) -> QMessageBox:
    """One clear message, non-blocking."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                      parent)
    box.setObjectName("message")
    label_buttons(box)
    box.finished.connect(lambda _r: box.deleteLater())
    box.open()
    return box
