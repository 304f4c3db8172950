"""HQ ingest benchmark; prints JSON.

* raw: 20,000 registration rows inserted straight into HQ's table with SQLAlchemy Core.
* push: 20,000 valid records through ``POST /api/v1/push`` in batches of 100 from a plain
  ``requests`` client to a real uvicorn (``regdesk-hq serve``, a subprocess) on 127.0.0.1,
  with 1 and 2 server workers (sequential client, and 2 client threads for 2 workers).
* in process (SQLite): CPU per record of ``Ingestor.push`` alone, split into parsing,
  validation, card signing, the verdicts (pure rules), answer encoding and the rest (database
  work, bookkeeping).
* bare: a ``requests`` JSON POST loop (same 100-record body) to a trivial ASGI endpoint.

Usage: ``.venv/bin/python bench/bench_hq_ingest.py [--records 20000] [--no-pg]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
from sqlalchemy import create_engine, insert, select, text  # noqa: E402
from tests.hq.factories import VILLAGE, numbered_registration  # noqa: E402

from regdesk.domain.canonical import canonical_json, payload_hash  # noqa: E402
from regdesk.hq import devices  # noqa: E402
from regdesk.hq.db import write_tx  # noqa: E402
from regdesk.hq.runtime import Runtime  # noqa: E402
from regdesk.hq.server import free_port  # noqa: E402
from regdesk.hq.settings import Settings  # noqa: E402
from regdesk.hq.tables import T_BATCH, T_MEMBER, T_REG  # noqa: E402
from regdesk.hq.timeutil import utcnow  # noqa: E402

PG = os.environ.get("REGDESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
BATCH = 100


def pg_fresh() -> tuple[str, str]:
    schema = f"hq_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(PG).begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    return f"{PG}?options=-csearch_path%3D{schema}", schema


def pg_drop(schema: str) -> None:
    with create_engine(PG).begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def raw_ingest(url: str, n: int) -> float:
    rt = Runtime.open(Settings(db_url=url))
    now = utcnow()
    rows = []
    for i in range(n):
        p = numbered_registration(i)
        rows.append({"uuid": str(uuid.uuid4()), "village_code": VILLAGE, "device_id": "bench",
                     "version": 1, "payload_hash": payload_hash(p), "payload": canonical_json(p),
                     "status": "accepted", "nik": p["nik"], "registration_number": None,
                     "card_qr": None, "answer": "{}", "seq": 10_000_000 + i,
                     "received_at": now})
    t = time.perf_counter()
    with rt.engine.begin() as conn:
        for s in range(0, n, 1000):
            conn.execute(insert(T_REG), rows[s : s + 1000])
    dt = time.perf_counter() - t
    rt.close()
    return n / dt


def raw_ingest_same_rows(source_url: str, target_url: str, batch: int = BATCH
                         ) -> dict[str, float]:
    """HQ's raw ingest limit for exactly the rows a push run stored: every row of
    ``hq_registration``, ``hq_member`` and ``hq_batch`` in ``source_url`` inserted with Core
    into a fresh HQ database, one write transaction per ``batch`` records (as a push commits),
    and, for reference, all in one transaction. Returns records/s for both."""
    src = create_engine(source_url)
    with src.connect() as conn:
        regs = [dict(r._mapping) for r in conn.execute(select(T_REG).order_by(T_REG.c.seq))]
        members = {r.uuid: dict(r._mapping) for r in conn.execute(select(T_MEMBER))}
        batches = [dict(r._mapping) for r in conn.execute(select(T_BATCH))]
    src.dispose()
    out: dict[str, float] = {}
    for label, size in (("per_batch_transaction", batch), ("one_transaction", len(regs))):
        path = target_url.replace(".sqlite3", f"-{label}.sqlite3")
        rt = Runtime.open(Settings(db_url=path))
        t = time.perf_counter()
        for start in range(0, len(regs), size):
            part = regs[start : start + size]
            with write_tx(rt.engine) as conn:
                conn.execute(insert(T_REG), part)
                owned = [members[r["uuid"]] for r in part if r["uuid"] in members]
                if owned:
                    conn.execute(insert(T_MEMBER), owned)
                index = start // batch
                if size == batch and index < len(batches):
                    conn.execute(insert(T_BATCH), batches[index])
            if size != batch:
                with write_tx(rt.engine) as conn:
                    conn.execute(insert(T_BATCH), batches)
        out[label] = len(regs) / (time.perf_counter() - t)
        rt.close()
    return out


def in_process(url: str, n: int) -> dict[str, float]:
    """CPU µs per record of ``Ingestor.push`` alone (no HTTP, nothing else on the cores), and
    of its parts: body parsing, domain validation, card payload + Ed25519 signature, the
    verdicts (``decide_batch``), answer encoding; the rest is database work and bookkeeping."""
    from regdesk.hq import answers, ingest
    from regdesk.wire import PushRequest

    rt = Runtime.open(Settings(db_url=url))
    code = devices.create_enrol_code(rt.engine, village_code=VILLAGE, hours=1)
    device, _token = devices.enrol(rt.engine, code=code, device_name="bench")
    bodies = [json.dumps({"batch_id": str(uuid.uuid4()), "records": [
        {"uuid": str(uuid.uuid4()), "version": 1, "local_ref": None,
         "payload": numbered_registration(s + k)} for k in range(BATCH)]}).encode()
        for s in range(0, n, BATCH)]
    spent = {"parse": 0.0, "validate": 0.0, "card_and_signature": 0.0, "decide": 0.0,
             "answers": 0.0}

    def timed(part: str, fn: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - t
        return run

    original = ingest._validate, ingest.Ingestor._card, ingest.decide_batch, answers.encode
    ingest._validate = timed("validate", ingest._validate)  # type: ignore[assignment]
    ingest.Ingestor._card = timed("card_and_signature", ingest.Ingestor._card)  # type: ignore
    ingest.decide_batch = timed("decide", ingest.decide_batch)  # type: ignore[assignment]
    answers.encode = timed("answers", answers.encode)  # type: ignore[assignment]
    try:
        total = time.process_time()
        for body in bodies:
            t = time.process_time()
            request = PushRequest.model_validate_json(body)
            spent["parse"] += time.process_time() - t
            rt.ingestor.push(device, request, rt.contexts.get(), rt.today())
        total = time.process_time() - total
    finally:
        (ingest._validate, ingest.Ingestor._card,  # type: ignore[method-assign]
         ingest.decide_batch, answers.encode) = original
        rt.close()
    out = {f"{k}_us": round(v * 1e6 / n, 1) for k, v in spent.items()}
    out["total_us"] = round(total * 1e6 / n, 1)
    out["database_and_rest_us"] = round((total - sum(spent.values())) * 1e6 / n, 1)
    return out


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "regdesk.hq.cli", "--db", url, "serve", "--port", str(port),
         "--workers", str(workers)], env=ENV, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_up(base, proc)
    return proc, base


def wait_up(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited")
        try:
            requests.get(f"{base}/api/v1/health", timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def http_push(url: str, n: int, *, workers: int, client_threads: int) -> dict[str, Any]:
    rt = Runtime.open(Settings(db_url=url))
    code = devices.create_enrol_code(rt.engine, village_code=VILLAGE, hours=1)
    rt.close()
    proc, base = start_server(url, workers)
    try:
        token = requests.post(f"{base}/api/v1/enrol", json={"code": code, "device_name": "b"},
                              timeout=30).json()["token"]
        bodies = [json.dumps({"batch_id": str(uuid.uuid4()), "records": [
            {"uuid": str(uuid.uuid4()), "version": 1, "local_ref": None,
             "payload": numbered_registration(s + k)}
            for k in range(BATCH)]}).encode() for s in range(0, n, BATCH)]

        def send(chunk: list[bytes]) -> int:
            accepted = 0
            with requests.Session() as session:
                session.headers.update({"Authorization": f"Bearer {token}",
                                        "Content-Type": "application/json"})
                for body in chunk:
                    r = session.post(f"{base}/api/v1/push", data=body, timeout=60)
                    r.raise_for_status()
                    accepted += sum(x["outcome"] == "accepted" for x in r.json()["results"])
            return accepted

        chunks = [bodies[i::client_threads] for i in range(client_threads)]
        t = time.perf_counter()
        with ThreadPoolExecutor(client_threads) as pool:
            accepted = sum(pool.map(send, chunks))
        dt = time.perf_counter() - t
    finally:
        proc.terminate()
        proc.wait(30)
    return {"records_per_s": round(n / dt), "seconds": round(dt, 2), "accepted": accepted,
            "server_workers": workers, "client_threads": client_threads}


TRIVIAL = """
import sys
from regdesk.hq.server import uvicorn_config
import uvicorn
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    more = True
    while more:
        more = (await receive()).get("more_body", False)
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b'{"ok":true}'})
uvicorn.Server(uvicorn_config(app, host="127.0.0.1", port=int(sys.argv[1]))).run()
"""


def bare_loop(n_requests: int) -> float:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", TRIVIAL, str(port)], env=ENV)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(base, timeout=1)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    body = {"batch_id": str(uuid.uuid4()),
            "records": [{"uuid": str(uuid.uuid4()), "version": 1, "payload":
                         numbered_registration(k)} for k in range(BATCH)]}
    try:
        with requests.Session() as s:
            t = time.perf_counter()
            for _ in range(n_requests):
                s.post(base, json=body, timeout=10).json()
            dt = time.perf_counter() - t
    finally:
        proc.terminate()
        proc.wait(10)
    return n_requests * BATCH / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=20_000)
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    n = args.records
    out: dict[str, Any] = {"records": n, "batch": BATCH, "cpus": os.cpu_count()}
    backends = ["sqlite"] + ([] if args.no_pg else ["postgres"])
    with tempfile.TemporaryDirectory() as tmp:
        for backend in backends:
            res: dict[str, Any] = {}
            for label, kw in (("push_1_worker", {"workers": 1, "client_threads": 1}),
                              ("push_2_workers", {"workers": 2, "client_threads": 2})):
                if backend == "sqlite":
                    url, schema = f"sqlite:///{tmp}/{label}.sqlite3", None
                else:
                    url, schema = pg_fresh()
                try:
                    res[label] = http_push(url, n, **kw)
                finally:
                    if schema:
                        pg_drop(schema)
            url, schema = (f"sqlite:///{tmp}/raw.sqlite3", None) if backend == "sqlite" \
                else pg_fresh()
            try:
                res["raw_core_insert_rows_per_s"] = round(raw_ingest(url, n))
            finally:
                if schema:
                    pg_drop(schema)
            if backend == "sqlite":
                res["in_process_cpu_per_record"] = in_process(f"sqlite:///{tmp}/inproc.sqlite3",
                                                              n)
            out[backend] = res
    out["bare_requests_json_post_records_per_s"] = round(bare_loop(200))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
