"""``regdesk backup`` and ``regdesk restore``: verified copies of the desk database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from regdesk.cli.cmd_security import read_code
from regdesk.cli.context import Access, CliContext, CliError, output_folder
from regdesk.i18n import render, t
from regdesk.services import backups
from regdesk.services.backups import BackupError
from regdesk.services.errors import KeepTooSmall
from regdesk.services.settings import DEFAULT_KEEP
from regdesk.store import Role, StoreError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    b = subparsers.add_parser("backup", help="cadangkan basis data / back up the database")
    b.add_argument(
        "--to",
        type=output_folder,
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
    b.set_defaults(func=backup_cmd, access=Access.SIGNED_IN)

    r = subparsers.add_parser("restore", help="pulihkan dari cadangan / restore a backup")
    r.add_argument("file", type=Path, metavar="FILE")
    r.add_argument(
        "--yes", action="store_true", help="don't ask (the current database is still kept aside)"
    )
    r.add_argument("--recovery-code", metavar="CODE",
                   help="the desk's recovery code, for a backup from another PC (else asked)")
    r.set_defaults(func=restore_cmd, access=Access.SETUP)


def _fail(ctx: CliContext, exc: BackupError) -> CliError:
    return CliError("; ".join(render(p) for p in exc.problems), problems=exc.problems)


def backup_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    user = ctx.acting_user(Role.SUPERVISOR)
    try:
        outcome = backups.back_up(store, db_path=ctx.db_path, user=user,
                                  default_dir=ctx.db_path.parent / "backups", to=args.to,
                                  keep=args.keep, if_due=args.if_due)
    except KeepTooSmall as exc:
        raise CliError(t("cli.backup.keep_too_small")) from exc
    except BackupError as exc:
        raise _fail(ctx, exc) from exc
    directory, info = outcome.directory, outcome.info
    if info is None:
        ctx.emit(
            {"skipped": True, "dir": str(directory)},
            t("cli.backup.already_today"),
        )
        return 0
    m = info.manifest
    ctx.emit(
        {"path": str(info.path), "manifest": str(info.manifest_path), **m},
        t("cli.backup.done", path=info.path, size_mb=info.size_mb,
          registrations=m["counts"].get("registration", 0), integrity=m["integrity_check"],
          seconds=m["seconds"]),
    )
    return 0


def _confirm(ctx: CliContext, text: str) -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(text)
    return answer.strip().casefold() in ("ya", "yes")


def _recovery_code(args: argparse.Namespace, ctx: CliContext) -> str | None:
    """The recovery code when this PC's key does not open the backup (asked for then)."""
    if args.recovery_code:
        return str(args.recovery_code)
    if not args.file.is_file() or not backups.needs_recovery_code(args.file,
                                                                 db_path=ctx.db_path):
        return None
    return read_code(None)


def restore_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    code = _recovery_code(args, ctx)
    try:
        description = backups.verify(args.file, db_path=ctx.db_path, recovery_code=code)
    except BackupError as exc:
        raise _fail(ctx, exc) from exc
    if ctx.db_path.exists():
        try:  # replacing a desk's data is an admin's: signed in
            ctx.acting_user(Role.ADMIN)
        except (StoreError, CliError):
            raise
        except Exception:  # a broken live DB must not block its own repair
            print(
                t("cli.restore.live_unreadable"),
                file=sys.stderr,
            )
        ctx.close()  # release every connection before the file changes underneath
    counts = description["counts"]
    if not args.yes and not _confirm(
        ctx,
        t("cli.restore.confirm", file=args.file.name,
          registrations=counts.get("registration", 0)),
    ):
        raise CliError(t("cli.restore.not_confirmed"))
    try:
        actor = ctx.signed_in.username if ctx.signed_in else "-"  # "-": a new PC, no accounts
        info = backups.restore(args.file, db_path=ctx.db_path, actor=actor, recovery_code=code)
    except BackupError as exc:
        raise _fail(ctx, exc) from exc
    aside = str(info.previous_kept_at) if info.previous_kept_at else None
    ctx.emit(
        {"restored_from": str(args.file), "previous_kept_at": aside, "counts": counts},
        t("cli.restore.done", file=args.file, aside=aside or "-"),
    )
    return 0
