"""The long-job panel: what runs, how far (done/total), the time left, and Cancel.

It sits in the status bar's right end while a job runs (the sync state keeps the left);
Cancel (or Esc while the panel has the focus, or Esc in the main window when no dialog is
open) asks the job to stop at its next step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from regdesk.i18n.formats import number


class JobPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobPanel")
        self.title = QLabel()
        self.title.setObjectName("jobTitle")
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.detail = QLabel()
        self.detail.setObjectName("jobDetail")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("jobCancel")
        self.cancel_button.setToolTip(self.tr("Stop this job (Esc); nothing half-done is kept"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.bar, self.detail, self.cancel_button):
            layout.addWidget(widget)
        self.on_cancel: Callable[[], None] | None = None
        self.cancel_button.clicked.connect(self.cancel)
        self.hide()

    def start(self, title: str, on_cancel: Callable[[], None]) -> None:
        self.title.setText(title)
        self.on_cancel = on_cancel
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.detail.setText(self.tr("Starting…"))
        self.cancel_button.setEnabled(True)
        self.show()

    def update_progress(self, done: int, total: int, left: float | None) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))
        text = self.tr("%1 of %2").replace("%1", number(done)).replace("%2", number(total))
        if left is not None and done < total:
            text += " · " + self.eta_text(left)
        self.detail.setText(text)

    def eta_text(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("about %1 s left").replace("%1", number(max(1, round(seconds))))
        return self.tr("about %1 min left").replace("%1", number(round(seconds / 60)))

    def cancel(self) -> None:
        if self.on_cancel is not None:
            self.cancel_button.setEnabled(False)
            self.detail.setText(self.tr("Cancelling…"))
            self.on_cancel()

    def finish(self) -> None:
        self.on_cancel = None
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.on_cancel is not None:
            self.cancel()
            return
        super().keyPressEvent(event)
