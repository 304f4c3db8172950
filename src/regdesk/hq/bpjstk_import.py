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
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from regdesk.domain.fees import RateTable, add_months, month_fee
from regdesk.domain.problems import Problem, error, warning
from regdesk.domain.validation import ValidationContext
from regdesk.hq import counters
from regdesk.hq.bpjstk_files import MemberRow, PaymentRow, ReadFile, read_members, read_payments
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.tables import T_IMPORT_RUN, T_MEMBER, T_MEMBERSHIP, T_PAYMENT, T_REG
from regdesk.hq.timeutil import utcnow

MAX_MONTHS = 24  # one payment row covers at most this many months


@dataclass
class Outcome:
    """What happened to one row: ``applied`` / ``unchanged`` / ``unmatched`` / ``error``."""

    row: int
    status: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class ImportResult:
    kind: str
    file: Path
    sha256: str
    dry_run: bool
    outcomes: list[Outcome]
    written: bool = False
    memberships_changed: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return self.count("error") == 0

    def counts(self) -> dict[str, int]:
        return {"rows": len(self.outcomes), "applied": self.count("applied"),
                "unchanged": self.count("unchanged"), "unmatched": self.count("unmatched"),
                "errors": self.count("error"),
                "warnings": sum(1 for o in self.outcomes
                                if o.warnings and o.status != "unmatched"),
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


class _People:
    """Who HQ knows, loaded once per import: by NIK, registration number and KPJ."""

    def __init__(self, conn: Connection) -> None:
        self.by_nik: dict[str, str] = {}
        self.by_number: dict[str, str] = {}
        self.village: dict[str, str] = {}
        for r in conn.execute(select(T_MEMBER.c.uuid, T_MEMBER.c.nik,
                                     T_MEMBER.c.registration_number, T_MEMBER.c.village_code)):
            self.by_nik[r.nik] = r.uuid
            self.by_number[r.registration_number] = r.uuid
            self.village[r.uuid] = r.village_code
        self.membership: dict[str, Any] = {}
        self.by_kpj: dict[str, str] = {}
        for m in conn.execute(select(T_MEMBERSHIP)):
            self.membership[m.uuid] = m
            if m.kpj:
                self.by_kpj[m.kpj] = m.uuid


def _chunks(items: Sequence[Any], size: int = 10_000) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _touch(conn: Connection, people: _People, uuids: set[str], now: Any) -> None:
    """Move the seq of these memberships (create rows without KPJ where none exist)."""
    if not uuids:
        return
    ordered = sorted(uuids)
    seq = counters.allocate(conn, counters.SEQ, len(ordered))
    new = [{"uuid": u, "village_code": people.village[u], "kpj": None, "ended_on": None,
            "ended_reason": None, "seq": seq + i, "updated_at": now}
           for i, u in enumerate(ordered) if u not in people.membership]
    old = [{"b_uuid": u, "seq": seq + i, "updated_at": now}
           for i, u in enumerate(ordered) if u in people.membership]
    if old:
        conn.execute(update(T_MEMBERSHIP).where(T_MEMBERSHIP.c.uuid == bindparam("b_uuid"))
                     .values(seq=bindparam("seq"), updated_at=bindparam("updated_at")), old)
    for part in _chunks(new):
        conn.execute(insert(T_MEMBERSHIP), list(part))


def _record_run(conn: Connection, result: ImportResult, now: Any) -> None:
    conn.execute(insert(T_IMPORT_RUN).values(
        kind=result.kind, file_name=result.file.name[:255], file_sha256=result.sha256,
        counts=json.dumps(result.counts(), sort_keys=True), created_at=now))


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


def _apply_members(conn: Connection, rows: list[MemberRow], dry_run: bool
                   ) -> tuple[list[Outcome], dict[str, MemberRow]]:
    people = _People(conn)
    outcomes: list[Outcome] = []
    changes: dict[str, MemberRow] = {}
    kpj_in_file: dict[str, tuple[str, int]] = {}
    for row in rows:
        if row.problems:
            outcomes.append(Outcome(row.row, "error", row.problems))
            continue
        uuid = _match_member(row, people)
        if uuid is None:
            outcomes.append(Outcome(row.row, "unmatched", [warning("nik", "membership.unmatched")]))
            continue
        outcome = _judge_member(row, uuid, people, kpj_in_file)
        if outcome.status == "applied":
            if uuid in changes:
                outcome = Outcome(row.row, "error", [error("nik", "membership.person_repeated")])
            else:
                changes[uuid] = row
        outcomes.append(outcome)
    if dry_run or any(o.status == "error" for o in outcomes) or not changes:
        return outcomes, changes
    now = utcnow()
    _touch(conn, people, set(changes), now)
    conn.execute(update(T_MEMBERSHIP).where(T_MEMBERSHIP.c.uuid == _bind("b_uuid")).values(
        kpj=_bind("kpj"), ended_on=_bind("ended_on"), ended_reason=_bind("ended_reason")),
        [{"b_uuid": u, "kpj": r.kpj, "ended_on": r.ended_on, "ended_reason": r.ended_reason}
         for u, r in changes.items()])
    return outcomes, changes


def _bind(name: str) -> Any:
    return bindparam(name)


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

    def __init__(self, conn: Connection, ctx: ValidationContext) -> None:
        self.conn, self.ctx = conn, ctx
        self.bases: dict[str, _PriceBasis | None] = {}
        self.cache: dict[tuple[Any, ...], int | None] = {}

    def _basis(self, payload: dict[str, Any]) -> _PriceBasis | None:
        try:
            codes = (payload["occupation_code"], payload.get("second_occupation_code"))
            transport = any(o is not None and o.transport
                            for o in (self.ctx.occupations.get(c) for c in codes if c))
            renewals = tuple((date.fromisoformat(r["start_month"]), int(r["months"]),
                              str(r["funding"])) for r in payload.get("renewals") or ())
            return _PriceBasis(int(payload["income"]), transport, str(payload["funding"]),
                               bool(payload.get("jht")), renewals)
        except (KeyError, TypeError, ValueError):
            return None  # nothing to compare with: no warning

    def load(self, uuids: set[str]) -> None:
        wanted = sorted(uuids - self.bases.keys())
        for part in _chunks(wanted, 2000):
            for r in self.conn.execute(select(T_REG.c.uuid, T_REG.c.payload)
                                       .where(T_REG.c.uuid.in_(part))):
                self.bases[r.uuid] = self._basis(json.loads(r.payload))

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
            self.cache[key] = _expected(self.ctx.rates, *key)
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


def _key(uuid: str, row: PaymentRow) -> tuple[str, date, date, date, str]:
    assert row.first_month and row.last_month and row.paid_on
    return uuid, row.first_month, row.last_month, row.paid_on, row.reference


def _existing_payments(conn: Connection, uuids: set[str]) -> dict[tuple[Any, ...], int]:
    found: dict[tuple[Any, ...], int] = {}
    for part in _chunks(sorted(uuids), 2000):
        for r in conn.execute(select(T_PAYMENT).where(T_PAYMENT.c.uuid.in_(part))):
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


def _judge_payments(matched: list[tuple[PaymentRow, str]], existing: dict[tuple[Any, ...], int],
                    today: date, pricing: _Pricing, outcomes: dict[int, Outcome]
                    ) -> dict[tuple[Any, ...], PaymentRow]:
    """Judge each matched row (into ``outcomes``); returns the payments new to HQ."""
    new: dict[tuple[Any, ...], PaymentRow] = {}
    for row, uuid in matched:
        outcome = _judge_payment(row, uuid, today, pricing)
        key = _key(uuid, row)
        if outcome.status == "applied" and (key in existing or key in new):
            same = existing.get(key, new[key].amount if key in new else None) == row.amount
            outcome.status = "unchanged" if same else "error"
            if not same:
                outcome.problems.append(error("amount", "payment.conflicting_amount"))
        elif outcome.status == "applied":
            new[key] = row
        outcomes[row.row] = outcome
    return new


def _apply_payments(conn: Connection, rows: list[PaymentRow], dry_run: bool,
                    ctx: ValidationContext, today: date, import_id: int | None
                    ) -> tuple[list[Outcome], set[str]]:
    people = _People(conn)
    pricing = _Pricing(conn, ctx)
    matched, outcomes = _match_payments(rows, people)
    uuids = {u for _, u in matched}
    pricing.load(uuids)
    new = _judge_payments(matched, _existing_payments(conn, uuids), today, pricing, outcomes)
    ordered = [outcomes[r.row] for r in rows]
    if dry_run or any(o.status == "error" for o in ordered) or not new:
        return ordered, set()
    for part in _chunks(list(new.items())):
        conn.execute(insert(T_PAYMENT), [
            {"uuid": k[0], "first_month": k[1], "last_month": k[2], "paid_on": k[3],
             "reference": k[4], "amount": r.amount, "channel": r.channel,
             "import_id": import_id} for k, r in part])
    touched = {k[0] for k in new}
    _touch(conn, people, touched, utcnow())
    return ordered, touched


# ---- entry points ----------------------------------------------------------------------

def _run(engine: Engine, kind: str, rf: ReadFile, *, dry_run: bool, apply: Any) -> ImportResult:
    sha = file_sha256(rf.path)
    result = ImportResult(kind, rf.path, sha, dry_run, [])
    if dry_run:
        with read_tx(engine) as conn:
            result.outcomes, changed = apply(conn, True)
        return result
    with write_tx(engine) as conn:
        result.outcomes, changed = apply(conn, False)
        result.memberships_changed = len(changed)
        if result.ok:  # a file with errors wrote nothing (see the apply functions)
            _record_run(conn, result, utcnow())
            result.written = True
    return result


def import_members(engine: Engine, path: Path, *, dry_run: bool = False) -> tuple[ImportResult,
                                                                                  ReadFile]:
    rf = read_members(path)
    return _run(engine, "members", rf, dry_run=dry_run,
                apply=lambda conn, dry: _apply_members(conn, rf.rows, dry)), rf


def import_payments(engine: Engine, path: Path, *, ctx: ValidationContext, today: date,
                    dry_run: bool = False) -> tuple[ImportResult, ReadFile]:
    rf = read_payments(path)
    return _run(engine, "payments", rf, dry_run=dry_run,
                apply=lambda conn, dry: _apply_payments(conn, rf.rows, dry, ctx, today,
                                                        None)), rf


__all__ = ["ImportResult", "Outcome", "import_members", "import_payments"]
