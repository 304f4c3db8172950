"""Several uvicorn worker processes on one SQLite file: writers queue, nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from regdesk.hq import devices
from regdesk.hq.runtime import Runtime
from regdesk.hq.server import free_port
from regdesk.hq.settings import Settings
from regdesk.hq.writerlock import WriterLock

from .factories import VILLAGE, batch, numbered_registration, record

SRC = Path(__file__).resolve().parents[2] / "src"


def test_writer_lock_excludes_other_processes(tmp_path: Path) -> None:
    lock = WriterLock(tmp_path / "hq.sqlite3")
    probe = ("import sys\n"
             "from regdesk.oscompat import LockHeld, process_lock\n"
             "try:\n    process_lock(sys.argv[1]).acquire(timeout=0)\n"
             "except LockHeld:\n    sys.exit(3)\n")
    path = str(lock.path)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with lock.hold():
        held = subprocess.run([sys.executable, "-c", probe, path], check=False, env=env)
    free = subprocess.run([sys.executable, "-c", probe, path], check=False, env=env)
    assert (held.returncode, free.returncode) == (3, 0)
    assert lock.path.name == "hq.sqlite3.writer-lock"


@pytest.mark.skipif(sys.platform == "win32", reason="HQ runs on Linux; uvicorn's worker "
                    "processes share the listening socket unreliably on Windows")
@pytest.mark.machine_clock  # its enrol codes (valid 1 hour) are redeemed by a real HQ process
def test_two_workers_on_sqlite_take_concurrent_pushes_exactly_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'hq.sqlite3'}"
    rt = Runtime.open(Settings(db_url=url))
    codes = [devices.create_enrol_code(rt.engine, village_code=VILLAGE, hours=1)
             for _ in range(4)]
    rt.close()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "regdesk.hq.cli", "--db", url, "serve", "--port", str(port),
         "--workers", "2"], env={**os.environ, "PYTHONPATH": str(SRC)},
        stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        for _ in range(600):
            try:
                requests.get(f"{base}/health", timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, "HQ exited"
                time.sleep(0.1)
        tokens = [requests.post(f"{base}/enrol", json={"code": c, "device_name": "d"},
                                timeout=30).json()["token"] for c in codes]
        bodies = [[batch([record(numbered_registration(d * 1000 + b * 50 + k))
                          for k in range(50)]) for b in range(4)] for d in range(4)]

        def desk(d: int) -> list[str]:
            outcomes = []
            with requests.Session() as s:
                s.headers["Authorization"] = f"Bearer {tokens[d]}"
                for body in bodies[d] + bodies[d][:1]:  # and one batch sent again
                    r = s.post(f"{base}/push", json=body, timeout=60)
                    r.raise_for_status()
                    outcomes += [x["outcome"] for x in r.json()["results"]]
            return outcomes

        with ThreadPoolExecutor(4) as pool:
            outcomes = [o for part in pool.map(desk, range(4)) for o in part]
    finally:
        proc.terminate()
        proc.wait(30)
    assert outcomes.count("accepted") == 4 * 5 * 50
    engine = create_engine(url)
    with engine.connect() as conn:
        rows, uuids, numbers = conn.execute(text(
            "SELECT count(*), count(DISTINCT uuid), count(DISTINCT registration_number) "
            "FROM hq_registration")).one()
        seqs = conn.execute(text("SELECT count(DISTINCT seq) FROM hq_registration")).scalar()
    engine.dispose()
    assert rows == uuids == numbers == seqs == 4 * 4 * 50
