"""``regdesk-hq programmes add|list|show|open|close|rollup|billing`` and ``funding-sources
list|import``."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from regdesk.domain.fees import RateTable
from regdesk.domain.funding import FundingDataError, FundingSources
from regdesk.domain.programmes import ProgrammeError
from regdesk.hq import audit, master, programme_billing, programme_rollup, programmes
from regdesk.hq.db import read_tx
from regdesk.hq.runtime import Runtime
from regdesk.hq.timeutil import utcnow

OPTION_FIELDS = ("sponsor", "funding_source", "dpa_number", "budget_year", "ceiling", "quota",
                 "period_from", "period_to", "paid", "occupations", "villages", "status")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("programmes", help="sponsor programmes (add, list, show, close)")
    psub = p.add_subparsers(dest="programmes_command", required=True)
    add = psub.add_parser("add", help="add a programme (options, or --from-json FILE)")
    add.add_argument("--from-json", type=Path, metavar="FILE",
                     help="a JSON object with the fields below (options override it)")
    for name in OPTION_FIELDS:
        add.add_argument("--" + name.replace("_", "-"), dest=name)
    add.add_argument("--json", action="store_true")
    ls = psub.add_parser("list")
    ls.add_argument("--status", choices=("draft", "open", "closed"))
    ls.add_argument("--json", action="store_true")
    show = psub.add_parser("show", help="a programme, its roll-up and its changes")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    ru = psub.add_parser("rollup", help="people, committed, paid and remaining per programme")
    ru.add_argument("--json", action="store_true")
    ru.add_argument("--by-month", action="store_true",
                    help="committed people and Rupiah per programme and calendar month")
    bi = psub.add_parser("billing", help="the billing list of a programme for one month "
                         "(xlsx or PDF, by the file's extension)")
    bi.add_argument("id", type=int)
    bi.add_argument("--month", required=True, help="YYYY-MM")
    bi.add_argument("-o", "--output", type=Path, required=True, help="FILE.xlsx or FILE.pdf")
    for verb in ("open", "close"):
        v = psub.add_parser(verb, help=f"{verb} a programme (a new audited version)")
        v.add_argument("id", type=int)
    f = sub.add_parser("funding-sources", help="the funding-source catalogue (list, import)")
    fsub = f.add_subparsers(dest="funding_command", required=True)
    fl = fsub.add_parser("list")
    fl.add_argument("--json", action="store_true")
    fi = fsub.add_parser("import", help="replace the catalogue with a funding_sources.json")
    fi.add_argument("file", type=Path)
    fi.add_argument("--dry-run", action="store_true")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ProgrammeError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ProgrammeError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None


def _add(rt: Runtime, args: argparse.Namespace) -> None:
    data: dict[str, Any] = {}
    if args.from_json:
        loaded = _read_json(args.from_json)
        if not isinstance(loaded, dict):
            raise ProgrammeError(f"{args.from_json}: a JSON object is required")
        data.update(loaded)
    data.update({k: getattr(args, k) for k in OPTION_FIELDS if getattr(args, k) is not None})
    try:
        stored = programmes.add_programme(rt.engine, data, user=audit.cli_actor(), now=utcnow())
    except ProgrammeError as exc:
        where = f"{args.from_json}: " if args.from_json else ""
        raise ProgrammeError(f"{where}{exc}") from None
    print(json.dumps(stored.to_dict(), ensure_ascii=False) if args.json
          else f"programme {stored.id} added ({stored.programme.status}, seq {stored.seq})")


def _line(p: programmes.StoredProgramme) -> str:
    g = p.programme
    groups = ("whole regency" if g.whole_regency else
              ", ".join(filter(None, (f"{len(g.villages)} village(s)" if g.villages else "",
                                      f"{len(g.occupations)} occupation(s)"
                                      if g.occupations else ""))))
    return (f"{p.id}\t{g.status}\t{g.sponsor}\t{g.funding_source}\t{g.budget_reference}\t"
            f"Rp {g.ceiling:,}".replace(",", ".") +
            f"\t{g.quota} people\t{g.period_from:%Y-%m}..{g.period_to:%Y-%m}\t{g.paid}\t{groups}")


def _funding(rt: Runtime, args: argparse.Namespace) -> None:
    if args.funding_command == "list":
        with read_tx(rt.engine) as conn:
            sources = programmes.funding_sources(conn)
        if args.json:
            print(json.dumps(sources.to_dict(), ensure_ascii=False))
            return
        for s in sources.sources:
            t = ", ".join(f"{x.rule} {x.discount} from {x.valid_from}"
                          + (f" to {x.valid_to}" if x.valid_to else "")
                          + (" (ruling pending)" if x.ruling == "pending" else "")
                          for x in s.treatments)
            print(f"{s.code}\t{s.kind}\t{t}")
        return
    try:
        sources = FundingSources.from_dict(_read_json(args.file))
    except (FundingDataError, AttributeError, TypeError) as exc:
        raise ProgrammeError(f"{args.file}: {exc}") from None
    total, changed = programmes.replace_funding_sources(rt.engine, sources, dry_run=args.dry_run,
                                                        actor=audit.cli_actor())
    verb = "would change" if args.dry_run else "changed"
    print(f"{total} funding source(s); {changed} {verb}")


def run(rt: Runtime, args: argparse.Namespace) -> None:
    if args.command == "funding-sources":
        _funding(rt, args)
        return
    cmd = args.programmes_command
    if cmd == "add":
        _add(rt, args)
    elif cmd == "list":
        found = programmes.list_programmes(rt.engine, status=args.status)
        if args.json:
            print(json.dumps([p.to_dict() for p in found], ensure_ascii=False))
        for p in [] if args.json else found:
            print(_line(p))
    elif cmd == "show":
        _show(rt, args)
    elif cmd == "rollup":
        _rollup(rt, args)
    elif cmd == "billing":
        _billing(rt, args)
    else:
        stored = programmes.set_status(rt.engine, args.id,
                                       "closed" if cmd == "close" else "open",
                                       user=audit.cli_actor(), now=utcnow())
        print(f"programme {stored.id} {stored.programme.status} (version {stored.version})")


def _rates(rt: Runtime) -> RateTable:
    """HQ's rates with its funding catalogue (the pricing half of the validation context,
    without loading the ~91k regions)."""
    with read_tx(rt.engine) as conn:
        return master.load_pricing(conn)[1]


def _rp(amount: int) -> str:
    return f"Rp {amount:,}".replace(",", ".")


def rollup_lines(r: programme_rollup.ProgrammeRollup) -> list[str]:
    share = r.share_used
    used = "-" if share is None else f"{share * 100:.1f}".replace(".", ",") + "%"
    return [f"people\t{r.people} of {r.quota} ({r.remaining_quota} left)",
            f"committed\t{_rp(r.committed)} of {_rp(r.ceiling)} ({used} of the ceiling)",
            f"paid\t{_rp(r.paid)}",
            f"remaining\t{_rp(r.remaining_ceiling)}"]


def _show(rt: Runtime, args: argparse.Namespace) -> None:
    stored, trail = programmes.get_programme(rt.engine, args.id)
    r = programme_rollup.rollup(rt.engine, rates=_rates(rt),
                                programme_ids=[args.id])[0]
    if args.json:
        print(json.dumps({**stored.to_dict(), "rollup": r.to_dict(), "changes": trail},
                         ensure_ascii=False, indent=1))
        return
    print(_line(stored))
    for line in rollup_lines(r):
        print(line)
    for c in trail:
        print(f"version {c['version']}\t{c['action']}\t{c['changed_by']}\t{c['changed_at']}")


def _month_rollup(rt: Runtime, args: argparse.Namespace) -> None:
    rows = programme_rollup.month_rollup(rt.engine, rates=_rates(rt))
    if args.json:
        print(json.dumps([{"programme_id": m.programme_id, "month": f"{m.month:%Y-%m}",
                           "people": m.people, "rupiah": m.rupiah} for m in rows]))
    for m in [] if args.json else rows:
        print(f"{m.programme_id}\t{m.month:%Y-%m}\t{m.people}\t{_rp(m.rupiah)}")


def _rollup(rt: Runtime, args: argparse.Namespace) -> None:
    if args.by_month:
        _month_rollup(rt, args)
        return
    rates = _rates(rt)
    found = programme_rollup.rollup(rt.engine, rates=rates)
    if args.json:
        print(json.dumps([r.to_dict() for r in found], ensure_ascii=False))
    for r in [] if args.json else found:
        share = "-" if r.share_used is None else f"{r.share_used * 100:.1f}%"
        print(f"{r.programme_id}\t{r.status}\t{r.sponsor}\t{r.people}/{r.quota} people\t"
              f"{_rp(r.committed)}/{_rp(r.ceiling)}\t{share}\tpaid {_rp(r.paid)}\t"
              f"remaining {_rp(r.remaining_ceiling)}")


_MONTH = re.compile(r"(\d{4})-(\d{2})")


def parse_month(text: str) -> date:
    found = _MONTH.fullmatch(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise ProgrammeError(f"--month {text}: a month is written YYYY-MM, e.g. 2026-11")
    return date(int(found.group(1)), int(found.group(2)), 1)


def _billing(rt: Runtime, args: argparse.Namespace) -> None:
    if args.output.suffix.lower() not in programme_billing.FORMATS:
        raise ProgrammeError(f"-o {args.output}: the billing list is written as .xlsx or .pdf")
    month = parse_month(args.month)
    billing = programme_billing.billing_list(rt.engine, args.id, month,
                                             rates=_rates(rt))
    count = programme_billing.write_billing(args.output, billing)
    print(f"{count} person(s), {_rp(billing.total)}, written to {args.output}")
