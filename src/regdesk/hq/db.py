"""Engines for SQLite (WAL, write transactions ``BEGIN IMMEDIATE``) and PostgreSQL (psycopg).

Writers call :func:`write_tx`: on SQLite it takes the database write lock up front; on
PostgreSQL it locks the sequence counter row, which serialises writers so that server
sequence numbers become visible in commit order (a reader never skips a late commit).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url

from regdesk.hq.tables import Counter
from regdesk.hq.writerlock import WriterLock

_IMMEDIATE = "regdesk_immediate"
_WRITER_LOCKS: weakref.WeakKeyDictionary[Engine, WriterLock] = weakref.WeakKeyDictionary()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; raises ``ValueError`` for unsupported databases."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ValueError("HQ needs a SQLite file, not an in-memory database")
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=8,
            max_overflow=8, hide_parameters=True,  # no personal data in error messages
        )
        _sqlite_setup(engine)
        _WRITER_LOCKS[engine] = WriterLock(Path(parsed.database))
        return engine
    if backend == "postgresql":
        engine = create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True,
                               hide_parameters=True)
        _postgres_setup(engine)
        return engine
    raise ValueError(f"unsupported database {backend!r} (use sqlite or postgresql+psycopg)")


def _postgres_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # psycopg prepares repeated statements; PostgreSQL's generic plan for a batch's
        # "uuid IN (…100…)", chosen while the table was small, becomes a seq scan later.
        with dbapi_conn.cursor() as cur:
            cur.execute("SET plan_cache_mode = force_custom_plan")
        dbapi_conn.commit()


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(_IMMEDIATE):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


@contextmanager
def write_tx(engine: Engine, *, durable: bool = True) -> Iterator[Connection]:
    """One serialised write transaction (commit on success, rollback on error).

    ``durable=False`` (PostgreSQL) skips waiting for the WAL flush at commit; use it only
    when a later durable commit is what makes the effect visible to anyone (its flush then
    covers this commit too, since WAL is sequential).
    """
    if is_sqlite(engine):
        # one writer at a time anyway: writers queue on the lock (see hq.writerlock)
        with _WRITER_LOCKS[engine].hold(), engine.connect().execution_options(
                **{_IMMEDIATE: True}) as conn, conn.begin():
            yield conn
        return
    with engine.connect() as conn, conn.begin():
        if not durable:
            conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        conn.execute(
            select(Counter.__table__.c.value)
            .where(Counter.__table__.c.name == "seq")
            .with_for_update()
        ).one()
        yield conn


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction."""
    with engine.connect() as conn, conn.begin():
        yield conn
