"""Pendaftaran and the audit log, read for the console: search registrations by NIK, name, KPJ
or registration number (``hq_registration`` with ``hq_member`` and ``hq_membership``), one
registration's detail with HQ's verdict, the latest ``hq_audit`` rows, and Perlu ditinjau
(the set-aside registrations not yet resolved, and :func:`resolve`, the one write here). The
full NIK leaves this module only through :attr:`Detail.nik`, which the page shows to
operators and admins after auditing the view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Select, func, or_, select, update

from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import Problem, Severity
from regdesk.hq import audit, counters
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.tables import T_AUDIT, T_MEMBER, T_MEMBERSHIP, T_REG
from regdesk.hq.timeutil import as_utc

LIMIT = 50  # search results shown at most


@dataclass(frozen=True)
class Found:
    uuid: str
    nik_masked: str
    name: str
    village_code: str
    status: str
    registration_number: str
    kpj: str


@dataclass(frozen=True)
class Detail:
    found: Found
    nik: str  # the full NIK (empty when HQ has none): shown only after an audited view
    version: int
    received_at: datetime
    since: date | None
    ended_on: date | None
    ended_reason: str | None
    problems: tuple[Problem, ...]


def _payload(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _query() -> Select[Any]:
    r, m, s = T_REG.c, T_MEMBER.c, T_MEMBERSHIP.c
    return (select(r.uuid, r.village_code, r.status, r.payload, r.version, r.received_at,
                   r.answer, r.nik.label("reg_nik"), m.nik.label("member_nik"),
                   r.registration_number.label("reg_number"),
                   m.registration_number.label("member_number"), m.since, s.kpj, s.ended_on,
                   s.ended_reason)
            .select_from(T_REG.outerjoin(T_MEMBER, m.uuid == r.uuid)
                         .outerjoin(T_MEMBERSHIP, s.uuid == r.uuid)))


def _scoped(query: Select[Any], scope: str | None) -> Select[Any]:
    return query if scope is None else query.where(T_REG.c.village_code.startswith(scope + "."))


def _nik(row: Any) -> str:
    return str(row.member_nik or row.reg_nik or _payload(row.payload).get("nik") or "")


def _found(row: Any) -> Found:
    return Found(str(row.uuid), mask_nik(_nik(row)) if _nik(row) else "",
                 str(_payload(row.payload).get("full_name") or ""), str(row.village_code),
                 str(row.status), str(row.member_number or row.reg_number or ""),
                 str(row.kpj or ""))


def _by_digits(q: str) -> list[Any]:
    r, m, s = T_REG.c, T_MEMBER.c, T_MEMBERSHIP.c
    if len(q) == 16:
        return [or_(m.nik == q, r.nik == q)]
    return [or_(m.registration_number == q, r.registration_number == q, s.kpj == q)]


def search(engine: Engine, text: str, *, scope: str | None = None,
           limit: int = LIMIT) -> list[Found]:
    """Registrations matching ``text``: a 16-digit NIK, an 11-digit KPJ or registration
    number, or else part of the name (case-insensitive); a viewer's kecamatan ``scope``
    limits them. A NIK HQ keeps no column for (a rejected record) is looked for in the
    stored payloads when the indexed columns find nothing."""
    q = " ".join(text.split())
    if len(q) < 2:
        return []
    with read_tx(engine) as conn:
        rows = _by_number(conn, q, scope, limit) if q.isdigit() else \
            _by_name(conn, q, scope, limit)
    return sorted((_found(row) for row in rows), key=lambda f: (f.name, f.registration_number))


def _by_number(conn: Connection, q: str, scope: str | None, limit: int) -> list[Any]:
    rows = list(conn.execute(_scoped(_query().where(*_by_digits(q)), scope).limit(limit)))
    if rows or len(q) != 16:
        return rows
    return [row for row in conn.execute(_scoped(
        _query().where(T_REG.c.payload.contains(q)), scope).limit(limit))
        if _payload(row.payload).get("nik") == q]


def _by_name(conn: Connection, q: str, scope: str | None, limit: int) -> list[Any]:
    needle = q.casefold()
    like = T_REG.c.payload.ilike(f"%{_escape(q)}%", escape="\\")
    rows = conn.execute(_scoped(_query().where(like), scope).limit(limit * 20))
    return [row for row in rows
            if needle in str(_payload(row.payload).get("full_name") or "").casefold()][:limit]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _problems(answer: str) -> tuple[Problem, ...]:
    out = []
    for p in _payload(answer).get("problems") or ():
        if isinstance(p, dict):
            try:
                severity = Severity(p.get("severity", "error"))
            except ValueError:
                severity = Severity.ERROR
            out.append(Problem(str(p.get("field", "")), str(p.get("code", "")), severity,
                               dict(p.get("params") or {})))
    return tuple(out)


def detail(engine: Engine, uuid: str, *, scope: str | None = None) -> Detail | None:
    """One registration (None: unknown, or outside the viewer's ``scope``)."""
    with read_tx(engine) as conn:
        row = conn.execute(_scoped(_query().where(T_REG.c.uuid == uuid), scope)).first()
    if row is None:
        return None
    return Detail(_found(row), _nik(row), int(row.version), as_utc(row.received_at), row.since,
                  row.ended_on, row.ended_reason, _problems(str(row.answer)))


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    entity: str
    detail: dict[str, Any]


def audit_log(engine: Engine, *, action: str = "", actor: str = "",
              limit: int = 200) -> list[AuditRow]:
    """The newest audit rows first, optionally of one action and one actor."""
    query = select(T_AUDIT).order_by(T_AUDIT.c.id.desc()).limit(limit)
    if action:
        query = query.where(T_AUDIT.c.action == action)
    if actor:
        query = query.where(T_AUDIT.c.actor == actor)
    with read_tx(engine) as conn:
        rows = list(conn.execute(query))
    return [AuditRow(as_utc(r.at), str(r.actor), str(r.action), str(r.entity),
                     _payload(str(r.detail))) for r in rows]


def audit_choices(engine: Engine) -> tuple[list[str], list[str]]:
    """Every action and every actor the log holds (for the filter's lists)."""
    with read_tx(engine) as conn:
        actions = sorted(str(a) for a in conn.execute(select(T_AUDIT.c.action).distinct())
                         .scalars())
        actors = sorted(str(a) for a in conn.execute(select(T_AUDIT.c.actor).distinct())
                        .scalars())
    return actions, actors


# Perlu ditinjau: registrations HQ set aside (rejected or duplicate), until resolved

SET_ASIDE = ("rejected", "duplicate")
NOTE_MAX = 500  # characters of a resolution note


@dataclass(frozen=True)
class Waiting:
    found: Found
    received_at: datetime
    problems: tuple[Problem, ...]


def _waiting_where(scope: str | None) -> list[Any]:
    where = [T_REG.c.status.in_(SET_ASIDE), T_REG.c.reviewed_at.is_(None)]
    if scope is not None:
        where.append(T_REG.c.village_code.startswith(scope + "."))
    return where


def review_queue(engine: Engine, *, scope: str | None = None,
                 limit: int = 200) -> list[Waiting]:
    """Unresolved set-aside registrations (of a viewer's kecamatan ``scope``), oldest first."""
    query = _query().where(*_waiting_where(scope)).order_by(T_REG.c.received_at,
                                                            T_REG.c.uuid).limit(limit)
    with read_tx(engine) as conn:
        rows = list(conn.execute(query))
    return [Waiting(_found(r), as_utc(r.received_at), _problems(str(r.answer))) for r in rows]


def review_count(conn: Connection, scope: str | None = None) -> int:
    """How many set-aside registrations wait for a resolution."""
    return int(conn.execute(select(func.count()).select_from(T_REG)
                            .where(*_waiting_where(scope))).scalar_one())


class ReviewRefused(ValueError):
    """A resolution HQ does not store (the note's rule); ``key`` is the catalogue's line."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def check_note(text: str) -> str:
    note = text.strip()
    if not note:
        raise ReviewRefused("console.review.note_required")
    if len(note) > NOTE_MAX:
        raise ReviewRefused("console.review.note_long")
    return note


def resolve(engine: Engine, uuid: str, text: str, *, actor: str, at: datetime,
            scope: str | None = None) -> bool:
    """Resolve one waiting registration with a note, in one transaction: the note and time
    stored, the row's ``seq`` moved (so ``/changes`` sends it to every desk of the village,
    the pushing desk too) and ``registration.review`` audited. False: nothing waits under
    ``uuid`` (unknown, resolved already, or outside ``scope``)."""
    note = check_note(text)
    with write_tx(engine) as conn:
        row = conn.execute(select(T_REG.c.status).where(T_REG.c.uuid == uuid,
                                                        *_waiting_where(scope))).first()
        if row is None:
            return False
        seq = counters.allocate(conn, counters.SEQ, 1)
        conn.execute(update(T_REG).where(T_REG.c.uuid == uuid).values(
            review_note=note, reviewed_at=at, seq=seq))
        audit.record(conn, actor=actor, action="registration.review",
                     entity=f"registration:{uuid}", at=at,
                     detail={"status": str(row.status), "seq": seq})
    return True
