"""Monthly contributions (iuran) for BPU, computed month by month from effective-dated data.

Rates, income levels and discounts (PP 50/2025) come from ``resources/data/rates.json`` via
:class:`RateTable`; nothing here is a buried constant.

Rounding rule (the only one): each programme's amount for each month is rounded to whole
Rupiah, half up, *after* applying percentages and discount factors; totals are sums of those
rounded amounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from regdesk.domain.funding import LEGACY_CODES, FundingSources
from regdesk.domain.problems import Problem, error

PAYMENT_PERIODS = (1, 3, 6, 12)


def round_rupiah(amount: Decimal) -> int:
    """The project's single rounding rule: whole Rupiah, half up."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Rate:
    """Base rates valid from ``valid_from`` to ``valid_to`` (inclusive; ``None`` = open)."""

    valid_from: date
    valid_to: date | None
    jkk_percent: Decimal
    jkm_flat: int
    jht_percent: Decimal

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Discount:
    """A temporary reduction such as PP 50/2025, for one sector, in a date window."""

    name: str
    sector: str  # "transport" | "non-transport"
    valid_from: date
    valid_to: date
    jkk_factor: Decimal
    jkm_factor: Decimal
    jht_factor: Decimal
    excluded_funding: frozenset[str]  # used only when no funding-source data is at hand

    def applies(self, month_start: date, *, transport: bool, funding: str,
                sources: FundingSources | None = None) -> bool:
        """In force for this month and sector, and not excluded for this funding source:
        ``sources`` (``funding_sources.json``) decides when given; otherwise the legacy
        ``excluded_funding`` list of ``rates.json``."""
        sector = "transport" if transport else "non-transport"
        if self.sector != sector or not self.valid_from <= month_start <= self.valid_to:
            return False
        if sources is not None:
            return not sources.excluded(funding, self.name, month_start)
        return (funding not in self.excluded_funding
                and LEGACY_CODES.get(funding, funding) not in self.excluded_funding)


@dataclass(frozen=True, slots=True)
class MonthFee:
    month: date  # first day of the contribution month
    jkk: int
    jkm: int
    jht: int
    discount: str | None  # name of the discount applied, if any
    saved: int  # what the discount took off this month

    @property
    def total(self) -> int:
        return self.jkk + self.jkm + self.jht


@dataclass(frozen=True, slots=True)
class FeeQuote:
    months: tuple[MonthFee, ...]

    @property
    def total(self) -> int:
        return sum(m.total for m in self.months)

    @property
    def saved(self) -> int:
        return sum(m.saved for m in self.months)

    @property
    def first_month(self) -> int:
        return self.months[0].total if self.months else 0


def _d(text: str) -> date:
    return date.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class RateTable:
    income_levels: tuple[int, ...]
    rates: tuple[Rate, ...]
    discounts: tuple[Discount, ...]
    funding: FundingSources | None = None  # who the discounts exclude (funding_sources.json)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any],
                  funding: FundingSources | None = None) -> RateTable:
        """Build from the JSON structure of ``resources/data/rates.json``; ``funding`` (the
        funding-source catalogue) decides which sources a discount excludes."""
        rates = tuple(
            Rate(
                valid_from=_d(r["valid_from"]),
                valid_to=_d(r["valid_to"]) if r.get("valid_to") else None,
                jkk_percent=Decimal(str(r["jkk_percent"])),
                jkm_flat=int(r["jkm_flat"]),
                jht_percent=Decimal(str(r["jht_percent"])),
            )
            for r in data["rates"]
        )
        discounts = tuple(
            Discount(
                name=d["name"],
                sector=d["sector"],
                valid_from=_d(d["valid_from"]),
                valid_to=_d(d["valid_to"]),
                jkk_factor=Decimal(str(d.get("jkk_factor", "1"))),
                jkm_factor=Decimal(str(d.get("jkm_factor", "1"))),
                jht_factor=Decimal(str(d.get("jht_factor", "1"))),
                excluded_funding=frozenset(d.get("excluded_funding", ())),
            )
            for d in data.get("discounts", ())
        )
        levels = tuple(sorted(int(x) for x in data["income_levels"]))
        return cls(income_levels=levels, rates=rates, discounts=discounts, funding=funding)

    def to_dict(self) -> dict[str, Any]:
        return {
            "income_levels": list(self.income_levels),
            "rates": [
                {
                    "valid_from": r.valid_from.isoformat(),
                    "valid_to": r.valid_to.isoformat() if r.valid_to else None,
                    "jkk_percent": str(r.jkk_percent),
                    "jkm_flat": r.jkm_flat,
                    "jht_percent": str(r.jht_percent),
                }
                for r in self.rates
            ],
            "discounts": [
                {
                    "name": d.name,
                    "sector": d.sector,
                    "valid_from": d.valid_from.isoformat(),
                    "valid_to": d.valid_to.isoformat(),
                    "jkk_factor": str(d.jkk_factor),
                    "jkm_factor": str(d.jkm_factor),
                    "jht_factor": str(d.jht_factor),
                    "excluded_funding": sorted(d.excluded_funding),
                }
                for d in self.discounts
            ],
        }

    def rate_for(self, day: date) -> Rate | None:
        for rate in self.rates:
            if rate.covers(day):
                return rate
        return None

    def check_income(self, income: int, *, field: str = "income") -> list[Problem]:
        if income in self.income_levels:
            return []
        lowest, highest = self.income_levels[0], self.income_levels[-1]
        if income < lowest:
            return [error(field, "income.below_minimum", minimum=lowest)]
        if income > highest:
            return [error(field, "income.above_maximum", maximum=highest)]
        below = max(x for x in self.income_levels if x < income)
        above = min(x for x in self.income_levels if x > income)
        return [error(field, "income.not_a_level", below=below, above=above)]


def add_months(month_start: date, count: int) -> date:
    index = month_start.year * 12 + month_start.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_fee(
    table: RateTable, month_start: date, *, income: int, transport: bool, funding: str, jht: bool
) -> MonthFee:
    rate = table.rate_for(month_start)
    if rate is None:
        raise ValueError(f"no contribution rate covers {month_start.isoformat()}")
    base_jkk = Decimal(income) * rate.jkk_percent / 100
    base_jkm = Decimal(rate.jkm_flat)
    base_jht = Decimal(income) * rate.jht_percent / 100 if jht else Decimal(0)
    discount = next(
        (
            d
            for d in table.discounts
            if d.applies(month_start, transport=transport, funding=funding, sources=table.funding)
        ),
        None,
    )
    if discount is None:
        jkk, jkm, jht_amount = (
            round_rupiah(base_jkk),
            round_rupiah(base_jkm),
            round_rupiah(base_jht),
        )
        return MonthFee(month_start, jkk, jkm, jht_amount, None, 0)
    jkk = round_rupiah(base_jkk * discount.jkk_factor)
    jkm = round_rupiah(base_jkm * discount.jkm_factor)
    jht_amount = round_rupiah(base_jht * discount.jht_factor)
    full = round_rupiah(base_jkk) + round_rupiah(base_jkm) + round_rupiah(base_jht)
    return MonthFee(
        month_start, jkk, jkm, jht_amount, discount.name, full - (jkk + jkm + jht_amount)
    )


def quote(
    table: RateTable,
    *,
    start: date,
    months: int,
    income: int,
    transport: bool,
    funding: str,
    jht: bool,
) -> FeeQuote:
    """Contributions for ``months`` months starting with the month of ``start``."""
    if months not in PAYMENT_PERIODS:
        raise ValueError(f"payment period must be one of {PAYMENT_PERIODS}")
    first = date(start.year, start.month, 1)
    return FeeQuote(
        tuple(
            month_fee(
                table,
                add_months(first, i),
                income=income,
                transport=transport,
                funding=funding,
                jht=jht,
            )
            for i in range(months)
        )
    )
