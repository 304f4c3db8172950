"""Fault matrix: whatever goes wrong on the wire, HQ ends with each record exactly once and the
desk loses nothing."""

from __future__ import annotations

import pytest
from tests.sync.conftest import SETIAMEKAR

from regdesk.domain.registration import Status
from regdesk.sync.backoff import Backoff, parse_retry_after
from regdesk.sync.client import HqClient
from regdesk.sync.credentials import load_token
from regdesk.sync.engine import SyncEngine
from regdesk.sync.errors import Kind
from regdesk.sync.service import device_of

RECORDS = 30
BATCH = 10


def engine_via(desk, url: str, *, sleeps: list[float], timeout=(1.0, 2.0), max_attempts=5):
    device = device_of(desk.store)
    client = HqClient(url, load_token(device.device_id), timeout=timeout)
    return SyncEngine(desk.store, client, batch_size=BATCH, sleep=sleeps.append,
                      max_attempts=max_attempts)


def assert_exactly_once(hq, desk) -> None:
    rows = desk.store.search("", limit=1000).rows
    assert len(rows) == RECORDS
    assert {r.status for r in rows} == {Status.SYNCED.value}
    assert hq.scalar("SELECT count(*) FROM hq_registration") == RECORDS
    assert hq.scalar("SELECT count(DISTINCT uuid) FROM hq_registration") == RECORDS
    hq_numbers = {str(u).replace("-", ""): m for u, m in
                  hq.rows("SELECT uuid, registration_number FROM hq_registration")}
    desk_numbers = {r.uuid.replace("-", ""): r.member_number for r in rows}
    assert desk_numbers == hq_numbers
    assert desk.store.sync_status()["pending"] == 0


@pytest.fixture
def desk(hq, make_desk):
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(RECORDS)
    return desk


@pytest.mark.parametrize(
    "faults",
    [
        ["500"],
        ["500", "500", "500"],
        ["reset_after_commit"],  # the classic duplicate: HQ committed, the desk never heard
        ["reset_after_commit", "reset_after_commit"],
        ["truncate_after_commit"],
        ["garble_after_commit"],
        ["pass", "reset_after_commit", "pass", "truncate_after_commit"],
    ],
    ids=lambda f: "+".join(f),
)
def test_transient_faults_are_retried_to_exactly_once(hq, desk, proxy, faults) -> None:
    proxy.script.extend(faults)
    sleeps: list[float] = []
    summary = engine_via(desk, proxy.url, sleeps=sleeps).run_once()
    assert summary.error is None and summary.all_synced, summary.error
    assert summary.accepted == RECORDS
    assert len(sleeps) == sum(1 for f in faults if f != "pass")  # one backoff per failure
    assert_exactly_once(hq, desk)


@pytest.mark.parametrize("code", ["503", "429"])
def test_retry_after_is_honoured(hq, desk, proxy, code) -> None:
    proxy.script.extend([f"{code}:7"])
    sleeps: list[float] = []
    summary = engine_via(desk, proxy.url, sleeps=sleeps).run_once()
    assert summary.all_synced
    assert sleeps == [7.0]
    assert_exactly_once(hq, desk)


def test_read_timeout_then_success(hq, desk, proxy) -> None:
    proxy.script.extend(["stall:3"])  # longer than the 2 s read timeout; HQ still commits
    sleeps: list[float] = []
    summary = engine_via(desk, proxy.url, sleeps=sleeps).run_once()
    assert summary.all_synced and len(sleeps) == 1
    assert_exactly_once(hq, desk)


def test_connection_refused_keeps_everything_then_resumes(hq, desk) -> None:
    sleeps: list[float] = []
    closed_port = "http://127.0.0.1:9"  # discard port: nothing listens
    summary = engine_via(desk, closed_port, sleeps=sleeps, max_attempts=3).run_once()
    assert summary.error is not None and summary.error.kind is Kind.OFFLINE
    assert not summary.all_synced and summary.pending == RECORDS
    assert len(sleeps) == 2
    assert hq.scalar("SELECT count(*) FROM hq_registration") == 0
    summary = engine_via(desk, hq.url, sleeps=sleeps).run_once()
    assert summary.all_synced
    assert_exactly_once(hq, desk)


def test_connect_timeout_is_offline(desk) -> None:
    sleeps: list[float] = []
    # 10.255.255.1 would be a real network target; a listening socket that never accepts
    # stays on loopback: fill its backlog so connects hang until the timeout.
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    fillers = []
    try:
        for _ in range(8):
            s = socket.socket()
            s.setblocking(False)
            s.connect_ex(server.getsockname())
            fillers.append(s)
        url = f"http://127.0.0.1:{server.getsockname()[1]}"
        summary = engine_via(desk, url, sleeps=sleeps, timeout=(0.5, 0.5),
                             max_attempts=2).run_once()
        assert summary.error is not None and summary.error.kind is Kind.OFFLINE
        assert summary.pending == RECORDS
    finally:
        for s in fillers:
            s.close()
        server.close()


def test_hq_restarted_mid_batch(hq, desk, proxy) -> None:
    proxy.hooks["restart"] = hq.restart
    proxy.script.extend(["pass", "call:restart"])
    proxy.upstream = hq.url
    sleeps: list[float] = []
    summary = engine_via(desk, proxy.url, sleeps=sleeps).run_once()
    assert summary.all_synced, summary.error
    assert_exactly_once(hq, desk)


def test_gives_up_after_max_attempts_and_resends_the_same_batch_later(hq, desk, proxy) -> None:
    # enough failures for the first batch's three tries and the batch beside it
    proxy.script.extend(["500"] * 6)
    sleeps: list[float] = []
    engine = engine_via(desk, proxy.url, sleeps=sleeps, max_attempts=3)
    summary = engine.run_once()
    assert summary.error is not None and summary.error.kind is Kind.SERVER
    assert not summary.all_synced
    assert len(sleeps) == 2  # three tries of the first batch; the batch behind it waited
    assert hq.scalar("SELECT count(*) FROM hq_registration") == 0
    with desk.store.read() as session:
        in_flight = session.connection().exec_driver_sql(
            "SELECT DISTINCT batch_id FROM outbox WHERE state='in_flight'").all()
    assert 1 <= len(in_flight) <= engine.pipeline_depth  # claimed batches wait for next pass
    proxy.script.clear()  # HQ is back
    summary = engine_via(desk, proxy.url, sleeps=sleeps).run_once()
    assert summary.all_synced
    assert_exactly_once(hq, desk)


def test_backoff_grows_with_jitter_and_caps() -> None:
    import random

    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(1))
    delays = [backoff.next_delay() for _ in range(6)]
    ceilings = [1, 2, 4, 8, 8, 8]
    assert all(c / 2 <= d <= c for d, c in zip(delays, ceilings, strict=True))
    assert backoff.next_delay(retry_after=30) == 30


def test_retry_after_parsing() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 25 Nov 2026 12:00:30 GMT", now=now) == 30
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
