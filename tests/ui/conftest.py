"""UI tests: real widgets offscreen, real SQLite files in tmp_path; Qt warnings fail tests."""

from __future__ import annotations

import os
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt loads
os.environ.setdefault("REGDESK_HOME", tempfile.mkdtemp(prefix="regdesk-uitest-"))

import gc
import sys

sys.path.insert(0, os.path.dirname(__file__))  # for uihelpers

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QtMsgType
from PySide6.QtWidgets import QMessageBox

from regdesk.store import Store
from regdesk.store.settings import BACKUP_DIR
from regdesk.ui.app import DeskApp
from regdesk.ui.compat import protect_none

protect_none()  # PySide6 6.12.0 + CPython 3.11 leaks None references (see compat.py)
gc.disable()  # collect on the main thread only (see compat.MainThreadGc); done per test below

from uihelpers import ADMIN_PASSWORD, VILLAGE, open_question, sign_in  # noqa: E402

# Offscreen-platform chatter that says nothing about our code.
BENIGN = ("This plugin does not support", "propagateSizeHints")


@pytest.fixture(autouse=True)
def _qt_warnings_fail(qtlog: pytest.FixtureRequest) -> Iterator[None]:
    yield
    gc.collect()  # the test's garbage dies here, on the UI thread
    bad = [r.message for r in qtlog.records
           if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
           and not any(b in r.message for b in BENIGN)]
    assert not bad, f"Qt warnings: {bad}"


@pytest.fixture
def seeded_db(tmp_path: Path) -> Path:
    """An initialised database: admin (admin), a clerk (siti) and a supervisor (budi)."""
    path = tmp_path / "desk.sqlite3"
    store = Store.open(path)
    admin = store.initialise(village=VILLAGE, admin_username="admin",
                             admin_password=ADMIN_PASSWORD, admin_name="Admin Desa")
    store.create_user(username="siti", password="rahasia-siti", role="operator",
                      full_name="Siti Clerk", acting=admin)
    store.create_user(username="budi", password="rahasia-budi", role="supervisor",
                      full_name="Budi Supervisor", acting=admin)
    store.set_setting(BACKUP_DIR, str(tmp_path / "backups"), user=admin)  # not the shared home
    store.close()
    return path


def make_desk(qtbot, path: Path, tmp_path: Path) -> DeskApp:  # type: ignore[no-untyped-def]
    desk = DeskApp(path, lang="id",
                   qsettings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(desk.window)
    desk.start()
    qtbot.waitUntil(lambda: desk.store is not None, timeout=20_000)
    return desk


def close_window(desk: DeskApp) -> None:
    """Close the window as a clerk would: "Quit and lose them?" is answered yes."""
    desk.window.close()
    question = open_question(desk)
    if question is not None:
        question.button(QMessageBox.StandardButton.Yes).click()


@pytest.fixture
def desk(qtbot, seeded_db: Path, tmp_path: Path) -> Iterator[DeskApp]:  # type: ignore[no-untyped-def]
    app = make_desk(qtbot, seeded_db, tmp_path)
    yield app
    app.runner.shutdown()  # first: no exit backup for every test
    close_window(app)
    if app.store is not None:
        app.store.close()


@pytest.fixture
def member_desk(qtbot, tmp_path: Path) -> Iterator[DeskApp]:  # type: ignore[no-untyped-def]
    """A desk with one registration in each membership state (tests.services.member_states),
    signed in as admin; use with ``pytest.mark.clock(member_states.DAY)``."""
    from tests.services.member_states import VILLAGE as MEMBER_VILLAGE
    from tests.services.member_states import make_states

    path = tmp_path / "desk.sqlite3"
    store = Store.open(path)
    admin = store.initialise(village=MEMBER_VILLAGE, admin_username="admin",
                             admin_password=ADMIN_PASSWORD, admin_name="Admin Desa")
    make_states(store, admin)
    store.close()
    app = make_desk(qtbot, path, tmp_path)
    sign_in(qtbot, app)
    yield app
    app.runner.shutdown()
    close_window(app)
    if app.store is not None:
        app.store.close()
