"""Settings: HQ address, language, auto-lock, backup folder and (admins) users."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from regdesk.store.views import UserInfo
from regdesk.ui.views.dialogs import label_buttons


class SettingsDialog(QDialog):
    """``apply_requested(values)`` with keys hq_url, language, auto_lock_minutes, backup_dir;
    ``add_user_requested(username, full_name, password, role)`` (admins only)."""

    apply_requested = Signal(dict)
    add_user_requested = Signal(str, str, str, str)
    enrol_requested = Signal(str, str)

    def __init__(self, values: dict[str, Any], users: list[UserInfo] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.hq_url = QLineEdit(values.get("hq_url") or "")
        self.hq_url.setObjectName("hqUrl")
        self.enrol_code = QLineEdit()
        self.enrol_code.setObjectName("enrolCode")
        self.enrol = QPushButton()
        self.enrol.setObjectName("enrolButton")
        self.can_enrol = users is not None  # admins only
        self.enrol.setEnabled(self.can_enrol)
        self.enrol_code.setEnabled(self.can_enrol)
        self.enrol.clicked.connect(lambda: self.enrol_requested.emit(
            self.hq_url.text().strip(), self.enrol_code.text().strip()))
        self.enrol_status = QLabel(values.get("enrolled_text") or "")
        self.enrol_status.setObjectName("enrolStatus")
        self.enrol_status.setWordWrap(True)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(values.get("language"))))
        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("autoLock")
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setValue(int(values.get("auto_lock_minutes") or 0))
        self.backup_dir = QLineEdit(values.get("backup_dir") or "")
        self.backup_dir.setObjectName("backupDir")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_dir, 1)
        backup_row.addWidget(self.browse)
        self.encryption = QLabel(values.get("encryption_text") or "")
        self.encryption.setObjectName("encryptionStatus")
        self.encryption.setWordWrap(True)
        self.labels = {k: QLabel() for k in ("hq_url", "code", "language", "auto_lock",
                                            "backup", "encryption")}
        self.general = QGroupBox()
        form = QFormLayout(self.general)
        form.addRow(self.labels["hq_url"], self.hq_url)
        form.addRow(self.labels["code"], self.enrol_code)
        form.addRow("", self.enrol)
        form.addRow("", self.enrol_status)
        form.addRow(self.labels["language"], self.language)
        form.addRow(self.labels["auto_lock"], self.auto_lock)
        form.addRow(self.labels["backup"], backup_row)
        form.addRow(self.labels["encryption"], self.encryption)

        self.users_box = QGroupBox()
        self.users_box.setVisible(users is not None)
        self.user_list = QListWidget()
        self.new_username = QLineEdit()
        self.new_username.setObjectName("newUsername")
        self.new_full_name = QLineEdit()
        self.new_password = QLineEdit()
        self.new_password.setObjectName("newPassword")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_role = QComboBox()
        self.add_user = QPushButton()
        self.add_user.setObjectName("addUser")
        self.add_user.clicked.connect(self._add_user)
        self.user_labels = [QLabel() for _ in range(4)]
        ulayout = QVBoxLayout(self.users_box)
        ulayout.addWidget(self.user_list)
        uform = QFormLayout()
        for label, field in zip(self.user_labels, (self.new_username, self.new_full_name,
                                                   self.new_password, self.new_role),
                                strict=True):
            uform.addRow(label, field)
        ulayout.addLayout(uform)
        ulayout.addWidget(self.add_user)
        self.set_users(users or [])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addWidget(self.users_box)
        layout.addWidget(self.buttons)
        self.retranslate()

    def values(self) -> dict[str, Any]:
        return {"hq_url": self.hq_url.text().strip() or None,
                "language": self.language.currentData(),
                "auto_lock_minutes": self.auto_lock.value(),
                "backup_dir": self.backup_dir.text().strip() or None}

    def _apply(self) -> None:
        self.apply_requested.emit(self.values())

    def _add_user(self) -> None:
        self.add_user_requested.emit(self.new_username.text(), self.new_full_name.text(),
                                     self.new_password.text(), self.new_role.currentData())

    def show_enrol_result(self, text: str) -> None:
        self.enrol_status.setText(text)

    def set_users(self, users: list[UserInfo]) -> None:
        self.user_list.clear()
        for u in users:
            self.user_list.addItem(f"{u.username} — {u.full_name} ({u.role})")
        self.new_username.clear()
        self.new_password.clear()
        self.new_full_name.clear()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"),
                                                  self.backup_dir.text())
        if folder:
            self.backup_dir.setText(folder)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.general.setTitle(self.tr("This desk"))
        self.labels["hq_url"].setText(self.tr("HQ address"))
        self.labels["code"].setText(self.tr("Enrolment code"))
        self.enrol.setText(self.tr("Enrol with HQ"))
        self.labels["language"].setText(self.tr("Language"))
        self.labels["auto_lock"].setText(self.tr("Lock after (minutes idle, 0 = never)"))
        self.labels["backup"].setText(self.tr("Backup folder"))
        self.labels["encryption"].setText(self.tr("Encryption"))
        self.browse.setText(self.tr("Choose…"))
        self.users_box.setTitle(self.tr("Users"))
        for label, text in zip(self.user_labels, (self.tr("User name"), self.tr("Full name"),
                                                  self.tr("Password"), self.tr("Role")),
                               strict=True):
            label.setText(text)
        self.add_user.setText(self.tr("Add user"))
        label_buttons(self.buttons)
        current = self.new_role.currentData()
        self.new_role.clear()
        for code, text in (("operator", self.tr("Clerk")), ("supervisor", self.tr("Supervisor")),
                           ("admin", self.tr("Administrator"))):
            self.new_role.addItem(text, code)
        self.new_role.setCurrentIndex(max(0, self.new_role.findData(current)))
