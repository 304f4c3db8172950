"""The :class:`~regdesk.ui.session.Notify` of the main window: transient notifications
and the Aktivitas list (never the status bar, which shows sync state only), message boxes,
the error funnel and the system viewer for PDFs and reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow

from regdesk.ui.errors import expected_text, report_unexpected
from regdesk.ui.views.dialogs import CrashDialog, inform
from regdesk.ui.views.main_window import MainWindow


def _open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _file_text(exc: OSError) -> str:
    return QCoreApplication.translate("ImportFlow", "The file could not be read or written: %1") \
        .replace("%1", exc.strerror or type(exc).__name__)


class WindowNotify:
    """``open_file`` may be replaced (tests collect the paths instead of opening them);
    ``sync_text(kind)`` words a typed sync failure."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.open_file: Callable[[Path], None] = _open_with_system
        self.sync_text: Callable[[str], str] = str  # the sync engine's sentences, once made

    def status(self, text: str, ms: int = 0, path: Path | None = None) -> None:
        """A notification; with ``ms`` (a result) or ``path`` (its file) it is also kept in
        the Aktivitas list."""
        if isinstance(self.window, MainWindow):
            self.window.show_message(text, ms, path)

    def inform(self, title: str, text: str) -> None:
        inform(self.window, title, text)

    def error(self, exc: BaseException) -> None:
        text = expected_text(exc, sync_text=self.sync_text, file_text=_file_text)
        if text is None:
            report_unexpected(exc)
            return
        if isinstance(self.window, MainWindow):
            self.window.activity.add(text, error=True)
        inform(self.window, QCoreApplication.translate("DeskApp", "RegDesk"), text)

    def show_crash(self, report: str) -> None:
        CrashDialog(report, self.window).open()
