"""The background schedule: back off while HQ is away, sync by itself when it comes back."""

from __future__ import annotations

import random

from tests.sync.conftest import SETIAMEKAR

from regdesk.sync.backoff import Backoff
from regdesk.sync.loop import SyncLoop


def test_not_enrolled_only_waits(make_desk) -> None:
    step = SyncLoop(make_desk().store, idle_interval=300).step()
    assert (step.delay, step.online, step.summary) == (300, None, None)


def test_backs_off_while_hq_is_away_then_syncs_by_itself(hq, make_desk) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(5)
    loop = SyncLoop(desk.store, idle_interval=300, busy_interval=30,
                    offline_backoff=Backoff(base=5, cap=40, rng=random.Random(3)))
    port = hq.url.rsplit(":", 1)[1]
    hq.server.stop()  # HQ away (the device keeps its URL)
    steps = [loop.step() for _ in range(5)]
    assert all(s.online is False and s.summary is None for s in steps)
    ceilings = [5, 10, 20, 40, 40]  # exponential, capped, full jitter in [ceiling/2, ceiling]
    assert all(c / 2 <= s.delay <= c for s, c in zip(steps, ceilings, strict=True))
    assert desk.store.sync_status()["pending"] == 5

    from regdesk.hq.app import create_app
    from regdesk.hq.server import start_in_thread

    hq.server = start_in_thread(create_app(hq.runtime.settings, hq.runtime), port=int(port))
    back = loop.step()
    assert back.online is True and back.summary is not None and back.summary.all_synced
    assert back.summary.accepted == 5 and back.delay == 300
    assert loop.offline_backoff.attempt == 0  # reset once HQ answered
