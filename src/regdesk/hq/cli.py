"""``regdesk-hq``: serve the HQ API and administer it (codes, devices, regions, export).

Expected errors print one line to stderr and exit non-zero; no tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from regdesk.hq import bundles, devices, master
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


def run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.command == "serve":
        _serve(args, settings)
        return 0
    rt = Runtime.open(settings)
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
    except (CliError, devices.EnrolError, master.RegionImportError, SigningKeyError,
            ValueError) as exc:
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
