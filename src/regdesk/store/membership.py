"""Membership rows (KPJ, paid periods, end) pulled from HQ, and their reading as domain
``lifecycle.Member`` values. Writes run in the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session

from regdesk.domain.lifecycle import Member, Payment, Stage
from regdesk.domain.registration import Status
from regdesk.store.membership_models import MembershipRow

if TYPE_CHECKING:
    from regdesk.store.views import RegistrationView

_TABLE = MembershipRow.__table__  # type: ignore[attr-defined]
_STAGE = {Status.DRAFT.value: Stage.SAVED, Status.PENDING.value: Stage.SENT,
          Status.SYNCED.value: Stage.ACCEPTED}


@dataclass(frozen=True, slots=True)
class MembershipView:
    uuid: str
    registration_number: str | None
    kpj: str | None
    payments: tuple[Payment, ...]
    ended_on: date | None
    ended_reason: str | None
    card_prints: int
    card_qr: str | None = None  # HQ-signed member-card QR (KPJ, state, paid-through)


def _month(text: str) -> date:
    year, month = text.split("-")[:2]
    return date(int(year), int(month), 1)


def _payments(raw: str) -> tuple[Payment, ...]:
    return tuple(
        Payment(first_month=_month(p["first_month"]), last_month=_month(p["last_month"]),
                paid_on=date.fromisoformat(p["paid_on"]))
        for p in json.loads(raw)
    )


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def upsert_memberships(session: Session, changes: Iterable[Mapping[str, Any]], *,
                       now: datetime) -> int:
    """Store ``membership`` changes (wire ``MembershipChange`` dicts) for registrations this
    desk holds; a change older than the stored one (lower HQ seq) is ignored. Returns how
    many rows changed."""
    from regdesk.store.models import RegistrationRow

    rows = [dict(c) for c in changes]
    if not rows:
        return 0
    connection = session.connection()
    reg = RegistrationRow.__table__  # type: ignore[attr-defined]
    known = set(connection.execute(
        select(reg.c.uuid).where(reg.c.uuid.in_([str(r["uuid"]) for r in rows]))).scalars())
    changed = 0
    for change in rows:
        uuid = str(change["uuid"])
        if uuid not in known:
            continue
        values = {
            "registration_number": change.get("registration_number"),
            "kpj": change.get("kpj"),
            "payments": json.dumps([
                {"first_month": str(p["first_month"])[:7], "last_month": str(p["last_month"])[:7],
                 "paid_on": _iso(p["paid_on"])}
                for p in change.get("payments") or ()], sort_keys=True),
            "ended_on": _parse_day(change.get("ended_on")),
            "ended_reason": change.get("ended_reason"),
            "card_qr": change.get("card_qr"),
            "hq_seq": int(change["seq"]),
            "updated_at": now,
        }
        statement = insert(_TABLE).values(uuid=uuid, card_prints=0, **values)
        statement = statement.on_conflict_do_update(
            index_elements=["uuid"], set_=values, where=_TABLE.c.hq_seq <= int(change["seq"]))
        changed += connection.execute(statement).rowcount or 0
    return changed


def _parse_day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def membership_of(session: Session, uuid: str) -> MembershipView | None:
    row = session.connection().execute(select(_TABLE).where(_TABLE.c.uuid == uuid)).first()
    return None if row is None else _view(row)


def memberships(session: Session, uuids: Iterable[str] | None = None) -> dict[str, MembershipView]:
    """Membership views by uuid (all of them when ``uuids`` is None)."""
    query = select(_TABLE)
    if uuids is not None:
        query = query.where(_TABLE.c.uuid.in_(list(uuids)))
    return {row.uuid: _view(row) for row in session.connection().execute(query)}


def member_candidates(session: Session) -> list[RegistrationView]:
    """Registrations that can owe a contribution, oldest first, in one query: not cancelled,
    and accepted by HQ or with a membership row (an edit waiting to sync is still a member)."""
    from regdesk.store.models import RegistrationRow
    from regdesk.store.views import RegistrationView

    reg = RegistrationRow.__table__  # type: ignore[attr-defined]
    known = select(_TABLE.c.uuid)
    query = (select(RegistrationRow)
             .where(reg.c.status != Status.CANCELLED.value,
                    (reg.c.status == Status.SYNCED.value) | reg.c.uuid.in_(known))
             .order_by(reg.c.seq))
    return [RegistrationView.from_row(row) for row in session.scalars(query)]


def standing_inputs(session: Session, *, with_kpj: bool
                    ) -> list[tuple[str, str, MembershipView | None]]:
    """``(uuid, desk status, membership or None)`` of the registrations whose state a
    membership filter must decide, in one query: those with a KPJ (``with_kpj``), or the
    synced ones without a KPJ (waiting for it, unless ended)."""
    from regdesk.store.models import RegistrationRow

    reg = RegistrationRow.__table__  # type: ignore[attr-defined]
    joined = reg.outerjoin(_TABLE, _TABLE.c.uuid == reg.c.uuid)
    columns = [c.label(f"m_{c.name}") for c in _TABLE.c]
    query = select(reg.c.uuid, reg.c.status, *columns).select_from(joined)
    if with_kpj:
        query = query.where(_TABLE.c.kpj.is_not(None))
    else:
        query = query.where(reg.c.status == Status.SYNCED.value, _TABLE.c.kpj.is_(None))
    found: list[tuple[str, str, MembershipView | None]] = []
    for row in session.connection().execute(query):
        m = row._mapping
        view = None if m["m_uuid"] is None else _view(
            SimpleNamespace(**{c.name: m[f"m_{c.name}"] for c in _TABLE.c}))
        found.append((str(m["uuid"]), str(m["status"]), view))
    return found


def _view(row: Any) -> MembershipView:
    return MembershipView(uuid=row.uuid, registration_number=row.registration_number,
                          kpj=row.kpj, payments=_payments(row.payments), ended_on=row.ended_on,
                          ended_reason=row.ended_reason, card_prints=row.card_prints,
                          card_qr=row.card_qr)


def domain_member(status: str, view: MembershipView | None) -> Member:
    """The registration (its desk status) and its membership as a ``lifecycle.Member``."""
    stage = _STAGE.get(status, Stage.SAVED)
    if status == Status.CANCELLED.value:
        return Member(stage=stage, ended_on=date.min)
    if view is None:
        return Member(stage=stage)
    return Member(stage=Stage.ACCEPTED if view.kpj else stage, kpj=view.kpj,
                  payments=view.payments, ended_on=view.ended_on)


def count_card_print(session: Session, uuid: str) -> int:
    """Count one more member card printed for ``uuid``; returns the new count (1 = first)."""
    connection = session.connection()
    connection.execute(_TABLE.update().where(_TABLE.c.uuid == uuid)
                       .values(card_prints=_TABLE.c.card_prints + 1))
    return int(connection.execute(
        select(_TABLE.c.card_prints).where(_TABLE.c.uuid == uuid)).scalar_one())


def count_card_prints(session: Session, uuids: list[str]) -> dict[str, int]:
    """:func:`count_card_print` for many members at once; returns each one's new count."""
    connection = session.connection()
    connection.execute(_TABLE.update().where(_TABLE.c.uuid.in_(uuids))
                       .values(card_prints=_TABLE.c.card_prints + 1))
    return {uuid: int(n) for uuid, n in connection.execute(
        select(_TABLE.c.uuid, _TABLE.c.card_prints).where(_TABLE.c.uuid.in_(uuids)))}
