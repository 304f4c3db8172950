"""``regdesk unlock``, ``regdesk recovery-code`` and ``regdesk status``: the desk's encryption
key on the command line (a database brought from another PC; the recovery code and its
sheet; where the key is kept)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from regdesk.cli.context import Access, CliContext, CliError, output_file
from regdesk.i18n import t
from regdesk.services import security
from regdesk.store import Role

CODE_ENV = "REGDESK_RECOVERY_CODE"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    u = subparsers.add_parser(
        "unlock", help="buka basis data dari PC lain dengan kode pemulihan / unlock a database "
                       "from another PC with its recovery code")
    u.add_argument("--recovery-code", metavar="CODE",
                   help=f"the code on the sheet (else {CODE_ENV}, else asked)")
    # open: the recovery code is the authority, and no one can sign in before the key is here
    u.set_defaults(func=unlock_cmd, access=Access.OPEN)
    r = subparsers.add_parser(
        "recovery-code", help="tampilkan kode pemulihan (sekali) / show the recovery code once "
                              "(admins)")
    r.add_argument("--sheet", type=output_file, metavar="PDF",
                   help="also write the sheet to print for the village head")
    r.set_defaults(func=recovery_code_cmd, access=Access.SIGNED_IN)
    st = subparsers.add_parser(
        "status", help="ringkasan basis data dan enkripsi / the database and its encryption")
    st.set_defaults(func=status_cmd, access=Access.OPEN)  # counts only, as bare `regdesk`


def status_cmd(_args: argparse.Namespace, ctx: CliContext) -> int:
    """What ``regdesk`` without a command prints headless (with where the key is kept)."""
    from regdesk.cli.default import status

    return status(ctx)


def read_code(given: str | None) -> str:
    """The recovery code: the option, ``REGDESK_RECOVERY_CODE``, or asked on the terminal."""
    code = given or os.environ.get(CODE_ENV)
    if code:
        return code
    if not sys.stdin.isatty():
        raise CliError(t("cli.recovery.no_terminal", env_var=CODE_ENV))
    return getpass.getpass(t("cli.recovery.prompt"))


def unlock_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    if not ctx.db_path.is_file():
        raise CliError(t("cli.recovery.no_database", db=ctx.db_path))
    kept = security.unlock(ctx.db_path, read_code(args.recovery_code))
    ctx.emit({"db": str(ctx.db_path), **kept},
             t("cli.recovery.unlocked", db=ctx.db_path,
               where=t(f"security.where.{kept['key_location']}", path=kept["key_file"] or "")))
    return 0


def emit_code(ctx: CliContext, code: str, sheet: Path | None) -> None:
    """Print the code (once) and write its sheet when asked."""
    store = ctx.store()
    if sheet is not None:
        security.write_recovery_sheet(store, code, sheet)
    ctx.emit({"recovery_code": code, "sheet": str(sheet) if sheet else None},
             t("cli.recovery.code", code=code)
             + ("\n" + t("cli.recovery.sheet", path=sheet) if sheet else ""))


def recovery_code_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    code = security.take_recovery_code(store, user=ctx.acting_user(Role.ADMIN))
    if code is None:
        raise CliError(t("cli.recovery.already_shown"))
    emit_code(ctx, code, args.sheet)
    return 0
