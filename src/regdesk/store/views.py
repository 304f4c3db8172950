"""Frozen read models handed to the CLI, the UI and sync (never live ORM objects)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from regdesk.domain.problems import Problem
from regdesk.domain.registration import Registration, Status, registration_from_dict
from regdesk.store.models import RegistrationRow


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    username: str
    full_name: str
    role: str
    active: bool


@dataclass(frozen=True, slots=True)
class RegistrationView:
    uuid: str
    local_ref: str
    status: Status
    version: int
    member_number: str | None
    registration: Registration
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    cancel_reason: str | None
    hq_answer: dict[str, Any] | None
    card_qr: str | None
    synced_at: datetime | None

    @property
    def hq_problems(self) -> list[Problem]:
        raw = (self.hq_answer or {}).get("problems") or []
        return [Problem.from_dict(p) for p in raw]

    @classmethod
    def from_row(cls, row: RegistrationRow) -> RegistrationView:
        registration, problems = registration_from_dict(json.loads(row.payload))
        if registration is None:  # pragma: no cover - rows are validated before writing
            raise ValueError(f"stored registration {row.uuid} unreadable: {problems}")
        return cls(
            uuid=row.uuid,
            local_ref=row.local_ref,
            status=Status(row.status),
            version=row.version,
            member_number=row.member_number,
            registration=registration,
            created_at=row.created_at,
            created_by=row.created_by,
            updated_at=row.updated_at,
            updated_by=row.updated_by,
            cancel_reason=row.cancel_reason,
            hq_answer=json.loads(row.hq_answer) if row.hq_answer else None,
            card_qr=row.card_qr,
            synced_at=row.synced_at,
        )


@dataclass(frozen=True, slots=True)
class ListRow:
    """One line of the registrations list: cheap columns only (no payload parsing)."""

    seq: int
    uuid: str
    local_ref: str
    status: str
    full_name: str
    nik: str
    phone: str
    member_number: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[ListRow]
    offset: int
    limit: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class VersionEntry:
    version: int
    status: str
    created_at: datetime
    created_by: str
    registration: Registration | None


@dataclass(frozen=True, slots=True)
class AuditView:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    fields: list[str]
    detail: dict[str, Any]
