"""``hq_active_span`` (migration 0006): the day ranges in which each membership is active
(:func:`regdesk.domain.lifecycle.active_spans`), with its village and occupation, so
coverage counts active members in SQL (:mod:`regdesk.hq.coverage`).

They depend only on the membership (KPJ, end), its payments and its registration's
occupation — not on the lifecycle rules (those set due days and grace, never whether a day
is active) nor on the day they are worked out. :func:`refresh` rewrites the spans of some
memberships inside the caller's write transaction; every writer calls it: the members and
payments imports (:mod:`regdesk.hq.bpjstk_import`) and a push that stores a new version of
a registration (its occupation may change). :func:`rebuild` rewrites them all
(``regdesk-hq rebuild-spans``: after a repair by hand, or if the rule of what is active
ever changes).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Date, Engine, delete, select

from regdesk.domain.lifecycle import active_ranges
from regdesk.hq.db import write_tx
from regdesk.hq.tables import T_ACTIVE_SPAN, T_MEMBERSHIP, T_PAYMENT, T_REG

CHUNK = 5000  # memberships read and rewritten at a time (values in one IN list)

_M = T_MEMBERSHIP.c
_COLUMNS = ("uuid", "first_day", "end_day", "village_code", "occupation_code")


def _occupation_sql(conn: Connection) -> str:
    """The registration's ``occupation_code``, read from its JSON payload by the database
    (no payload is parsed in Python)."""
    if conn.dialect.name == "postgresql":
        return "CAST(payload AS json) ->> 'occupation_code'"
    return "json_extract(payload, '$.occupation_code')"


def _marks(conn: Connection, n: int) -> str:
    return ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * n)


class _Dates(dict[Any, Any]):
    """A DATE column's values as the driver returns them (SQLite: text) read into ``date``,
    each distinct value once (months and payment days repeat down a chunk)."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        dialect = conn.dialect
        self.processor = Date().dialect_impl(dialect).result_processor(dialect, None)

    def __missing__(self, value: Any) -> Any:
        read = value if self.processor is None or value is None else self.processor(value)
        self[value] = read
        return read


def _fetch(conn: Connection, sql: str, values: list[str]) -> list[Any]:
    """``sql``'s rows for ``values`` (its ``IN ({in})``) as plain tuples, on the DBAPI cursor
    of the transaction's connection: no SQLAlchemy row objects (a third of the time)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql.replace("{in}", _marks(conn, len(values))), tuple(values))
        return list(cursor.fetchall())
    finally:
        cursor.close()


_SHIPS = (f"SELECT m.uuid, m.village_code, m.kpj, m.ended_on, p.first_month, p.last_month, "
          f"p.paid_on FROM {T_MEMBERSHIP.name} m JOIN {T_PAYMENT.name} p ON p.uuid = m.uuid "
          f"WHERE m.kpj IS NOT NULL AND m.uuid IN ({{in}}) ORDER BY m.uuid")


def _occupations(conn: Connection, uuids: list[str], known: dict[str, str | None]
                 ) -> dict[str, str | None]:
    """The occupation of each of ``uuids``: from ``known`` (the spans' own), else read from
    the registration's payload by the database (SQLite parses the whole payload: ~30 µs)."""
    wanted = [u for u in uuids if u not in known]
    found = dict(known)
    if wanted:
        found.update((u, o or None) for u, o in _fetch(
            conn, f"SELECT uuid, {_occupation_sql(conn)} FROM {T_REG.name} "
            f"WHERE uuid IN ({{in}})", wanted))
    return found


def _rows(conn: Connection, uuids: list[str], known: dict[str, str | None] | None = None
          ) -> list[tuple[Any, ...]]:
    """Span rows (:data:`_COLUMNS`) of those of ``uuids`` with a KPJ and a payment. At the
    driver, like the imports: Core would compile every value of the ``IN`` list."""
    found = _fetch(conn, _SHIPS, uuids)
    if not found:
        return []
    occupations = _occupations(conn, sorted({r[0] for r in found}), known or {})
    day = _Dates(conn)
    out: list[tuple[Any, ...]] = []
    for uuid, same in groupby(found, key=lambda r: r[0]):
        group = list(same)
        village, ended_on = group[0][1], group[0][3]  # every row has a KPJ (the query)
        occupation = occupations.get(uuid)
        out.extend((uuid, first, end, village, occupation) for first, end in active_ranges(
            [(day[r[4]], day[r[5]], day[r[6]]) for r in group], day[ended_on]))
    return out


def _insert(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    dialect = conn.dialect
    write = Date().dialect_impl(dialect).bind_processor(dialect)
    if write is not None:  # each distinct day once
        done = {d: write(d) for d in {r[1] for r in rows} | {r[2] for r in rows}
                if d is not None}
        done[None] = None
        rows = [(u, done[first], done[end], v, o) for u, first, end, v, o in rows]
    conn.exec_driver_sql(f"INSERT INTO {T_ACTIVE_SPAN.name} ({', '.join(_COLUMNS)}) "
                         f"VALUES ({_marks(conn, len(_COLUMNS))})", rows)


def refresh(conn: Connection, uuids: Collection[str], *,
            occupations: Mapping[str, str | None] | None = None,
            occupation_changed: bool = False) -> int:
    """Rewrite the spans of these memberships (in the caller's transaction); returns how
    many spans they now have. A membership's occupation is taken from ``occupations`` when
    there (the payments import has it from the fee basis), else kept from its spans unless
    ``occupation_changed`` (a new version of the registration), else read from its
    registration."""
    ordered = sorted(set(uuids))
    given = occupations or {}
    written = 0
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        known = {u: given[u] for u in part if u in given}
        unknown = [u for u in part if u not in known]
        if unknown and not occupation_changed:
            known.update(_fetch(conn, f"SELECT DISTINCT uuid, occupation_code FROM "
                                      f"{T_ACTIVE_SPAN.name} WHERE uuid IN ({{in}})", unknown))
        conn.exec_driver_sql(f"DELETE FROM {T_ACTIVE_SPAN.name} "
                             f"WHERE uuid IN ({_marks(conn, len(part))})", tuple(part))
        rows = _rows(conn, part, known)
        _insert(conn, rows)
        written += len(rows)
    return written


def rebuild(engine: Engine) -> int:
    """Every membership's spans worked out again, in one write transaction; returns how
    many there are."""
    with write_tx(engine) as conn:
        conn.execute(delete(T_ACTIVE_SPAN))
        uuids = [u for (u,) in conn.execute(
            select(_M.uuid).where(_M.kpj.is_not(None)).order_by(_M.uuid))]
        written = 0
        for start in range(0, len(uuids), CHUNK):
            rows = _rows(conn, uuids[start:start + CHUNK])
            _insert(conn, rows)
            written += len(rows)
        return written
