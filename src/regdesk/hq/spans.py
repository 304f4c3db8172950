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

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, Engine, delete, select

from regdesk.domain.lifecycle import active_ranges
from regdesk.hq.db import write_tx
from regdesk.hq.tables import T_ACTIVE_SPAN, T_MEMBERSHIP, T_PAYMENT, T_REG

CHUNK = 5000  # memberships read and rewritten at a time (values in one IN list)
_PER_INSERT = 199  # span rows in one INSERT: 995 values (SQLite before 3.32 allows 999)
_DISTINCT_MAX = 100_000  # distinct memberships' spans remembered at most

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


class _Ranges(dict[Any, Any]):
    """Span values of each distinct membership as the driver holds it: ``(payments, end,
    village, occupation)`` with the payments as ``(first_month, last_month, paid_on)``
    sorted, read into ``date`` only the first time (:func:`active_ranges` is pure, and
    members who paid the same months on the same day share their spans), returned as the
    driver writes them (SQLite: text), so stored spans compare as read and are inserted
    with no conversion. ``dated``: the payments and end are given as ``date`` already."""

    def __init__(self, conn: Connection, *, dated: bool = False) -> None:
        super().__init__()
        dialect = conn.dialect
        impl = Date().dialect_impl(dialect)
        self.read = None if dated else impl.result_processor(dialect, None)
        self.write = impl.bind_processor(dialect)

    def _in(self, value: Any) -> Any:
        return value if self.read is None or value is None else self.read(value)

    def _out(self, value: Any) -> Any:
        return value if self.write is None or value is None else self.write(value)

    def __missing__(self, key: tuple[Any, ...]) -> tuple[tuple[Any, ...], ...]:
        if len(self) >= _DISTINCT_MAX:  # a bound on memory: every member unlike the rest
            self.clear()
        payments, ended_on, village, occupation = key
        found = self[key] = tuple(
            (self._out(first), self._out(end), village, occupation)
            for first, end in active_ranges([(self._in(f), self._in(t), self._in(p))
                                             for f, t, p in payments], self._in(ended_on)))
        return found


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


def _computed(conn: Connection, uuids: list[str], ranges: _Ranges,
              known: dict[str, str | None] | None = None
              ) -> dict[str, tuple[tuple[Any, ...], ...]]:
    """The spans (``first_day, end_day, village_code, occupation_code``, as the driver
    writes them) of those of ``uuids`` with a KPJ and a payment. At the driver, like the
    imports: Core would compile every value of the ``IN`` list."""
    found = _fetch(conn, _SHIPS, uuids) if uuids else []
    if not found:
        return {}
    occupations = _occupations(conn, sorted({r[0] for r in found}), known or {})
    out: dict[str, tuple[tuple[Any, ...], ...]] = {}
    for uuid, same in groupby(found, key=itemgetter(0)):
        group = list(same)
        first = group[0]  # every row has a KPJ (the query)
        out[uuid] = ranges[(tuple(sorted(r[4:7] for r in group)), first[3], first[1],
                            occupations.get(uuid))]
    return out


def _stored(conn: Connection, uuids: list[str]) -> dict[str, tuple[tuple[Any, ...], ...]]:
    """The spans held for those of ``uuids`` that have any, as the driver reads them."""
    held: dict[str, tuple[tuple[Any, ...], ...]] = {}
    for uuid, same in groupby(_fetch(conn, _HELD, uuids), key=itemgetter(0)):
        held[uuid] = tuple(r[1:] for r in same)
    return held


_HELD = (f"SELECT {', '.join(_COLUMNS)} FROM {T_ACTIVE_SPAN.name} WHERE uuid IN ({{in}}) "
         f"ORDER BY uuid, first_day")


def _insert(conn: Connection, rows: list[tuple[Any, ...]]) -> None:
    """Rows of :data:`_COLUMNS` already as the driver writes them: :data:`_PER_INSERT` rows
    a statement (a quarter less time than one row a statement on SQLite, measured), the
    rest one a statement."""
    if not rows:
        return
    head = f"INSERT INTO {T_ACTIVE_SPAN.name} ({', '.join(_COLUMNS)}) VALUES "
    one = f"({_marks(conn, len(_COLUMNS))})"
    whole = len(rows) - len(rows) % _PER_INSERT
    if whole:
        flat = [v for row in rows[:whole] for v in row]
        size = _PER_INSERT * len(_COLUMNS)
        conn.exec_driver_sql(head + ", ".join([one] * _PER_INSERT),
                             [tuple(flat[i:i + size]) for i in range(0, len(flat), size)])
    if whole < len(rows):
        conn.exec_driver_sql(head + one, rows[whole:])


Held = Mapping[str, tuple[str, date | None, Sequence[tuple[date, date, date]]]]
"""Memberships (with a KPJ) whose caller holds their village, end and every payment
``(first_month, last_month, paid_on)`` at HQ, as ``date``: their spans are worked out from
these, not read back."""


class _Refresh:
    """One :func:`refresh`: the span values remembered across its chunks."""

    def __init__(self, conn: Connection, occupations: Mapping[str, str | None],
                 occupation_changed: bool, members: Held) -> None:
        self.conn, self.given, self.members = conn, occupations, members
        self.occupation_changed = occupation_changed
        self.ranges, self.dated = _Ranges(conn), _Ranges(conn, dated=True)

    def _now(self, part: list[str], known: dict[str, str | None]
             ) -> dict[str, tuple[tuple[Any, ...], ...]]:
        members = self.members
        now = _computed(self.conn, [u for u in part if u not in members], self.ranges, known)
        ours = [u for u in part if u in members]
        if ours:
            occupations = _occupations(self.conn, ours, known)
            for u in ours:
                village, ended_on, payments = members[u]
                now[u] = self.dated[(tuple(sorted(payments)), ended_on, village,
                                     occupations.get(u))]
        return now

    def part(self, part: list[str]) -> int:
        """Rewrite the spans of ``part`` that differ from those held; how many it has."""
        conn, given = self.conn, self.given
        held = _stored(conn, part)
        known = {u: given[u] for u in part if u in given}
        if not self.occupation_changed:
            for u, rows in held.items():
                known.setdefault(u, rows[0][3])
        now = self._now(part, known)
        changed = [u for u in part if now.get(u, ()) != held.get(u, ())]
        stale = [u for u in changed if u in held]
        if stale:
            conn.exec_driver_sql(f"DELETE FROM {T_ACTIVE_SPAN.name} "
                                 f"WHERE uuid IN ({_marks(conn, len(stale))})", tuple(stale))
        _insert(conn, [(u, *r) for u in changed for r in now.get(u, ())])
        return sum(len(spans) for spans in now.values())


def refresh(conn: Connection, uuids: Collection[str], *,
            occupations: Mapping[str, str | None] | None = None,
            occupation_changed: bool = False, members: Held | None = None) -> int:
    """Rewrite the spans of these memberships (in the caller's transaction); returns how
    many spans they now have. A membership's occupation is taken from ``occupations`` when
    there (the payments import has it from the fee basis), else kept from its spans unless
    ``occupation_changed`` (a new version of the registration), else read from its
    registration. Its payments, village and end come from ``members`` when there (the
    payments import holds them: :data:`Held`), else are read. Only the memberships whose
    spans differ from those held are written (deleted if they had any, then inserted): a
    payment inside a span already held, or a file applied again, writes no span."""
    ordered = sorted(set(uuids))
    run = _Refresh(conn, occupations or {}, occupation_changed, members or {})
    return sum(run.part(ordered[start:start + CHUNK]) for start in range(0, len(ordered), CHUNK))


def rebuild(engine: Engine) -> int:
    """Every membership's spans worked out again, in one write transaction; returns how
    many there are."""
    with write_tx(engine) as conn:
        conn.execute(delete(T_ACTIVE_SPAN))
        uuids = [u for (u,) in conn.execute(
            select(_M.uuid).where(_M.kpj.is_not(None)).order_by(_M.uuid))]
        ranges, written = _Ranges(conn), 0
        for start in range(0, len(uuids), CHUNK):
            now = _computed(conn, uuids[start:start + CHUNK], ranges)
            rows = [(u, *r) for u, spans in now.items() for r in spans]
            _insert(conn, rows)
            written += len(rows)
        return written
