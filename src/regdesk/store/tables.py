"""Driver-level INSERTs built from the table metadata, for the save and bulk write paths.

Each statement is SQLAlchemy Core ``insert(table)`` compiled once (per table and set of
columns) for SQLite and run with the driver's ``executemany``: no hand-typed column lists,
and no per-value type processing on paths measured against bare sqlite3. Values are given in
their stored form (timestamps through :func:`sqlite_timestamp`, dates as ISO text).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert, literal, literal_column
from sqlalchemy.dialects import sqlite
from sqlmodel import SQLModel

_DIALECT = sqlite.dialect()


def sqlite_timestamp(moment: datetime) -> str:
    """The text form SQLAlchemy's SQLite DateTime uses (UTC, as the models store it)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def table(name: str) -> Table:
    """A desk table of the shared metadata, by name."""
    return SQLModel.metadata.tables[name]


_Getter = Callable[[Mapping[str, Any]], tuple[Any, ...]]


@lru_cache(maxsize=64)
def _compiled(name: str, keys: tuple[str, ...]) -> tuple[str, _Getter]:
    """The positional SQL for these columns, and what turns a row mapping into parameters.

    Columns left out that have a scalar model default get it as an SQL literal."""
    target = table(name)
    unknown = set(keys) - set(target.c.keys())
    if unknown:
        raise KeyError(f"{name} has no column {sorted(unknown)}")
    defaults: dict[str, Any] = {
        column.key: literal_column(str(
            literal(column.default.arg, column.type)  # type: ignore[attr-defined]
            .compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True})))
        for column in target.c
        if column.key not in keys and column.default is not None and column.default.is_scalar
    }
    compiled = insert(target).values(defaults).compile(dialect=_DIALECT, column_keys=list(keys))
    order = list(compiled.positiontup or ())
    assert sorted(order) == sorted(keys), (order, keys)
    return str(compiled), _getter(order)


def _getter(keys: list[str]) -> _Getter:
    if len(keys) == 1:  # itemgetter of one key returns the value itself, not a tuple
        key = keys[0]
        return lambda row: (row[key],)
    return itemgetter(*keys)


def insert_rows(connection: Connection, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (mappings of column → stored value, all with the same keys) into table
    ``name`` with one driver-level ``executemany``. Columns left out take the model's scalar
    default, or NULL / the autoincrement key."""
    if not rows:
        return
    sql, parameters = _compiled(name, tuple(rows[0]))
    connection.exec_driver_sql(sql, [parameters(row) for row in rows])
