"""The one clock of the suite: every test's "today" comes from the ``clock`` fixture.

The fixture fixes an instant (default: 25 Nov 2026, 17.00 WIB); the whole process is moved
to it for the test (time-machine, ticking from there), and the process time zone is WIB, so
code that reads the system clock, stores opened with their default clock and the in-thread
HQ all agree with the test, whatever the machine's date or zone. A test picks another
instant with ``@pytest.mark.clock("2028-02-29T10:00")`` or by indirect parametrization of
``clock`` with such strings.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
DEFAULT_NOW = datetime(2026, 11, 25, 17, 0, tzinfo=WIB)


def instant(text: str) -> datetime:
    """``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``, read as WIB unless it names its own offset."""
    moment = datetime.fromisoformat(text if "T" in text else f"{text}T10:00")
    return moment if moment.tzinfo else moment.replace(tzinfo=WIB)


class TestClock:
    """A store clock: ``clock()`` is the moving local time (it starts at ``start``);
    ``clock.frozen()`` is always ``start`` (for tests comparing stamps)."""

    __test__ = False  # not a test class, whatever pytest thinks of its name

    def __init__(self, start: datetime) -> None:
        self.start = start

    def __call__(self) -> datetime:
        return datetime.now(self.start.tzinfo)

    def frozen(self) -> datetime:
        return self.start

    def today(self) -> date:
        return self.start.date()

    def month(self) -> date:
        return self.start.date().replace(day=1)
