"""Services run on a real SQLite store in ``tmp_path`` with a fixed WIB clock; no Qt."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.services.support import NOW, PASSWORD, VILLAGE

from regdesk.services import users
from regdesk.store import Role, Store, UserInfo


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    path = tmp_path / "desk.sqlite3"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store.open(db_path, clock=lambda: NOW)
    yield s
    s.close()


@pytest.fixture
def admin(store: Store) -> UserInfo:
    return users.initialise(store, village=VILLAGE, admin="admin", password=PASSWORD,
                            admin_name="Admin Desa")


@pytest.fixture
def operator(store: Store, admin: UserInfo) -> UserInfo:
    return users.add_user(store, acting=admin, username="ani", password=PASSWORD,
                          role=Role.OPERATOR.value, full_name="Ani")


@pytest.fixture
def supervisor(store: Store, admin: UserInfo) -> UserInfo:
    return users.add_user(store, acting=admin, username="budi", password=PASSWORD,
                          role=Role.SUPERVISOR.value, full_name="Budi")
