"""A :class:`~regdesk.domain.regions.RegionTable` answered by the database.

The desk does not need all ~91k Kemendagri codes in memory (about 24 MB in Python objects):
lookups go to the ``region`` table through one small connection, with the recent answers
cached. Thread-safe: the UI thread validates as the clerk types, the DB thread on save.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from regdesk.domain.regions import Region, RegionTable

Row = tuple[str, str, str | None]  # code, name, postal code


class SqliteRegionTable(RegionTable):
    def __init__(self, connect: Callable[[], Any], *, cache_size: int = 4096):
        """``connect`` opens a keyed connection to the desk database (``Store.connect_raw``)."""
        # Deliberately no super().__init__(): no in-memory copy; every lookup is overridden.
        self._connection = connect()
        self._connection.execute("PRAGMA cache_size=-512")  # 512 KiB is plenty for this
        self._lock = threading.Lock()
        self._size: int | None = None
        self._row = lru_cache(maxsize=cache_size)(self._fetch_row)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[Row]:
        with self._lock:
            rows: list[Row] = self._connection.execute(sql, params).fetchall()
            return rows

    def _fetch_row(self, code: str) -> Row | None:
        rows = self._query("SELECT code, name, postal_code FROM region WHERE code = ?", (code,))
        return rows[0] if rows else None

    def __len__(self) -> int:
        if self._size is None:
            with self._lock:
                self._size = int(self._connection.execute(
                    "SELECT count(*) FROM region").fetchone()[0])
        return self._size

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self._row(code) is not None

    def get(self, code: str) -> Region | None:
        row = self._row(code)
        return Region(row[0], row[1], row[2]) if row else None

    def name(self, code: str) -> str | None:
        row = self._row(code)
        return row[1] if row else None

    def postal_code(self, village_code: str) -> str | None:
        row = self._row(village_code)
        return row[2] if row else None

    def children(self, code: str) -> Iterator[Region]:
        return iter(self._under(code, depth=code.count(".") + 1))

    def villages_under(self, code: str) -> list[Region]:
        return self._under(code, depth=3)

    def _under(self, code: str, *, depth: int) -> list[Region]:
        rows = self._query(
            "SELECT code, name, postal_code FROM region WHERE code > ? AND code < ? "
            "ORDER BY code", (code + ".", code + "/"))  # '/' sorts right after '.'
        return [Region(*row) for row in rows if row[0].count(".") == depth]

    def villages_matching(self, text: str, *, within: str = "", limit: int = 50) -> list[Region]:
        needle = text.strip().casefold()
        rows = self._query(
            "SELECT code, name, postal_code FROM region WHERE length(code) = 13 "
            "AND code LIKE ? AND (lower(name) LIKE ? OR code LIKE ?) ORDER BY code LIMIT ?",
            (within + "%", f"%{needle}%", needle + "%", limit))
        return [Region(*row) for row in rows]

    def items(self) -> Iterator[tuple[str, str]]:
        return iter([(code, name) for code, name, _ in self._query(
            "SELECT code, name, postal_code FROM region")])

    def postal_items(self) -> Iterator[tuple[str, str]]:
        return iter([(code, postal) for code, _, postal in self._query(
            "SELECT code, name, postal_code FROM region WHERE postal_code IS NOT NULL")
            if postal])
