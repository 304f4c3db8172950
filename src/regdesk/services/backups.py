"""Back up, verify and restore the desk database (the file work is ``regdesk.store.backup``'s; the
service adds the settings, the rules and the audit trail)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regdesk.services import settings
from regdesk.services.errors import KeepTooSmall
from regdesk.store import Role, Store, UserInfo, backup, cipher
from regdesk.store import audit as audit_log
from regdesk.store.deskkey import existing_key
from regdesk.store.errors import WrongRecoveryCode
from regdesk.store.store import Clock, local_now
from regdesk.store.users import require_role

BackupError = backup.BackupError
BackupInfo = backup.BackupInfo
RestoreInfo = backup.RestoreInfo


@dataclass(frozen=True, slots=True)
class BackupOutcome:
    directory: Path
    info: BackupInfo | None  # None: skipped, today's backup already exists


def back_up(store: Store, *, db_path: Path, user: UserInfo, default_dir: Path,
            to: Path | None = None, keep: int | None = None, if_due: bool = False
            ) -> BackupOutcome:
    """A verified backup into ``to`` (else the configured folder, else ``default_dir``),
    keeping the newest ``keep`` (else the configured number); audited. Supervisors and
    admins. Raises :class:`KeepTooSmall` or :class:`BackupError`."""
    require_role(user, Role.SUPERVISOR)
    outcome = copy(store, db_path=db_path, default_dir=default_dir, to=to, keep=keep,
                   if_due=if_due)
    record(store, outcome, user=user)
    return outcome


def copy(store: Store, *, db_path: Path, default_dir: Path, to: Path | None = None,
         keep: int | None = None, if_due: bool = False) -> BackupOutcome:
    """The file half of :func:`back_up`, without the role check and the audit: the desk's
    own automatic backups (daily, on exit) for whoever is signed in. It only reads the
    database (SQLite's online backup), so it may run beside the writer; follow it with
    :func:`record` on the writer. Same folder and keep rules as :func:`back_up`."""
    directory = settings.backup_dir(store, default=default_dir, override=to)
    keep = settings.backup_keep(store, override=keep)
    if keep < 1:
        raise KeepTooSmall(keep)
    now = store.clock()
    if if_due and not backup.is_due(directory, now=now):
        return BackupOutcome(directory, None)
    return BackupOutcome(directory, backup.make_backup(db_path, directory, keep=keep, now=now,
                                                       master=store.key.master))


def record(store: Store, outcome: BackupOutcome, *, user: UserInfo) -> None:
    """Audit the backup ``outcome`` made (nothing when it was skipped)."""
    info = outcome.info
    if info is None:
        return
    store.record_audit(action="backup.create", entity="backup", entity_id=info.path.name,
                       user=user, detail={"sha256": info.manifest["sha256"],
                                          "bytes": info.manifest["bytes"]})


def recovery_masters(recovery_code: str | None) -> list[bytes]:
    """The key a typed recovery code stands for (none when not given); a code that cannot be
    one is :class:`WrongRecoveryCode`."""
    if not recovery_code:
        return []
    try:
        return [cipher.master_from_code(recovery_code)]
    except cipher.WrongKey as exc:
        raise WrongRecoveryCode() from exc


def verify(path: Path, *, db_path: Path | None = None,
           recovery_code: str | None = None) -> dict[str, Any]:
    """The backup's description (counts, schema …) or :class:`BackupError`. It is opened with
    this PC's key for ``db_path`` or with ``recovery_code``'s (``backup.locked`` otherwise)."""
    key = existing_key(db_path) if db_path is not None and db_path.exists() else None
    masters = [*([key.master] if key else []), *recovery_masters(recovery_code)]
    description = backup.verify_backup(path, masters)
    description.pop("master", None)
    return description


def needs_recovery_code(path: Path, *, db_path: Path) -> bool:
    """Whether restoring ``path`` here needs the recovery code (this PC's key does not open
    it) — ``restore`` then asks for it."""
    try:
        verify(path, db_path=db_path)
    except BackupError as exc:
        return any(p.code == "backup.locked" for p in exc.problems)
    return False


def restore(path: Path, *, db_path: Path, actor: str, clock: Clock = local_now,
            recovery_code: str | None = None) -> RestoreInfo:
    """Put backup ``path`` in place of ``db_path`` (the current file is kept aside), migrate
    it to the current schema and audit the restore in the restored database. Every other
    connection to ``db_path`` must be closed first. A backup from another PC opens with its
    desk's ``recovery_code``; the restored database keeps that desk's key."""
    info = backup.restore_backup(path, db_path, masters=recovery_masters(recovery_code))
    store = Store.open(db_path, clock=clock)  # migrates an older backup to the current schema
    try:
        with store.write() as session:
            audit_log.record(
                session, at=store.clock(), actor=actor, action="backup.restore",
                entity="backup", entity_id=path.name,
                detail={"kept_aside": info.previous_kept_at.name if info.previous_kept_at
                        else None})
    finally:
        store.close()
    return info
