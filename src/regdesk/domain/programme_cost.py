"""Programme cost month by month for many funded periods at once, and the part of it paid.

HQ aggregates its funded periods in SQL by the fee-relevant key (programme, first month,
months, income, JHT, transport, funding) with a count; :func:`month_totals` prices each
distinct key once with :func:`regdesk.domain.programme_use.month_costs` (the fee rules in
force each month, PP 50/2025 windows included) and multiplies by the count, so a million
members cost as many price computations as there are distinct keys (a few hundred).

:func:`paid_cost` is the Rupiah of a period's months that recorded payments cover. Pure: no
I/O, no clock; money is integer Rupiah.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from regdesk.domain.fees import RateTable, add_months
from regdesk.domain.programme_use import FundedPeriod, month_costs

__all__ = ["MonthCost", "covered_months", "month_totals", "paid_cost"]


@dataclass(frozen=True, slots=True)
class MonthCost:
    """What a programme is committed to for one calendar month: the periods running that
    month (one per person: a person's periods do not overlap) and their Rupiah."""

    programme_id: int
    month: date  # first day of the month
    people: int
    rupiah: int


def month_totals(rates: RateTable, groups: Iterable[tuple[FundedPeriod, int]], *,
                 months: Collection[date] | None = None) -> list[MonthCost]:
    """Per programme and month (sorted), from ``(period, how many)`` groups; ``months``
    keeps only those months (first days). Periods without a programme are skipped; a
    period that cannot be priced adds nothing."""
    totals: dict[tuple[int, date], list[int]] = {}
    for period, count in groups:
        if period.programme_id is None:
            continue
        for month, amount in month_costs(rates, period):
            if months is not None and month not in months:
                continue
            slot = totals.setdefault((period.programme_id, month), [0, 0])
            slot[0] += count
            slot[1] += amount * count
    return [MonthCost(pid, month, people, rupiah)
            for (pid, month), (people, rupiah) in sorted(totals.items())]


def covered_months(period: FundedPeriod, payments: Iterable[tuple[date, date]]
                   ) -> frozenset[date]:
    """The period's months (first days) inside any ``(first_month, last_month)`` payment."""
    ranges = list(payments)
    out: set[date] = set()
    month = period.first_month
    for _ in range(period.months):
        if any(first <= month <= last for first, last in ranges):
            out.add(month)
        month = add_months(month, 1)
    return frozenset(out)


def paid_cost(rates: RateTable, period: FundedPeriod, covered: Collection[date]) -> int:
    """The Rupiah of the period's ``covered`` months, each at its own month's price (a month
    counts once however many payments cover it)."""
    return sum(amount for month, amount in month_costs(rates, period) if month in covered)
