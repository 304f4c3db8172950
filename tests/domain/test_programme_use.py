"""Funded periods, their month-by-month cost and the programme rule (pure)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.factories import valid_registration_data

from regdesk import masterdata
from regdesk.domain.programme_use import (
    FundedPeriod,
    Usage,
    funded_periods,
    month_costs,
    period_cost,
    period_problems,
)
from regdesk.domain.programmes import Programme
from regdesk.domain.registration import Funding, Renewal, registration_from_dict

RATES = masterdata.shipped_rates()
PROGRAMME = Programme(sponsor="Pemdes Setiamekar", funding_source="dana-desa",
                      dpa_number="DPA 1", budget_year=2026, ceiling=100_000, quota=2,
                      period_from=date(2026, 10, 1), period_to=date(2027, 6, 1),
                      paid="JKK+JKM", villages=("32.16.06.2006",), status="open")


def _reg(**kw: object):
    fields: dict[str, object] = {
        "village_code": "32.16.06.2006", "funding": "dana-desa", "programme_id": 7,
        "sponsor_name": "Pemdes Setiamekar", "period_months": 3, "start_month": "2026-11-01",
        "income": 1_000_000}
    reg, problems = registration_from_dict(valid_registration_data(**{**fields, **kw}))
    assert reg is not None, problems
    return reg


def test_the_cost_crosses_the_pp50_window_month_by_month() -> None:
    period = funded_periods(_reg(), transport=False)[0]
    assert month_costs(RATES, period) == [(date(2026, 11, 1), 8_400), (date(2026, 12, 1), 8_400),
                                          (date(2027, 1, 1), 16_800)]
    assert period_cost(RATES, period) == 33_600
    assert period.last_month == date(2027, 1, 1)


def test_apbd_money_gets_no_pp50_discount() -> None:
    period = funded_periods(_reg(funding="apbd-kabupaten"), transport=False)[0]
    assert period_cost(RATES, period) == 3 * 16_800


def test_renewals_are_periods_of_their_own() -> None:
    reg = _reg().replace(renewals=(Renewal(date(2027, 2, 1), 6, Funding.CSR, "PT X", None, 9),))
    periods = funded_periods(reg, transport=True)
    assert [(p.number, p.programme_id, p.first_month, p.months, p.funding) for p in periods] == [
        (0, 7, date(2026, 11, 1), 3, "dana-desa"), (1, 9, date(2027, 2, 1), 6, "csr")]
    assert reg.to_dict()["renewals"][0]["programme_id"] == 9
    again, _ = registration_from_dict(reg.to_dict())
    assert again == reg


def test_the_programme_id_is_checked_and_left_out_when_unset() -> None:
    _, problems = registration_from_dict(valid_registration_data(programme_id="tujuh"))
    assert [(p.field, p.code) for p in problems] == [("programme_id", "type.integer")]
    reg, _ = registration_from_dict(valid_registration_data())
    assert reg is not None and "programme_id" not in reg.to_dict()


def test_quota_and_ceiling_are_errors_at_hq_and_warnings_on_the_desk() -> None:
    reg = _reg()
    period = funded_periods(reg, transport=False)[0]
    full = Usage(people=2, committed=0)
    assert [p.code for p in period_problems(PROGRAMME, reg, period, usage=full, counted=False,
                                            cost=33_600)] == ["programme.over_quota"]
    assert period_problems(PROGRAMME, reg, period, usage=full, counted=True, cost=33_600) == []
    spent = Usage(people=0, committed=80_000)
    (problem,) = period_problems(PROGRAMME, reg, period, usage=spent, counted=False,
                                 cost=33_600, as_warning=True)
    assert problem.code == "programme.over_ceiling" and problem.severity.value == "warning"
    assert [p.code for p in period_problems(None, reg, period, usage=Usage(), counted=False,
                                            cost=0)] == ["programme.unknown"]


@settings(max_examples=50, deadline=None)
@given(start=st.dates(date(2025, 1, 1), date(2028, 12, 1)), months=st.sampled_from([1, 3, 6, 12]),
       transport=st.booleans(), funding=st.sampled_from([f.value for f in Funding]))
def test_a_period_costs_the_sum_of_its_months(start: date, months: int, transport: bool,
                                              funding: str) -> None:
    period = FundedPeriod(0, None, start.replace(day=1), months, 1_000_000, False, transport,
                          funding)
    costs = month_costs(RATES, period)
    assert len(costs) == months and period_cost(RATES, period) == sum(c for _, c in costs)
    assert all(8_400 <= c <= 16_800 for _, c in costs)
