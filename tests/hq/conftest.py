"""HQ fixtures: a real database (SQLite file and PostgreSQL schema) and a real uvicorn server.

Every test that uses ``hq`` runs twice: ``[sqlite]`` and ``[postgres]``. PostgreSQL missing
→ skip with the reason, or fail when ``$CI`` is set.
"""

from __future__ import annotations

import itertools
import os
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

_SRC = Path(__file__).resolve().parents[2] / "src"
if str(_SRC) not in sys.path:  # the venv may not have regdesk installed
    sys.path.insert(0, str(_SRC))

import requests  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from regdesk.hq import devices  # noqa: E402
from regdesk.hq.app import create_app  # noqa: E402
from regdesk.hq.runtime import Runtime  # noqa: E402
from regdesk.hq.server import ThreadedServer, start_in_thread  # noqa: E402
from regdesk.hq.settings import Limits, Settings  # noqa: E402

from .factories import VILLAGE, numbered_registration  # noqa: E402

PG_URL = os.environ.get("REGDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

UNLIMITED = Limits(rate_api="1000000/minute", rate_enrol="1000000/minute",
                   rate_verify="1000000/minute")  # the suites' many desks on one address


def pg_schema_url(schema: str) -> str:
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema for the session (dropped afterwards)."""
    schema = f"hq_test_{uuid.uuid4().hex[:10]}"
    try:
        engine = create_engine(PG_URL)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_URL} unreachable in CI: {exc}")
        pytest.skip(f"PostgreSQL at {PG_URL} unreachable: {type(exc).__name__}")
    yield schema
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database URL of one backend (a session-wide HQ database)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('hq') / 'hq.sqlite3'}"
    return pg_schema_url(request.getfixturevalue("pg_schema"))


@pytest.fixture(scope="session")
def hq_runtime(db_url: str) -> Iterator[Runtime]:
    """Migrated, seeded HQ runtime for ``db_url``."""
    rt = Runtime.open(Settings(db_url=db_url, limits=UNLIMITED))
    yield rt
    rt.close()


@pytest.fixture(scope="session")
def hq_server(hq_runtime: Runtime) -> Iterator[ThreadedServer]:
    """A real uvicorn server on 127.0.0.1 (free port) serving the runtime's app."""
    server = start_in_thread(create_app(hq_runtime.settings, hq_runtime))
    yield server
    server.stop()


_serials = itertools.count(1)


@pytest.fixture
def new_registration() -> Any:
    """Factory: a valid registration dict with a NIK unused in this session."""
    return lambda **kw: numbered_registration(next(_serials) + 40_000, **kw)


@dataclass
class Desk:
    """A device enrolled against the test server, with a tiny ``requests`` client."""

    url: str
    device_id: str
    token: str
    village_code: str
    public_key: str
    master_cursor: int

    def push(self, body: dict[str, Any], **kw: Any) -> requests.Response:
        return requests.post(f"{self.url}/api/v1/push", json=body, timeout=30,
                             headers={"Authorization": f"Bearer {self.token}"}, **kw)

    def changes(self, since: int, limit: int = 500) -> requests.Response:
        return requests.get(f"{self.url}/api/v1/changes", params={"since": since, "limit": limit},
                            headers={"Authorization": f"Bearer {self.token}"}, timeout=30)


def enrol_desk(server: ThreadedServer, rt: Runtime, village: str = VILLAGE) -> Desk:
    code = devices.create_enrol_code(rt.engine, village_code=village, hours=1)
    r = requests.post(f"{server.url}/api/v1/enrol", json={"code": code, "device_name": "desk"},
                      timeout=30)
    r.raise_for_status()
    d = r.json()
    return Desk(server.url, d["device_id"], d["token"], d["village_code"],
                d["signing_public_key"], d["master_cursor"])


@pytest.fixture
def desk(hq_server: ThreadedServer, hq_runtime: Runtime) -> Desk:
    """A freshly enrolled device of village 32.16.06.2006 (Setiamekar)."""
    return enrol_desk(hq_server, hq_runtime)
