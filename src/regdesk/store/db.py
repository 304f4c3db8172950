"""SQLite engine for the desk: SQLCipher-encrypted, WAL, synchronous=FULL, foreign keys, explicit
transactions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, event
from sqlmodel import create_engine

from regdesk.store.cipher import apply_key

POWER_SAFE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",  # a commit that returned survives a power cut
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    # 16 MB of page cache per connection (SQLite's default is 2 MB): at 1M rows the upper
    # levels of the indexes stay in memory, so a lookup decrypts only the pages it lands on
    "PRAGMA cache_size=-16000",
)


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling is lax).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in POWER_SAFE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _keyer(master: bytes | None, salt: bytes | None) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        apply_key(dbapi_connection, master, salt)  # first, before anything reads the file

    return on_connect


def _on_begin(connection: Any) -> None:
    # IMMEDIATE takes the write lock up front: no deadlock-prone lock upgrades later.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _on_begin_deferred(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path, *, writer: bool = True, master: bytes | None = None,
                salt: bytes | None = None) -> Engine:
    """An engine on one database file; every connection is keyed (SQLCipher, raw key: no
    key derivation per connection; ``master=None`` only for a plain legacy file) and gets the
    power-safe pragmas.

    Writer engines begin with ``BEGIN IMMEDIATE``; reader engines with a deferred ``BEGIN``
    (WAL lets them read while the writer works).
    """
    # hide_parameters: error messages (and so logs and crash reports) never carry NIKs/names
    engine = create_engine(f"sqlite:///{path}", module=sqlcipher,
                           connect_args={"check_same_thread": False}, hide_parameters=True)
    event.listen(engine, "connect", _keyer(master, salt), insert=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin if writer else _on_begin_deferred)
    return engine
