"""The transient notification over the main window and the small Aktivitas dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from regdesk.ui.controllers.activity import Activity, ActivityLog
from regdesk.ui.labels import TONE_COLOURS

SHOWN_MS = 6000  # a notification without its own time stays this long


class Toast(QLabel):
    """One line at the bottom right of the window, above the status bar; it goes away by
    itself (or stays, for "Preparing the PDF…", until the next message)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setMargin(8)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def show_text(self, text: str, ms: int = SHOWN_MS, *, error: bool = False) -> None:
        fg, bg = TONE_COLOURS["bad" if error else "wait"]
        self.setStyleSheet(f"#toast {{ color: {fg}; background: {bg}; border: 1px solid {fg};"
                           " border-radius: 4px; }")
        self.setText(text)
        self._place()
        self.show()
        self.raise_()
        self.timer.stop()
        if ms > 0:
            self.timer.start(ms)

    def dismiss(self) -> None:
        self.timer.stop()
        self.hide()

    def _place(self) -> None:
        parent = self.parentWidget()
        width = min(520, max(240, parent.width() // 2))
        self.setFixedWidth(width)
        self.adjustSize()
        bottom = parent.height() - 40  # above the status bar
        self.move(parent.width() - width - 16, bottom - self.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


class ActivityDialog(QDialog):
    """The session's last results, newest first; "Open file" and "Open folder" for those
    with a file."""

    def __init__(self, log: ActivityLog, open_path: Callable[[Path], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityDialog")
        self.log, self.open_path = log, open_path
        self.setWindowTitle(self.tr("Activity"))
        self.list = QListWidget()
        self.list.setObjectName("activityList")
        self.empty = QLabel(self.tr("Nothing yet in this session."))
        self.empty.setObjectName("activityEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("activityCount")
        self.open_file_button = QPushButton(self.tr("Open file"))
        self.open_folder_button = QPushButton(self.tr("Open folder"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_file_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.open_file_button.clicked.connect(lambda: self._open(folder=False))
        self.open_folder_button.clicked.connect(lambda: self._open(folder=True))
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.list.itemActivated.connect(lambda _item: self._open(folder=False))
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.empty, 1)  # in place of the empty list
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)
        log.listeners.append(self.refresh)
        self.finished.connect(lambda _r: self._detach())
        self.refresh()

    def _detach(self) -> None:
        if self.refresh in self.log.listeners:
            self.log.listeners.remove(self.refresh)

    def refresh(self) -> None:
        self.list.clear()
        for entry in self.log.entries:
            item = QListWidgetItem(entry.line())
            if entry.path is not None:
                item.setToolTip(str(entry.path))
            if entry.error:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
        self.empty.setVisible(not self.log.entries)
        self.list.setVisible(bool(self.log.entries))
        self.count.setVisible(bool(self.log.entries))
        self.count.setText(self.tr("%n result(s)", "", len(self.log.entries)))
        if self.log.entries:
            self.list.setCurrentRow(0)
        self._enable()

    def current(self) -> Activity | None:
        row = self.list.currentRow()
        return self.log.entries[row] if 0 <= row < len(self.log.entries) else None

    def _enable(self) -> None:
        entry = self.current()
        has_file = entry is not None and entry.path is not None
        self.open_file_button.setEnabled(has_file)
        self.open_folder_button.setEnabled(has_file)

    def _open(self, *, folder: bool) -> None:
        entry = self.current()
        if entry is None or entry.path is None:
            return
        self.open_path(entry.path.parent if folder else entry.path)
