"""Saving, editing and cancelling registrations: one transaction each, always together with
the version history, the outbox entry (frozen payload for HQ) and the audit entry."""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from regdesk.domain.canonical import canonical_json
from regdesk.domain.problems import error, has_errors
from regdesk.domain.registration import Registration, Status, registration_from_dict
from regdesk.domain.validation import (
    ValidationContext,
    unconfirmed_warnings,
    validate_registration,
)
from regdesk.store import audit, outbox, prospects
from regdesk.store.bulk import BulkItem, bulk_insert
from regdesk.store.errors import (
    DuplicateNik,
    NotFound,
    StaleVersion,
    ValidationFailed,
    WarningsNotConfirmed,
)
from regdesk.store.models import RegistrationRow, RegistrationVersion
from regdesk.store.outbox import OutboxItem
from regdesk.store.refs import local_ref_for  # noqa: F401  (re-exported)
from regdesk.store.views import RegistrationView, UserInfo, VersionEntry

EDITABLE_STATUSES = {Status.DRAFT, Status.PENDING, Status.SYNCED, Status.NEEDS_ATTENTION}


def checked(
    reg: Registration, *, now: datetime, ctx: ValidationContext, confirmed: Iterable[str]
) -> Registration:
    """Validate and normalise, or raise: errors first, then unconfirmed warnings."""
    normalised, problems = validate_registration(reg, today=now.date(), ctx=ctx)
    if has_errors(problems):
        raise ValidationFailed([p for p in problems if p.severity == "error"])
    pending = unconfirmed_warnings(problems, confirmed)
    if pending:
        raise WarningsNotConfirmed(pending)
    return normalised


def active_holder(session: Session, nik: str, exclude_uuid: str | None = None) -> str | None:
    """The local reference of a live (not cancelled) registration holding ``nik``."""
    return _active_holder(session, nik, exclude_uuid)


def _active_holder(session: Session, nik: str, exclude_uuid: str | None) -> str | None:
    query = select(RegistrationRow.local_ref).where(
        RegistrationRow.nik == nik, RegistrationRow.status != Status.CANCELLED.value
    )
    if exclude_uuid:
        query = query.where(RegistrationRow.uuid != exclude_uuid)
    return session.exec(query).first()


def _row_fields(reg: Registration) -> dict[str, object]:
    return {
        "nik": reg.nik,
        "full_name": reg.full_name,
        "birth_date": reg.birth_date,
        "phone": reg.phone,
        "village_code": reg.village_code,
        "occupation_code": reg.occupation_code,
        "funding": reg.funding.value,
        "payload": canonical_json(reg.to_dict()),
    }


def _add_version_and_outbox(
    session: Session, row: RegistrationRow, *, now: datetime, actor: str
) -> None:
    session.add(
        RegistrationVersion(
            registration_uuid=row.uuid,
            version=row.version,
            status=row.status,
            payload=row.payload,
            created_at=now,
            created_by=actor,
        )
    )
    session.flush()  # the row's new state first: the outbox is written at the driver level
    if row.status == Status.CANCELLED.value:
        outbox.withdraw(session, [row.uuid])  # a cancellation is not sent: only withdrawn
    else:
        outbox.enqueue(session, [OutboxItem(row.uuid, row.version, row.local_ref, row.payload)],
                       now=now)


@contextmanager
def _nik_race_guard(session: Session, nik: str, exclude_uuid: str | None) -> Iterator[None]:
    """Turn the partial unique index's verdict (a race the first check missed) into the
    same :class:`DuplicateNik` the clerk would have got."""
    try:
        yield
    except IntegrityError as exc:
        session.rollback()
        holder = _active_holder(session, nik, exclude_uuid)
        if holder:
            raise DuplicateNik(holder) from exc
        raise


def create_registration(
    session: Session,
    reg: Registration,
    *,
    ctx: ValidationContext,
    user: UserInfo,
    now: datetime,
    office_village: str,
    confirmed_warnings: Iterable[str] = (),
    registration_uuid: str | None = None,
    audit_detail: dict[str, object] | None = None,
) -> RegistrationView:
    """Validate and save a new registration (status pending). Caller commits.

    Writes through the same driver-level path as bulk imports (row, version, outbox entry,
    audit entry): the single-save path is measured against bare sqlite3.
    """
    confirmed = sorted(set(confirmed_warnings))
    normalised = checked(reg, now=now, ctx=ctx, confirmed=confirmed)
    holder = _active_holder(session, normalised.nik, None)
    if holder:
        raise DuplicateNik(holder)
    item = BulkItem(
        normalised,
        confirmed_warnings=tuple(confirmed),
        audit_detail={"confirmed_warnings": confirmed, **(audit_detail or {})},
        registration_uuid=registration_uuid or str(uuidlib.uuid4()),
        audit_fields=tuple(k for k, v in normalised.to_dict().items() if v not in (None, "")),
    )
    with _nik_race_guard(session, normalised.nik, None):
        [local_ref] = bulk_insert(session, [item], actor=user.username, now=now,
                                  office_village=office_village)
    assert item.registration_uuid is not None
    return RegistrationView(
        uuid=item.registration_uuid, local_ref=local_ref, status=Status.PENDING, version=1,
        member_number=None, registration=normalised, created_at=now,
        created_by=user.username, updated_at=now, updated_by=user.username,
        cancel_reason=None, hq_answer=None, card_qr=None, synced_at=None,
    )


def find_row(session: Session, key: str) -> RegistrationRow:
    """By UUID or local reference."""
    row = session.exec(
        select(RegistrationRow).where(
            (RegistrationRow.uuid == key) | (RegistrationRow.local_ref == key)
        )
    ).first()
    if row is None:
        raise NotFound("record", key)
    return row


def update_registration(
    session: Session,
    key: str,
    reg: Registration,
    *,
    ctx: ValidationContext,
    user: UserInfo,
    now: datetime,
    expected_version: int | None = None,
    confirmed_warnings: Iterable[str] = (),
    action: str = "registration.update",
) -> RegistrationView:
    """Save an edit as a new version (re-queued for HQ), audited as ``action``. No change →
    no new version."""
    row = find_row(session, key)
    if Status(row.status) not in EDITABLE_STATUSES:
        raise ValidationFailed([error("record", "already_cancelled")])
    if expected_version is not None and expected_version != row.version:
        raise StaleVersion(expected_version, row.version)
    confirmed = sorted(set(confirmed_warnings) | set(json.loads(row.confirmed_warnings)))
    normalised = checked(reg, now=now, ctx=ctx, confirmed=confirmed)
    before = json.loads(row.payload)
    after = normalised.to_dict()
    changed = sorted(k for k in before.keys() | after.keys()  # a field can be dropped
                     if before.get(k) != after.get(k))
    if not changed and row.status != Status.NEEDS_ATTENTION.value:
        return RegistrationView.from_row(row)
    # (unchanged but set aside by HQ: the clerk asks to send it again, e.g. after HQ
    # resolved a duplicate — that is a new version too)
    holder = _active_holder(session, normalised.nik, row.uuid)
    if holder:
        raise DuplicateNik(holder)
    for name, value in _row_fields(normalised).items():
        setattr(row, name, value)
    row.version += 1
    row.status = Status.PENDING.value
    row.hq_answer = None
    row.confirmed_warnings = json.dumps(confirmed)
    row.updated_at = now
    row.updated_by = user.username
    session.add(row)
    with _nik_race_guard(session, normalised.nik, row.uuid):
        session.flush()
    _add_version_and_outbox(session, row, now=now, actor=user.username)
    # saved under its NIK (perhaps a corrected one): a list's person with it is registered
    prospects.mark_registered(session, {row.nik: row.local_ref}, now=now, actor=user.username)
    audit.record(
        session,
        at=now,
        actor=user.username,
        action=action,
        entity="registration",
        entity_id=row.uuid,
        fields=changed,
        detail={"local_ref": row.local_ref, "version": row.version},
    )
    session.flush()
    return RegistrationView.from_row(row)


def cancel_registration(
    session: Session, key: str, *, reason: str, user: UserInfo, now: datetime
) -> RegistrationView:
    """Cancel (never delete): status with a reason; unsent versions are withdrawn."""
    if not reason.strip():
        raise ValidationFailed([error("reason", "required")])
    row = find_row(session, key)
    if row.status == Status.CANCELLED.value:
        raise ValidationFailed([error("record", "already_cancelled")])
    row.status = Status.CANCELLED.value
    row.cancel_reason = reason.strip()
    row.version += 1
    row.updated_at = now
    row.updated_by = user.username
    session.add(row)
    _add_version_and_outbox(session, row, now=now, actor=user.username)
    audit.record(
        session,
        at=now,
        actor=user.username,
        action="registration.cancel",
        entity="registration",
        entity_id=row.uuid,
        fields=["status"],
        detail={"local_ref": row.local_ref, "version": row.version},
    )
    session.flush()
    return RegistrationView.from_row(row)


def get_registration(session: Session, key: str) -> RegistrationView:
    return RegistrationView.from_row(find_row(session, key))


def versions_of(session: Session, key: str) -> list[VersionEntry]:
    row = find_row(session, key)
    entries = session.exec(
        select(RegistrationVersion)
        .where(RegistrationVersion.registration_uuid == row.uuid)
        .order_by(col(RegistrationVersion.version))
    ).all()
    return [
        VersionEntry(
            v.version,
            v.status,
            v.created_at,
            v.created_by,
            registration_from_dict(json.loads(v.payload))[0],
        )
        for v in entries
    ]


def views_created_between(
    session: Session, start: datetime, end: datetime
) -> list[RegistrationView]:
    """Registrations created in ``[start, end)``, oldest first (for recaps)."""
    rows = session.exec(
        select(RegistrationRow)
        .where(RegistrationRow.created_at >= start, RegistrationRow.created_at < end)
        .order_by(col(RegistrationRow.seq))
    ).all()
    return [RegistrationView.from_row(row) for row in rows]


def ready_for_cards(session: Session) -> list[RegistrationView]:
    """Accepted by HQ (member number and signed card), not cancelled."""
    rows = session.exec(
        select(RegistrationRow)
        .where(col(RegistrationRow.card_qr).is_not(None),
               RegistrationRow.status != Status.CANCELLED.value)
        .order_by(col(RegistrationRow.seq))
    ).all()
    return [RegistrationView.from_row(row) for row in rows]


def pending_under_programmes(session: Session) -> list[tuple[str, Registration]]:
    """(uuid, registration) of the records saved here that HQ has not answered yet and that
    name a sponsor programme: what HQ's last figures cannot count yet."""
    rows = session.exec(select(RegistrationRow.uuid, RegistrationRow.payload).where(
        RegistrationRow.status == Status.PENDING.value,
        col(RegistrationRow.payload).contains('"programme_id"'))).all()
    out = []
    for uuid, payload in rows:
        reg, _ = registration_from_dict(json.loads(payload))
        if reg is not None:
            out.append((uuid, reg))
    return out
