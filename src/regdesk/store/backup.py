"""Backups of the desk database and restoring one — without ever losing the current data.

- A backup is made with SQLite's online backup API (consistent while the app keeps working),
  written as ``*.partial`` first, checked with ``PRAGMA integrity_check``, then renamed and
  described by a manifest (time, row counts, size, SHA-256, schema revision). The newest
  ``keep`` backups in the folder are kept; older ones (only files this module named) go.
- A restore verifies the backup first (manifest checksum when present, integrity check, that
  it is a RegDesk database), copies the current database aside, then copies the backup in
  through the backup API (so WAL and open readers stay consistent) and checks the result.
  Nothing is overwritten silently: the caller is told where the old database went.

Works on the files directly (``sqlite3``), so it still runs when the app's schema or
migrations are broken; the tables it counts are those of the model metadata. No personal
data is read: only table counts.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite

from regdesk.domain.problems import Problem, error
from regdesk.files import sha256_of
from regdesk.oscompat import fsync_dir, fsync_file
from regdesk.store.models import desk_tables
from regdesk.store.outbox import UNSENT
from regdesk.store.tables import table

MANIFEST_FORMAT = "regdesk-backup/1"
PREFIX = "regdesk-"
_NAME = re.compile(r"regdesk-(\d{8}-\d{6})(?:-\d+)?\.sqlite3")
# every table of the desk's models (counts only, never their rows' contents)
COUNTED_TABLES = tuple(t.name for t in desk_tables())
# the outbox entries not yet answered by HQ, counted as "outbox_queued"
_UNSENT_SQL = str(
    select(func.count()).select_from(table("outbox")).where(table("outbox").c.state.in_(UNSENT))
    .compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
DEFAULT_KEEP = 10


class BackupError(Exception):
    """Refused: ``problems`` name the reason (corrupt, checksum, not RegDesk, …)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.code for p in problems))


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    manifest_path: Path
    manifest: dict[str, Any]
    seconds: float

    @property
    def size_mb(self) -> float:
        return round(int(self.manifest["bytes"]) / 1_000_000, 1)


@dataclass(frozen=True, slots=True)
class RestoreInfo:
    restored_from: Path
    previous_kept_at: Path | None
    manifest: dict[str, Any]


def _fsync(path: Path) -> None:
    """Flush a file, or a folder's entries, to disk (see :mod:`regdesk.oscompat`)."""
    if path.is_dir():
        fsync_dir(path)
    else:
        fsync_file(path)


def _integrity(connection: sqlite3.Connection) -> str:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:5])


def _describe(connection: sqlite3.Connection) -> dict[str, Any]:
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    counts = {
        t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in COUNTED_TABLES
        if t in tables
    }
    if "outbox" in tables:
        counts["outbox_queued"] = connection.execute(_UNSENT_SQL).fetchone()[0]
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    return {"counts": counts, "schema_revision": revision, "tables": sorted(tables)}


def _manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name.removesuffix(".sqlite3") + ".manifest.json")


def _unique(directory: Path, stamp: str) -> Path:
    path = directory / f"{PREFIX}{stamp}.sqlite3"
    n = 1
    while path.exists() or _manifest_path(path).exists():
        n += 1
        path = directory / f"{PREFIX}{stamp}-{n}.sqlite3"
    return path


def _copy(source: Path | sqlite3.Connection, target: Path) -> None:
    """Online backup API, then make the copy a self-contained file (no WAL beside it)."""
    src = source if isinstance(source, sqlite3.Connection) else sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        if src is not source:
            src.close()


def make_backup(
    db_path: Path, directory: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> BackupInfo:
    """Back up ``db_path`` into ``directory`` (created if needed) and prune to ``keep``."""
    started = time.perf_counter()
    now = now or datetime.now().astimezone()
    if not db_path.exists():
        raise BackupError([error("file", "file.unreadable", detail=str(db_path))])
    directory.mkdir(parents=True, exist_ok=True)
    final = _unique(directory, now.strftime("%Y%m%d-%H%M%S"))
    partial = final.with_name(final.name + ".partial")
    try:
        _copy(db_path, partial)
        with sqlite3.connect(partial) as check:
            verdict = _integrity(check)
            description = _describe(check)
        check.close()
        if verdict != "ok":
            raise BackupError([error("backup", "backup.integrity", detail=verdict)])
        _fsync(partial)
        digest = sha256_of(partial)
        partial.replace(final)
    finally:
        partial.unlink(missing_ok=True)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created_at": now.isoformat(),
        "file": final.name,
        "source": db_path.name,
        "bytes": final.stat().st_size,
        "sha256": digest,
        "integrity_check": verdict,
        "schema_revision": description["schema_revision"],
        "counts": description["counts"],
        "seconds": round(time.perf_counter() - started, 3),
    }
    manifest_path = _manifest_path(final)
    tmp = manifest_path.with_name(manifest_path.name + ".partial")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(manifest_path)
    _fsync(directory)  # the two renames survive a power cut too
    prune(directory, keep=keep)
    return BackupInfo(final, manifest_path, manifest, time.perf_counter() - started)


def list_backups(directory: Path) -> list[Path]:
    """Backups this module made in ``directory``, oldest first."""
    if not directory.is_dir():
        return []
    return sorted(
        (p for p in directory.iterdir() if _NAME.fullmatch(p.name)),
        key=lambda p: (_stamp(p), p.name),
    )


def _stamp(path: Path) -> str:
    match = _NAME.fullmatch(path.name)
    return match[1] if match else ""


def prune(directory: Path, *, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (and their manifests). Returns the deleted."""
    backups = list_backups(directory)
    doomed = backups[: max(0, len(backups) - max(keep, 1))]
    for path in doomed:
        path.unlink(missing_ok=True)
        _manifest_path(path).unlink(missing_ok=True)
    return doomed


def is_due(directory: Path, *, now: datetime, every: timedelta = timedelta(days=1)) -> bool:
    """True when the newest backup in ``directory`` is older than ``every`` (daily backups)."""
    backups = list_backups(directory)
    if not backups:
        return True
    made = datetime.strptime(_stamp(backups[-1]), "%Y%m%d-%H%M%S")
    return now.replace(tzinfo=None) - made >= every


def verify_backup(path: Path) -> dict[str, Any]:
    """Check a backup before trusting it. Returns its description; raises ``BackupError``."""
    if not path.is_file():
        raise BackupError([error("backup", "backup.unreadable", detail=path.name)])
    manifest_path = _manifest_path(path)
    manifest: dict[str, Any] = {}
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BackupError(
                [error("backup", "backup.manifest_missing", detail=manifest_path.name)]
            ) from exc
        if manifest.get("sha256") != sha256_of(path):
            raise BackupError([error("backup", "backup.checksum")])
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise BackupError(
                    [error("backup", "backup.not_regdesk", detail="not an SQLite file")]
                )
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = _integrity(connection)
            description = _describe(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError([error("backup", "backup.integrity", detail=str(exc))]) from exc
    if verdict != "ok":
        raise BackupError([error("backup", "backup.integrity", detail=verdict)])
    if "registration" not in description["tables"] or description["schema_revision"] is None:
        raise BackupError([error("backup", "backup.not_regdesk", detail="no RegDesk tables")])
    return {**description, "manifest": manifest or None}


def _aside_path(db_path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    candidate = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{n}")
    return candidate


def restore_backup(backup: Path, db_path: Path, *, now: datetime | None = None) -> RestoreInfo:
    """Replace the live database with ``backup`` after verifying it; the old one is kept."""
    now = now or datetime.now().astimezone()
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise BackupError([error("backup", "backup.same_file")])
    description = verify_backup(backup)
    aside: Path | None = None
    if db_path.exists():
        aside = _aside_path(db_path, now)
        _copy(db_path, aside)  # consistent copy, WAL included
        with sqlite3.connect(aside) as check:
            verdict = _integrity(check)
        check.close()
        _fsync(aside)
        if verdict != "ok":  # the live DB is damaged: keep the raw file bytes as well
            raw = aside.with_name(aside.name + ".raw")
            raw.write_bytes(db_path.read_bytes())
    db_path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    target = sqlite3.connect(db_path)
    try:
        target.execute("PRAGMA busy_timeout=10000")
        source.backup(target)  # page-by-page under SQLite's own locks: never half-written
        verdict = _integrity(target)
    finally:
        source.close()
        target.close()
    if verdict != "ok":  # pragma: no cover - the source was verified a moment ago
        raise BackupError([error("backup", "backup.integrity", detail=verdict)])
    return RestoreInfo(backup, aside, description)
