"""End-to-end sync benchmark: a real desk database pushing to a real HQ over loopback.

Prints one JSON document:
- ``push_20k``: 20,000 registrations desk → HQ through the desk's sync engine (frozen batches
  of 100, gzip, per-record answers applied on the desk), records/s, against an HQ on SQLite
  and on PostgreSQL (HQ runs as its own ``regdesk-hq serve`` process);
- ``concurrent_desks``: 20 desks (separate processes) pushing at once to one HQ on
  PostgreSQL: errors, records/s, p95 batch latency.

    python bench/bench_sync.py [--records 20000] [--desks 20] [--skip-postgres]

In the same run, the floors: HQ's raw ingest limit (exactly the rows the SQLite push stored —
registrations, members, batch answers — inserted with Core into a fresh HQ database, one
transaction per 100 records as a push commits, and all in one transaction) and a bare
requests+JSON POST loop to a trivial endpoint (both from bench/bench_hq_ingest.py, which also
measures HQ alone with a minimal client). Each HQ runs ``--hq-workers`` uvicorn workers
(default 2, one per core of the reference machine).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from regdesk.services.demo import generate
from regdesk.store import Store
from regdesk.store.bulk import BulkItem, bulk_insert
from regdesk.sync.service import engine_for, enrol

PG_URL = os.environ.get("REGDESK_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
VILLAGES = [f"32.16.06.20{n:02d}" for n in range(2, 11)] + [
    f"32.16.18.20{n:02d}" for n in range(1, 12)]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HqProcess:
    def __init__(self, db_url: str, workers: int = 1):
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        hq = [sys.executable, "-m", "regdesk.hq.cli", "--db", db_url]
        subprocess.run([*hq, "devices", "list"], check=True, capture_output=True)  # migrate
        self.process = subprocess.Popen([*hq, "serve", "--port", str(self.port),
                                         "--workers", str(workers)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("HQ did not start")

    def code(self, village: str) -> str:
        out = subprocess.run([sys.executable, "-m", "regdesk.hq.cli", "--db", self.db_url,
                              "enrol-code", "--village", village],
                             check=True, capture_output=True, text=True).stdout
        return out.strip().splitlines()[-1].split()[-1]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def make_desk(path: Path, template: Path, village: str, count: int, seed: int) -> Store:
    shutil.copyfile(template, path)
    store = Store.open(path, clock=lambda: datetime.now(UTC))
    admin = store.initialise(village=village, admin_username="admin",
                             admin_password="bench-pass-1")
    now = store.clock()
    regs = generate(count, village_code=village, postal_code=store.context().regions
                    .postal_code(village) or "17510", today=now.date(), recorded_by="admin",
                    seed=seed)
    with store.write() as session:
        bulk_insert(session, [BulkItem(r) for r in regs], actor=admin.username, now=now,
                    office_village=village)
    return store


def pg_schema_url() -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return f"{PG_URL}?options=-csearch_path%3D{schema}", schema


def drop_schema(schema: str) -> None:
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def push_once(hq: HqProcess, workdir: Path, template: Path, records: int) -> dict[str, object]:
    village = VILLAGES[0]
    store = make_desk(workdir / f"desk-{uuid.uuid4().hex[:6]}.sqlite3", template, village,
                      records, seed=7)
    admin = store.user("admin")
    assert admin is not None
    enrol(store, hq.url, hq.code(village), user=admin)
    engine = engine_for(store, batch_size=100)
    hq_cpu, desk_cpu = process_tree_cpu(hq.process.pid), time.process_time()
    started = time.perf_counter()
    summary = engine.run_once()
    seconds = time.perf_counter() - started
    desk_cpu = time.process_time() - desk_cpu
    hq_cpu = process_tree_cpu(hq.process.pid) - hq_cpu
    engine.client.close()
    store.close()
    assert summary.all_synced and summary.accepted == records, summary.as_dict()
    out: dict[str, object] = {"records": records, "seconds": round(seconds, 2),
                              "records_per_s": round(records / seconds),
                              "desk_cpu_us_per_record": round(desk_cpu * 1e6 / records)}
    if hq_cpu >= 0:
        out["hq_cpu_us_per_record"] = round(hq_cpu * 1e6 / records)
    return out


def process_tree_cpu(pid: int) -> float:
    """CPU seconds used so far by ``pid`` and its live descendants (Linux /proc; -1 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return -1.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(max(process_tree_cpu(int(c)), 0.0) for c in children)


def worker(db: str, hq_url: str, code: str) -> None:
    """One desk process of the concurrency run: enrol, sync once, print batch latencies."""
    from regdesk.sync import client as client_mod

    store = Store.open(Path(db))
    admin = store.user("admin")
    assert admin is not None
    enrol(store, hq_url, code, user=admin)
    latencies: list[float] = []
    original = client_mod.HqClient.push

    def timed_push(self: client_mod.HqClient, body: bytes):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        try:
            return original(self, body)
        finally:
            latencies.append(time.perf_counter() - t)

    client_mod.HqClient.push = timed_push  # type: ignore[method-assign]
    engine = engine_for(store, batch_size=100)
    summary = engine.run_once()
    print(json.dumps({"summary": summary.as_dict(), "latencies": latencies}))


def concurrent(hq: HqProcess, workdir: Path, template: Path, desks: int,
               per_desk: int) -> dict[str, object]:
    paths = []
    for i in range(desks):
        village = VILLAGES[i % len(VILLAGES)]
        store = make_desk(workdir / f"c{i}.sqlite3", template, village, per_desk, seed=100 + i)
        store.close()
        paths.append((workdir / f"c{i}.sqlite3", hq.code(village)))
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, __file__, "--worker", str(p), hq.url, code],
                                  stdout=subprocess.PIPE, text=True) for p, code in paths]
    outputs = [p.communicate(timeout=900)[0] for p in processes]
    seconds = time.perf_counter() - started
    results = [json.loads(o.strip().splitlines()[-1]) for o in outputs]
    latencies = sorted(x for r in results for x in r["latencies"])
    errors = sum(1 for r in results if r["summary"]["error"] or not r["summary"]["all_synced"])
    accepted = sum(r["summary"]["accepted"] for r in results)
    outcomes: dict[str, int] = {}
    for r in results:
        for outcome, count in r["summary"]["outcomes"].items():
            outcomes[outcome] = outcomes.get(outcome, 0) + count
    return {"desks": desks, "records": desks * per_desk, "accepted": accepted,
            "outcomes": outcomes,  # a NIK two desks made up alike is a true duplicate
            "errors": errors, "seconds": round(seconds, 2),
            "records_per_s": round(desks * per_desk / seconds),
            "batch_latency_p50_ms": round(statistics.median(latencies) * 1000, 1),
            "batch_latency_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1)}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--per-desk", type=int, default=1_000)
    parser.add_argument("--hq-workers", type=int, default=2,
                        help="uvicorn worker processes of each HQ (SQLite and PostgreSQL)")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    out: dict[str, object] = {"benchmark": "sync"}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        template = workdir / "template.sqlite3"
        Store.open(template).close()
        hq_url = f"sqlite:///{workdir / 'hq.sqlite3'}"
        hq = HqProcess(hq_url, workers=args.hq_workers)
        try:
            out["push_20k_sqlite_hq"] = push_once(hq, workdir, template, args.records)
        finally:
            hq.stop()
        if not args.skip_postgres:
            url, schema = pg_schema_url()
            hq = HqProcess(url, workers=args.hq_workers)
            try:
                out["push_20k_postgres_hq"] = push_once(hq, workdir, template, args.records)
                out["concurrent_desks_postgres_hq"] = concurrent(
                    hq, workdir, template, args.desks, args.per_desk)
            finally:
                hq.stop()
                drop_schema(schema)
        sys.path.insert(0, str(Path(__file__).parent))
        import bench_hq_ingest as floors

        raw = floors.raw_ingest_same_rows(hq_url, f"sqlite:///{workdir / 'raw.sqlite3'}")
        out["floor_hq_raw_ingest_sqlite_records_per_s"] = {k: round(v) for k, v in raw.items()}
        out["floor_bare_requests_json_loop_records_per_s"] = round(
            floors.bare_loop(args.records // 100))
        sqlite_push = out["push_20k_sqlite_hq"]["records_per_s"]  # type: ignore[index]
        out["push_vs_raw_ingest_sqlite"] = {k: round(sqlite_push / v, 3) for k, v in raw.items()}
    out["targets"] = {"push_records_per_s_sqlite_hq": 5000, "push_vs_raw_ingest_min": 0.5}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
