"""Active spans: the day ranges a member is ``active`` are exactly the days ``status_on``
reads as active (whatever lifecycle rules cover them), so HQ can count active members in
SQL from stored spans."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk import masterdata
from regdesk.domain.lifecycle import (
    ActiveSpan,
    LifecycleRule,
    LifecycleRules,
    Member,
    Payment,
    Stage,
    State,
    active_spans,
    status_on,
)

SHIPPED = masterdata.shipped_lifecycle_rules()
# effective-dated rules: another due day and limit from 2027 (the active days must not move)
CHANGED = LifecycleRules((
    LifecycleRule(date(2000, 1, 1), date(2026, 12, 31), 15, 3),
    LifecycleRule(date(2027, 1, 1), None, 5, 1),
))
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))


def paid(first: str, last: str, on: str) -> Payment:
    return Payment(date.fromisoformat(first + "-01"), date.fromisoformat(last + "-01"),
                   date.fromisoformat(on))


@st.composite
def payments(draw: st.DrawFn) -> Payment:
    first = draw(days).replace(day=1)
    length = draw(st.sampled_from([1, 2, 3, 6, 12]))
    index = first.year * 12 + first.month - 1 + length - 1
    last = date(index // 12, index % 12 + 1, 1)
    return Payment(first, last, first + timedelta(days=draw(st.integers(-40, 120))))


members = st.builds(
    lambda ps, kpj, ended: Member(Stage.ACCEPTED, kpj, tuple(ps), ended),
    st.lists(payments(), max_size=6), st.sampled_from(["12345678901", "12345678901", None]),
    st.none() | days)


def _in_spans(spans: tuple[ActiveSpan, ...], day: date) -> bool:
    return any(s.first_day <= day < s.end_day for s in spans)


@settings(max_examples=100, deadline=None)
@given(members, st.lists(days, min_size=1, max_size=20), st.sampled_from([SHIPPED, CHANGED]))
def test_a_day_is_in_a_span_exactly_when_status_on_reads_it_active(
        m: Member, probe: list[date], rules: LifecycleRules) -> None:
    spans = active_spans(m)
    # the days next to every span's edges, where an off-by-one would show
    edges = [d + timedelta(days=k) for s in spans for d in (s.first_day, s.end_day)
             for k in (-1, 0)]
    for day in [*probe, *edges]:
        assert (status_on(m, day, rules).state is State.ACTIVE) == _in_spans(spans, day), day


@settings(max_examples=100, deadline=None)
@given(members)
def test_spans_are_sorted_disjoint_and_never_touch(m: Member) -> None:
    spans = active_spans(m)
    assert all(s.first_day < s.end_day for s in spans)
    assert all(a.end_day < b.first_day for a, b in pairwise(spans))


def test_a_payment_counts_from_the_day_it_was_made_and_ends_with_its_last_month() -> None:
    m = Member(Stage.ACCEPTED, "1", (paid("2026-01", "2026-03", "2026-02-10"),
                                     paid("2026-04", "2026-04", "2026-01-05"),
                                     paid("2026-07", "2026-07", "2026-07-01")))
    assert active_spans(m) == (ActiveSpan(date(2026, 2, 10), date(2026, 5, 1)),
                               ActiveSpan(date(2026, 7, 1), date(2026, 8, 1)))


def test_an_end_cuts_the_spans_and_no_kpj_has_none() -> None:
    ps = (paid("2026-01", "2026-12", "2026-01-01"),)
    assert active_spans(Member(Stage.ACCEPTED, "1", ps, date(2026, 3, 9))) == (
        ActiveSpan(date(2026, 1, 1), date(2026, 3, 9)),)
    assert active_spans(Member(Stage.ACCEPTED, "1", ps, date(2025, 12, 1))) == ()
    assert active_spans(Member(Stage.ACCEPTED, None, ps)) == ()
