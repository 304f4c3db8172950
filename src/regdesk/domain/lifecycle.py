"""Where a registration stands on a given day: from saved on the desk to protected, in grace,
lapsed or ended. Pure: the day and the rules (``resources/data/lifecycle.json``) are passed in.

A member is protected (``active``) exactly in the months paid for — a payment never covers a
month it did not pay. A month's contribution is due on ``due_day`` of that month. Unpaid
months after the last paid one are arrears once their due day has passed; with fewer than
``inactive_after_overdue_months`` of them the member is in ``grace``, with that many or more
``inactive``. Paying again makes the paid months active again (earlier gaps stay unpaid).
Payments count from the day they were made, in whatever order they arrive.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any


class Stage(StrEnum):
    """How far the registration itself has come (before any payment matters)."""

    SAVED = "saved"  # on the desk only
    SENT = "sent"  # in the outbox / sent, no verdict yet
    ACCEPTED = "accepted"  # HQ accepted it (registration number); no KPJ yet


class State(StrEnum):
    SAVED = "saved"
    SENT = "sent"
    WAITING_FOR_KPJ = "waiting_for_kpj"  # accepted by HQ; BPJS Ketenagakerjaan not yet
    WAITING_FOR_PAYMENT = "waiting_for_payment"  # a KPJ, nothing paid yet
    ACTIVE = "active"
    GRACE = "grace"
    INACTIVE = "inactive"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class LifecycleRule:
    valid_from: date
    valid_to: date | None
    due_day: int
    inactive_after_overdue_months: int

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class LifecycleRules:
    rules: tuple[LifecycleRule, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LifecycleRules:
        return cls(tuple(
            LifecycleRule(
                valid_from=date.fromisoformat(r["valid_from"]),
                valid_to=date.fromisoformat(r["valid_to"]) if r.get("valid_to") else None,
                due_day=int(r["due_day"]),
                inactive_after_overdue_months=int(r["inactive_after_overdue_months"]),
            )
            for r in data["rules"]
        ))

    def rule_for(self, day: date) -> LifecycleRule:
        for rule in self.rules:
            if rule.covers(day):
                return rule
        raise ValueError(f"no lifecycle rule covers {day.isoformat()}")


@dataclass(frozen=True, slots=True)
class Payment:
    """Contributions for the months ``first_month`` … ``last_month`` (any day of each),
    paid on ``paid_on``."""

    first_month: date
    last_month: date
    paid_on: date
    # month indices (year * 12 + month - 1), worked out once: status_on reads them per call
    first: int = field(init=False, repr=False, compare=False)
    last: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "first", _index(self.first_month))
        object.__setattr__(self, "last", _index(self.last_month))


@dataclass(frozen=True, slots=True)
class Member:
    stage: Stage
    kpj: str | None = None
    payments: tuple[Payment, ...] = ()
    ended_on: date | None = None  # death, moved away, became a wage earner …


@dataclass(frozen=True, slots=True)
class Standing:
    """``paid_through``: last day of the last paid month of the latest paid run that has
    begun; ``next_due``: the due day of the oldest unpaid month after it."""

    state: State
    paid_through: date | None = None
    next_due: date | None = None
    days_overdue: int = 0


def _index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _month_end(index: int) -> date:
    return _month(index + 1) - timedelta(days=1)


def paid_months(payments: Iterable[Payment], *, as_of: date) -> set[int]:
    """Month indices (year * 12 + month - 1) paid for by the payments made by ``as_of``."""
    return {m for first, last in _paid_runs(payments, as_of) for m in range(first, last + 1)}


def _due(index: int, rule: LifecycleRule) -> date:
    return _month(index).replace(day=rule.due_day)


def _paid_runs(payments: Iterable[Payment], as_of: date) -> list[tuple[int, int]]:
    """(first, last) month indices of the payments made on or before ``as_of``."""
    return [(p.first, p.last) for p in payments if p.paid_on <= as_of]


def _run_end(runs: list[tuple[int, int]], month: int) -> int:
    """The last month of the unbroken paid run that contains ``month``."""
    extended = True
    while extended:
        extended = False
        for first, last in runs:
            if first <= month + 1 <= last:
                month, extended = last, True
    return month


_BEFORE_KPJ = {Stage.SAVED: Standing(State.SAVED), Stage.SENT: Standing(State.SENT),
               Stage.ACCEPTED: Standing(State.WAITING_FOR_KPJ)}
_ENDED = Standing(State.ENDED)


class _Day:
    """One day's reading, shared by every member read on it: the rule in force and the
    standings that depend only on a month index (few distinct ones in a district)."""

    __slots__ = ("_active", "_behind", "day", "late", "rule", "today", "waiting")

    def __init__(self, day: date, rules: LifecycleRules) -> None:
        self.day = day
        self.today = _index(day)
        self.rule = rules.rule_for(day)
        self.late = day.day > self.rule.due_day  # this month's due day has passed
        self._active: dict[int, Standing] = {}
        self._behind: dict[int, Standing] = {}
        self.waiting = Standing(State.WAITING_FOR_PAYMENT, next_due=_due(self.today, self.rule))

    def active(self, end: int) -> Standing:
        found = self._active.get(end)
        if found is None:
            found = self._active[end] = Standing(State.ACTIVE, _month_end(end),
                                                 _due(end + 1, self.rule))
        return found

    def behind(self, latest: int) -> Standing:
        """Every month after ``latest`` up to this one is unpaid: arrears once past its due
        day; grace below the rule's limit, inactive from it."""
        found = self._behind.get(latest)
        if found is None:
            overdue = self.today - latest - 1 + self.late
            limit = self.rule.inactive_after_overdue_months
            next_due = _due(latest + 1, self.rule)
            found = self._behind[latest] = Standing(
                State.INACTIVE if overdue >= limit else State.GRACE, _month_end(latest),
                next_due, max(0, (self.day - next_due).days))
        return found

    def read(self, member: Member) -> Standing:
        if member.ended_on is not None and member.ended_on <= self.day:
            return _ENDED
        if member.kpj is None:
            return _BEFORE_KPJ[member.stage]
        day, today = self.day, self.today
        runs = [(p.first, p.last) for p in member.payments if p.paid_on <= day]
        latest = -1
        for first, last in runs:
            if first <= today:
                latest = max(latest, min(last, today))
        if latest < 0:  # nothing paid yet, or only months still to come
            return self.waiting
        if latest == today:
            return self.active(_run_end(runs, today))
        return self.behind(latest)


def status_on(member: Member, day: date, rules: LifecycleRules) -> Standing:
    """The member's state on ``day``, with paid-through, next due date and days overdue."""
    if member.ended_on is not None and member.ended_on <= day:
        return _ENDED
    if member.kpj is None:
        return _BEFORE_KPJ[member.stage]
    return _Day(day, rules).read(member)


def standings(members: Sequence[Member], day: date, rules: LifecycleRules) -> list[Standing]:
    """``status_on`` for many members on one day: the rule and the month-dependent
    standings are worked out once for all of them."""
    reading = _Day(day, rules)
    return [reading.read(member) for member in members]


@dataclass(frozen=True, slots=True)
class ActiveSpan:
    """Days ``first_day`` … the day before ``end_day`` (exclusive) on which a member is
    ``active``."""

    first_day: date
    end_day: date


def active_spans(member: Member) -> tuple[ActiveSpan, ...]:
    """The day ranges on which ``status_on(member, day, rules).state`` is ``ACTIVE`` for
    every ``rules`` that cover the day (the rules decide only due days and grace, never
    whether a day is active), sorted, disjoint and not touching (touching ones are merged).

    A payment makes a day active from the later of its ``paid_on`` and the first day of its
    ``first_month`` until the end of its ``last_month``; an ``ended_on`` ends every span on
    that day; no KPJ, no span. They follow from the recorded payments alone, so they do not
    depend on the day they are worked out: a payment recorded later adds a span that starts
    no earlier than its ``paid_on``.
    """
    if member.kpj is None:
        return ()
    return tuple(ActiveSpan(first, end) for first, end in active_ranges(
        ((p.first_month, p.last_month, p.paid_on) for p in member.payments), member.ended_on))


def active_ranges(payments: Iterable[tuple[date, date, date]], ended_on: date | None
                  ) -> list[tuple[date, date]]:
    """:func:`active_spans` of a member with a KPJ, from its payments as plain
    ``(first_month, last_month, paid_on)`` and its end: ``(first_day, end_day)`` pairs (end
    exclusive). For callers reading many members at once (no objects built per payment)."""
    ranges = sorted((max(paid_on, first.replace(day=1)), _month(_index(last) + 1))
                    for first, last, paid_on in payments)
    if ended_on is not None:
        ranges = [(first, min(end, ended_on)) for first, end in ranges]
    merged: list[tuple[date, date]] = []
    for first, end in ranges:
        if first >= end:
            continue
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((first, end))
    return merged
