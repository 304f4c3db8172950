"""``regdesk programmes [--for REF]``: the sponsor programmes open on this desk (as last
pulled from HQ), with what each already carries against its quota and ceiling."""

from __future__ import annotations

import argparse
from typing import Any

from regdesk.cli.context import Access, CliContext
from regdesk.i18n import t
from regdesk.i18n.formats import long_day, month_year, rupiah
from regdesk.i18n.labels import funding_label
from regdesk.services import programme_pick, programme_usage
from regdesk.services.programmes import Offer


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "programmes", help="program sponsor yang terbuka / open sponsor programmes",
        description="The sponsor programmes HQ has opened for this village this month (as "
        "last pulled), with the people and Rupiah each already carries against its quota and "
        "ceiling. Use an ID with `regdesk add --programme ID` or `regdesk renew REF "
        "--programme ID`.")
    p.add_argument("--for", dest="ref", metavar="REF",
                   help="only those this member may be renewed under")
    p.set_defaults(func=programmes_cmd, access=Access.SIGNED_IN)


def _offers(ctx: CliContext, ref: str | None) -> list[Offer]:
    """Those open for the member ``ref``, or for anybody of the office village this month
    (whatever their occupation)."""
    store = ctx.store()
    if ref is not None:
        return programme_pick.offers_for_registration(store, ref)
    day, village = store.clock().date(), store.office_village()
    return [Offer(pid, p) for pid, p in store.programmes()
            if p.eligible(village_code=village, occupation_codes=p.occupations, day=day)]


def _row(offer: Offer, s: programme_usage.ProgrammeStanding) -> dict[str, Any]:
    p = offer.programme
    return {"id": offer.id, "sponsor": p.sponsor, "funding_source": p.funding_source,
            "budget_reference": p.budget_reference, "first_month": p.period_from.isoformat()[:7],
            "last_month": p.period_to.isoformat()[:7], "paid": p.paid,
            "occupations": list(p.occupations), "people": s.people, "quota": s.quota,
            "committed": s.committed, "ceiling": s.ceiling,
            "as_of": s.as_of.isoformat() if s.as_of else None}


def _text(offer: Offer, row: dict[str, Any], as_of: str) -> str:
    p = offer.programme
    head = t("cli.programmes.line", id=offer.id, sponsor=p.sponsor,
             source=funding_label(p.funding_source), budget=p.budget_reference,
             first=month_year(p.period_from), last=month_year(p.period_to))
    return head + "\n" + t("cli.programmes.standing", people=row["people"],
                           quota=row["quota"], committed=rupiah(row["committed"]),
                           ceiling=rupiah(row["ceiling"]), as_of=as_of)


def programmes_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    offers = sorted({o.id: o for o in _offers(ctx, args.ref)}.values(),
                    key=lambda o: (o.programme.sponsor.casefold(), o.id))
    known = programme_usage.standings(ctx.store(), [o.id for o in offers])
    rows = [_row(o, known[o.id]) for o in offers]
    if ctx.as_json:
        ctx.emit({"programmes": rows})
        return 0
    if not rows:
        print(t("cli.programmes.none"))
        return 0
    day = known[offers[0].id].as_of  # the same day for all: HQ's last figures
    as_of = long_day(day) if day is not None else t("cli.programmes.never_pulled")
    for offer, row in zip(offers, rows, strict=True):
        print(_text(offer, row, as_of))
    return 0
