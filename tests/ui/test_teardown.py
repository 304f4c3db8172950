"""Callbacks never outlive their window: work that finishes after the main window was
deleted (a sync status read, a save) runs no callback and raises nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings
from uihelpers import sign_in

from regdesk.ui.app import DeskApp


def test_no_callback_after_the_window_is_deleted(qtbot, seeded_db: Path,
                                                 tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = DeskApp(seeded_db, lang="id",
                   qsettings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    desk.start()
    try:
        qtbot.waitUntil(lambda: desk.store is not None, timeout=20_000)
        sign_in(qtbot, desk)
        gate = threading.Event()
        called: list[object] = []
        window = desk.window
        desk.runner.db(lambda: gate.wait(10), lambda _r: called.append(window.statusBar()))
        desk.sync.refresh_status()  # its answer is queued behind the gate
        shiboken6.delete(window)
        gate.set()
        qtbot.waitUntil(desk.runner.idle, timeout=10_000)
        qtbot.wait(50)  # any late signal would be delivered (and raise) here
        assert called == []
    finally:
        desk.runner.shutdown()
        if desk.store is not None:
            desk.store.close()


def test_no_callback_after_shutdown(qtbot, desk: DeskApp) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk)
    called: list[object] = []
    desk.runner.db(lambda: 1, called.append)
    desk.runner.shutdown()  # the DB thread finishes the work; its answer is dropped
    qtbot.wait(50)
    assert called == [] and desk.runner.idle()
