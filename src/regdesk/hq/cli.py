"""``regdesk-hq``: serve the HQ API and administer it (codes, devices, regions, export).

Expected errors print one line to stderr and exit non-zero; no tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from regdesk.hq import audit, bundles, cli_operators, cli_programmes, devices, master, membership
from regdesk.hq.bpjstk_files import FileProblem
from regdesk.hq.export import export
from regdesk.hq.keys import SigningKeyError
from regdesk.hq.runtime import Runtime
from regdesk.hq.settings import (
    DEFAULT_MAX_BATCH,
    HARD_MAX_BATCH,
    Settings,
    db_url_from,
    default_db_url,
    env_settings,
    shown_db_url,
)
from regdesk.hq.targets import TargetFileError


class CliError(Exception):
    """An expected failure: printed as one line."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="regdesk-hq", description=__doc__.splitlines()[0])
    p.add_argument("--db", help="database URL or SQLite file path (env REGDESK_HQ_DB; "
                   "default: SQLite in the user data dir). Production: "
                   "postgresql+psycopg://user@host/db")
    p.add_argument("--signing-key", type=Path, help="Ed25519 private key file (32 raw bytes "
                   "or base64); default: the key stored in the database")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the HTTP API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    s.add_argument("--max-batch", type=int, default=DEFAULT_MAX_BATCH,
                   help=f"records per push (max {HARD_MAX_BATCH})")
    e = sub.add_parser("enrol-code", help="print a one-time enrolment code for a village")
    e.add_argument("--village", required=True, help="village code, e.g. 32.16.06.2006")
    e.add_argument("--hours", type=float, default=72, help="validity (default 72)")
    d = sub.add_parser("devices", help="list or revoke devices")
    dsub = d.add_subparsers(dest="devices_command", required=True)
    dsub.add_parser("list")
    r = dsub.add_parser("revoke")
    r.add_argument("id")
    i = sub.add_parser("import-regions", help="import the official region list (CSV)")
    i.add_argument("file", type=Path)
    x = sub.add_parser("export", help="export registrations")
    x.add_argument("--format", choices=("csv", "xlsx", "bpjstk"), default="csv",
                   help="bpjstk: the collective registration file for BPJS Ketenagakerjaan "
                   "(accepted registrations only; xlsx, or CSV when OUTPUT ends in .csv; "
                   "docs/hq-bpjstk-export.md)")
    x.add_argument("--accepted-only", action="store_true",
                   help="only registrations HQ accepted (rejected and duplicates left out)")
    x.add_argument("-o", "--output", type=Path, required=True)
    for name, what in (("import-members", "KPJ numbers (and ends) from BPJS Ketenagakerjaan"),
                       ("import-payments", "paid contributions from BPJS Ketenagakerjaan")):
        m = sub.add_parser(name, help=f"import {what} (xlsx/csv; docs/hq-files.md)")
        m.add_argument("file", type=Path)
        m.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
        m.add_argument("--report", type=Path, help="write the problems report (xlsx) here")
        m.add_argument("--json", action="store_true", help="print one JSON document")
    st = sub.add_parser("setting", help="show or set an HQ setting (membership_authority)")
    st.add_argument("name", choices=(membership.AUTHORITY,))
    st.add_argument("value", nargs="?", help="bpjstk-file (default) or local")
    ru = sub.add_parser("set-rules", help="replace effective-dated master rules (desks pull "
                        "them): lifecycle or age_limits, from a JSON file")
    ru.add_argument("kind", choices=("lifecycle", "age_limits"))
    ru.add_argument("file", type=Path)
    tg = sub.add_parser("targets", help="coverage targets per area and group (master data; "
                        "docs/hq-targets.md)")
    tsub = tg.add_subparsers(dest="targets_command", required=True)
    ti = tsub.add_parser("import", help="add or change targets from a file (xlsx/csv); "
                         "all-or-nothing")
    ti.add_argument("file", type=Path)
    ti.add_argument("--dry-run", action="store_true", help="check and count; write nothing")
    ti.add_argument("--json", action="store_true", help="print one JSON document")
    tl = tsub.add_parser("list", help="the targets HQ holds")
    tl.add_argument("--json", action="store_true", help="print one JSON document")
    cv = sub.add_parser("coverage", help="coverage by village, kecamatan and the regency "
                        "against the targets, with the number still needed")
    cv.add_argument("--kecamatan", help="one kecamatan (NN.NN.NN) and its villages")
    cv.add_argument("--at", type=date.fromisoformat, help="the day (YYYY-MM-DD; default: "
                    "HQ's today)")
    cv.add_argument("--json", action="store_true", help="print one JSON document")
    cv.add_argument("--format", choices=("xlsx", "pdf"),
                    help="write a file (-o): the table (xlsx) or the report with its chart (pdf)")
    cv.add_argument("-o", "--output", type=Path, help="the file for --format")
    cv.add_argument("--trend", metavar="FROM:TO", type=_month_range,
                    help="the area's figures at the end of each month YYYY-MM:YYYY-MM")
    cv.add_argument("--by", choices=("funding",),
                    help="on --at: people per sponsor programme and funding source")
    sub.add_parser("rebuild-spans", help="work out every membership's active spans again "
                   "(coverage counts them; docs/hq-targets.md)")
    cli_programmes.add_parsers(sub)
    cli_operators.add_parsers(sub)
    b = sub.add_parser("import-bundle", help="apply a desk's offline transfer bundle")
    b.add_argument("file", type=Path)
    b.add_argument("-o", "--output", type=Path, help="receipt file (default: "
                   "FILE's name + .receipt.json)")
    return p


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(db_url=db_url_from(args.db) if args.db else default_db_url(),
                    max_batch=getattr(args, "max_batch", DEFAULT_MAX_BATCH),
                    signing_key_file=args.signing_key, **env_settings())  # type: ignore[arg-type]


def _serve(args: argparse.Namespace, settings: Settings) -> None:
    from regdesk.hq.server import serve, uvicorn_config

    Runtime.open(settings).close()  # migrate + seed once before workers start
    print(f"RegDesk HQ listening on http://{args.host}:{args.port} "
          f"(database {shown_db_url(settings.db_url)})", file=sys.stderr)
    if args.workers > 1:  # each worker builds the app from the environment
        os.environ["REGDESK_HQ_DB"] = settings.db_url
        os.environ["REGDESK_HQ_MAX_BATCH"] = str(settings.max_batch)
        if settings.signing_key_file:
            os.environ["REGDESK_HQ_SIGNING_KEY"] = str(settings.signing_key_file)
        serve(uvicorn_config("regdesk.hq.asgi:app", host=args.host, port=args.port,
                             workers=args.workers, limits=settings.limits))
        return
    from regdesk.hq.app import create_app

    serve(uvicorn_config(create_app(settings), host=args.host, port=args.port))


def _import(rt: Runtime, args: argparse.Namespace) -> int:
    """Exit 0 when the file is applied (or would be, ``--dry-run``), 1 when it has errors."""
    import json

    from regdesk.hq import bpjstk_import, import_report

    if args.command == "import-members":
        result, rf = bpjstk_import.import_members(rt.engine, args.file, dry_run=args.dry_run)
    else:
        result, rf = bpjstk_import.import_payments(rt.engine, args.file, today=rt.today(),
                                                   dry_run=args.dry_run)
    if args.report:
        import_report.write_problems_report(args.report, result, rf)
    if args.json:
        print(json.dumps(import_report.as_json(result, rf), ensure_ascii=False, sort_keys=True))
    else:
        for line in import_report.problem_lines(result, rf):
            print(line, file=sys.stderr)
        print(import_report.summary_line(result))
    return 0 if result.ok else 1


def _setting(rt: Runtime, args: argparse.Namespace) -> None:
    if args.value is None:
        with rt.engine.connect() as conn:
            print(membership.authority(conn).value)
        return
    print(f"{membership.AUTHORITY} = {membership.set_authority(rt.engine, args.value).value}")


def _set_rules(rt: Runtime, args: argparse.Namespace) -> None:
    import json

    try:
        rules = json.loads(args.file.read_text(encoding="utf-8"))
        who = audit.cli_actor()
        seq = (membership.set_lifecycle(rt.engine, rules, actor=who)
               if args.kind == "lifecycle" else master.set_age_limits(rt.engine, rules,
                                                                      actor=who))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CliError(f"{args.file}: not a valid {args.kind} table: "
                       f"{type(exc).__name__}: {exc}") from exc
    print(f"{args.kind} set (seq {seq}); desks pull them on their next sync")


def _targets(rt: Runtime, args: argparse.Namespace) -> int:
    import json

    from regdesk.hq import targets
    from regdesk.hq.timeutil import utcnow

    if args.targets_command == "list":
        held = [targets.target_dict(t) for t in targets.list_targets(rt.engine)]
        if args.json:
            print(json.dumps(held, ensure_ascii=False, sort_keys=True))
        for t in [] if args.json else held:
            print(f"{t['area_code']}\t{t['group'] or '-'}\t{t['workers']}\t{t['informal']}\t"
                  f"{t['baseline_covered']}\t{t['target_share']}\t{t['target_date']}")
        return 0
    result = targets.import_targets(rt.engine, args.file, now=utcnow(), dry_run=args.dry_run,
                                    actor=audit.cli_actor())
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, sort_keys=True))
    else:
        for problem in result.problems:
            print(problem.line(result.file_name), file=sys.stderr)
        print(result.summary())
    return 0 if result.ok else 1


def _month_range(text: str) -> tuple[date, date]:
    try:
        first, last = (date.fromisoformat(part.strip() + "-01") for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            "give two months YYYY-MM:YYYY-MM, e.g. 2026-01:2026-12") from None
    return first, last


def _coverage(rt: Runtime, args: argparse.Namespace) -> None:
    import json

    from regdesk.hq import coverage, coverage_breakdown

    if args.trend or args.by:
        coverage_breakdown.print_breakdown(rt, args)
        return
    if args.format and not args.output:
        raise CliError("coverage --format needs -o FILE")
    at = args.at or rt.today()
    rows = coverage.district_coverage(rt.engine, at=at, kecamatan=args.kecamatan)
    if args.format == "xlsx":
        coverage.write_xlsx(args.output, rows)
        print(f"{len(rows)} row(s) written to {args.output}")
    elif args.format == "pdf":
        coverage.write_pdf(rt.engine, args.output, rows, at=at, kecamatan=args.kecamatan)
        print(f"coverage report of {len(rows)} row(s) written to {args.output}")
    if args.json:
        print(json.dumps([coverage.row_dict(r) for r in rows], ensure_ascii=False,
                         sort_keys=True))
    elif not args.format:
        for r in rows:
            d = coverage.row_dict(r)
            print("\t".join(str("-" if d[k] is None else d[k]) for k in (
                "area_code", "group", "active", "workers", "covered", "share_percent",
                "target_share_percent", "still_needed")))


_SUBCOMMANDS = {"programmes": cli_programmes.run, "funding-sources": cli_programmes.run,
                "operators": cli_operators.run}


def run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.command == "serve":
        _serve(args, settings)
        return 0
    rt = Runtime.open(settings, warm=False)  # no ~91k-region context unless used
    try:
        if args.command == "enrol-code":
            print(devices.create_enrol_code(rt.engine, village_code=args.village,
                                            hours=args.hours))
        elif args.command == "devices" and args.devices_command == "list":
            for dev in devices.list_devices(rt.engine):
                state = f"revoked {dev.revoked_at:%Y-%m-%d}" if dev.revoked_at else "active"
                print(f"{dev.id}\t{dev.village_code}\t{state}\t{dev.name}")
        elif args.command == "devices":
            if not devices.revoke_device(rt.engine, args.id):
                raise CliError(f"no device with id {args.id}")
            print(f"revoked {args.id}")
        elif args.command == "import-regions":
            changed = master.import_regions(rt.engine, master.read_region_csv(args.file))
            print(f"{changed} region(s) added or changed")
        elif args.command == "export":
            count = export(rt.engine, fmt=args.format, path=args.output,
                           accepted_only=args.accepted_only)
            print(f"{count} registration(s) written to {args.output}")
        elif args.command in ("import-members", "import-payments"):
            return _import(rt, args)
        elif args.command == "setting":
            _setting(rt, args)
        elif args.command == "set-rules":
            _set_rules(rt, args)
        elif args.command == "targets":
            return _targets(rt, args)
        elif args.command == "coverage":
            _coverage(rt, args)
        elif args.command == "rebuild-spans":
            from regdesk.hq import spans

            print(f"{spans.rebuild(rt.engine)} active span(s) written")
        elif args.command in _SUBCOMMANDS:
            _SUBCOMMANDS[args.command](rt, args)
        elif args.command == "import-bundle":
            print(bundles.import_bundle(rt, args.file, args.output).line())
        print(f"regdesk-hq: database {shown_db_url(settings.db_url)}", file=sys.stderr)
        return 0
    finally:
        rt.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``regdesk-hq`` console script."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except (CliError, devices.EnrolError, TargetFileError, master.RegionImportError,
            SigningKeyError, FileProblem, ValueError) as exc:
        print(f"regdesk-hq: error: {exc}", file=sys.stderr)
    except SQLAlchemyError as exc:
        print(f"regdesk-hq: database error: {type(exc.orig or exc).__name__}: "
              f"{str(exc.orig or exc).splitlines()[0]}", file=sys.stderr)
    except OSError as exc:
        print(f"regdesk-hq: error: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return 1


if __name__ == "__main__":
    sys.exit(main())
