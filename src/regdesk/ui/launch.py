"""Entry from the CLI (``regdesk`` with no command): start the GUI, or return ``None`` when
no display is usable so the CLI prints a text status instead.

One desk per database: the GUI holds ``<db>.desk-lock`` (:func:`hold_desk_lock`) for its
whole life, so a second start on the same database says RegDesk is already running and
exits, and two sync loops never run on one database. The OS drops the lock if the app dies.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from regdesk import __version__ as VERSION
from regdesk.i18n import current_language
from regdesk.oscompat import LockHeld, is_network_path, process_lock

ALREADY_RUNNING = 3  # exit code of a second start on a database already open


def display_available() -> bool:
    """Windows/macOS always; Linux needs X11/Wayland or an explicit QT_QPA_PLATFORM."""
    if sys.platform.startswith(("win", "darwin")):
        return True
    return any(os.environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def launch(args: Any, ctx: Any) -> int | None:
    """Run the desk app on ``ctx.db_path`` (``--smoke``: a temporary database, exit 0 after
    the first event-loop turn), in the language the CLI set. Returns the exit code, or ``None``
    without a display."""
    if not display_available():
        return None
    smoke = bool(getattr(args, "smoke", False))
    if smoke:
        with tempfile.TemporaryDirectory(prefix="regdesk-smoke-") as tmp:
            return run_gui(Path(tmp) / "smoke.sqlite3", lang=current_language(), smoke=True)
    return run_gui(Path(ctx.db_path), lang=current_language())


def start_desk(db_path: Path, *, lang: str = "id", qsettings: Any = None,
               on_shown: Any = None, auto_backup: bool = True) -> Any:
    """Create the QApplication, paint the main window at once (before the store's heavy
    imports), then build and start the :class:`~regdesk.ui.app.DeskApp` around it."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from regdesk.ui.compat import lighter_feature_check, protect_none

    lighter_feature_check()  # before the store's imports: keeps ~20 MB of sources out
    protect_none()
    QCoreApplication.setOrganizationName("RegDesk")
    QCoreApplication.setApplicationName("RegDesk")
    QCoreApplication.setApplicationVersion(VERSION)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from PySide6.QtGui import QIcon

    from regdesk.paths import resources_dir
    from regdesk.ui.i18n import Translations

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "regdesk.png")))
    from regdesk.ui.views.main_window import MainWindow

    Translations().switch(lang)
    window = MainWindow()
    window.resize(1280, 720)
    window.show()
    app.processEvents()  # first paint: "Membuka basis data…" while the rest loads
    if on_shown is not None:
        on_shown()
    from regdesk.ui.app import DeskApp
    from regdesk.ui.compat import MainThreadGc

    desk = DeskApp(db_path, lang=lang, qsettings=qsettings, window=window,
                   auto_backup=auto_backup)
    desk.gc_guard = MainThreadGc()  # type: ignore[attr-defined]
    desk.start()
    return desk


def desk_lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".desk-lock")


def hold_desk_lock(db_path: Path) -> Any:
    """Take the database's one-desk lock, or return ``None`` when another process (or start)
    holds it. The caller keeps the returned lock for the app's life (``release()`` at exit).
    A database on a network drive gets no lock file: :meth:`Store.open` refuses it next."""
    if is_network_path(db_path):
        return _NoLock()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = process_lock(desk_lock_path(db_path))
    try:
        lock.acquire(timeout=0)
    except LockHeld:
        return None
    return lock


class _NoLock:
    def release(self) -> None:
        pass


def say_already_running(lang: str) -> None:
    """One line on stderr (a console start) and a message box (a windowed start)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from regdesk.i18n import t

    text = t("desk.already_running", lang=lang)
    if sys.stderr is not None:
        print(f"regdesk: {text}", file=sys.stderr)
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.information(None, "RegDesk", text)


def run_gui(db_path: Path, *, lang: str = "id", smoke: bool = False) -> int:
    lock = hold_desk_lock(db_path)
    if lock is None:
        say_already_running(lang)
        return ALREADY_RUNNING
    from regdesk.services.printouts import clear_print_dir

    clear_print_dir()  # printouts a crash left behind
    try:
        return _run_desk(db_path, lang=lang, smoke=smoke)
    finally:
        clear_print_dir()  # printouts never outlive the session
        lock.release()


def _run_desk(db_path: Path, *, lang: str, smoke: bool) -> int:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from regdesk.paths import log_dir
    from regdesk.ui.errors import install_excepthook, setup_logging

    setup_logging(None if smoke else str(log_dir()))
    qsettings = QSettings(str(db_path.parent / "smoke.ini"), QSettings.Format.IniFormat) \
        if smoke else None
    desk = start_desk(db_path, lang=lang, qsettings=qsettings)
    install_excepthook(desk.notify.show_crash, VERSION)
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.connect(desk.shutdown)
    if smoke:
        QTimer.singleShot(0, app.quit)
    return int(app.exec())
