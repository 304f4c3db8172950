"""The "needs fixing" list: refused import rows kept in the database until fixed.

A row is keyed by (file checksum, sheet, row number): importing the same file again updates
its entry instead of adding a second one. An entry is resolved when a later import brings in
(or finds already registered) the NIK it carries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.sqlite import insert
from sqlmodel import Session, col, select

from regdesk.domain.problems import Problem
from regdesk.store.import_models import ImportProblem

_CHUNK = 900


@dataclass(frozen=True, slots=True)
class ProblemEntry:
    """One open (or resolved) row of the needs-fixing list, as plain values."""

    id: int
    import_id: int
    file_name: str
    sheet: str
    row_number: int
    headers: list[str]
    cells: list[str]
    problems: list[Problem]
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None


def upsert(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert or refresh entries. Each dict: import_id, file_name, file_sha256, sheet,
    row_number, nik, name_key, headers, cells, problems (lists), now."""
    if not rows:
        return
    values = [
        {
            "import_id": r["import_id"],
            "file_name": r["file_name"],
            "file_sha256": r["file_sha256"],
            "sheet": r["sheet"],
            "row_number": r["row_number"],
            "nik": r["nik"],
            "name_key": r["name_key"],
            "headers": json.dumps(r["headers"], ensure_ascii=False),
            "cells": json.dumps(r["cells"], ensure_ascii=False),
            "problems": json.dumps([p.as_dict() for p in r["problems"]], ensure_ascii=False),
            "created_at": r["now"],
            "updated_at": r["now"],
            "resolved_at": None,
            "resolution": None,
        }
        for r in rows
    ]
    table = ImportProblem.__table__  # type: ignore[attr-defined]
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=["file_sha256", "sheet", "row_number"],
        set_={
            name: statement.excluded[name]
            for name in (
                "import_id",
                "file_name",
                "nik",
                "name_key",
                "headers",
                "cells",
                "problems",
                "updated_at",
                "resolved_at",
                "resolution",
            )
        },
    )
    connection = session.connection()
    for start in range(0, len(values), _CHUNK):
        connection.execute(statement, values[start : start + _CHUNK])


def resolve(session: Session, keys: Iterable[tuple[str, str]], *, how: str, now: datetime) -> int:
    """Close open entries matching a registered ``(nik, name_key)`` by either part (the fix
    may have been to the NIK itself). Returns how many were closed."""
    connection = session.connection()
    if (
        connection.execute(  # nothing open (the usual case): skip the big IN queries
            select(ImportProblem.id).where(col(ImportProblem.resolved_at).is_(None)).limit(1)
        ).first()
        is None
    ):
        return 0
    pairs = list(keys)
    closed = 0
    for column, wanted in (
        (ImportProblem.nik, {p[0] for p in pairs if p[0]}),
        (ImportProblem.name_key, {p[1] for p in pairs if p[1]}),
    ):
        ordered = sorted(wanted)
        for start in range(0, len(ordered), _CHUNK):
            result = connection.execute(
                update(ImportProblem.__table__)  # type: ignore[attr-defined]
                .where(
                    col(column).in_(ordered[start : start + _CHUNK]),
                    col(ImportProblem.resolved_at).is_(None),
                )
                .values(resolved_at=now, resolution=how)
            )
            closed += result.rowcount or 0
    return closed


def entries(
    session: Session, *, include_resolved: bool = False, limit: int | None = None
) -> list[ProblemEntry]:
    query = select(ImportProblem).order_by(
        col(ImportProblem.file_name), col(ImportProblem.row_number)
    )
    if not include_resolved:
        query = query.where(col(ImportProblem.resolved_at).is_(None))
    if limit is not None:
        query = query.limit(limit)
    return [
        ProblemEntry(
            id=int(r.id or 0),
            import_id=r.import_id,
            file_name=r.file_name,
            sheet=r.sheet,
            row_number=r.row_number,
            headers=json.loads(r.headers),
            cells=json.loads(r.cells),
            problems=[Problem.from_dict(p) for p in json.loads(r.problems)],
            created_at=r.created_at,
            resolved_at=r.resolved_at,
            resolution=r.resolution,
        )
        for r in session.exec(query).all()
    ]
