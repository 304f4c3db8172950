"""Sync fixtures: a real HQ (uvicorn on 127.0.0.1, SQLite) and real desk databases."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.clock import TestClock
from tests.sync.faultproxy import FaultProxy

from regdesk.hq import devices
from regdesk.hq.app import create_app
from regdesk.hq.runtime import Runtime
from regdesk.hq.server import ThreadedServer, start_in_thread
from regdesk.hq.settings import Limits, Settings
from regdesk.services.demo import generate
from regdesk.store import Store, UserInfo
from regdesk.store.bulk import BulkItem, bulk_insert
from regdesk.sync.service import enrol

SETIAMEKAR = "32.16.06.2006"
CIBENING = "32.16.18.2005"

UNLIMITED = Limits(rate_api="1000000/minute", rate_enrol="1000000/minute",
                   rate_verify="1000000/minute")  # the suites' many desks on one address


@dataclass
class Hq:
    db_url: str
    runtime: Runtime
    server: ThreadedServer

    @property
    def url(self) -> str:
        return self.server.url

    def code(self, village: str) -> str:
        return devices.create_enrol_code(self.runtime.engine, village_code=village)

    def scalar(self, sql: str, **params: object) -> object:
        with self.runtime.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params: object) -> list[tuple]:
        with self.runtime.engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(sql), params)]

    def restart(self) -> None:
        """Stop the server and start a new process-like instance on the same database."""
        port = int(self.server.url.rsplit(":", 1)[1])
        self.server.stop()
        self.runtime.close()
        self.runtime = Runtime.open(Settings(db_url=self.db_url, limits=UNLIMITED))
        self.server = start_in_thread(create_app(self.runtime.settings, self.runtime), port=port)

    def stop(self) -> None:
        """Stop serving (idempotent: tests may take HQ down before the fixture does)."""
        if self.server.thread.is_alive():
            self.server.stop()
        self.runtime.close()


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[Hq]:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    runtime = Runtime.open(Settings(db_url=url, limits=UNLIMITED))
    server = start_in_thread(create_app(runtime.settings, runtime))
    instance = Hq(url, runtime, server)
    yield instance
    instance.stop()


@dataclass
class Desk:
    store: Store
    admin: UserInfo
    village: str

    def add_demo(self, count: int, *, seed: int = 1, village_code: str | None = None) -> list[str]:
        now = self.store.clock()
        regs = generate(count, village_code=village_code or self.village,
                        postal_code=self.store.context().regions.postal_code(
                            village_code or self.village) or "17510",
                        today=now.date(), recorded_by="admin", seed=seed)
        with self.store.write() as session:
            return bulk_insert(session, [BulkItem(r) for r in regs], actor="admin", now=now,
                               office_village=self.village)

    def enrol(self, hq_url: str, code: str) -> None:
        enrol(self.store, hq_url, code, user=self.admin, device_name="test-desk")


@pytest.fixture
def make_desk(tmp_path: Path, template_db: Path,
              clock: TestClock) -> Iterator[Callable[..., Desk]]:
    opened: list[Store] = []

    def factory(village: str = SETIAMEKAR, name: str = "desk") -> Desk:
        path = tmp_path / f"{name}.sqlite3"
        shutil.copyfile(template_db, path)
        store = Store.open(path, clock=clock)
        opened.append(store)
        admin = store.initialise(village=village, admin_username="admin",
                                 admin_password="rahasia-123")
        return Desk(store, admin, village)

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def proxy(hq: Hq) -> Iterator[FaultProxy]:
    instance = FaultProxy(hq.url).start()
    yield instance
    instance.stop()
