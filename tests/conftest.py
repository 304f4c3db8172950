"""Test-wide set-up: Qt offscreen, isolated RegDesk home, shared factories."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.factories import valid_registration_data  # noqa: F401

from regdesk.store import Store, UserInfo

FIXED_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user data folder."""
    home = tmp_path_factory.mktemp("regdesk-home")
    monkeypatch.setenv("REGDESK_HOME", str(home))
    monkeypatch.delenv("REGDESK_DB", raising=False)
    monkeypatch.delenv("REGDESK_USER", raising=False)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, master-data-seeded database, built once and copied per test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    Store.open(path).close()
    return path


@pytest.fixture
def store_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.open(store_path, clock=lambda: FIXED_NOW)
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
