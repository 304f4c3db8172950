"""``regdesk init`` and ``regdesk users add|list``."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from regdesk.cli.cmd_security import emit_code
from regdesk.cli.context import (
    NEW_PASSWORD_ENV,
    Access,
    CliContext,
    CliError,
    env_password,
    output_file,
)
from regdesk.i18n import t
from regdesk.services import security, users
from regdesk.store import Role

DEFAULT_VILLAGE = "32.16.18.2005"  # Desa Cibening, Kecamatan Setu, Kabupaten Bekasi


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("init", help="siapkan basis data dan admin / create DB and admin")
    p.add_argument(
        "--village",
        default=DEFAULT_VILLAGE,
        metavar="CODE",
        help=f"office village, Kemendagri code (default {DEFAULT_VILLAGE})",
    )
    p.add_argument("--admin", default="admin", metavar="NAME")
    p.add_argument("--admin-name", default="Administrator")
    p.add_argument(
        "--password-env",
        default=NEW_PASSWORD_ENV,
        metavar="VAR",
        help=f"environment variable holding the new admin's password (default {NEW_PASSWORD_ENV}; "
        "else typed twice at a terminal)",
    )
    p.add_argument("--recovery-sheet", type=output_file, metavar="PDF",
                   help="write the recovery code sheet for the village head to print")
    p.set_defaults(func=init, access=Access.SETUP)

    u = subparsers.add_parser("users", help="akun petugas / clerk accounts")
    sub = u.add_subparsers(dest="users_command", required=True, metavar="ACTION",
                           title="actions")
    add = sub.add_parser("add", help="tambah akun / add an account (admins)")
    add.add_argument("username")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OPERATOR.value)
    add.add_argument("--name", default="")
    add.add_argument("--password-env", default=NEW_PASSWORD_ENV, metavar="VAR",
                     help=f"environment variable holding the new account's password (default "
                     f"{NEW_PASSWORD_ENV}; else typed twice at a terminal)")
    add.set_defaults(func=users_add, access=Access.SIGNED_IN)
    ls = sub.add_parser("list", help="daftar akun / list the accounts (supervisors, admins)")
    ls.set_defaults(func=users_list, access=Access.SIGNED_IN)
    unlock = sub.add_parser("unlock", help="buka kunci masuk / lift a sign-in lock (admins)")
    unlock.add_argument("username")
    unlock.set_defaults(func=users_unlock, access=Access.SIGNED_IN)


def read_password(ctx: CliContext, env_var: str) -> str:
    """A password being set (the first admin's, a new account's): from ``env_var``, else
    typed twice at a terminal."""
    value = env_password(env_var)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(t("cli.password.no_terminal", env_var=env_var))
    first = getpass.getpass(t("cli.password.prompt"))
    if first != getpass.getpass(t("cli.password.repeat")):
        raise CliError(t("cli.password.differ"))
    return first


def init(args: argparse.Namespace, ctx: CliContext) -> int:
    """A refused ``init`` leaves nothing behind: a database file (and folders) it created for
    the attempt are removed again."""
    created = _missing_paths(ctx.db_path)
    try:
        return _init(args, ctx)
    except BaseException:
        if created:
            ctx.close()
            _remove_created(ctx.db_path, created)
        raise


def _missing_paths(db: Path) -> list[Path]:
    """The database file and those of its folders that do not exist yet (deepest first)."""
    db = db.absolute()
    return [p for p in (db, *db.parents) if not p.exists()]


def _remove_created(db: Path, created: list[Path]) -> None:
    db = db.absolute()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    for folder in created[1:]:
        try:
            folder.rmdir()
        except OSError:
            break


def _init(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    if store.is_initialised():
        village = users.set_office_village(store, args.village, user=ctx.acting_user(Role.ADMIN))
        ctx.emit(
            {"db": str(ctx.db_path), "village": village, "created": False},
            t("cli.init.already", village=village),
        )
        return 0
    password = read_password(ctx, args.password_env)
    user = users.initialise(
        store, village=args.village, admin=args.admin, password=password, admin_name=args.admin_name
    )
    village = store.office_village()
    name = store.context().regions.name(village)
    ctx.emit(
        {"db": str(ctx.db_path), "village": village, "admin": user.username, "created": True},
        t("cli.init.done", db=ctx.db_path, village=village, name=name, admin=user.username),
    )
    code = security.take_recovery_code(store, user=None)  # shown once, here
    if code is not None:
        emit_code(ctx, code, args.recovery_sheet)
    return 0


def users_add(args: argparse.Namespace, ctx: CliContext) -> int:
    acting = ctx.acting_user(Role.ADMIN)
    password = read_password(ctx, args.password_env)
    user = users.add_user(
        ctx.store(),
        acting=acting,
        username=args.username,
        password=password,
        role=args.role,
        full_name=args.name,
    )
    ctx.emit(
        {"username": user.username, "role": user.role},
        t("cli.users.added", username=user.username, role=user.role),
    )
    return 0


def users_unlock(args: argparse.Namespace, ctx: CliContext) -> int:
    lifted = users.unlock(ctx.store(), args.username, acting=ctx.acting_user(Role.ADMIN))
    key = "cli.users.unlocked" if lifted else "cli.users.not_locked"
    ctx.emit({"username": args.username, "unlocked": lifted}, t(key, username=args.username))
    return 0


def users_list(args: argparse.Namespace, ctx: CliContext) -> int:
    rows = users.list_users(ctx.store(), acting=ctx.acting_user(Role.SUPERVISOR))
    ctx.emit(
        [
            {"username": u.username, "full_name": u.full_name, "role": u.role, "active": u.active}
            for u in rows
        ],
        "\n".join(f"{u.username:16} {u.role:11} {u.full_name}" for u in rows),
    )
    return 0
