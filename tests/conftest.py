"""Test-wide set-up: Qt offscreen, isolated RegDesk home, shared factories."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from tests.cli_support import signed_in
from tests.clock import DEFAULT_NOW, TestClock, instant
from tests.factories import valid_registration_data  # noqa: F401

from regdesk.store import Store, UserInfo

FIXED_NOW = DEFAULT_NOW  # 25 Nov 2026 17.00 WIB (10.00 UTC)


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> TestClock:
    """The test's "today": ``@pytest.mark.clock("YYYY-MM-DD[THH:MM]")``, an indirect
    parameter, or 25 Nov 2026 17.00 WIB."""
    marker = request.node.get_closest_marker("clock")
    text = getattr(request, "param", None) or (marker.args[0] if marker else None)
    return TestClock(instant(text) if text else DEFAULT_NOW)


@pytest.fixture(autouse=True)
def _process_clock(clock: TestClock, monkeypatch: pytest.MonkeyPatch,
                   request: pytest.FixtureRequest) -> Iterator[None]:
    """The process lives at the test's instant, in WIB: nothing reads the machine's date or
    zone (subprocesses inherit the zone; their date is pinned where a test needs it)."""
    monkeypatch.setenv("TZ", "WIB-7")  # POSIX form: needs no tz database
    if hasattr(time, "tzset"):
        time.tzset()
    if request.node.get_closest_marker("machine_clock"):
        yield  # shares time-limited state with a subprocess, which runs on the machine's clock
    else:
        with time_machine.travel(clock.start, tick=True):
            yield
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the desk's default language (a CLI test with ``--lang en`` sets
    the process language, which would otherwise leak into the next test)."""
    from regdesk import i18n

    i18n.set_language(i18n.DEFAULT_LANG)
    yield


@pytest.fixture(scope="session", autouse=True)
def _isolated_secrets(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Database keys go to a private folder of this run, never the OS credential store or the
    real data folder (session-wide, before the session's template database is made, so its
    copies find their key)."""
    folder = tmp_path_factory.mktemp("regdesk-secrets")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REGDESK_SECRETS", str(folder))
        patch.setenv("REGDESK_KEYRING", "0")
        yield folder


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user data folder; CLI calls sign in as ``admin`` with
    ``rahasia-123`` unless a test says otherwise (``tests/cli_support.py``)."""
    home = tmp_path_factory.mktemp("regdesk-home")
    monkeypatch.setenv("REGDESK_HOME", str(home))
    monkeypatch.delenv("REGDESK_DB", raising=False)
    signed_in(monkeypatch)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, master-data-seeded database, built once and copied per test. Its recovery
    code counts as shown (every copy shares the key, and the code is handed out once): no test
    depends on being the first copy to run ``init``."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    store = Store.open(path)
    store.take_recovery_code()
    store.close()
    return path


@pytest.fixture
def store_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def store(store_path: Path, clock: TestClock) -> Iterator[Store]:
    s = Store.open(store_path, clock=clock.frozen)
    yield s
    s.close()


@pytest.fixture
def admin(store: Store) -> UserInfo:
    return store.initialise(
        village="32.16.06.2006",
        admin_username="admin",
        admin_password="rahasia-123",
        admin_name="Admin Desa",
    )
