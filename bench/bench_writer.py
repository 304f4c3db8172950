"""Save latency against the desk's one writer: a clerk's save alone, and while a big sync and a
print run go on in the same process.

Prints one JSON document:
- ``save_alone``: latency of ``Store.add`` (one registration, committed) with nothing else
  running — the floor;
- ``save_under_load``: the same saves while, at the same time, a ``--records`` sync pushes to
  a real HQ (uvicorn in a thread on 127.0.0.1, SQLite) and a ``--cards`` member-card print run
  renders and audits;
- ``ratio_p95``: save p95 under load / save p95 alone;
- ``writer_wait``: how long the saves waited in the writer queue (behind sync's batches and
  the print run's audit transaction), apart from CPU contention (one process, one GIL);
- ``writer_held_by_sync_alone`` / ``writer_held_under_load``: how long write transactions
  held the writer — sync's, with nothing else running (the set-up sync of the cards), and
  each thread's under load (MainThread: the saves);
- ``sync`` / ``print``: what ran beside the saves, and how long it took.

With ``--hq-process`` HQ runs as its own process (as it does in the field: HQ is another
machine), so the figures show the desk's own contention rather than an in-process HQ's share
of the interpreter lock.

    python bench/bench_writer.py [--records 20000] [--cards 1000] [--saves 150] [--hq-process]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from regdesk.domain.problems import Severity
from regdesk.domain.registration import Registration
from regdesk.domain.validation import validate_registration
from regdesk.hq import devices
from regdesk.hq.app import create_app
from regdesk.hq.runtime import Runtime
from regdesk.hq.server import free_port, start_in_thread
from regdesk.hq.settings import Settings
from regdesk.services.demo import generate
from regdesk.services.printouts import print_cards
from regdesk.store import RegistrationView, Store, UserInfo, sync_state
from regdesk.store.bulk import BulkItem, bulk_insert
from regdesk.store.writer import FairLock
from regdesk.sync.engine import SyncSummary
from regdesk.sync.service import engine_for, enrol

VILLAGE = "32.16.06.2006"
SAVE_GAP = 0.02  # seconds between saves: a steady stream, much busier than any clerk


class TimedLock:
    """The store's writer lock, noting how long the saving thread waited for it and how long
    each thread's transactions held it."""

    def __init__(self, inner: FairLock, saver: int) -> None:
        self.inner, self.saver, self.waited = inner, saver, 0.0
        self.holds: dict[str, list[float]] = {}
        self._since = 0.0

    def __enter__(self) -> TimedLock:
        started = time.perf_counter()
        self.inner.acquire()
        self._since = time.perf_counter()
        if threading.get_ident() == self.saver:
            self.waited += self._since - started
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        held = time.perf_counter() - self._since
        self.holds.setdefault(threading.current_thread().name, []).append(held)
        self.inner.release()


def stats_ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
            "max_ms": round(ordered[-1] * 1000, 2)}


def confirmations(store: Store, reg: Registration) -> list[str]:
    _, problems = validate_registration(reg, today=store.clock().date(), ctx=store.context())
    return [p.code for p in problems if p.severity is Severity.WARNING]


def saves(store: Store, regs: Iterator[Registration], user: UserInfo, lock: TimedLock, *,
          count: int, while_alive: list[threading.Thread] | None = None
          ) -> tuple[list[float], list[float]]:
    """``count`` saves ``SAVE_GAP`` apart (or, with ``while_alive``, as long as any runs)."""
    took: list[float] = []
    waited: list[float] = []
    while len(took) < count if while_alive is None else any(t.is_alive() for t in while_alive):
        reg = next(regs)
        confirmed = confirmations(store, reg)  # what the clerk ticked in the form
        lock.waited = 0.0
        started = time.perf_counter()
        store.add(reg, user=user, confirmed_warnings=confirmed)
        took.append(time.perf_counter() - started)
        waited.append(lock.waited)
        time.sleep(SAVE_GAP)
    return took, waited


def bulk(store: Store, regs: list[Registration], user: UserInfo) -> None:
    with store.write() as session:
        bulk_insert(session, [BulkItem(r) for r in regs], actor=user.username,
                    now=store.clock(), office_village=VILLAGE)


class InThreadHq:
    """HQ in a thread of this process (uvicorn on 127.0.0.1, SQLite)."""

    def __init__(self, workdir: Path) -> None:
        self.runtime = Runtime.open(Settings(db_url=f"sqlite:///{workdir / 'hq.sqlite3'}"))
        self.server = start_in_thread(create_app(self.runtime.settings, self.runtime))
        self.url = self.server.url

    def enrol_code(self) -> str:
        return devices.create_enrol_code(self.runtime.engine, village_code=VILLAGE)

    def stop(self) -> None:
        self.server.stop()
        self.runtime.close()


class ProcessHq:
    """HQ as its own process (``regdesk-hq serve`` on 127.0.0.1), stopped by its PID."""

    def __init__(self, workdir: Path) -> None:
        self.db = f"sqlite:///{workdir / 'hq.sqlite3'}"
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "regdesk.hq.cli", "--db", self.db, "serve", "--host",
             "127.0.0.1", "--port", str(port)], stderr=subprocess.DEVNULL)
        import requests  # a benchmark, not the desk: the probe is its own

        for _ in range(300):  # at most 30 s
            try:
                requests.get(f"{self.url}/api/v1/health", timeout=1)
                return
            except requests.ConnectionError:
                if self.proc.poll() is not None:
                    raise RuntimeError("HQ exited at start") from None
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("HQ did not start in 30 s")

    def enrol_code(self) -> str:
        out = subprocess.run([sys.executable, "-m", "regdesk.hq.cli", "--db", self.db,
                              "enrol-code", "--village", VILLAGE], check=True,
                             capture_output=True, text=True, timeout=60)
        return out.stdout.split()[0]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def members(store: Store, views: list[RegistrationView]) -> None:
    """BPJS Ketenagakerjaan issued a KPJ to each of ``views``: HQ's membership changes (no
    member QR, as from an HQ that signs none: the cards carry the registration's QR)."""
    changes = [{"kind": "membership", "seq": 1_000_000 + i, "uuid": view.uuid,
                "registration_number": view.member_number, "kpj": f"{23010000000 + i:011d}",
                "payments": [], "state": "waiting_for_payment", "as_of": "2026-12-01"}
               for i, view in enumerate(views)]
    with store.write() as session:
        cursor = sync_state.get_cursor(session)
        sync_state.apply_changes(session, changes, next_cursor=cursor, now=store.clock())


def run(workdir: Path, records: int, cards: int, alone: int, *,
        hq_process: bool = False) -> dict[str, Any]:
    template = workdir / "template.sqlite3"
    Store.open(template).close()
    hq: InThreadHq | ProcessHq = ProcessHq(workdir) if hq_process else InThreadHq(workdir)
    shutil.copyfile(template, workdir / "desk.sqlite3")
    store = Store.open(workdir / "desk.sqlite3", clock=lambda: datetime.now(UTC))
    try:
        admin = store.initialise(village=VILLAGE, admin_username="admin",
                                 admin_password="bench-pass-1")
        now = store.clock()
        regs = generate(records + cards + 20_000, village_code=VILLAGE,
                        postal_code=store.context().regions.postal_code(VILLAGE) or "17510",
                        today=now.date(), recorded_by="admin", seed=11)
        # set-up: cards to print must be accepted by HQ first
        bulk(store, [next(regs) for _ in range(cards)], admin)
        enrol(store, hq.url, hq.enrol_code(), user=admin, device_name="bench-desk")
        lock = TimedLock(store._write_lock, threading.get_ident())
        store._write_lock = lock  # type: ignore[assignment]
        engine = engine_for(store)
        assert engine.run_once().all_synced  # alone: how long sync's batches hold the writer
        engine.client.close()
        setup_sync_held = stats_ms(lock.holds.pop("MainThread"))
        views = store.ready_for_cards()[:cards]
        members(store, views)  # cards are for members: each needs a KPJ
        bulk(store, [next(regs) for _ in range(records)], admin)
        alone_took, alone_waited = saves(store, regs, admin, lock, count=alone)

        outcome: dict[str, Any] = {}

        def sync() -> None:
            started = time.perf_counter()
            engine = engine_for(store)
            summary: SyncSummary = engine.run_once()
            engine.client.close()
            outcome["sync"] = {"records": summary.sent, "accepted": summary.accepted,
                               "all_synced": summary.all_synced,
                               "seconds": round(time.perf_counter() - started, 2)}

        def print_run() -> None:
            started = time.perf_counter()
            pages = print_cards(store, views, workdir / "cards.pdf", stock="a4-10", user=admin)
            outcome["print"] = {"cards": len(views), "pages": pages,
                                "seconds": round(time.perf_counter() - started, 2)}

        lock.holds.clear()
        workers = [threading.Thread(target=sync, name="sync"),
                   threading.Thread(target=print_run, name="print")]
        for worker in workers:
            worker.start()
        load_took, load_waited = saves(store, regs, admin, lock, count=0, while_alive=workers)
        for worker in workers:
            worker.join()
    finally:
        store.close()
        hq.stop()
    alone_stats, load_stats = stats_ms(alone_took), stats_ms(load_took)
    return {
        "save_alone": alone_stats,
        "save_under_load": load_stats,
        "ratio_p95": round(load_stats["p95_ms"] / alone_stats["p95_ms"], 2),
        "writer_wait": {"alone": stats_ms(alone_waited), "under_load": stats_ms(load_waited)},
        "writer_held_by_sync_alone": setup_sync_held,  # the set-up sync of the cards
        "writer_held_under_load": {name: stats_ms(held) for name, held in lock.holds.items()},
        **outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--cards", type=int, default=1_000)
    parser.add_argument("--saves", type=int, default=150, help="saves measured alone")
    parser.add_argument("--hq-process", action="store_true",
                        help="run HQ as its own process (as in the field) instead of a thread")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out: dict[str, Any] = {"benchmark": "writer", "records": args.records,
                               "cards": args.cards, "save_gap_ms": SAVE_GAP * 1000,
                               "hq": "process" if args.hq_process else "thread",
                               **run(Path(tmp), args.records, args.cards, args.saves,
                                     hq_process=args.hq_process)}
    out["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
