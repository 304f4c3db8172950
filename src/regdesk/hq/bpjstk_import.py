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
set queries (who the chunk's NIKs and KPJs are, their payments, their fee basis), so memory
stays flat however long the file is. Payments are inserted chunk by chunk inside the one
transaction — it is rolled back if any row of the file is in error — and memberships move
their ``seq`` in one ``UPDATE … FROM`` a scratch table at the end. Members are judged
against HQ as it was before the file (every chunk reads the same state) and written at the
end. Only the rows with a problem or a warning are kept (with their cells, for the report);
the others are counted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
    select,
    update,
)

from regdesk.domain.fees import RateTable, add_months, month_fee
from regdesk.domain.occupations import OccupationList
from regdesk.domain.problems import Problem, error, warning
from regdesk.hq import counters
from regdesk.hq.bpjstk_files import MemberRow, PaymentRow, ReadFile, read_members, read_payments
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.master import load_pricing
from regdesk.hq.tables import T_IMPORT_RUN, T_MEMBER, T_MEMBERSHIP, T_PAYMENT, T_REG
from regdesk.hq.timeutil import utcnow

MAX_MONTHS = 24  # one payment row covers at most this many months
CHUNK_ROWS = 2000  # rows read, looked up and written at a time
_IN_MAX = 2000  # values in one IN (…) list


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
    memberships (KPJ and end) and villages."""

    def __init__(self, conn: Connection, *, niks: set[str], numbers: set[str],
                 kpjs: set[str]) -> None:
        self.by_nik: dict[str, str] = {}
        self.by_number: dict[str, str] = {}
        self.village: dict[str, str] = {}
        for column, found, wanted in ((T_MEMBER.c.nik, self.by_nik, niks),
                                      (T_MEMBER.c.registration_number, self.by_number, numbers)):
            for part in _parts(wanted):
                for r in conn.execute(select(T_MEMBER.c.uuid, column, T_MEMBER.c.village_code)
                                      .where(column.in_(part))):
                    found[r[1]] = r.uuid
                    self.village[r.uuid] = r.village_code
        self.membership: dict[str, Any] = {}
        self._memberships(conn, T_MEMBERSHIP.c.kpj, kpjs)
        self._memberships(conn, T_MEMBERSHIP.c.uuid, set(self.village) - set(self.membership))
        self.by_kpj = {m.kpj: u for u, m in self.membership.items() if m.kpj is not None}

    def _memberships(self, conn: Connection, column: Any, wanted: set[str]) -> None:
        m = T_MEMBERSHIP.c
        for part in _parts(wanted):
            for r in conn.execute(select(m.uuid, m.kpj, m.ended_on, m.ended_reason)
                                  .where(column.in_(part))):
                self.membership[r.uuid] = r


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
        rows = [tuple(v if p is None or v is None else p(v) for p, v in zip(processors, row,
                                                                             strict=True))
                for row in rows]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} "
                         f"({', '.join(quote(c) for c in columns)}) "
                         f"VALUES ({', '.join([mark] * len(columns))})", rows)


def _scratch() -> Table:
    """A temporary table of memberships to change (one per import, dropped before commit)."""
    return Table("regdesk_import_scratch", MetaData(),
                 Column("uuid", String(36), primary_key=True),
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
    people = _People(conn, niks=_keys(rows, "nik"), numbers=_keys(rows, "registration_number"),
                     kpjs=_keys(rows, "kpj"))
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


def _apply_members(conn: Connection, rf: ReadFile, result: ImportResult) -> int:
    changes = _MemberChanges()
    for batch in rf.chunks(CHUNK_ROWS):
        _report(result, rf, batch, _members_chunk(conn, [r for r, _ in batch], changes))
    if result.dry_run or not result.ok:
        return 0
    _write_members(conn, changes, utcnow())
    return len(changes)


# ---- payments --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _PriceBasis:
    """The few registration fields a fee depends on (read without full validation: HQ
    validated the payload when it accepted it)."""

    income: int
    transport: bool
    funding: str
    jht: bool
    renewals: tuple[tuple[date, int, str], ...]  # (start month, months, funding)


class _Pricing:
    """Expected contributions for a registration's months, with the rates of each month."""

    def __init__(self, occupations: OccupationList, rates: RateTable) -> None:
        self.occupations, self.rates = occupations, rates
        self.bases: dict[str, _PriceBasis | None] = {}
        self.cache: dict[tuple[Any, ...], int | None] = {}
        self._transport: dict[tuple[Any, Any], bool] = {}

    def _is_transport(self, codes: tuple[Any, Any]) -> bool:
        found = self._transport.get(codes)
        if found is None:
            found = self._transport[codes] = any(
                o is not None and o.transport
                for o in (self.occupations.get(c) for c in codes if c))
        return found

    def _basis(self, payload: dict[str, Any]) -> _PriceBasis | None:
        try:
            transport = self._is_transport((payload["occupation_code"],
                                            payload.get("second_occupation_code")))
            renewals = tuple((date.fromisoformat(r["start_month"]), int(r["months"]),
                              str(r["funding"])) for r in payload.get("renewals") or ())
            return _PriceBasis(int(payload["income"]), transport, str(payload["funding"]),
                               bool(payload.get("jht")), renewals)
        except (KeyError, TypeError, ValueError):
            return None  # nothing to compare with: no warning

    def load(self, conn: Connection, uuids: set[str]) -> None:
        """The fee bases of one chunk's registrations (those of the chunk before are let go)."""
        self.bases = {}
        for part in _parts(uuids):
            for uuid, payload in conn.execute(select(T_REG.c.uuid, T_REG.c.payload)
                                              .where(T_REG.c.uuid.in_(part))):
                self.bases[uuid] = self._basis(json.loads(payload))

    def expected(self, uuid: str, first: date, last: date) -> int | None:
        basis = self.bases.get(uuid)
        if basis is None:
            return None
        funding = basis.funding
        for start, months, renewal_funding in basis.renewals:
            if start <= first < add_months(start, months):
                funding = renewal_funding
        key = (first, last, basis.income, basis.transport, funding, basis.jht)
        if key not in self.cache:
            self.cache[key] = _expected(self.rates, *key)
        return self.cache[key]


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
    if uuid is not None and not _has_kpj(people, uuid):
        return None, [error("kpj", "payment.no_kpj")]
    return uuid, []


def _has_kpj(people: _People, uuid: str) -> bool:
    m = people.membership.get(uuid)
    return m is not None and m.kpj is not None


PaymentKey = tuple[str, date, date, date, str]


def _key(uuid: str, row: PaymentRow) -> PaymentKey:
    assert row.first_month and row.last_month and row.paid_on
    return uuid, row.first_month, row.last_month, row.paid_on, row.reference


def _existing_payments(conn: Connection, uuids: set[str]) -> dict[PaymentKey, int]:
    p = T_PAYMENT.c
    found: dict[PaymentKey, int] = {}
    for part in _parts(uuids):
        for r in conn.execute(select(p.uuid, p.first_month, p.last_month, p.paid_on,
                                     p.reference, p.amount).where(p.uuid.in_(part))):
            found[(r.uuid, r.first_month, r.last_month, r.paid_on, r.reference)] = r.amount
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
    """A payments import across its chunks."""

    conn: Connection
    today: date
    pricing: _Pricing
    writing: bool  # false in a dry run, and from the first row in error on
    seen: dict[PaymentKey, int] = field(default_factory=dict)  # new in this file → amount
    touched: set[str] = field(default_factory=set)

    def judge(self, matched: list[tuple[PaymentRow, str]], existing: dict[PaymentKey, int],
              outcomes: dict[int, Outcome]) -> list[tuple[PaymentKey, PaymentRow]]:
        """Judge each matched row (into ``outcomes``); returns the payments new to HQ."""
        new: list[tuple[PaymentKey, PaymentRow]] = []
        for row, uuid in matched:
            outcome = _judge_payment(row, uuid, self.today, self.pricing)
            key = _key(uuid, row)
            before = existing.get(key, self.seen.get(key))
            if outcome.status == "applied" and before is not None:
                outcome.status = "unchanged" if before == row.amount else "error"
                if before != row.amount:
                    outcome.problems.append(error("amount", "payment.conflicting_amount"))
            elif outcome.status == "applied":
                assert row.amount is not None
                self.seen[key] = row.amount
                new.append((key, row))
            outcomes[row.row] = outcome
        return new

    def chunk(self, rows: list[PaymentRow]) -> dict[int, Outcome]:
        people = _People(self.conn, niks=_keys(rows, "nik"), numbers=set(),
                         kpjs=_keys(rows, "kpj"))
        matched, outcomes = _match_payments(rows, people)
        uuids = {u for _, u in matched}
        self.pricing.load(self.conn, uuids)
        new = self.judge(matched, _existing_payments(self.conn, uuids), outcomes)
        if any(o.status == "error" for o in outcomes.values()):
            self.writing = False  # the transaction will be rolled back: stop writing
        if self.writing and new:
            _insert_many(self.conn, T_PAYMENT, (
                "uuid", "first_month", "last_month", "paid_on", "reference", "amount",
                "channel", "import_id"), [(*k, r.amount, r.channel, None) for k, r in new])
            self.touched.update(k[0] for k, _ in new)
        return outcomes


def _apply_payments(conn: Connection, rf: ReadFile, result: ImportResult, today: date) -> int:
    run = _PaymentRun(conn, today, _Pricing(*load_pricing(conn)), writing=not result.dry_run)
    for batch in rf.chunks(CHUNK_ROWS):
        _report(result, rf, batch, run.chunk([r for r, _ in batch]))
    if result.dry_run or not result.ok:
        return 0
    _move_seq(conn, dict.fromkeys(run.touched, ()), utcnow(), with_fields=False)
    return len(run.touched)


# ---- entry points ----------------------------------------------------------------------

class _Rollback(Exception):
    """A file with errors: undo whatever its chunks wrote."""


def _run(engine: Engine, kind: str, rf: ReadFile, *, dry_run: bool,
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
