"""What a sponsor programme is asked to pay for, and whether it can.

A registration and each of its renewals is a *funded period*: a run of months, the person's
income, JHT and transport flag, the funding source and — when a sponsor programme pays it —
the programme's number. :func:`funded_periods` lists them; :func:`period_cost` prices one
month by month with the fee rules in force for each month (the PP 50/2025 windows included:
the same :func:`regdesk.domain.fees.quote` as the desk's fee preview).

:func:`period_problems` is the rule a new period under a programme must pass: the programme
is known and open, covers the period's first month, the person is in one of its groups, the
record's funding is the programme's, and neither the quota of people nor the ceiling in
Rupiah is passed. HQ applies it per record on push (a record that fails is stored as rejected
and goes to the desk's needs-attention list, never lost); the desk applies the same function
before saving, on what it last pulled, as a warning. Pure: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from regdesk.domain.fees import PAYMENT_PERIODS, RateTable, add_months, quote
from regdesk.domain.problems import Problem, error, warning
from regdesk.domain.programmes import Programme
from regdesk.domain.registration import Registration
from regdesk.domain.renewal import covered_until

__all__ = ["FundedPeriod", "Usage", "funded_periods", "month_costs", "period_cost",
           "period_problems"]


@dataclass(frozen=True, slots=True)
class FundedPeriod:
    """One paid period of a member: ``number`` 0 is the registration's, n the n-th renewal."""

    number: int
    programme_id: int | None
    first_month: date  # first day of its first month
    months: int
    income: int
    jht: bool
    transport: bool
    funding: str

    @property
    def last_month(self) -> date:
        return add_months(self.first_month, self.months - 1)


@dataclass(frozen=True, slots=True)
class Usage:
    """What a programme already carries: distinct people and committed Rupiah."""

    people: int = 0
    committed: int = 0


def funded_periods(reg: Registration, *, transport: bool) -> list[FundedPeriod]:
    """The registration's period and each renewal's, in order."""
    first = covered_until(reg, 0)  # the first month after the registration's own period
    start = add_months(first, -reg.period_months)
    out = [FundedPeriod(0, reg.programme_id, start, reg.period_months, reg.income, reg.jht,
                        transport, reg.funding.value)]
    out += [FundedPeriod(n, r.programme_id, r.start_month, r.months, reg.income, reg.jht,
                         transport, r.funding.value)
            for n, r in enumerate(reg.renewals, start=1)]
    return out


def month_costs(rates: RateTable, period: FundedPeriod) -> list[tuple[date, int]]:
    """(month, Rupiah) for each month of the period, with the rules in force that month;
    empty when it cannot be priced (a wrong period length, a month no rate covers)."""
    if period.months not in PAYMENT_PERIODS:
        return []
    try:
        fee = quote(rates, start=period.first_month, months=period.months,
                    income=period.income, transport=period.transport, funding=period.funding,
                    jht=period.jht)
    except ValueError:  # a month no contribution rate covers yet
        return []
    return [(m.month, m.total) for m in fee.months]


def period_cost(rates: RateTable, period: FundedPeriod) -> int:
    """The whole period in Rupiah (0 when it cannot be priced)."""
    return sum(amount for _, amount in month_costs(rates, period))


def _group_problems(programme: Programme, reg: Registration, period: FundedPeriod,
                    field: str) -> list[Problem]:
    if programme.status != "open":
        return [error(field, "programme.closed")]
    if not programme.period_from <= period.first_month <= programme.period_to:
        return [error(field, "programme.period", first_date=programme.period_from.isoformat(),
                      last_date=programme.period_to.isoformat())]
    if not programme.eligible(village_code=reg.village_code,
                              occupation_codes=reg.occupation_codes, day=period.first_month):
        return [error(field, "programme.not_eligible")]
    if period.funding != programme.funding_source:
        return [error(field, "programme.funding_mismatch")]
    return []


def period_problems(programme: Programme | None, reg: Registration, period: FundedPeriod, *,
                    usage: Usage, counted: bool, cost: int, as_warning: bool = False
                    ) -> list[Problem]:
    """Why ``period`` may not be charged to ``programme`` (None: unknown or a draft).

    ``usage`` is what the programme carries without this record; ``counted`` whether the
    person is already one of its people (a renewal under the same programme is not a new
    head); ``cost`` the period's price. Over the quota or the ceiling is an error at HQ and,
    with ``as_warning``, a warning on the desk (which only knows what it last pulled)."""
    field = "programme_id" if period.number == 0 else "renewals"
    if programme is None:
        return [error(field, "programme.unknown")]
    problems = _group_problems(programme, reg, period, field)
    if problems:
        return problems
    make = warning if as_warning else error
    if not counted and usage.people + 1 > programme.quota:
        problems.append(make(field, "programme.over_quota", quota=programme.quota))
    if usage.committed + cost > programme.ceiling:
        problems.append(make(field, "programme.over_ceiling", ceiling=programme.ceiling,
                             committed=usage.committed, cost=cost))
    return problems

