"""First-run wizard: admin account, office village, optional HQ enrolment."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from regdesk.domain.regions import RegionTable

BEKASI = "32.16"


class AccountPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.username = QLineEdit("admin")
        self.username.setObjectName("adminUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("adminName")
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit()
        self.password2.setObjectName("adminPassword2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #b00020;")
        self.form = QFormLayout(self)
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.username, self.full_name, self.password,
                                              self.password2), strict=True):
            self.form.addRow(label, field)
            field.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.form.addRow(self.hint)

    def isComplete(self) -> bool:
        ok_len = len(self.password.text()) >= 8
        same = self.password.text() == self.password2.text()
        self.hint.setText("" if (ok_len and same) or not self.password.text() else
                          self.tr("The password needs at least 8 characters, typed twice."))
        return bool(self.username.text().strip()) and ok_len and same

    def retranslate(self) -> None:
        self.setTitle(self.tr("Administrator account"))
        self.setSubTitle(self.tr("This account manages the desk and adds the clerks."))
        for label, text in zip(self.labels, (self.tr("User name"), self.tr("Full name"),
                                             self.tr("Password"), self.tr("Password again")),
                               strict=True):
            label.setText(text)


class VillagePage(QWizardPage):
    def __init__(self, regions: RegionTable) -> None:
        super().__init__()
        self.regions = regions
        self.search = QLineEdit()
        self.search.setObjectName("villageSearch")
        self.results = QListWidget()
        self.results.setObjectName("villageResults")
        layout = QVBoxLayout(self)
        self.label = QLabel()
        layout.addWidget(self.label)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        self.search.textChanged.connect(self._filter)
        self.results.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.search.returnPressed.connect(self.results.setFocus)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.results.clear()
        for region in self.regions.villages_matching(text, within=BEKASI, limit=200):
            kec = self.regions.name(region.code.rsplit(".", 1)[0]) or ""
            item = QListWidgetItem(f"{region.name} — {kec} ({region.code})")
            item.setData(Qt.ItemDataRole.UserRole, region.code)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.completeChanged.emit()

    def village(self) -> str | None:
        item = self.results.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def isComplete(self) -> bool:
        return self.village() is not None

    def retranslate(self) -> None:
        self.setTitle(self.tr("Office village"))
        self.setSubTitle(self.tr("New registrations use this village, its kecamatan and "
                                 "postal code."))
        self.label.setText(self.tr("Type part of the village name:"))


class HqPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.url = QLineEdit()
        self.url.setObjectName("hqUrl")
        self.code = QLineEdit()
        self.code.setObjectName("hqCode")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.form = QFormLayout(self)
        self.url_label, self.code_label = QLabel(), QLabel()
        self.form.addRow(self.url_label, self.url)
        self.form.addRow(self.code_label, self.code)
        self.form.addRow(self.note)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Connect to HQ (optional)"))
        self.setSubTitle(self.tr("You can skip this and do it later in Settings."))
        self.url_label.setText(self.tr("HQ address"))
        self.code_label.setText(self.tr("Enrolment code"))
        self.note.setText(self.tr("With an address and a code the desk connects when you press "
                                  "Finish. Registrations are kept safely on this computer until "
                                  "it is connected."))


class FirstRunWizard(QWizard):
    """Emits ``submitted(username, full_name, password, village, hq_url, hq_code)`` on Finish
    (the desk enrols with HQ after the account exists, when both URL and code are given)."""

    submitted = Signal(str, str, str, str, str, str)

    def __init__(self, regions: RegionTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.account = AccountPage()
        self.village = VillagePage(regions)
        self.hq = HqPage()
        for page in (self.account, self.village, self.hq):
            self.addPage(page)
        self.resize(640, 480)
        self.retranslate()

    def accept(self) -> None:
        village = self.village.village() or ""
        self.submitted.emit(self.account.username.text().strip(),
                            self.account.full_name.text().strip(),
                            self.account.password.text(), village, self.hq.url.text().strip(),
                            self.hq.code.text().strip())
        super().accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("RegDesk — first start"))
        for button, text in ((QWizard.WizardButton.BackButton, self.tr("< Back")),
                             (QWizard.WizardButton.NextButton, self.tr("Next >")),
                             (QWizard.WizardButton.FinishButton, self.tr("Finish")),
                             (QWizard.WizardButton.CancelButton, self.tr("Cancel"))):
            self.setButtonText(button, text)
        for page in (self.account, self.village, self.hq):
            page.retranslate()
