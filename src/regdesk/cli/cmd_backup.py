"""``regdesk backup`` and ``regdesk restore``: verified copies of the desk database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from regdesk.cli.context import CliContext, CliError
from regdesk.domain.messages import render
from regdesk.store import Role, Store, StoreError
from regdesk.store import audit as audit_log
from regdesk.store.backup import DEFAULT_KEEP, BackupError, is_due, make_backup, restore_backup
from regdesk.store.backup import verify_backup as verify
from regdesk.store.settings import BACKUP_DIR

BACKUP_KEEP = "backup_keep"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = subparsers.add_parser("backup", help="cadangkan basis data / back up the database")
    b.add_argument(
        "--to",
        type=Path,
        metavar="DIR",
        help="folder (may be a USB drive); default: the configured backup folder",
    )
    b.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help=f"keep the newest N backups there (default {DEFAULT_KEEP})",
    )
    b.add_argument(
        "--if-due",
        action="store_true",
        help="only when the newest backup is more than a day old (for schedulers)",
    )
    b.set_defaults(func=backup_cmd)

    r = subparsers.add_parser("restore", help="pulihkan dari cadangan / restore a backup")
    r.add_argument("file", type=Path, metavar="FILE")
    r.add_argument(
        "--yes", action="store_true", help="don't ask (the current database is still kept aside)"
    )
    r.set_defaults(func=restore_cmd)


def _fail(ctx: CliContext, exc: BackupError) -> CliError:
    return CliError("; ".join(render(p, ctx.lang) for p in exc.problems), problems=exc.problems)


def backup_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    user = ctx.acting_user(Role.SUPERVISOR)
    configured = store.get_setting(BACKUP_DIR)
    directory = args.to or (Path(configured) if configured else ctx.db_path.parent / "backups")
    keep = args.keep if args.keep is not None else int(store.get_setting(BACKUP_KEEP, DEFAULT_KEEP))
    if keep < 1:
        raise CliError(ctx.t("--keep minimal 1.", "--keep must be at least 1."))
    if args.if_due and not is_due(directory, now=store.clock()):
        ctx.emit(
            {"skipped": True, "dir": str(directory)},
            ctx.t("Cadangan hari ini sudah ada.", "Today's backup already exists."),
        )
        return 0
    try:
        info = make_backup(ctx.db_path, directory, keep=keep, now=store.clock())
    except BackupError as exc:
        raise _fail(ctx, exc) from exc
    with store.write() as session:
        audit_log.record(
            session,
            at=store.clock(),
            actor=user.username,
            action="backup.create",
            entity="backup",
            entity_id=info.path.name,
            detail={"sha256": info.manifest["sha256"], "bytes": info.manifest["bytes"]},
        )
    m = info.manifest
    ctx.emit(
        {"path": str(info.path), "manifest": str(info.manifest_path), **m},
        ctx.t(
            f"Cadangan: {info.path} ({info.size_mb} MB, {m['counts'].get('registration', 0)}"
            f" pendaftaran, integritas {m['integrity_check']}, {m['seconds']} s)",
            f"Backup: {info.path} ({info.size_mb} MB, {m['counts'].get('registration', 0)}"
            f" registrations, integrity {m['integrity_check']}, {m['seconds']} s)",
        ),
    )
    return 0


def _confirm(ctx: CliContext, text: str) -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(text)
    return answer.strip().casefold() in ("ya", "yes")


def restore_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        description = verify(args.file)
    except BackupError as exc:
        raise _fail(ctx, exc) from exc
    if ctx.db_path.exists():
        try:
            ctx.acting_user(Role.ADMIN)
        except StoreError:
            raise
        except Exception:  # a broken live DB must not block its own repair
            print(
                ctx.t(
                    "Basis data aktif tidak dapat dibuka; pemulihan tetap dilanjutkan.",
                    "The live database cannot be opened; restoring anyway.",
                ),
                file=sys.stderr,
            )
        ctx.close()  # release every connection before the file changes underneath
    counts = description["counts"]
    if not args.yes and not _confirm(
        ctx,
        ctx.t(
            f"Pulihkan {args.file.name} ({counts.get('registration', 0)} pendaftaran)? "
            "Basis data sekarang disimpan di samping. Ketik YA: ",
            f"Restore {args.file.name} ({counts.get('registration', 0)} registrations)? "
            "The current database is kept aside. Type YES: ",
        ),
    ):
        raise CliError(
            ctx.t("Tidak dipulihkan: konfirmasi dengan --yes.", "Not restored: confirm with --yes.")
        )
    try:
        info = restore_backup(args.file, ctx.db_path)
    except BackupError as exc:
        raise _fail(ctx, exc) from exc
    store = Store.open(ctx.db_path)  # migrates an older backup to the current schema
    try:
        with store.write() as session:
            audit_log.record(
                session,
                at=store.clock(),
                actor=ctx.username or "admin",
                action="backup.restore",
                entity="backup",
                entity_id=args.file.name,
                detail={
                    "kept_aside": info.previous_kept_at.name if info.previous_kept_at else None
                },
            )
    finally:
        store.close()
    aside = str(info.previous_kept_at) if info.previous_kept_at else None
    ctx.emit(
        {"restored_from": str(args.file), "previous_kept_at": aside, "counts": counts},
        ctx.t(
            f"Dipulihkan dari {args.file}. Basis data sebelumnya: {aside or '-'}",
            f"Restored from {args.file}. Previous database kept at: {aside or '-'}",
        ),
    )
    return 0
