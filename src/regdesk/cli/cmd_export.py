"""``regdesk export``: registrations to .xlsx or .csv that Excel opens correctly."""

from __future__ import annotations

import argparse
from datetime import date

from regdesk.cli import personal
from regdesk.cli.context import Access, CliContext, CliError, output_file
from regdesk.domain.registration import Status
from regdesk.i18n import t
from regdesk.services.exports import FORMATS, export_registrations
from regdesk.store import Filters, Role


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("export", help="ekspor ke Excel/CSV / export to xlsx or csv")
    p.add_argument(
        "--format",
        choices=("xlsx", "csv"),
        default=None,
        help="default: from the output file's extension",
    )
    p.add_argument("--status", choices=[s.value for s in Status])
    p.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="registered on or after this day"
    )
    p.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="registered on or before this day"
    )
    p.add_argument(
        "--delimiter",
        default=",",
        choices=(",", ";", "\t"),
        help="CSV separator (Excel with Indonesian regional settings expects ';')",
    )
    p.add_argument("-o", "--output", type=output_file, required=True, metavar="FILE")
    personal.add_options(p)
    p.set_defaults(func=export_cmd, access=Access.SIGNED_IN)


def _day(ctx: CliContext, text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CliError(t("cli.export.bad_date", option=option)) from exc


def export_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    fmt = args.format or args.output.suffix.lstrip(".").casefold()
    if fmt not in FORMATS:
        raise CliError(t("cli.export.bad_format"))
    filters = Filters(
        status=args.status,
        date_from=_day(ctx, args.date_from, "--from"),
        date_to=_day(ctx, args.date_to, "--to"),
    )
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise CliError(t("cli.export.to_before_from"))
    user = ctx.acting_user(Role.OPERATOR)
    rule = personal.confirm(args, ctx, args.output)
    outcome = export_registrations(ctx.store(), args.output, user=user, fmt=fmt,
                                   filters=filters, delimiter=args.delimiter,
                                   full_nik=rule.full)
    count, masked = outcome.count, outcome.nik_masked
    ctx.emit(
        {"output": str(args.output), "format": fmt, "count": count, "nik_masked": masked},
        t("cli.export.done_masked" if masked else "cli.export.done", count=count,
          output=args.output),
    )
    return 0
