"""Backups of the desk database and restoring one — without ever losing the current data.

- A backup is made with SQLite's online backup API (consistent while the app keeps working),
  written as ``*.partial`` first, checked with ``PRAGMA integrity_check``, then renamed and
  described by a manifest (time, row counts, size, SHA-256, schema revision). The newest
  ``keep`` backups in the folder are kept; older ones (only files this module named) go.
- A restore verifies the backup first (manifest checksum when present, integrity check, that
  it is a RegDesk database), copies the current database aside, then copies the backup in
  through the backup API (so WAL and open readers stay consistent) and checks the result.
  Nothing is overwritten silently: the caller is told where the old database went.

Encryption (:mod:`regdesk.store.cipher`): a backup is a SQLCipher file keyed from the desk's
master secret with its own salt, so the desk's recovery code opens it on any PC (the manifest
names the desk by a key fingerprint, never the key). Restore opens a backup with the keys it is
given (this PC's, or the recovery code's) and writes the restored database under the backup's
desk key, so the same recovery code keeps working. A plain backup made before encryption is
still accepted and restored encrypted.

Works on the files directly (SQLCipher's DB-API), so it still runs when the app's schema or
migrations are broken; the tables it counts are those of the model metadata. No personal
data is read: only table counts.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite

from regdesk.domain.problems import Problem, error
from regdesk.files import sha256_of
from regdesk.oscompat import (
    create_private,
    fsync_dir,
    fsync_file,
    private_dir,
    shred,
    write_private,
)
from regdesk.store import cipher
from regdesk.store.deskkey import DeskKey, desk_master, existing_key, new_desk
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
    key: DeskKey | None = None  # the restored database's key (the backup's desk)


def _fsync(path: Path) -> None:
    """Flush a file, or a folder's entries, to disk (see :mod:`regdesk.oscompat`)."""
    if path.is_dir():
        fsync_dir(path)
    else:
        fsync_file(path)


def _integrity(connection: cipher.Connection) -> str:
    """SQLCipher's check of every page's HMAC (encrypted files), then SQLite's own."""
    if cipher.cipher_version(connection):
        damaged = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        if damaged:
            return "; ".join(str(r[0]) for r in damaged[:5])
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:5])


def _describe(connection: cipher.Connection) -> dict[str, Any]:
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


def _copy(source: Path, target: Path, master: bytes | None) -> None:
    """Online backup API into a new owner-only file keyed for the same desk (no WAL beside
    it)."""
    cipher.copy_database(source, target, master, source_master=master)


def _key_of(db_path: Path, master: bytes | None) -> bytes | None:
    if master is not None or cipher.is_plain(db_path):
        return master
    key = existing_key(db_path)
    if key is None:
        raise BackupError([error("backup", "backup.locked")])
    return key.master


def make_backup(
    db_path: Path, directory: Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None,
    master: bytes | None = None,
) -> BackupInfo:
    """Back up ``db_path`` into ``directory`` (created owner-only if needed) and prune to
    ``keep``. The copy is encrypted for the desk (``master``; else the key this PC holds for
    ``db_path``)."""
    started = time.perf_counter()
    now = now or datetime.now().astimezone()
    if not db_path.exists():
        raise BackupError([error("file", "file.unreadable", detail=str(db_path))])
    master = _key_of(db_path, master)
    if not directory.exists():
        private_dir(directory)
    final = _unique(directory, now.strftime("%Y%m%d-%H%M%S"))
    partial = final.with_name(final.name + ".partial")
    try:
        _copy(db_path, partial, master)
        check = cipher.connect(partial, master)
        try:
            verdict = _integrity(check)
            description = _describe(check)
        finally:
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
        "encryption": {"cipher": "sqlcipher", "desk": cipher.fingerprint(master)}
        if master is not None else None,
        "seconds": round(time.perf_counter() - started, 3),
    }
    manifest_path = _manifest_path(final)
    write_private(manifest_path, json.dumps(manifest, indent=2, ensure_ascii=False))
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


def _open_backup(path: Path, masters: Sequence[bytes]) -> tuple[cipher.Connection, bytes | None]:
    """A read-only connection to the backup and the master that opened it (``None``: a plain
    backup from before encryption). ``backup.locked`` when none of ``masters`` does."""
    if cipher.is_plain(path):
        return cipher.connect(path, None, read_only=True), None
    for master in masters:
        try:
            return cipher.connect(path, master, read_only=True), master
        except cipher.WrongKey:
            continue
    raise BackupError([error("backup", "backup.locked", detail=path.name)])


def verify_backup(path: Path, masters: Sequence[bytes] = ()) -> dict[str, Any]:
    """Check a backup before trusting it: it opens with one of ``masters`` (this PC's desk
    key, the recovery code's; a plain legacy backup needs none). Returns its description
    (with ``master``, the key that opened it); raises ``BackupError``."""
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
    desk = (manifest.get("encryption") or {}).get("desk")
    known = desk_master(desk) if isinstance(desk, str) else None
    try:
        connection, master = _open_backup(path, [*masters, *([known] if known else [])])
        try:
            verdict = _integrity(connection)
            if verdict != "ok":
                raise BackupError([error("backup", "backup.integrity", detail=verdict)])
            description = _describe(connection)
        finally:
            connection.close()
    except (cipher.DatabaseError, MemoryError) as exc:  # SQLCipher: a page failing its HMAC
        raise BackupError([error("backup", "backup.integrity", detail=str(exc))]) from exc
    if verdict != "ok":
        raise BackupError([error("backup", "backup.integrity", detail=verdict)])
    if "registration" not in description["tables"] or description["schema_revision"] is None:
        raise BackupError([error("backup", "backup.not_regdesk", detail="no RegDesk tables")])
    return {**description, "manifest": manifest or None, "master": master}


def _aside_path(db_path: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    candidate = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = db_path.with_name(f"{db_path.name}.before-restore-{stamp}-{n}")
    return candidate


def _restore_key(master: bytes | None, current: DeskKey | None) -> DeskKey:
    """The restored file's key: the backup's desk (so its recovery code keeps working); a
    plain legacy backup takes this desk's, else a new desk's (recovery code to show)."""
    return new_desk(master=master or (current.master if current else None))


def _write_restored(backup: Path, master: bytes | None, tmp: Path, key: DeskKey) -> str:
    """The backup's pages into ``tmp``, keyed with ``key``; returns the integrity verdict."""
    create_private(tmp)
    plain_copy = None
    if master is None:  # SQLite's backup API cannot copy plain pages into an encrypted file
        plain_copy = tmp.with_name(tmp.name + ".plain")
        create_private(plain_copy)
        shutil.copyfile(backup, plain_copy)
        source = cipher.connect(plain_copy, None)
        source.execute(f'ATTACH DATABASE ? AS restored KEY '
                       f'"{cipher.key_pragma_value(key.master, key.salt)}"', (str(tmp),))
        source.execute("SELECT sqlcipher_export('restored')")
        source.execute("DETACH DATABASE restored")
        source.close()
        shred(plain_copy)
    else:
        source = cipher.connect(backup, master, read_only=True)
        target = cipher.connect(tmp, key.master, key.salt)
        try:
            source.backup(target)  # page by page, re-encrypted for the restored file
        finally:
            source.close()
            target.close()
    check = cipher.connect(tmp, key.master, key.salt)
    try:
        check.execute("PRAGMA journal_mode=DELETE")
        return _integrity(check)
    finally:
        check.close()


def _release_wal(db_path: Path, current: DeskKey | None) -> None:
    """Fold the live database's WAL in and drop it, so the file can be swapped (refused
    while another program has the database open)."""
    if current is not None:
        try:
            live = cipher.connect(db_path, current.master, timeout=2)
            try:
                live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                live.execute("PRAGMA journal_mode=DELETE")
            finally:
                live.close()
        except cipher.DatabaseError as exc:
            raise BackupError([error("backup", "backup.in_use", detail=str(exc))]) from exc
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)


def _set_aside(db_path: Path, current: DeskKey | None, now: datetime) -> Path:
    aside = _aside_path(db_path, now)
    if current is None:  # a file this PC cannot open: keep its bytes as they are
        create_private(aside)
        shutil.copyfile(db_path, aside)
        return aside
    _copy(db_path, aside, current.master)  # consistent copy, WAL included
    check = cipher.connect(aside, current.master)
    try:
        verdict = _integrity(check)
    finally:
        check.close()
    _fsync(aside)
    if verdict != "ok":  # the live DB is damaged: keep the raw file bytes as well
        raw = aside.with_name(aside.name + ".raw")
        create_private(raw)
        raw.write_bytes(db_path.read_bytes())
    return aside


def _restore_in_place(backup: Path, master: bytes, db_path: Path, current: DeskKey) -> str:
    """The same desk's backup: page by page into the live file under SQLite's own locks
    (never half-written; open readers stay consistent), keeping the file's key."""
    source = cipher.connect(backup, master, read_only=True)
    target = cipher.connect(db_path, current.master, current.salt)
    try:
        target.execute("PRAGMA busy_timeout=10000")
        source.backup(target)
        return _integrity(target)
    finally:
        source.close()
        target.close()


def _swap_in(backup: Path, master: bytes | None, db_path: Path, current: DeskKey | None,
             key: DeskKey) -> str:
    """Another desk's (or a plain) backup: written beside the live file under ``key``, then
    swapped in with one atomic rename."""
    tmp = db_path.with_name(db_path.name + ".restoring")
    try:
        verdict = _write_restored(backup, master, tmp, key)
        if verdict != "ok":  # pragma: no cover - the source was verified a moment ago
            return verdict
        _fsync(tmp)
        if db_path.exists():
            _release_wal(db_path, current)
        os.replace(tmp, db_path)
        _fsync(db_path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return verdict


def restore_backup(backup: Path, db_path: Path, *, now: datetime | None = None,
                   masters: Sequence[bytes] = ()) -> RestoreInfo:
    """Replace the live database with ``backup`` after verifying it (opened with this PC's
    key for ``db_path`` or one of ``masters``); the old one is kept aside, encrypted. The
    backup of this desk goes in page by page; another desk's (or a plain one) is written
    beside the live file under that desk's key and swapped in with one atomic rename."""
    now = now or datetime.now().astimezone()
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise BackupError([error("backup", "backup.same_file")])
    current = existing_key(db_path) if db_path.exists() else None
    candidates = [*([current.master] if current else []), *masters]
    description = verify_backup(backup, candidates)
    aside = _set_aside(db_path, current, now) if db_path.exists() else None
    if not db_path.parent.exists():
        private_dir(db_path.parent)
    master = description["master"]
    if current is not None and master == current.master:
        key = current
        verdict = _restore_in_place(backup, master, db_path, current)
    else:
        key = _restore_key(master, current)
        verdict = _swap_in(backup, master, db_path, current, key)
    if verdict != "ok":  # pragma: no cover - the source was verified a moment ago
        raise BackupError([error("backup", "backup.integrity", detail=verdict)])
    description.pop("master", None)
    return RestoreInfo(backup, aside, description, key)
