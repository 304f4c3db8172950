"""HQ's push tables for one batch: load what HQ knows in bulk, write the verdicts in bulk.

Callers hold one write transaction (:func:`regdesk.hq.db.write_tx`) per batch; each function
here is one or two set-based statements (Core executemany, cached compiled statements).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Row, Table, bindparam, insert, literal, select, update

from regdesk.hq.decide import Knowledge, KnownMember, KnownRegistration
from regdesk.hq.tables import T_BATCH, T_MEMBER, T_REG


class BatchReused(ValueError):
    """The batch_id was already used by another device or with other content."""


def stored_answer(conn: Connection, batch_id: str, device_id: str, req_hash: str) -> str | None:
    """The answer already given to this batch, or None; raises :class:`BatchReused` when the
    batch id was used by another device or for other content."""
    row = conn.execute(select(T_BATCH).where(T_BATCH.c.batch_id == batch_id)).first()
    if row is None:
        return None
    if row.device_id != device_id or row.request_hash != req_hash:
        raise BatchReused("batch_id already used for a different batch")
    return str(row.response)


def _load_members(conn: Connection, uuids: list[str], niks: list[str]) -> list[Row[Any]]:
    """Members holding any of ``uuids`` or ``niks``: two index lookups (PostgreSQL plans
    ``uuid IN … OR nik IN …`` as a scan that grows with the table)."""
    rows = {r.uuid: r for r in conn.execute(select(T_MEMBER).where(T_MEMBER.c.uuid.in_(uuids)))}
    if niks:
        for r in conn.execute(select(T_MEMBER).where(T_MEMBER.c.nik.in_(niks))):
            rows.setdefault(r.uuid, r)
    return list(rows.values())


def load_knowledge(conn: Connection, uuids: Sequence[str], niks: Sequence[str], *,
                   answers: bool = True) -> Knowledge:
    """The stored registrations of ``uuids`` and the members holding one of ``uuids`` or
    ``niks`` (``answers=False``: leave the stored answer texts out, as "")."""
    uuids, niks = list(dict.fromkeys(uuids)), list(dict.fromkeys(niks))
    answer = T_REG.c.answer if answers else literal("").label("answer")
    registrations = {r.uuid: KnownRegistration(r.version, r.payload_hash, r.village_code,
                                               r.answer)
                     for r in conn.execute(
                         select(T_REG.c.uuid, T_REG.c.village_code, T_REG.c.version,
                                T_REG.c.payload_hash, answer).where(T_REG.c.uuid.in_(uuids)))}
    members = {m.uuid: KnownMember(m.uuid, m.nik, m.village_code, m.since, m.registration_number)
               for m in _load_members(conn, uuids, niks)}
    return Knowledge(registrations, members)


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Core executemany with a cached compiled statement. On PostgreSQL a RETURNING clause
    makes SQLAlchemy batch the rows into multi-row INSERTs ("insertmanyvalues")."""
    stmt = insert(table)
    if conn.dialect.name == "postgresql":
        stmt = stmt.returning(*table.primary_key.columns)
        conn.execute(stmt, rows).all()
    else:
        conn.execute(stmt, rows)


def save_registrations(conn: Connection, new: list[dict[str, Any]],
                       changed: list[dict[str, Any]]) -> None:
    """Insert the rows of new uuids, update the rows of stored ones (full rows of
    ``hq_registration``)."""
    if new:
        bulk_insert(conn, T_REG, new)
    if changed:
        cols = [c for c in changed[0] if c != "uuid"]
        conn.execute(
            update(T_REG).where(T_REG.c.uuid == bindparam("b_uuid"))
            .values({c: bindparam(c) for c in cols}),
            [{**r, "b_uuid": r["uuid"]} for r in changed],
        )


class MemberRow(NamedTuple):
    """An ``hq_member`` row to write."""

    uuid: str
    registration_number: str
    nik: str
    village_code: str
    since: date


def save_members(conn: Connection, new: list[MemberRow], nik_changed: list[MemberRow]) -> None:
    """Insert new members; move changed members to their new NIKs (all old NIKs are freed
    first, so NIKs may move between members of the batch)."""
    if nik_changed:
        stmt = update(T_MEMBER).where(T_MEMBER.c.uuid == bindparam("b_uuid"))
        conn.execute(stmt.values(nik=bindparam("tmp")),
                     [{"b_uuid": m.uuid, "tmp": "~" + m.registration_number[:15]}
                      for m in nik_changed])
        conn.execute(stmt.values(nik=bindparam("nik")),
                     [{"b_uuid": m.uuid, "nik": m.nik} for m in nik_changed])
    if new:
        bulk_insert(conn, T_MEMBER, [
            {"uuid": m.uuid, "registration_number": m.registration_number, "nik": m.nik,
             "village_code": m.village_code, "since": m.since} for m in new])


def save_batch(conn: Connection, *, batch_id: str, device_id: str, request_hash: str,
               response: str, created_at: datetime) -> None:
    """The idempotency record: the batch and its exact answer."""
    conn.execute(insert(T_BATCH).values(batch_id=batch_id, device_id=device_id,
                                        request_hash=request_hash, response=response,
                                        created_at=created_at))
