"""Renewals in the registration's dict form and their rules (pure)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.factories import valid_registration_data

from regdesk import masterdata
from regdesk.domain.fees import PAYMENT_PERIODS, add_months
from regdesk.domain.registration import Funding, Registration, Renewal, registration_from_dict
from regdesk.domain.renewal import covered_until, earliest_start, renewal_problems
from regdesk.domain.validation import SPONSOR_REQUIRED

RATES = masterdata.shipped_rates()


def _reg(**over: object) -> Registration:
    reg, problems = registration_from_dict(valid_registration_data(
        consent_at="2026-11-16T09:00:00+07:00", **over))
    assert reg is not None, problems
    return reg


def test_a_registration_without_renewals_keeps_its_old_dict_form() -> None:
    assert "renewals" not in _reg().to_dict()


renewals = st.lists(st.builds(
    Renewal, start_month=st.dates(date(2026, 1, 1), date(2030, 12, 1)).map(
        lambda d: d.replace(day=1)),
    months=st.sampled_from(PAYMENT_PERIODS), funding=st.sampled_from(Funding),
    sponsor_name=st.one_of(st.none(), st.just("Pemdes Setiamekar")),
    budget_reference=st.one_of(st.none(), st.just("APBDes 2027"))), max_size=4)


@settings(max_examples=100, deadline=None)
@given(renewals)
def test_renewals_read_back_from_the_dict_form(items: list[Renewal]) -> None:
    reg = _reg().replace(renewals=tuple(items))
    again, problems = registration_from_dict(reg.to_dict())
    assert problems == [] and again == reg


@settings(max_examples=100, deadline=None)
@given(renewals)
def test_renewals_never_overlap_the_periods_before_them(items: list[Renewal]) -> None:
    reg = _reg().replace(renewals=tuple(items))
    flagged = {p.params["n"] for p in renewal_problems(reg, SPONSOR_REQUIRED)
               if p.code == "renewal.overlap"}
    end = add_months(date(2026, 11, 1), reg.period_months)
    for n, item in enumerate(items, start=1):
        assert (n in flagged) is (item.start_month < end)
        end = max(end, add_months(item.start_month, item.months))
    assert covered_until(reg) == end


def test_a_malformed_renewal_is_one_problem_naming_its_number() -> None:
    data = valid_registration_data(renewals=[
        {"start_month": "2027-01-01", "months": 3, "funding": "self"},
        {"start_month": "Januari", "months": 3, "funding": "self"}])
    reg, problems = registration_from_dict(data)
    assert reg is None
    assert [(p.field, p.code, p.params) for p in problems] == [
        ("renewals", "renewal.malformed", {"n": 2})]


def test_after_a_long_lapse_a_renewal_starts_this_month_not_in_the_past() -> None:
    reg = _reg()  # November 2026 only
    assert earliest_start(reg, date(2026, 11, 20)) == date(2026, 12, 1)
    assert earliest_start(reg, date(2027, 8, 3)) == date(2027, 8, 1)
