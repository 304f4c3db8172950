"""``regdesk demo``: a database full of generated (never real) registrations."""

from __future__ import annotations

import argparse
import sys

from regdesk.cli.cmd_setup import DEFAULT_VILLAGE
from regdesk.cli.context import NEW_PASSWORD_ENV, Access, CliContext, CliError, env_password
from regdesk.i18n import t
from regdesk.i18n.formats import number
from regdesk.services import users
from regdesk.services.demo import DEMO_ADMIN, add_demo_data, prepare_office, real_registrations


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("demo", help="isi data contoh / fill with generated demo data")
    p.add_argument("--count", type=int, default=200)
    p.add_argument(
        "--village",
        default=None,
        metavar="CODE",
        help=f"office village for a new database (default {DEFAULT_VILLAGE})",
    )
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument(
        "--force",
        action="store_true",
        help="add demo data even to a database that holds real registrations",
    )
    p.set_defaults(func=demo, access=Access.SETUP)


def demo(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.count < 0:
        raise CliError(t("cli.demo.count_negative"))
    store = ctx.store()
    new_desk = not store.is_initialised()
    if not new_desk:  # an existing desk: whoever adds people to it signs in first
        ctx.acting_user()
    real = real_registrations(store)
    if real and not args.force:
        raise CliError(t("cli.demo.real_data", count=real), exit_code=1)
    given = env_password(NEW_PASSWORD_ENV) if new_desk else None
    created_password = prepare_office(
        store,
        village=args.village,
        default_village=DEFAULT_VILLAGE,
        admin_password=given,
    )
    if created_password:  # a new desk: its new admin signs in, as anyone would (audited)
        ctx.adopt(users.sign_in(store, DEMO_ADMIN, created_password))
    user = ctx.acting_user()

    def progress(done: int, _total: int) -> None:
        if sys.stderr.isatty() and not ctx.as_json:
            print(f"\r{number(done)}/{number(args.count)}", end="", file=sys.stderr, flush=True)

    result = add_demo_data(store, count=args.count, user=user, seed=args.seed, progress=progress)
    village, done, total = result.village, result.added, result.total
    regions = store.context().regions
    summary = {
        "db": str(ctx.db_path),
        "village": village,
        "village_name": regions.name(village),
        "added": done,
        "total": total,
        "seconds": result.seconds,
    }
    if created_password:
        summary["admin_password"] = created_password
    text = t("cli.demo.done", added=done, total=total, village_name=regions.name(village),
             village=village, db=ctx.db_path)
    if created_password:
        text += "\n" + t("cli.demo.admin_created", password=created_password)
    ctx.emit(summary, text)
    return 0
