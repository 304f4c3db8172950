"""The prospect worklist in the caller's transaction: add a list's people, mark them, read them.

:func:`mark_registered` is called by every path that saves a registration (the one insert
path, :func:`regdesk.store.bulk.bulk_insert`, and an edit that changes the NIK), so a person on
a list becomes ``registered`` in the same transaction as their registration. Nothing here
touches the outbox: the worklist never leaves the desk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from regdesk.domain.prospects import ProspectStatus
from regdesk.store.prospect_models import ProspectRow
from regdesk.store.tables import insert_rows, sqlite_timestamp

_REGISTERED = ProspectStatus.REGISTERED.value
_MARK_SQL = (
    "UPDATE prospect SET status = ?, local_ref = ?, reason = NULL, updated_at = ?, "
    "updated_by = ? WHERE nik = ? AND status != ?"
)


@dataclass(frozen=True, slots=True)
class ProspectView:
    id: int
    list_name: str
    nik: str
    full_name: str
    phone: str | None
    village: str | None
    occupation: str | None
    group_name: str | None
    note: str | None
    status: ProspectStatus
    reason: str | None
    local_ref: str | None
    source_file: str
    source_row: int
    updated_at: datetime
    updated_by: str

    @classmethod
    def from_row(cls, row: ProspectRow) -> ProspectView:
        assert row.id is not None
        return cls(row.id, row.list_name, row.nik, row.full_name, row.phone, row.village,
                   row.occupation, row.group_name, row.note, ProspectStatus(row.status),
                   row.reason, row.local_ref, row.source_file, row.source_row, row.updated_at,
                   row.updated_by)


def mark_registered(session: Session, refs: Mapping[str, str], *, now: datetime,
                    actor: str) -> None:
    """Everyone on any list with one of these NIKs (NIK → local reference) is registered."""
    if not refs:
        return
    connection = session.connection()
    if connection.exec_driver_sql("SELECT 1 FROM prospect LIMIT 1").first() is None:
        return  # no worklist on this desk: the save path pays one indexed probe
    stamp = sqlite_timestamp(now)
    connection.exec_driver_sql(
        _MARK_SQL, [(_REGISTERED, ref, stamp, actor, nik, _REGISTERED)
                    for nik, ref in refs.items()])


def niks_on_list(session: Session, list_name: str, niks: Iterable[str]) -> set[str]:
    """The NIKs of ``niks`` already on ``list_name``."""
    wanted = list(set(niks))
    found: set[str] = set()
    for start in range(0, len(wanted), 900):
        part = wanted[start : start + 900]
        found.update(session.exec(select(ProspectRow.nik).where(
            ProspectRow.list_name == list_name, col(ProspectRow.nik).in_(part))).all())
    return found


def add_people(session: Session, rows: Sequence[Mapping[str, Any]], *, list_name: str,
               source_file: str, now: datetime, actor: str) -> None:
    """Insert people (mappings with ``nik``, ``full_name``, ``phone``, ``village``,
    ``occupation``, ``group_name``, ``note``, ``status``, ``local_ref``, ``source_row``)."""
    stamp = sqlite_timestamp(now)
    insert_rows(session.connection(), "prospect", [
        {**row, "list_name": list_name, "source_file": source_file, "reason": None,
         "created_at": stamp, "updated_at": stamp, "updated_by": actor}
        for row in rows])


def find(session: Session, *, prospect_id: int | None = None, nik: str | None = None,
         list_name: str | None = None, source_row: int | None = None) -> list[ProspectRow]:
    """The rows with this id, NIK or row of the list's file (on ``list_name`` if given)."""
    query = select(ProspectRow)
    for column, value in ((ProspectRow.id, prospect_id), (ProspectRow.nik, nik),
                          (ProspectRow.source_row, source_row)):
        if value is not None:
            query = query.where(column == value)
    if list_name is not None:
        query = query.where(ProspectRow.list_name == list_name)
    return list(session.exec(query.order_by(col(ProspectRow.id))).all())


def set_status(session: Session, row: ProspectRow, status: ProspectStatus,
               reason: str | None, *, now: datetime, actor: str) -> ProspectView:
    row.status = status.value
    row.reason = reason
    row.updated_at = now
    row.updated_by = actor
    session.add(row)
    session.flush()
    return ProspectView.from_row(row)


def views(session: Session, *, list_name: str | None = None,
          status: ProspectStatus | None = None) -> list[ProspectView]:
    """People by list, then in the list's row order."""
    query = select(ProspectRow)
    if list_name is not None:
        query = query.where(ProspectRow.list_name == list_name)
    if status is not None:
        query = query.where(ProspectRow.status == status.value)
    query = query.order_by(col(ProspectRow.list_name), col(ProspectRow.source_row),
                           col(ProspectRow.id))
    return [ProspectView.from_row(r) for r in session.exec(query).all()]


def status_counts(session: Session) -> dict[str, dict[str, int]]:
    """List name → status → people."""
    rows = session.exec(
        select(ProspectRow.list_name, ProspectRow.status, func.count())
        .group_by(col(ProspectRow.list_name), col(ProspectRow.status))
        .order_by(col(ProspectRow.list_name))
    ).all()
    out: dict[str, dict[str, int]] = {}
    for list_name, status, count in rows:
        out.setdefault(list_name, {})[status] = int(count)
    return out
