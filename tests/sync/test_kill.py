"""SIGKILL the desk's sync process at random moments, again and again: nothing is lost on the
desk and nothing is duplicated at HQ."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from tests import dbfile
from tests.sync.conftest import SETIAMEKAR

from regdesk.domain.registration import Status

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL is POSIX-only (Windows only has TerminateProcess)")

RECORDS = 400
KILLS = 20


def outbox_counts(db) -> tuple[int, int]:
    with dbfile.connect(db) as connection:
        done, waiting = connection.execute(
            "SELECT coalesce(sum(state = 'done'), 0), "
            "coalesce(sum(state IN ('queued', 'in_flight')), 0) FROM outbox").fetchone()
    return int(done), int(waiting)


@pytest.mark.slow
def test_sigkill_mid_sync_loop(hq, make_desk) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(RECORDS)
    db = desk.store.path
    env = {**os.environ, "REGDESK_DB": str(db)}
    command = [sys.executable, "-m", "regdesk", "sync", "--batch-size", "5"]
    rng = random.Random(20261125)
    mid_sync_kills = 0  # kills that landed with part of the queue sent and part not
    for round_ in range(KILLS):
        done_before, waiting = outbox_counts(db)
        if waiting < 60:  # keep work queued so every kill can land mid-sync
            desk.add_demo(100, seed=1000 + round_)
            done_before, waiting = outbox_counts(db)
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0.05, 0.6))  # before or while it starts sending
        else:  # once batches are going out, at a random point within the next few
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                if outbox_counts(db)[0] > done_before:
                    break
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.08))
        assert process.poll() is None, "the sync finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait()
        done, waiting = outbox_counts(db)
        mid_sync_kills += bool(done > done_before and waiting)
        with dbfile.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert mid_sync_kills >= KILLS // 2

    total = desk.store.count()
    final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    rows = desk.store.search("", limit=10_000).rows
    assert len(rows) == total >= RECORDS
    assert {r.status for r in rows} == {Status.SYNCED.value}
    assert desk.store.sync_status()["pending"] == 0
    assert hq.scalar("SELECT count(*) FROM hq_registration") == total
    assert hq.scalar("SELECT count(DISTINCT registration_number) FROM hq_registration") == total
    hq_numbers = {str(u).replace("-", ""): m
                  for u, m in hq.rows("SELECT uuid, registration_number FROM hq_registration")}
    assert {r.uuid.replace("-", ""): r.member_number for r in rows} == hq_numbers
