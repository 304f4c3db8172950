"""Membership lifecycle: protected exactly in the months paid, grace, lapse, renewal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regdesk import masterdata
from regdesk.domain.lifecycle import (
    Member,
    Payment,
    Stage,
    Standing,
    State,
    paid_months,
    standings,
    status_on,
)

RULES = masterdata.shipped_lifecycle_rules()


def member(*payments: Payment, kpj: str | None = "12345678901", **kw: object) -> Member:
    return Member(Stage.ACCEPTED, kpj, tuple(payments), **kw)  # type: ignore[arg-type]


def paid(first: str, last: str, on: str) -> Payment:
    return Payment(date.fromisoformat(first + "-01"), date.fromisoformat(last + "-01"),
                   date.fromisoformat(on))


@pytest.mark.parametrize(("stage", "state"), [
    (Stage.SAVED, State.SAVED), (Stage.SENT, State.SENT), (Stage.ACCEPTED, State.WAITING_FOR_KPJ)])
def test_before_a_kpj_the_stage_decides(stage: Stage, state: State) -> None:
    assert status_on(Member(stage), date(2026, 12, 1), RULES).state is state


def test_a_kpj_without_payment_waits_for_payment_due_this_month() -> None:
    standing = status_on(member(), date(2026, 12, 20), RULES)
    assert standing.state is State.WAITING_FOR_PAYMENT
    assert standing.next_due == date(2026, 12, 15)


def test_worked_example_paid_ahead_then_grace_then_inactive_then_renewed() -> None:
    m = member(paid("2026-12", "2027-02", "2026-12-02"))  # 3 months ahead
    on = lambda d: status_on(m, date.fromisoformat(d), RULES)  # noqa: E731
    assert on("2026-12-02").state is State.ACTIVE
    assert on("2027-02-28").paid_through == date(2027, 2, 28)
    assert on("2027-02-28").next_due == date(2027, 3, 15)
    grace = on("2027-03-20")
    assert (grace.state, grace.days_overdue) == (State.GRACE, 5)
    assert on("2027-05-15").state is State.GRACE  # Mar and Apr overdue, May due today
    lapsed = on("2027-05-16")  # the third month of arrears
    assert lapsed.state is State.INACTIVE and lapsed.paid_through == date(2027, 2, 28)
    renewed = Member(m.stage, m.kpj, (*m.payments, paid("2027-06", "2027-11", "2027-06-03")))
    assert status_on(renewed, date(2027, 6, 2), RULES).state is State.INACTIVE  # not yet paid
    back = status_on(renewed, date(2027, 6, 3), RULES)
    assert back.state is State.ACTIVE and back.paid_through == date(2027, 11, 30)
    assert status_on(renewed, date(2027, 4, 10), RULES).state is State.GRACE  # gap stays unpaid


def test_leap_year_month_end_is_paid_through() -> None:
    standing = status_on(member(paid("2028-01", "2028-02", "2028-01-05")), date(2028, 2, 29),
                         RULES)
    assert standing.state is State.ACTIVE and standing.paid_through == date(2028, 2, 29)


def test_ended_overrides_everything_from_its_day() -> None:
    m = member(paid("2026-01", "2026-12", "2026-01-01"), ended_on=date(2026, 6, 10))
    assert status_on(m, date(2026, 6, 9), RULES).state is State.ACTIVE
    assert status_on(m, date(2026, 6, 10), RULES).state is State.ENDED


# -- properties --------------------------------------------------------------------------
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))


@st.composite
def payments(draw: st.DrawFn) -> Payment:
    first = draw(days).replace(day=1)
    length = draw(st.sampled_from([1, 3, 6, 12]))
    index = first.year * 12 + first.month - 1 + length - 1
    last = date(index // 12, index % 12 + 1, 1)
    return Payment(first, last, first + timedelta(days=draw(st.integers(-40, 120))))


@settings(max_examples=150, deadline=None)
@given(st.lists(payments(), max_size=6), days, st.randoms(use_true_random=False))
def test_order_of_arrival_does_not_matter(ps: list[Payment], day: date, rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(ps)
    rnd.shuffle(shuffled)
    assert status_on(member(*ps), day, RULES) == status_on(member(*shuffled), day, RULES)


@settings(max_examples=150, deadline=None)
@given(st.lists(payments(), max_size=6), days)
def test_never_active_in_a_month_not_paid_for_by_then(ps: list[Payment], day: date) -> None:
    standing = status_on(member(*ps), day, RULES)
    this_month = day.year * 12 + day.month - 1
    is_paid = this_month in paid_months(ps, as_of=day)
    assert (standing.state is State.ACTIVE) == is_paid
    if standing.paid_through is not None:
        assert standing.next_due is not None and standing.next_due > standing.paid_through
        assert standing.paid_through.month != (standing.paid_through + timedelta(days=1)).month


@settings(max_examples=150, deadline=None)
@given(st.lists(payments(), max_size=5), payments(), days)
def test_a_further_payment_never_makes_things_worse(
        ps: list[Payment], extra: Payment, day: date) -> None:
    rank = {State.WAITING_FOR_PAYMENT: 0, State.INACTIVE: 0, State.GRACE: 1, State.ACTIVE: 2}
    before = status_on(member(*ps), day, RULES)
    after = status_on(member(*ps, extra), day, RULES)
    if before.state is State.ACTIVE:
        assert after.state is State.ACTIVE and after.paid_through >= before.paid_through  # type: ignore[operator]
    assert rank[after.state] >= rank[before.state]


@settings(max_examples=150, deadline=None)
@given(st.lists(payments(), max_size=6), days)
def test_a_payment_made_later_is_not_seen_earlier(ps: list[Payment], day: date) -> None:
    seen = [p for p in ps if p.paid_on <= day]
    assert status_on(member(*ps), day, RULES) == status_on(member(*seen), day, RULES)


def _month_by_month(m: Member, day: date) -> Standing:
    """An independent reading, month by month over the paid set, to check the fast rule."""
    rule = RULES.rule_for(day)

    def month(i: int) -> date:
        return date(i // 12, i % 12 + 1, 1)

    def due(i: int) -> date:
        return month(i).replace(day=rule.due_day)

    paid = paid_months(m.payments, as_of=day)
    today = day.year * 12 + day.month - 1
    begun = [i for i in paid if i <= today]
    if not begun:
        return Standing(State.WAITING_FOR_PAYMENT, next_due=due(today))
    if today in paid:
        end = today
        while end + 1 in paid:
            end += 1
        return Standing(State.ACTIVE, month(end + 1) - timedelta(days=1), due(end + 1))
    latest = max(begun)
    overdue = today - latest - 1 + (day.day > rule.due_day)
    state = State.INACTIVE if overdue >= rule.inactive_after_overdue_months else State.GRACE
    return Standing(state, month(latest + 1) - timedelta(days=1), due(latest + 1),
                    max(0, (day - due(latest + 1)).days))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(payments(), max_size=6), min_size=1, max_size=8), days)
def test_many_members_read_at_once_agree_with_a_month_by_month_reading(
        groups: list[list[Payment]], day: date) -> None:
    members = [member(*ps) for ps in groups]
    expected = [_month_by_month(m, day) for m in members]
    assert standings(members, day, RULES) == expected
    assert [status_on(m, day, RULES) for m in members] == expected
