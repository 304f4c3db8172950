"""Login / lock page: one per clerk; also shown when the desk auto-locks."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LoginPage(QWidget):
    login_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginPage")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setObjectName("lockNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("loginError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.form = QFormLayout()
        self.user_label, self.password_label = QLabel(), QLabel()
        self.form.addRow(self.user_label, self.username)
        self.form.addRow(self.password_label, self.password)
        box = QWidget()
        box.setMaximumWidth(420)
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addWidget(self.note)
        inner.addLayout(self.form)
        inner.addWidget(self.error)
        inner.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self._locked_by: str | None = None
        self.retranslate()

    def _submit(self) -> None:
        self.error.clear()
        self.login_requested.emit(self.username.text(), self.password.text())

    def prepare(self, locked_by: str | None) -> None:
        """Fresh login (``None``) or a lock with an unsaved form kept for ``locked_by``."""
        self._locked_by = locked_by
        self.password.clear()
        self.error.clear()
        if locked_by:
            self.username.setText(locked_by)
            self.password.setFocus()
        else:
            self.username.setFocus()
        self.retranslate()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.password.selectAll()
        self.password.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("RegDesk — sign in"))
        self.note.setText(self.tr("The desk was locked. Your unsaved work is kept; sign in to "
                                  "continue, or sign in as another clerk.")
                          if self._locked_by else "")
        self.user_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.button.setText(self.tr("Sign in"))
