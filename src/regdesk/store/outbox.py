"""The outbox: what must reach HQ, frozen at save time, and HQ's answers applied back.

A batch is claimed (entries move to ``in_flight`` under one batch id) and committed *before*
anything is sent, so after a crash the same batch — same id, same bytes — is sent again and
HQ answers it from its idempotency record.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from regdesk.domain.registration import Status
from regdesk.store import audit
from regdesk.store.models import OutboxEntry, RegistrationRow
from regdesk.store.settings import get_setting, set_setting

LAST_SYNC_SUCCESS = "sync.last_success"
ACCEPTED = "accepted"
TERMINAL_PROBLEMS = {"rejected", "duplicate", "conflict", "forbidden", "stale"}


@dataclass(frozen=True, slots=True)
class OutboxItem:
    registration_uuid: str
    version: int
    local_ref: str
    payload: str  # canonical JSON text, sent as is


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


def claim_batch(session: Session, *, new_batch_id: str, limit: int, now: datetime) -> Batch | None:
    """The unfinished in-flight batch if there is one, else up to ``limit`` queued entries."""
    in_flight = session.exec(
        select(OutboxEntry).where(OutboxEntry.state == "in_flight").order_by(col(OutboxEntry.id))
    ).all()
    if in_flight:
        batch_id = in_flight[0].batch_id or new_batch_id
        entries = [e for e in in_flight if e.batch_id == batch_id]
    else:
        entries = list(
            session.exec(
                select(OutboxEntry)
                .where(OutboxEntry.state == "queued")
                .order_by(col(OutboxEntry.id))
                .limit(limit)
            ).all()
        )
        if not entries:
            return None
        batch_id = new_batch_id
        for entry in entries:
            entry.state = "in_flight"
            entry.batch_id = batch_id
            entry.sent_at = now
    for entry in entries:
        entry.attempts += 1
        session.add(entry)
    return Batch(
        batch_id,
        [OutboxItem(e.registration_uuid, e.version, e.local_ref, e.payload) for e in entries],
    )


def note_failure(session: Session, batch_id: str, reason: str) -> None:
    """Remember why a send failed (no personal data: reasons are error classes)."""
    for entry in session.exec(select(OutboxEntry).where(OutboxEntry.batch_id == batch_id)).all():
        entry.last_error = reason[:200]
        session.add(entry)


def apply_answers(
    session: Session, batch_id: str, answers: Sequence[Answer], *, now: datetime
) -> dict[str, int]:
    """Apply HQ's per-record answers; idempotent (a second application changes nothing)."""
    tally: dict[str, int] = {}
    by_key = {(a.registration_uuid, a.version): a for a in answers}
    entries = session.exec(
        select(OutboxEntry).where(
            OutboxEntry.batch_id == batch_id, OutboxEntry.state == "in_flight"
        )
    ).all()
    for entry in entries:
        answer = by_key.get((entry.registration_uuid, entry.version))
        if answer is None:
            continue  # HQ did not answer this one: it stays in flight and is resent
        entry.state = "done"
        entry.last_error = None
        session.add(entry)
        tally[answer.outcome] = tally.get(answer.outcome, 0) + 1
        row = session.exec(
            select(RegistrationRow).where(RegistrationRow.uuid == entry.registration_uuid)
        ).one()
        _apply_to_registration(session, row, answer, now=now)
    return tally


def _apply_to_registration(
    session: Session, row: RegistrationRow, answer: Answer, *, now: datetime
) -> None:
    if answer.member_number:
        row.member_number = answer.member_number  # stable across versions
    if answer.card_qr:
        row.card_qr = answer.card_qr
    latest = answer.version == row.version and row.status != Status.CANCELLED.value
    if latest and answer.outcome == ACCEPTED:
        row.status = Status.SYNCED.value
        row.hq_answer = None
        row.synced_at = now
    elif latest and answer.outcome in TERMINAL_PROBLEMS:
        row.status = Status.NEEDS_ATTENTION.value
        row.hq_answer = json.dumps(
            {"outcome": answer.outcome, **(answer.detail or {})}, ensure_ascii=False
        )
    session.add(row)
    audit.record(
        session,
        at=now,
        actor="sync",
        action=f"sync.{answer.outcome}",
        entity="registration",
        entity_id=row.uuid,
        fields=["status"] if latest else [],
        detail={"local_ref": row.local_ref, "version": answer.version},
    )


def apply_remote_status(
    session: Session,
    *,
    registration_uuid: str,
    status: str | None,
    member_number: str | None,
    card_qr: str | None,
    now: datetime,
) -> bool:
    """A change pulled from HQ. Never overwrites a local version HQ hasn't seen yet."""
    row = session.exec(
        select(RegistrationRow).where(RegistrationRow.uuid == registration_uuid)
    ).first()
    if row is None:
        return False
    unsent = session.exec(
        select(func.count())
        .select_from(OutboxEntry)
        .where(
            OutboxEntry.registration_uuid == registration_uuid,
            col(OutboxEntry.state).in_(("queued", "in_flight")),
        )
    ).one()
    if member_number:
        row.member_number = member_number
    if card_qr:
        row.card_qr = card_qr
    if not unsent and status and row.status != Status.CANCELLED.value:
        row.status = status
    session.add(row)
    return True


def pending_count(session: Session) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(OutboxEntry)
            .where(col(OutboxEntry.state).in_(("queued", "in_flight")))
        ).one()
    )


def mark_success(session: Session, now: datetime) -> None:
    set_setting(session, LAST_SYNC_SUCCESS, now.isoformat())


def last_success(session: Session) -> str | None:
    value = get_setting(session, LAST_SYNC_SUCCESS)
    return str(value) if value else None
