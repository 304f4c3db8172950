"""``regdesk demo``: a database full of generated (never real) registrations."""

from __future__ import annotations

import argparse
import os
import sys

from regdesk.cli.cmd_setup import DEFAULT_VILLAGE
from regdesk.cli.context import CliContext, CliError
from regdesk.i18n import t
from regdesk.i18n.formats import number
from regdesk.services.demo import add_demo_data, prepare_office, real_registrations


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
    p.set_defaults(func=demo)


def demo(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.count < 0:
        raise CliError(t("cli.demo.count_negative"))
    store = ctx.store()
    real = real_registrations(store)
    if real and not args.force:
        raise CliError(t("cli.demo.real_data", count=real), exit_code=1)
    created_password = prepare_office(
        store,
        village=args.village,
        default_village=DEFAULT_VILLAGE,
        admin_password=os.environ.get("REGDESK_ADMIN_PASSWORD"),
    )
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
