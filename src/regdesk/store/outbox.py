"""The outbox: what must reach HQ, frozen at save time, and HQ's answers applied back.

A batch is claimed (entries move to ``in_flight`` under one batch id) and committed *before*
anything is sent, so after a crash the same batch — same id, same bytes — is sent again and
HQ answers it from its idempotency record.

Batch paths use SQLAlchemy Core (a handful of statements per batch, not per row). New entries
are written in one place only, :func:`enqueue`, for a single save and a bulk import alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, bindparam, func, select, update
from sqlmodel import Session, SQLModel

from regdesk.domain.registration import Status
from regdesk.store.settings import get_setting, set_setting
from regdesk.store.tables import insert_rows, sqlite_timestamp

LAST_SYNC_SUCCESS = "sync.last_success"
ACCEPTED = "accepted"
TERMINAL_PROBLEMS = {"rejected", "duplicate", "conflict", "forbidden", "stale"}
UNSENT = ("queued", "in_flight")
_CHUNK = 500
_STATUS_FIELD, _NO_FIELDS = json.dumps(["status"]), json.dumps([])  # audit "fields" texts


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


@dataclass(frozen=True, slots=True)
class OutboxItem:
    registration_uuid: str
    version: int
    local_ref: str
    payload: str  # canonical JSON text, sent as is


def enqueue(session: Session, entries: Sequence[OutboxItem], *, now: datetime) -> None:
    """Queue record versions for HQ (one or many, in the caller's transaction): the only
    writer of outbox entries. Only the newest version of a record travels, so an entry past
    version 1 first withdraws what its record still has queued (:func:`withdraw`)."""
    if not entries:
        return
    withdraw(session, [e.registration_uuid for e in entries if e.version > 1])
    stamp = sqlite_timestamp(now)
    insert_rows(session.connection(), "outbox", [
        {"registration_uuid": e.registration_uuid, "version": e.version,
         "local_ref": e.local_ref, "payload": e.payload, "created_at": stamp}
        for e in entries])


def withdraw(session: Session, registration_uuids: Sequence[str]) -> None:
    """Versions of these records still queued will not be sent (superseded; a cancellation,
    or a newer version on its way)."""
    box = _table("outbox")
    connection = session.connection()
    for start in range(0, len(registration_uuids), _CHUNK):
        connection.execute(update(box).where(
            box.c.registration_uuid.in_(registration_uuids[start : start + _CHUNK]),
            # ``state || ''`` keeps SQLite on the exact uuid index: a bare state filter
            # tempts it into the state index, which scans every queued entry
            box.c.state.concat("") == "queued",
        ).values(state="superseded"))


@dataclass(frozen=True, slots=True)
class Batch:
    batch_id: str
    items: list[OutboxItem]


@dataclass(frozen=True, slots=True)
class Answer:
    """HQ's verdict for one record version."""

    registration_uuid: str
    version: int
    outcome: str
    member_number: str | None = None
    card_qr: str | None = None
    detail: dict[str, Any] | None = None  # problems / duplicate_of, kept for the clerk


def claim_batch(session: Session, *, new_batch_id: str, limit: int, now: datetime,
                held: Collection[str] = ()) -> Batch | None:
    """The oldest unfinished in-flight batch if there is one, else up to ``limit`` queued
    entries, leaving out records that have a version in flight. Batches in ``held`` (already
    in this caller's hands) are not claimed again."""
    connection = session.connection()
    # driver-level SQL: this runs once per batch of every sync
    columns = "SELECT id, registration_uuid, version, local_ref, payload, batch_id FROM outbox"
    held = list(held)
    rows = _select_in(connection, f"{columns} WHERE state = 'in_flight' AND NOT "
                      "coalesce(batch_id IN ({}), 0) ORDER BY id", held)
    if rows:
        batch_id = rows[0].batch_id or new_batch_id
        rows = [r for r in rows if r.batch_id == batch_id]
    else:
        # a record with a version still in the air waits: its versions reach HQ in order
        # even when batches are sent side by side
        rows = connection.exec_driver_sql(
            f"{columns} WHERE state = 'queued' AND registration_uuid NOT IN "
            "(SELECT registration_uuid FROM outbox WHERE state = 'in_flight') "
            "ORDER BY id LIMIT ?", (limit,)).all()
        if not rows:
            return None
        batch_id = new_batch_id
    resend = rows[0].batch_id is not None
    ids = [r.id for r in rows]
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        connection.exec_driver_sql(
            "UPDATE outbox SET state = 'in_flight', batch_id = ?, attempts = attempts + 1"
            + ("" if resend else ", sent_at = ?")
            + f" WHERE id IN ({', '.join('?' * len(part))})",
            (batch_id, *(() if resend else (sqlite_timestamp(now),)), *part))
    return Batch(batch_id, [OutboxItem(r.registration_uuid, r.version, r.local_ref, r.payload)
                            for r in rows])


def _select_in(connection: Connection, sql: str, values: Sequence[Any]) -> Sequence[Row[Any]]:
    """Run ``sql`` with its ``{}`` replaced by one ``?`` per value."""
    return connection.exec_driver_sql(
        sql.format(", ".join("?" * len(values))), tuple(values)).all()


def note_failure(session: Session, batch_id: str, reason: str) -> None:
    """Remember why a send failed (no personal data: reasons are error classes)."""
    box = _table("outbox")
    session.connection().execute(
        update(box).where(box.c.batch_id == batch_id).values(last_error=reason[:200]))


def apply_answers(
    session: Session, batch_id: str, answers: Sequence[Answer], *, now: datetime
) -> dict[str, int]:
    """Apply HQ's per-record answers; idempotent (a second application changes nothing)."""
    connection = session.connection()
    by_key = {(a.registration_uuid, a.version): a for a in answers}
    # driver-level SQL throughout: this runs once per batch of every sync
    in_flight = connection.exec_driver_sql(
        "SELECT id, registration_uuid, version FROM outbox "
        "WHERE batch_id = ? AND state = 'in_flight'", (batch_id,)).all()
    done = [(r.id, by_key[(r.registration_uuid, r.version)]) for r in in_flight
            if (r.registration_uuid, r.version) in by_key]  # unanswered ones stay in flight
    if not done:
        return {}
    connection.exec_driver_sql(
        # once HQ has answered, the frozen copy is no longer needed (history keeps it)
        "UPDATE outbox SET state = 'done', last_error = NULL, payload = '' WHERE id = ?",
        [(entry_id,) for entry_id, _ in done],
    )
    uuids = [a.registration_uuid for _, a in done]
    current = {
        r.uuid: r
        for start in range(0, len(uuids), _CHUNK)
        for r in _select_in(
            connection, "SELECT uuid, version, status, local_ref, member_number, card_qr, "
            "synced_at, hq_answer FROM registration WHERE uuid IN ({})",
            uuids[start : start + _CHUNK])
    }
    tally: dict[str, int] = {}
    stamp = sqlite_timestamp(now)
    changes: list[tuple[Any, ...]] = []
    audits: list[tuple[Any, ...]] = []
    for _, answer in done:
        tally[answer.outcome] = tally.get(answer.outcome, 0) + 1
        row = current[answer.registration_uuid]
        latest = answer.version == row.version and row.status != Status.CANCELLED.value
        # driver-level rows: synced_at is already the stored text
        status, hq_answer, synced_at = row.status, row.hq_answer, row.synced_at
        if latest and answer.outcome == ACCEPTED:
            status, hq_answer, synced_at = Status.SYNCED.value, None, stamp
        elif latest and answer.outcome in TERMINAL_PROBLEMS:
            status = Status.NEEDS_ATTENTION.value
            hq_answer = json.dumps({"outcome": answer.outcome, **(answer.detail or {})},
                                   ensure_ascii=False)
        changes.append((
            status, hq_answer, synced_at,
            answer.member_number or row.member_number,  # stable across versions
            answer.card_qr or row.card_qr, row.uuid,
        ))
        audits.append((
            stamp, f"sync.{answer.outcome}", row.uuid, _STATUS_FIELD if latest else _NO_FIELDS,
            json.dumps({"local_ref": row.local_ref, "version": answer.version}),
        ))
    connection.exec_driver_sql(
        "UPDATE registration SET status = ?, hq_answer = ?, synced_at = ?, member_number = ?, "
        "card_qr = ? WHERE uuid = ?", changes)
    connection.exec_driver_sql(
        "INSERT INTO audit (at, actor, action, entity, entity_id, fields, detail) "
        "VALUES (?, 'sync', ?, 'registration', ?, ?, ?)", audits)
    return tally


@dataclass(frozen=True, slots=True)
class RemoteStatus:
    """A registration's state as HQ reports it in ``/changes``."""

    registration_uuid: str
    status: str | None  # local status to take, or None to keep
    member_number: str | None
    card_qr: str | None
    review_note: str | None = None  # HQ's note resolving a set-aside record (Perlu ditinjau)


def _with_note(hq_answer: str | None, note: str | None) -> str | None:
    """The stored HQ answer with HQ's resolution ``note`` under ``review_note``."""
    if not note:
        return hq_answer
    try:
        answer = json.loads(hq_answer) if hq_answer else {}
    except ValueError:
        answer = {}
    if not isinstance(answer, dict):
        answer = {}
    return json.dumps({**answer, "review_note": note}, ensure_ascii=False, sort_keys=True)


def _remote_row(item: RemoteStatus, row: Any, unsent: set[str]) -> dict[str, Any] | None:
    """The update one pulled state makes to its stored row (None: nothing changes)."""
    status = row.status
    if (item.status and item.registration_uuid not in unsent
            and row.status != Status.CANCELLED.value):
        status = item.status
    new = {"status": status, "member_number": item.member_number or row.member_number,
           "card_qr": item.card_qr or row.card_qr,
           "hq_answer": _with_note(row.hq_answer, item.review_note)}
    old = {"status": row.status, "member_number": row.member_number, "card_qr": row.card_qr,
           "hq_answer": row.hq_answer}
    return None if new == old else {"b_uuid": row.uuid, **new}


def apply_remote_statuses(session: Session, items: Sequence[RemoteStatus]) -> int:
    """Changes pulled from HQ. Never overwrites the status of a record that still has an
    unsent version; rows already in that state are left alone. HQ's resolution note goes
    into the stored HQ answer (``hq_answer["review_note"]``). Returns how many rows
    changed."""
    if not items:
        return 0
    box, reg = _table("outbox"), _table("registration")
    connection = session.connection()
    uuids = [i.registration_uuid for i in items]
    current: dict[str, Any] = {}
    unsent: set[str] = set()
    for start in range(0, len(uuids), _CHUNK):
        part = uuids[start : start + _CHUNK]
        current.update({r.uuid: r for r in connection.execute(
            select(reg.c.uuid, reg.c.status, reg.c.member_number, reg.c.card_qr,
                   reg.c.hq_answer).where(reg.c.uuid.in_(part)))})
        unsent.update(r[0] for r in connection.execute(
            select(box.c.registration_uuid).where(box.c.registration_uuid.in_(part),
                                                  box.c.state.in_(UNSENT))))
    changes = [change for item in items if item.registration_uuid in current
               if (change := _remote_row(item, current[item.registration_uuid], unsent))]
    if changes:
        connection.execute(
            update(reg).where(reg.c.uuid == bindparam("b_uuid")).values(
                status=bindparam("status"), member_number=bindparam("member_number"),
                card_qr=bindparam("card_qr"), hq_answer=bindparam("hq_answer")),
            changes,
        )
    return len(changes)


def pending_count(session: Session) -> int:
    box = _table("outbox")
    return int(session.connection().execute(
        select(func.count()).select_from(box).where(box.c.state.in_(UNSENT))).scalar_one())


def mark_success(session: Session, now: datetime) -> None:
    set_setting(session, LAST_SYNC_SUCCESS, now.isoformat())


def last_success(session: Session) -> str | None:
    value = get_setting(session, LAST_SYNC_SUCCESS)
    return str(value) if value else None


def claim_all(session: Session, *, new_batch_id: Callable[[], str], limit: int,
              now: datetime) -> list[Batch]:
    """Every unfinished in-flight batch (as is) and then every queued entry, claimed into new
    batches of up to ``limit``, all in outbox order — for the offline transfer bundle (in the
    caller's one transaction; ``Store.claim_all`` commits batch by batch instead)."""
    batches = in_flight_batches(session)
    while (batch := claim_queued(session, batch_id=new_batch_id(), limit=limit,
                                 now=now)) is not None:
        batches.append(batch)
    return batches


def _outbox_columns() -> tuple[Any, ...]:
    box = _table("outbox")
    return (box.c.id, box.c.registration_uuid, box.c.version, box.c.local_ref, box.c.payload,
            box.c.batch_id)


def in_flight_batches(session: Session) -> list[Batch]:
    """The unfinished in-flight batches, as they were claimed, in outbox order."""
    box = _table("outbox")
    in_flight: dict[str, list[OutboxItem]] = {}
    for r in session.connection().execute(
            select(*_outbox_columns()).where(box.c.state == "in_flight").order_by(box.c.id)):
        in_flight.setdefault(r.batch_id, []).append(
            OutboxItem(r.registration_uuid, r.version, r.local_ref, r.payload))
    return [Batch(batch_id, items) for batch_id, items in in_flight.items()]


def claim_queued(session: Session, *, batch_id: str, limit: int,
                 now: datetime) -> Batch | None:
    """The oldest ``limit`` queued entries (every version, in order) claimed as one batch."""
    box = _table("outbox")
    connection = session.connection()
    rows = connection.execute(select(*_outbox_columns()).where(box.c.state == "queued")
                              .order_by(box.c.id).limit(limit)).all()
    if not rows:
        return None
    connection.execute(
        update(box).where(box.c.id.in_([r.id for r in rows])).values(
            state="in_flight", batch_id=batch_id, attempts=box.c.attempts + 1, sent_at=now))
    return Batch(batch_id, [OutboxItem(r.registration_uuid, r.version, r.local_ref, r.payload)
                            for r in rows])
