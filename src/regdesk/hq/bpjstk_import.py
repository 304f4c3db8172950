"""``import-members`` / ``import-payments``: apply a BPJS Ketenagakerjaan file to HQ.

One write transaction for the whole file (all-or-nothing; a SIGKILL leaves nothing, and the
same command runs again). A file with any row in error writes nothing. A row that matches no
registration is reported and not applied (never silently dropped). Applying the same file
again changes nothing: members compare field by field, payments have a natural unique key.
Every change of a membership or its payments moves its ``seq`` (the desks pull it).

An amount that differs from the contributions due for those months (the rates in force per
month, PP 50/2025 windows included, the registration's income, occupation and funding) is a
warning carrying the expected amount. Payments only ever cover the months they name: the
state is read month by month (:func:`regdesk.domain.lifecycle.status_on`).

The file is read and judged in chunks of :data:`CHUNK_ROWS` rows, each looked up with a few
set queries at the driver (who the chunk's NIKs and KPJs are, their registrations' fee basis,
their payments already at HQ), so memory stays flat however long the file is: only the rows
with a problem or a warning are kept (with their cells, for the report), the others are
counted, and what the file changes is collected compactly (the new payments' keys and
amounts; a members file's KPJs and ends). Every chunk is judged against HQ as it was before
the file. Only when no row of the whole file is in error is anything written, inside the one
transaction: the new payments in key order (the indexes fill page by page), the memberships
in one ``UPDATE … FROM`` a temporary table (new ``seq`` each, and for a members file the KPJ
and end), and the active spans of the memberships changed are rewritten
(:func:`regdesk.hq.spans.refresh`; a payments file hands it the payments it read while
judging and the new ones, so they are not read back). A dry run does the same judging in
a read transaction and writes nothing.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Date,
    Engine,
    MetaData,
    String,
    Table,
    insert,
    update,
)

from regdesk.domain.fees import RateTable, add_months, month_fee
from regdesk.domain.occupations import OccupationList
from regdesk.domain.problems import Problem, error, warning
from regdesk.hq import counters, spans
from regdesk.hq.bpjstk_files import MemberRow, PaymentRow, ReadFile, read_members, read_payments
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.master import load_pricing
from regdesk.hq.tables import T_IMPORT_RUN, T_MEMBER, T_MEMBERSHIP, T_PAYMENT, T_REG
from regdesk.hq.timeutil import utcnow

MAX_MONTHS = 24  # one payment row covers at most this many months
CHUNK_ROWS = 10_000  # rows read, looked up and written at a time
_IN_MAX = 5000  # values in one IN (…) list


@dataclass
class Outcome:
    """What happened to one row: ``applied`` / ``unchanged`` / ``unmatched`` / ``error``."""

    row: int
    status: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class ImportResult:
    """Every row counted by status; the rows with a problem or a warning kept in file order
    (``outcomes``: what the report and the problem lines show)."""

    kind: str
    file: Path
    sha256: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    written: bool = False
    memberships_changed: int = 0
    tally: Counter[str] = field(default_factory=Counter)
    warned: int = 0

    def add(self, outcome: Outcome) -> None:
        self.tally[outcome.status] += 1
        if outcome.warnings and outcome.status != "unmatched":
            self.warned += 1
        if outcome.problems or outcome.warnings:
            self.outcomes.append(outcome)

    def count(self, status: str) -> int:
        return self.tally[status]

    @property
    def ok(self) -> bool:
        return self.count("error") == 0

    def counts(self) -> dict[str, int]:
        return {"rows": sum(self.tally.values()), "applied": self.count("applied"),
                "unchanged": self.count("unchanged"), "unmatched": self.count("unmatched"),
                "errors": self.count("error"), "warnings": self.warned,
                "memberships_changed": self.memberships_changed}

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "file": str(self.file), "sha256": self.sha256,
                "dry_run": self.dry_run, "written": self.written, **self.counts()}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _parts(items: Iterable[Any], size: int = _IN_MAX) -> Iterator[list[Any]]:
    ordered = sorted(items)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


class _People:
    """Who HQ knows among one chunk's rows: by NIK, registration number and KPJ, with their
    KPJ, villages and memberships (members) or registration payloads (payments)."""

    def __init__(self) -> None:
        self.by_nik: dict[str, str] = {}
        self.by_number: dict[str, str] = {}
        self.by_kpj: dict[str, str] = {}
        self.kpj_of: dict[str, str | None] = {}
        self.village: dict[str, str] = {}
        self.membership: dict[str, _Ship] = {}
        self.payload: dict[str, str | None] = {}
        self.ship: dict[str, tuple[str, date | None]] = {}  # payments: village, end

    @classmethod
    def of_members(cls, conn: Connection, *, niks: set[str], numbers: set[str],
                   kpjs: set[str]) -> _People:
        people = cls()
        for sql, found, wanted in ((_MEMBER_BY_NIK, people.by_nik, niks),
                                   (_MEMBER_BY_NUMBER, people.by_number, numbers)):
            for uuid, key, village in _select_in(conn, sql, wanted):
                found[key] = uuid
                people.village[uuid] = village
        people._memberships(conn, _SHIP_BY_KPJ, kpjs)
        people._memberships(conn, _SHIP_BY_UUID, set(people.village) - set(people.membership))
        return people

    def _memberships(self, conn: Connection, sql: str, wanted: set[str]) -> None:
        dialect = conn.dialect
        day = T_MEMBERSHIP.c.ended_on.type.dialect_impl(dialect).result_processor(dialect, None)
        for uuid, kpj, ended_on, reason in _select_in(conn, sql, wanted):
            self.membership[uuid] = _Ship(kpj, ended_on if day is None else day(ended_on),
                                          reason)
            self.kpj_of[uuid] = kpj
            if kpj is not None:
                self.by_kpj[kpj] = uuid

    @classmethod
    def of_payments(cls, conn: Connection, *, niks: set[str], kpjs: set[str]) -> _People:
        """One joined query per key: membership (KPJ) and registration payload (fee basis)."""
        people = cls()
        dialect = conn.dialect
        day = T_MEMBERSHIP.c.ended_on.type.dialect_impl(dialect).result_processor(dialect, None)
        for uuid, kpj, payload, village, ended_on in _select_in(conn, _BY_KPJ, kpjs):
            people.by_kpj[kpj] = uuid
            people.kpj_of[uuid], people.payload[uuid] = kpj, payload
            people.ship[uuid] = (village, ended_on if day is None or ended_on is None
                                 else day(ended_on))
        for uuid, nik, kpj, payload, village, ended_on in _select_in(conn, _BY_NIK, niks):
            people.by_nik[nik] = uuid
            people.kpj_of[uuid], people.payload[uuid] = kpj, payload
            people.ship[uuid] = (village, ended_on if day is None or ended_on is None
                                 else day(ended_on))
        return people


class _Ship(NamedTuple):
    """A membership as the members import compares it."""

    kpj: str | None
    ended_on: date | None
    ended_reason: str | None


_MEMBER_BY_NIK = f"SELECT uuid, nik, village_code FROM {T_MEMBER.name} WHERE nik IN ({{in}})"
_MEMBER_BY_NUMBER = (f"SELECT uuid, registration_number, village_code FROM {T_MEMBER.name} "
                     f"WHERE registration_number IN ({{in}})")
_SHIP = f"SELECT uuid, kpj, ended_on, ended_reason FROM {T_MEMBERSHIP.name} WHERE"
_SHIP_BY_KPJ, _SHIP_BY_UUID = f"{_SHIP} kpj IN ({{in}})", f"{_SHIP} uuid IN ({{in}})"
_BY_KPJ = (f"SELECT m.uuid, m.kpj, r.payload, m.village_code, m.ended_on "
           f"FROM {T_MEMBERSHIP.name} m "
           f"LEFT JOIN {T_REG.name} r ON r.uuid = m.uuid WHERE m.kpj IN ({{in}})")
_BY_NIK = (f"SELECT p.uuid, p.nik, m.kpj, r.payload, m.village_code, m.ended_on "
           f"FROM {T_MEMBER.name} p "
           f"LEFT JOIN {T_MEMBERSHIP.name} m ON m.uuid = p.uuid "
           f"LEFT JOIN {T_REG.name} r ON r.uuid = p.uuid WHERE p.nik IN ({{in}})")
_PAID = (f"SELECT uuid, first_month, last_month, paid_on, reference, amount "
         f"FROM {T_PAYMENT.name} WHERE uuid IN ({{in}})")


def _select_in(conn: Connection, sql: str, values: Iterable[str]) -> Iterator[Any]:
    """``sql``'s rows for ``values`` (its ``IN ({in})``), :data:`_IN_MAX` values a statement,
    at the driver: Core compiles every value of an expanding ``IN`` (µs each) and builds a
    row object per result, which on 100,000 rows is most of the lookup time."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for part in _parts(values):
        yield from conn.exec_driver_sql(sql.replace("{in}", ", ".join([mark] * len(part))),
                                        tuple(part)).fetchall()


def _keys(rows: Sequence[Any], name: str) -> set[str]:
    return {v for r in rows if not r.problems and (v := getattr(r, name)) is not None}


# ---- writing ---------------------------------------------------------------------------

def _insert_many(conn: Connection, table: Table, columns: Sequence[str],
                 rows: list[tuple[Any, ...]]) -> None:
    """``executemany`` at the driver (SQLAlchemy Core builds parameters at ~25 µs a row);
    values still go through the columns' own bind processors (dates as SQLite stores them)."""
    if not rows:
        return
    dialect = conn.dialect
    processors = [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    if any(processors):
        rows = _processed(rows, processors)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} "
                         f"({', '.join(quote(c) for c in columns)}) "
                         f"VALUES ({', '.join([mark] * len(columns))})", rows)


def _processed(rows: list[tuple[Any, ...]], processors: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Rows with each value through its column's bind processor, once per distinct value
    (months, dates and the import's time repeat down a file)."""
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i, processor in enumerate(processors):
        if processor is not None:
            done = {v: processor(v) for v in set(columns[i]) if v is not None}
            done[None] = None
            columns[i] = [done[v] for v in columns[i]]
    return list(zip(*columns, strict=True))


def _scratch() -> Table:
    """A temporary table of memberships to change (one per import, dropped before commit)."""
    return Table("regdesk_import_scratch", MetaData(),
                 Column("uuid", String(36), nullable=False),  # (unique; no index to fill)
                 Column("seq", BigInteger, nullable=False),
                 Column("kpj", String(11)), Column("ended_on", Date),
                 Column("ended_reason", String(16)), prefixes=["TEMPORARY"])


def _move_seq(conn: Connection, changes: dict[str, tuple[Any, ...]], now: datetime, *,
              with_fields: bool) -> None:
    """Give these existing memberships a new ``seq`` each (and, ``with_fields``, their new
    KPJ and end) in one ``UPDATE … FROM`` a scratch table."""
    if not changes:
        return
    ordered = sorted(changes)
    seq = counters.allocate(conn, counters.SEQ, len(ordered))
    scratch = _scratch()
    scratch.create(conn)
    rows = [(u, seq + i, *changes[u]) for i, u in enumerate(ordered)]
    names = ("uuid", "seq", "kpj", "ended_on", "ended_reason")[:len(rows[0])]
    for start in range(0, len(rows), 10_000):
        _insert_many(conn, scratch, names, rows[start:start + 10_000])
    values: dict[str, Any] = {"seq": scratch.c.seq, "updated_at": now}
    if with_fields:
        values.update(kpj=scratch.c.kpj, ended_on=scratch.c.ended_on,
                      ended_reason=scratch.c.ended_reason)
    conn.execute(update(T_MEMBERSHIP).where(T_MEMBERSHIP.c.uuid == scratch.c.uuid)
                 .values(**values))
    scratch.drop(conn)


def _record_run(conn: Connection, result: ImportResult, now: Any) -> None:
    conn.execute(insert(T_IMPORT_RUN).values(
        kind=result.kind, file_name=result.file.name[:255], file_sha256=result.sha256,
        counts=json.dumps(result.counts(), sort_keys=True), created_at=now))


def _report(result: ImportResult, rf: ReadFile, batch: list[tuple[Any, Any]],
            outcomes: dict[int, Outcome]) -> None:
    """Count the chunk's rows in file order; keep the cells of those the report shows."""
    for row, cells in batch:
        outcome = outcomes[row.row]
        result.add(outcome)
        if outcome.problems or outcome.warnings:
            rf.keep(row.row, cells)


# ---- members ---------------------------------------------------------------------------

def _match_member(row: MemberRow, people: _People) -> str | None:
    if row.nik is not None and row.nik in people.by_nik:
        return people.by_nik[row.nik]
    if row.registration_number is not None:
        return people.by_number.get(row.registration_number)
    return None


def _judge_member(row: MemberRow, uuid: str, people: _People,
                  kpj_in_file: dict[str, tuple[str, int]]) -> Outcome:
    assert row.kpj is not None
    holder = people.by_kpj.get(row.kpj)
    if holder is not None and holder != uuid:
        return Outcome(row.row, "error", [error("kpj", "membership.kpj_taken")])
    seen = kpj_in_file.setdefault(row.kpj, (uuid, row.row))
    if seen[0] != uuid:
        return Outcome(row.row, "error", [error("kpj", "membership.kpj_repeated", row=seen[1])])
    current = people.membership.get(uuid)
    if current is not None and current.kpj not in (None, row.kpj):
        return Outcome(row.row, "error", [error("kpj", "membership.kpj_changed")])
    if current is not None and (current.kpj, current.ended_on, current.ended_reason) == (
            row.kpj, row.ended_on, row.ended_reason):
        return Outcome(row.row, "unchanged")
    return Outcome(row.row, "applied")


@dataclass
class _MemberChanges:
    """What a members file changes, across its chunks (judged against HQ before the file)."""

    existing: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # uuid → kpj, end
    new: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # uuid → village, kpj, end
    kpj_in_file: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __contains__(self, uuid: str) -> bool:
        return uuid in self.existing or uuid in self.new

    def __len__(self) -> int:
        return len(self.existing) + len(self.new)


def _members_chunk(conn: Connection, rows: list[MemberRow], changes: _MemberChanges
                   ) -> dict[int, Outcome]:
    people = _People.of_members(conn, niks=_keys(rows, "nik"),
                                numbers=_keys(rows, "registration_number"), kpjs=_keys(rows, "kpj"))
    outcomes: dict[int, Outcome] = {}
    for row in rows:
        uuid = None if row.problems else _match_member(row, people)
        if row.problems:
            outcome = Outcome(row.row, "error", row.problems)
        elif uuid is None:
            outcome = Outcome(row.row, "unmatched", [warning("nik", "membership.unmatched")])
        else:
            outcome = _judge_member(row, uuid, people, changes.kpj_in_file)
        if outcome.status == "applied" and uuid is not None:
            if uuid in changes:
                outcome = Outcome(row.row, "error", [error("nik", "membership.person_repeated")])
            elif uuid in people.membership:
                changes.existing[uuid] = (row.kpj, row.ended_on, row.ended_reason)
            else:
                changes.new[uuid] = (people.village[uuid], row.kpj, row.ended_on,
                                     row.ended_reason)
        outcomes[row.row] = outcome
    return outcomes


def _write_members(conn: Connection, changes: _MemberChanges, now: datetime) -> None:
    _move_seq(conn, changes.existing, now, with_fields=True)
    if changes.new:
        ordered = sorted(changes.new)
        seq = counters.allocate(conn, counters.SEQ, len(ordered))
        rows = [(u, *changes.new[u], seq + i, now) for i, u in enumerate(ordered)]
        for start in range(0, len(rows), 10_000):
            _insert_many(conn, T_MEMBERSHIP, ("uuid", "village_code", "kpj", "ended_on",
                                              "ended_reason", "seq", "updated_at"),
                         rows[start:start + 10_000])
    spans.refresh(conn, [*changes.existing, *changes.new])


def _apply_members(conn: Connection, rf: ReadFile, result: ImportResult) -> int:
    changes = _MemberChanges()
    for batch in rf.chunks(CHUNK_ROWS):
        _report(result, rf, batch, _members_chunk(conn, [r for r, _ in batch], changes))
    if result.dry_run or not result.ok:
        return 0
    _write_members(conn, changes, utcnow())
    return len(changes)


# ---- payments --------------------------------------------------------------------------

@dataclass(slots=True)
class _PriceBasis:
    """The few registration fields a fee depends on (read without full validation: HQ
    validated the payload when it accepted it)."""

    income: int
    transport: bool
    funding: str
    jht: bool
    renewals: tuple[tuple[date, int, str], ...]  # (start month, months, funding)
    occupation: str | None = None  # not priced: the group its active spans count in


_UNREAD: Any = object()


class _Pricing:
    """Expected contributions for a registration's months, with the rates of each month."""

    def __init__(self, occupations: OccupationList, rates: RateTable) -> None:
        self.occupations, self.rates = occupations, rates
        self.bases: dict[str, _PriceBasis | None] = {}
        self.payloads: dict[str, str | None] = {}
        self.cache: dict[tuple[Any, ...], int | None] = {}
        self._transport: dict[tuple[Any, Any], bool] = {}
        self._shared: dict[tuple[Any, ...], _PriceBasis] = {}

    def _is_transport(self, codes: tuple[Any, Any]) -> bool:
        found = self._transport.get(codes)
        if found is None:
            found = self._transport[codes] = any(
                o is not None and o.transport
                for o in (self.occupations.get(c) for c in codes if c))
        return found

    def _basis(self, payload: dict[str, Any]) -> _PriceBasis | None:
        """The fee basis of a payload; registrations alike (no renewals) share one."""
        try:
            fields = (payload["income"], payload["occupation_code"],
                      payload.get("second_occupation_code"), payload["funding"],
                      payload.get("jht"))
            if not payload.get("renewals"):
                shared = self._shared.get(fields)
                if shared is None:
                    shared = self._shared[fields] = self._build(fields, ())
                return shared
            renewals = tuple((date.fromisoformat(r["start_month"]), int(r["months"]),
                              str(r["funding"])) for r in payload["renewals"])
            return self._build(fields, renewals)
        except (KeyError, TypeError, ValueError):
            return None  # nothing to compare with: no warning

    def _build(self, fields: tuple[Any, ...], renewals: tuple[tuple[date, int, str], ...]
               ) -> _PriceBasis:
        income, occupation, second, funding, jht = fields
        return _PriceBasis(int(income), self._is_transport((occupation, second)), str(funding),
                           bool(jht), renewals, occupation or None)

    def use(self, payloads: dict[str, str | None]) -> None:
        """The registration payloads of one chunk (parsed when first priced; those of the
        chunk before are let go)."""
        self.payloads, self.bases = payloads, {}

    def _basis_of(self, uuid: str) -> _PriceBasis | None:
        found = self.bases.get(uuid, _UNREAD)
        if found is not _UNREAD:
            return cast("_PriceBasis | None", found)
        payload = self.payloads.get(uuid)
        basis = self.bases[uuid] = None if payload is None else self._basis(json.loads(payload))
        return basis

    def expected(self, uuid: str, first: date, last: date) -> int | None:
        basis = self._basis_of(uuid)
        if basis is None:
            return None
        funding = basis.funding
        for start, months, renewal_funding in basis.renewals:
            if start <= first < add_months(start, months):
                funding = renewal_funding
        key = (first, last, basis.income, basis.transport, funding, basis.jht)
        found = self.cache.get(key, _UNREAD)
        if found is _UNREAD:
            found = self.cache[key] = _expected(self.rates, *key)
        return cast("int | None", found)


def _expected(rates: RateTable, first: date, last: date, income: int, transport: bool,
              funding: str, jht: bool) -> int | None:
    total, month = 0, first
    try:
        while month <= last:
            total += month_fee(rates, month, income=income, transport=transport,
                               funding=funding, jht=jht).total
            month = add_months(month, 1)
    except ValueError:  # no rate covers a month: nothing to compare with
        return None
    return total


def _payment_uuid(row: PaymentRow, people: _People) -> tuple[str | None, list[Problem]]:
    by_kpj = people.by_kpj.get(row.kpj) if row.kpj is not None else None
    by_nik = people.by_nik.get(row.nik) if row.nik is not None else None
    if by_kpj is not None and by_nik is not None and by_kpj != by_nik:
        return None, [error("kpj", "payment.kpj_nik_differ")]
    uuid = by_kpj or by_nik
    if uuid is not None and people.kpj_of.get(uuid) is None:
        return None, [error("kpj", "payment.no_kpj")]
    return uuid, []


PaymentKey = tuple[str, date, date, date, str]


def _existing_payments(conn: Connection, uuids: set[str]) -> dict[PaymentKey, int]:
    dialect = conn.dialect
    dates = [T_PAYMENT.c[n].type.dialect_impl(dialect).result_processor(dialect, None)
             for n in ("first_month", "last_month", "paid_on")]
    found: dict[PaymentKey, int] = {}
    for uuid, *days, reference, amount in _select_in(conn, _PAID, uuids):
        first, last, paid = (d if p is None else p(d) for p, d in zip(dates, days, strict=True))
        found[(uuid, first, last, paid, reference)] = amount
    return found


def _judge_payment(row: PaymentRow, uuid: str, today: date, pricing: _Pricing) -> Outcome:
    assert row.first_month and row.last_month and row.paid_on and row.amount is not None
    months = (row.last_month.year - row.first_month.year) * 12 + \
        row.last_month.month - row.first_month.month + 1
    if months > MAX_MONTHS:
        return Outcome(row.row, "error", [error("last_month", "payment.too_many_months",
                                                max=MAX_MONTHS)])
    if row.paid_on > today:
        return Outcome(row.row, "error", [error("paid_on", "payment.in_future",
                                                today=today.isoformat())])
    outcome = Outcome(row.row, "applied")
    expected = pricing.expected(uuid, row.first_month, row.last_month)
    if expected is not None and expected != row.amount:
        outcome.warnings.append(warning("amount", "payment.amount_differs", expected=expected,
                                        amount=row.amount))
    return outcome


def _match_payments(rows: list[PaymentRow], people: _People
                    ) -> tuple[list[tuple[PaymentRow, str]], dict[int, Outcome]]:
    matched: list[tuple[PaymentRow, str]] = []
    outcomes: dict[int, Outcome] = {}
    for row in rows:
        if row.problems:
            outcomes[row.row] = Outcome(row.row, "error", row.problems)
            continue
        uuid, problems = _payment_uuid(row, people)
        if problems:
            outcomes[row.row] = Outcome(row.row, "error", problems)
        elif uuid is None:
            outcomes[row.row] = Outcome(row.row, "unmatched",
                                        [warning("kpj", "membership.unmatched")])
        else:
            matched.append((row, uuid))
    return matched, outcomes


@dataclass
class _PaymentRun:
    """A payments import across its chunks. The payments new to HQ are collected (key →
    amount, channel) and inserted at the end in key order, so the indexes fill page by page
    (and only when no row of the file is in error)."""

    conn: Connection
    today: date
    pricing: _Pricing
    new: dict[PaymentKey, tuple[int, str]] = field(default_factory=dict)
    # occupations read with the fee basis, so the spans need not parse the payloads again
    occupations: dict[str, str | None] = field(default_factory=dict)
    # each membership given a new payment: village, end and its payments at HQ before the
    # file, so its spans are worked out with the new payments, not read back
    ships: dict[str, tuple[str, date | None, list[tuple[date, date, date]]]] = field(
        default_factory=dict)

    def judge(self, matched: list[tuple[PaymentRow, str]], existing: dict[PaymentKey, int],
              outcomes: dict[int, Outcome]) -> set[str]:
        """Judge each matched row (into ``outcomes``); collect the payments new to HQ;
        returns the memberships given one."""
        new, fresh = self.new, set()
        for row, uuid in matched:
            outcome = _judge_payment(row, uuid, self.today, self.pricing)
            outcomes[row.row] = outcome
            if outcome.status != "applied":
                continue
            assert row.first_month and row.last_month and row.paid_on and row.amount
            key = (uuid, row.first_month, row.last_month, row.paid_on, row.reference)
            value = (row.amount, row.channel)
            if existing and key in existing:
                before = existing[key]
            else:
                earlier = new.setdefault(key, value)
                if earlier is value:
                    fresh.add(uuid)
                    continue  # new to HQ
                before = earlier[0]  # earlier in this file
            if before == row.amount:
                outcome.status = "unchanged"
            else:
                outcome.status = "error"
                outcome.problems.append(error("amount", "payment.conflicting_amount"))
        return fresh

    def keep_ships(self, fresh: set[str], people: _People,
                   existing: dict[PaymentKey, int]) -> None:
        """Village, end and payments at HQ of the memberships first given a new payment."""
        wanted = fresh - self.ships.keys()
        for uuid in wanted:
            self.ships[uuid] = (*people.ship[uuid], [])
        if wanted:
            for uuid, first, last, paid, _reference in existing:
                if uuid in wanted:
                    self.ships[uuid][2].append((first, last, paid))

    def chunk(self, rows: list[PaymentRow]) -> dict[int, Outcome]:
        people = _People.of_payments(self.conn, niks=_keys(rows, "nik"), kpjs=_keys(rows, "kpj"))
        matched, outcomes = _match_payments(rows, people)
        self.pricing.use(people.payload)
        existing = _existing_payments(self.conn, {u for _, u in matched})
        self.keep_ships(self.judge(matched, existing, outcomes), people, existing)
        for _, uuid in matched:
            basis = self.pricing.bases.get(uuid)
            if isinstance(basis, _PriceBasis):
                self.occupations[uuid] = basis.occupation
        return outcomes

    def write(self) -> set[str]:
        """Insert the new payments (and add them to :attr:`ships`); returns the memberships
        they touch."""
        keys = sorted(self.new)
        for uuid, first, last, paid, _reference in keys:
            self.ships[uuid][2].append((first, last, paid))
        for start in range(0, len(keys), 10_000):
            _insert_many(self.conn, T_PAYMENT, (
                "uuid", "first_month", "last_month", "paid_on", "reference", "amount",
                "channel", "import_id"), [(*k, *self.new[k], None)
                                          for k in keys[start:start + 10_000]])
        return {k[0] for k in keys}


def _apply_payments(conn: Connection, rf: ReadFile, result: ImportResult, today: date) -> int:
    run = _PaymentRun(conn, today, _Pricing(*load_pricing(conn)))
    for batch in rf.chunks(CHUNK_ROWS):
        _report(result, rf, batch, run.chunk([r for r, _ in batch]))
    if result.dry_run or not result.ok:
        return 0
    touched = run.write()
    _move_seq(conn, dict.fromkeys(touched, ()), utcnow(), with_fields=False)
    spans.refresh(conn, touched, occupations=run.occupations, members=run.ships)
    return len(touched)


# ---- entry points ----------------------------------------------------------------------

class _Rollback(Exception):
    """A file with errors: undo whatever its chunks wrote."""


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """Let the cyclic garbage collector run far less often while a file is imported (put
    back afterwards). A 100,000-row file allocates millions of short-lived objects, and
    each default pass (every 700 allocations) re-scans everything alive, SQLAlchemy's and
    the other modules' objects included: a third of the import's time, measured. The
    import makes no reference cycles of its own; the imports run in the one-shot CLI."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _run(engine: Engine, kind: str, rf: ReadFile, *, dry_run: bool,
         apply: Callable[[Connection, ImportResult], int]) -> ImportResult:
    with _fewer_gc_passes():
        return _run_file(engine, kind, rf, dry_run=dry_run, apply=apply)


def _run_file(engine: Engine, kind: str, rf: ReadFile, *, dry_run: bool,
              apply: Callable[[Connection, ImportResult], int]) -> ImportResult:
    result = ImportResult(kind, rf.path, file_sha256(rf.path), dry_run)
    if dry_run:
        with read_tx(engine) as conn:
            apply(conn, result)
        return result
    try:
        with write_tx(engine) as conn:
            changed = apply(conn, result)
            if not result.ok:  # a file with errors writes nothing
                raise _Rollback
            result.memberships_changed = changed
            _record_run(conn, result, utcnow())
            result.written = True
    except _Rollback:
        pass
    return result


def import_members(engine: Engine, path: Path, *, dry_run: bool = False) -> tuple[ImportResult,
                                                                                  ReadFile]:
    rf = read_members(path)
    return _run(engine, "members", rf, dry_run=dry_run,
                apply=lambda conn, result: _apply_members(conn, rf, result)), rf


def import_payments(engine: Engine, path: Path, *, today: date,
                    dry_run: bool = False) -> tuple[ImportResult, ReadFile]:
    """Fees are priced with the occupations and rates in the database (read in the import's
    transaction), not with a full validation context: no regions are loaded."""
    rf = read_payments(path)
    return _run(engine, "payments", rf, dry_run=dry_run,
                apply=lambda conn, result: _apply_payments(conn, rf, result, today)), rf


__all__ = ["CHUNK_ROWS", "ImportResult", "Outcome", "import_members", "import_payments"]
