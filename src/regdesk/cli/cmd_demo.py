"""``regdesk demo``: a database full of generated (never real) registrations."""

from __future__ import annotations

import argparse
import os
import sys
import time

from regdesk.cli.cmd_setup import DEFAULT_VILLAGE, generated_password, initialise
from regdesk.cli.context import CliContext, CliError
from regdesk.demo import generate
from regdesk.domain.validation import validate_registration
from regdesk.store.bulk import BulkItem, bulk_insert, existing_niks

CHUNK = 10_000


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
    p.set_defaults(func=demo)


def demo(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.count < 0:
        raise CliError(ctx.t("--count tidak boleh negatif.", "--count cannot be negative."))
    store = ctx.store()
    created_password = None
    if not store.is_initialised():
        created_password = os.environ.get("REGDESK_ADMIN_PASSWORD") or generated_password()
        initialise(
            store,
            village=args.village or DEFAULT_VILLAGE,
            admin="admin",
            password=created_password,
            admin_name="Administrator",
        )
    elif args.village:
        store.set_office_village(args.village)
    village = store.office_village()
    regions = store.context().regions
    user = ctx.acting_user()
    now = store.clock()
    with store.read() as session:
        taken = set(existing_niks(session, []))
    started = time.perf_counter()
    batch: list[BulkItem] = []
    done = 0
    checked = 0
    for reg in generate(
        args.count,
        village_code=village,
        postal_code=regions.postal_code(village) or "17000",
        today=now.date(),
        recorded_by=user.username,
        seed=args.seed,
        taken_niks=taken,
    ):
        if checked < 50:  # generated data must pass the same rules as typed data
            reg, problems = validate_registration(reg, today=now.date(), ctx=store.context())
            assert not [p for p in problems if p.severity == "error"], problems
            checked += 1
        batch.append(BulkItem(reg, audit_detail={"source": "demo"}))
        if len(batch) >= CHUNK:
            done += _flush(store, batch, user.username, now, village)
            batch = []
            if sys.stderr.isatty() and not ctx.as_json:
                print(f"\r{done:,}/{args.count:,}", end="", file=sys.stderr, flush=True)
    if batch:
        done += _flush(store, batch, user.username, now, village)
    elapsed = time.perf_counter() - started
    total = store.count()
    summary = {
        "db": str(ctx.db_path),
        "village": village,
        "village_name": regions.name(village),
        "added": done,
        "total": total,
        "seconds": round(elapsed, 2),
    }
    if created_password:
        summary["admin_password"] = created_password
    text = ctx.t(
        f"Data contoh: {done:,} pendaftaran ditambahkan ({total:,} total) untuk desa "
        f"{regions.name(village)} ({village}) di {ctx.db_path}",
        f"Demo data: {done:,} registrations added ({total:,} total) for village "
        f"{regions.name(village)} ({village}) in {ctx.db_path}",
    )
    if created_password:
        text += ctx.t(
            f"\nAkun admin dibuat: admin / {created_password}",
            f"\nAdmin account created: admin / {created_password}",
        )
    ctx.emit(summary, text)
    return 0


def _flush(store, batch, actor, now, village) -> int:  # type: ignore[no-untyped-def]
    with store.write() as session:
        taken = existing_niks(session, (item.registration.nik for item in batch))
        fresh = [item for item in batch if item.registration.nik not in taken]
        bulk_insert(
            session, fresh, actor=actor, now=now, office_village=village, action="registration.demo"
        )
    return len(fresh)
