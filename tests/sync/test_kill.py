"""SIGKILL the desk's sync process at random moments, again and again: nothing is lost on the
desk and nothing is duplicated at HQ."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from tests.sync.conftest import SETIAMEKAR

from regdesk.domain.registration import Status

RECORDS = 400
KILLS = 20


@pytest.mark.slow
def test_sigkill_mid_sync_loop(hq, make_desk, tmp_path) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(RECORDS)
    db = desk.store.path
    env = {**os.environ, "REGDESK_DB": str(db)}
    command = [sys.executable, "-m", "regdesk", "sync", "--batch-size", "5"]
    rng = random.Random(20261125)
    kills = 0
    completed_early = 0
    mid_sync_kills = 0  # kills that landed with part of the queue sent and part not
    for _ in range(KILLS * 3):
        if kills >= KILLS:
            break
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.6, 2.0))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
            with sqlite3.connect(db) as connection:
                done, waiting = connection.execute(
                    "SELECT sum(state = 'done'), sum(state IN ('queued', 'in_flight')) "
                    "FROM outbox").fetchone()
            mid_sync_kills += bool(done and waiting)
        else:
            completed_early += 1
            if desk.store.sync_status()["pending"] == 0:
                # everything went out; queue more work so later kills still land mid-sync
                desk.add_demo(40, seed=1000 + kills + completed_early)
        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert kills >= KILLS
    assert mid_sync_kills >= KILLS // 2

    total = desk.store.count()
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    rows = desk.store.search("", limit=10_000).rows
    assert len(rows) == total >= RECORDS
    assert {r.status for r in rows} == {Status.SYNCED.value}
    assert desk.store.sync_status()["pending"] == 0
    assert hq.scalar("SELECT count(*) FROM hq_registration") == total
    assert hq.scalar("SELECT count(DISTINCT member_number) FROM hq_registration") == total
    hq_numbers = {str(u).replace("-", ""): m
                  for u, m in hq.rows("SELECT uuid, member_number FROM hq_registration")}
    assert {r.uuid.replace("-", ""): r.member_number for r in rows} == hq_numbers
