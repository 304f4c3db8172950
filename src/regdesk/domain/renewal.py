"""Renewal: a further paid period on the same member (never a second registration).

A registration's first period starts with its ``start_month`` (or the month it was recorded)
and lasts ``period_months``; each renewal starts on or after the end of the period before it
and is priced with the rates in force for its own months. Pure: the day and rates come in.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from regdesk.domain.fees import PAYMENT_PERIODS, FeeQuote, RateTable, add_months, quote
from regdesk.domain.problems import Problem, error
from regdesk.domain.registration import Funding, Registration, Renewal

__all__ = ["covered_until", "earliest_start", "renewal_problems", "renewal_quote"]


def _month(day: date) -> date:
    return date(day.year, day.month, 1)


def _first_start(reg: Registration) -> date:
    return _month(reg.start_month or reg.consent_at.date())


def covered_until(reg: Registration, upto: int | None = None) -> date:
    """The first month *after* the registration's periods (all of them, or the first
    ``upto`` renewals only)."""
    end = add_months(_first_start(reg), reg.period_months)
    for renewal in reg.renewals[:upto]:
        end = max(end, add_months(renewal.start_month, renewal.months))
    return end


def earliest_start(reg: Registration, today: date) -> date:
    """Where a new renewal starts by default: right after the periods already recorded, or
    this month when they have long ended (months in arrears are not bought back)."""
    return max(covered_until(reg), _month(today))


def renewal_problems(reg: Registration, sponsor_required: Collection[Funding]) -> list[Problem]:
    """Every renewal: an allowed period, a sponsor when its funding needs one, and no month
    before the end of the period before it."""
    problems: list[Problem] = []
    for n, renewal in enumerate(reg.renewals, start=1):
        if renewal.months not in PAYMENT_PERIODS:
            problems.append(error("renewals", "renewal.period.invalid", n=n,
                                  allowed=list(PAYMENT_PERIODS)))
        if renewal.funding in sponsor_required and not renewal.sponsor_name:
            problems.append(error("renewals", "renewal.sponsor.required", n=n))
        earliest = covered_until(reg, n - 1)
        if renewal.start_month < earliest:
            problems.append(error("renewals", "renewal.overlap", n=n,
                                  earliest_date=earliest.isoformat()))
    return problems


def renewal_quote(reg: Registration, renewal: Renewal, *, rates: RateTable,
                  transport: bool) -> FeeQuote:
    """The contribution for a renewal's months, with the rules in force for those months
    (the PP 50/2025 windows included) and the renewal's own funding."""
    return quote(rates, start=renewal.start_month, months=renewal.months, income=reg.income,
                 transport=transport, funding=renewal.funding.value, jht=reg.jht)
