"""``regdesk renew REF --months N``: a new paid period on an existing member."""

from __future__ import annotations

import argparse
from datetime import date

from regdesk.cli.context import Access, CliContext, CliError, funding_arg
from regdesk.domain.fees import add_months
from regdesk.domain.registration import Funding
from regdesk.i18n import t
from regdesk.i18n.formats import month_year, rupiah
from regdesk.i18n.labels import funding_label
from regdesk.services import programme_pick, renewals


def _month(text: str) -> date:
    try:
        year, month = text.strip().split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            "bulan mulai harus YYYY-MM, mis. 2027-04 / first month must be YYYY-MM") from None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    renew = subparsers.add_parser(
        "renew", help="perpanjang kepesertaan / record a new paid period for a member",
        description="Record a new paid period on an existing member (a new version of the same "
        "registration, sent to HQ like any edit; never a second registration). It starts right "
        "after the periods already recorded (or this month, when they have ended) unless "
        "--start is given, and keeps the last funding source and sponsor unless told. The fee "
        "uses the rates in force for those months.")
    renew.add_argument("ref", help="local reference or UUID")
    renew.add_argument("--months", type=int, required=True, help="1, 3, 6 or 12")
    renew.add_argument("--programme", type=int, metavar="ID",
                       help="a sponsor programme open for this member (`regdesk programmes "
                       "--for REF`): it decides the funding, sponsor and budget reference")
    renew.add_argument("--funding", type=funding_arg, metavar="CODE",
                       help="funding source: " + ", ".join(f.value for f in Funding))
    renew.add_argument("--sponsor", help="sponsor's name (needed unless self-paid)")
    renew.add_argument("--budget-ref", help="budget or decree reference")
    renew.add_argument("--confirm", action="append", default=[], metavar="CODE",
                       help="confirm a warning by its code (e.g. programme.over_quota)")
    renew.add_argument("--confirm-all-warnings", action="store_true")
    renew.add_argument("--start", type=_month, metavar="YYYY-MM", help="first month paid")
    renew.add_argument("--dry-run", action="store_true",
                       help="show the period and fee, record nothing")
    renew.set_defaults(func=renew_cmd, access=Access.SIGNED_IN)


def renew_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    options = {"months": args.months, "funding": args.funding,
               "sponsor_name": args.sponsor, "budget_reference": args.budget_ref,
               "start": args.start}
    store = ctx.store()
    if args.programme is not None:
        if args.funding or args.sponsor or args.budget_ref:
            raise CliError(t("cli.renew.programme_decides"), exit_code=2)
        options.update(programme_pick.renewal_options(store, args.ref, args.programme,
                                                      start=args.start))
    if args.dry_run:
        done = renewals.plan_renewal(store, args.ref, **options)
    else:
        done = renewals.renew(store, args.ref, user=ctx.acting_user(), **options,
                              confirmed=args.confirm,
                              confirm_all_warnings=args.confirm_all_warnings)
    renewal = done.renewal
    last = add_months(renewal.start_month, renewal.months - 1)
    data = {
        "ref": done.view.local_ref, "uuid": done.view.uuid, "version": done.view.version,
        "recorded": not args.dry_run, "first_month": renewal.start_month.isoformat()[:7],
        "last_month": last.isoformat()[:7], "months": renewal.months,
        "funding": renewal.funding.value, "sponsor_name": renewal.sponsor_name,
        "budget_reference": renewal.budget_reference, "programme_id": renewal.programme_id,
        "fee_total": done.quote.total,
    }
    key = "cli.renew.planned" if args.dry_run else "cli.renew.done"
    ctx.emit(data, t(key, ref=done.view.local_ref, first=month_year(renewal.start_month),
                     last=month_year(last), months=renewal.months,
                     fee=rupiah(done.quote.total),
                     funding=funding_label(renewal.funding.value)))
    return 0
