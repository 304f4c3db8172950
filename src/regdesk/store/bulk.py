"""Bulk writes with SQLAlchemy Core (the ORM is ~20× slower for this): demo data, imports.

Rows are inserted with their version, outbox entry and audit entry, in the caller's single
transaction — all or nothing. Callers validate first (see ``registrations.checked``).
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session, SQLModel, col

from regdesk.domain.canonical import canonical_json
from regdesk.domain.registration import Registration, Status
from regdesk.store.models import RegistrationRow
from regdesk.store.registrations import local_ref_for
from regdesk.store.settings import get_setting, set_setting

_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class BulkItem:
    registration: Registration  # validated and normalised
    confirmed_warnings: tuple[str, ...] = ()
    audit_detail: dict[str, Any] | None = None
    registration_uuid: str | None = None


def existing_niks(session: Session, niks: Iterable[str]) -> dict[str, str]:
    """NIK → local reference, for NIKs already held by a non-cancelled registration."""
    found: dict[str, str] = {}
    wanted = list(set(niks))
    for start in range(0, len(wanted), 900):
        part = wanted[start : start + 900]
        rows = (
            session.connection()
            .execute(
                select(RegistrationRow.nik, RegistrationRow.local_ref).where(  # type: ignore[call-overload]
                    col(RegistrationRow.nik).in_(part),
                    RegistrationRow.status != Status.CANCELLED.value,
                )
            )
            .all()
        )
        found.update({r[0]: r[1] for r in rows})
    return found


def bulk_insert(
    session: Session,
    items: Sequence[BulkItem],
    *,
    actor: str,
    now: datetime,
    office_village: str,
    action: str = "registration.create",
) -> list[str]:
    """Insert all items (status pending, version 1). Returns their local references."""
    key = f"counter:local_ref:{office_village}"
    first_serial = int(get_setting(session, key, 0)) + 1
    set_setting(session, key, first_serial + len(items) - 1)
    connection = session.connection()
    tables = [
        SQLModel.metadata.tables[name]
        for name in ("registration", "registration_version", "outbox", "audit")
    ]
    refs: list[str] = []
    for start in range(0, len(items), _CHUNK):
        rows: list[dict[str, Any]] = []
        versions: list[dict[str, Any]] = []
        outbox: list[dict[str, Any]] = []
        audits: list[dict[str, Any]] = []
        for offset, item in enumerate(items[start : start + _CHUNK]):
            reg = item.registration
            uuid = item.registration_uuid or str(uuidlib.uuid4())
            ref = local_ref_for(office_village, first_serial + start + offset)
            payload = canonical_json(reg.to_dict())
            refs.append(ref)
            rows.append(
                {
                    "uuid": uuid,
                    "local_ref": ref,
                    "status": Status.PENDING.value,
                    "version": 1,
                    "member_number": None,
                    "nik": reg.nik,
                    "full_name": reg.full_name,
                    "birth_date": reg.birth_date,
                    "phone": reg.phone,
                    "village_code": reg.village_code,
                    "occupation_code": reg.occupation_code,
                    "funding": reg.funding.value,
                    "payload": payload,
                    "confirmed_warnings": json.dumps(sorted(item.confirmed_warnings)),
                    "hq_answer": None,
                    "card_qr": None,
                    "cancel_reason": None,
                    "created_at": now,
                    "created_by": actor,
                    "updated_at": now,
                    "updated_by": actor,
                    "synced_at": None,
                }
            )
            versions.append(
                {
                    "registration_uuid": uuid,
                    "version": 1,
                    "status": Status.PENDING.value,
                    "payload": payload,
                    "created_at": now,
                    "created_by": actor,
                }
            )
            outbox.append(
                {
                    "registration_uuid": uuid,
                    "version": 1,
                    "local_ref": ref,
                    "payload": payload,
                    "state": "queued",
                    "batch_id": None,
                    "attempts": 0,
                    "last_error": None,
                    "created_at": now,
                    "sent_at": None,
                }
            )
            audits.append(
                {
                    "at": now,
                    "actor": actor,
                    "action": action,
                    "entity": "registration",
                    "entity_id": uuid,
                    "fields": "[]",
                    "detail": json.dumps(
                        {"local_ref": ref, **(item.audit_detail or {})}, ensure_ascii=False
                    ),
                }
            )
        for table, values in zip(tables, (rows, versions, outbox, audits), strict=True):
            connection.execute(insert(table), values)
    return refs
