"""Pricing many funded periods at once, month by month, and the part payments cover (pure)."""

from __future__ import annotations

from datetime import date

from regdesk import masterdata
from regdesk.domain.programme_cost import MonthCost, covered_months, month_totals, paid_cost
from regdesk.domain.programme_use import FundedPeriod, month_costs

RATES = masterdata.shipped_rates()
NOV, DEC, JAN = date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)


def _period(first: date = NOV, months: int = 3, programme_id: int | None = 7) -> FundedPeriod:
    return FundedPeriod(0, programme_id, first, months, 1_000_000, False, False, "dana-desa")


def test_groups_are_priced_once_and_multiplied_across_the_pp50_window() -> None:
    # 1.000.000 non-transport, Dana Desa: 16.800 a month, halved through December 2026
    assert month_costs(RATES, _period()) == [(NOV, 8_400), (DEC, 8_400), (JAN, 16_800)]
    got = month_totals(RATES, [(_period(), 1_000), (_period(DEC, 1), 10),
                               (_period(programme_id=None), 5)])
    assert got == [MonthCost(7, NOV, 1_000, 8_400_000), MonthCost(7, DEC, 1_010, 8_484_000),
                   MonthCost(7, JAN, 1_000, 16_800_000)]
    assert month_totals(RATES, [(_period(), 2)], months={JAN}) == [MonthCost(7, JAN, 2, 33_600)]


def test_paid_is_the_price_of_the_months_payments_cover_each_once() -> None:
    period = _period()
    covered = covered_months(period, [(NOV, DEC), (DEC, DEC), (date(2026, 10, 1),
                                                               date(2026, 10, 1))])
    assert covered == {NOV, DEC}
    assert paid_cost(RATES, period, covered) == 16_800
    assert paid_cost(RATES, period, covered_months(period, [(DEC, date(2027, 6, 1))])) == 25_200
    assert covered_months(period, []) == frozenset()
