"""The suite's one clock: the process follows the ``clock`` fixture, in WIB."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from tests.clock import DEFAULT_NOW, WIB, TestClock

from regdesk.hq.runtime import today_wib
from regdesk.store.store import local_now


def test_default_instant_is_the_suites_and_the_zone_is_wib(clock: TestClock) -> None:
    assert clock.start == DEFAULT_NOW
    assert date.today() == clock.today() == today_wib()
    assert local_now().utcoffset() == WIB.utcoffset(None)
    assert time.localtime().tm_gmtoff == 7 * 3600


@pytest.mark.clock("2028-02-29T23:50")
def test_a_marker_moves_the_whole_process(clock: TestClock) -> None:
    assert clock.today() == date(2028, 2, 29) == local_now().date() == today_wib()
    assert abs((datetime.now(WIB) - clock.start).total_seconds()) < 60  # it ticks from there
    assert clock.frozen() == clock.start
