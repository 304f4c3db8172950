"""Import runs in the database: the runs of one file so far, and recording a new run (inside
the caller's transaction). The spreadsheet side lives in ``regdesk.services.imports``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from regdesk.store.import_models import ImportRun


@dataclass(frozen=True, slots=True)
class PreviousRun:
    id: int
    at: datetime
    imported: int


@dataclass(frozen=True, slots=True)
class RunCounts:
    """What one run did (non-blank rows read, and how each ended)."""

    rows: int
    imported: int
    problems: int
    duplicates: int
    existing: int
    with_warnings: int


def previous_runs(session: Session, sha256: str) -> list[PreviousRun]:
    """Earlier runs of the file with this checksum, oldest first."""
    runs = session.exec(
        select(ImportRun).where(ImportRun.file_sha256 == sha256).order_by(col(ImportRun.id))
    ).all()
    return [PreviousRun(int(r.id or 0), r.at, r.imported) for r in runs]


def add_run(session: Session, *, file_name: str, sha256: str, sheet: str, at: datetime,
            actor: str, counts: RunCounts) -> int:
    """Record a run and return its id (flushed, not committed)."""
    run = ImportRun(
        file_name=file_name, file_sha256=sha256, sheet=sheet, at=at, actor=actor,
        rows=counts.rows, imported=counts.imported, problems=counts.problems,
        duplicates=counts.duplicates, existing=counts.existing,
        with_warnings=counts.with_warnings,
    )
    session.add(run)
    session.flush()
    assert run.id is not None
    return run.id
