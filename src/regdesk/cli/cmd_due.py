"""``regdesk due``: who is due for the desk's day, in grace or lapsed (JSON, xlsx or PDF)."""

from __future__ import annotations

import argparse
import json

from regdesk.cli import personal
from regdesk.cli.context import Access, CliContext, CliError, output_file
from regdesk.domain.lifecycle import State
from regdesk.i18n import t
from regdesk.i18n.formats import long_day, rupiah
from regdesk.services import dues
from regdesk.services.personal_data import NikRule, record_stdout_export

FORMATS = ("json", "xlsx", "pdf")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "due", help="daftar jatuh tempo / who is due, in grace or inactive",
        description="Who is due for the desk's day: due within DAYS days (default: by the end "
        "of this month), in grace or inactive; with a ready reminder text per person.")
    p.add_argument("--within", metavar="DAYS", help="due within this many days from today")
    p.add_argument("--state", action="append", choices=[s.value for s in dues.DUE_STATES],
                   help="only this state (repeatable); waiting_for_kpj only when asked for")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="default: from the output file's ending, else text (JSON with --json)")
    p.add_argument("--reminder-lang", choices=("id", "en"), default="id",
                   help="language of the reminder texts (default: id)")
    p.add_argument("-o", "--output", type=output_file, metavar="FILE")
    personal.add_options(p)
    p.set_defaults(func=due_cmd, access=Access.SIGNED_IN)


def _within(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise CliError(t("cli.due.bad_within"))
    return days


def _format(args: argparse.Namespace) -> str | None:
    fmt = args.format
    if fmt is None and args.output is not None:
        fmt = args.output.suffix.lstrip(".").casefold()
        if fmt not in FORMATS:
            raise CliError(t("cli.due.bad_format"))
    if fmt in ("xlsx", "pdf") and args.output is None:
        raise CliError(t("cli.due.needs_output", fmt=fmt))
    return str(fmt) if fmt else None


def due_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    fmt = _format(args)
    within = _within(args.within)
    store = ctx.store()
    user = ctx.acting_user()
    if args.output is not None:
        personal.confirm(args, ctx, args.output)
    found = dues.due_list(store, user=user, within_days=within, full_nik=args.full_nik,
                          states={State(s) for s in args.state} if args.state else None)
    if fmt == "json" or (fmt is None and ctx.as_json):
        if args.output is None:
            print(json.dumps(dues.due_document(found, args.reminder_lang), ensure_ascii=False))
            record_stdout_export(store, user=user, kind=dues.KIND, fmt="json",
                                 rows=len(found.rows), rule=NikRule(full=not found.nik_masked))
            return 0
        dues.write_due_json(store, found, args.output, user=user, lang=args.reminder_lang)
    elif fmt == "xlsx":
        dues.export_due_list(store, found, args.output, user=user, lang=args.reminder_lang)
    elif fmt == "pdf":
        dues.print_due_list(store, found, args.output, user=user)
    else:
        _print_text(found)
        return 0
    ctx.emit({"output": str(args.output), "format": fmt, "count": len(found.rows),
              "nik_masked": found.nik_masked},
             t("cli.due.written", count=len(found.rows), output=args.output))
    return 0


def _print_text(found: dues.DueList) -> None:
    until = long_day(found.until)
    if not found.rows:
        print(t("cli.due.none", until=until))
        return
    print(t("cli.due.summary", until=until, count=len(found.rows),
            total=rupiah(found.total_due)))
    for r in found.rows:
        amount = rupiah(r.amount_due) if r.amount_due is not None else "-"
        print(f"{r.local_ref}  {r.name:30.30} {dues.local_phone(r.phone):14} "
              f"{r.kpj or '-':11}  {amount:>11}  {r.state_text}")
