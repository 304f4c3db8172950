"""Append-only audit log. Entries name fields, never their values (no NIK, names, phones)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from regdesk.store.models import AuditEntry
from regdesk.store.views import AuditView


def record_many(session: Session, *, at: datetime, actor: str, action: str, entity: str,
                entries: Iterable[tuple[str, dict[str, Any] | None]]) -> None:
    """Audit entries of one action, one Core insert (a print run's cards)."""
    rows = [{"at": at, "actor": actor, "action": action, "entity": entity,
             "entity_id": entity_id, "fields": "[]",
             "detail": json.dumps(detail or {}, ensure_ascii=False)}
            for entity_id, detail in entries]
    if rows:
        session.connection().execute(insert(AuditEntry.__table__), rows)  # type: ignore[attr-defined]


def record(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    fields: Iterable[str] = (),
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEntry(
            at=at,
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            fields=json.dumps(sorted(fields)),
            detail=json.dumps(detail or {}, ensure_ascii=False),
        )
    )


def entries_for(session: Session, entity_id: str) -> list[AuditView]:
    rows = session.exec(
        select(AuditEntry).where(AuditEntry.entity_id == entity_id).order_by(col(AuditEntry.id))
    ).all()
    return [
        AuditView(
            r.at,
            r.actor,
            r.action,
            r.entity,
            r.entity_id,
            json.loads(r.fields),
            json.loads(r.detail),
        )
        for r in rows
    ]
