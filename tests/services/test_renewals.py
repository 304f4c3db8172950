"""Renewal: a new paid period on the same member, through the outbox like any edit, priced with
the rates in force for its own months (hand-worked: a farmer at Rp1.000.000 pays Rp16.800 a
month, Rp8.400 while the PP 50/2025 non-transport window runs to December 2026)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.services.members import accept, enrol
from tests.services.support import VILLAGE, fields

from regdesk.domain.registration import Funding, Renewal
from regdesk.i18n import render
from regdesk.services import registrations, renewals
from regdesk.services.errors import NotRenewable, ValidationFailed
from regdesk.store import RegistrationView, Store, UserInfo


@pytest.fixture
def member(store: Store, admin: UserInfo, operator: UserInfo) -> RegistrationView:
    """Registered on 16 November 2026 for one month (November), accepted by HQ."""
    key = enrol(store, admin, VILLAGE)
    view = registrations.register(store, fields(), user=operator)
    return accept(store, view, key, seq=1, number="10000000017")


def test_a_renewal_is_a_new_version_of_the_same_registration(
        store: Store, operator: UserInfo, member: RegistrationView) -> None:
    done = renewals.renew(store, member.local_ref, user=operator, months=3)
    assert done.renewal == Renewal(date(2026, 12, 1), 3, Funding.MANDIRI)
    assert done.quote.total == 8_400 + 16_800 + 16_800  # December discounted, then full
    assert done.view.uuid == member.uuid and done.view.version == member.version + 1
    assert done.view.registration.renewals == (done.renewal,)
    assert store.count() == 1  # not a second registration
    assert store.sync_status()["pending"] == 1  # the new version waits for HQ in the outbox
    history = registrations.history(store, member.local_ref, user=_sup(store))
    assert [a.action for a in history.audit][-1] == "registration.renew"
    assert store.get(member.uuid).member_number == "10000000017"  # still the same member


def _sup(store: Store) -> UserInfo:
    from regdesk.services import users

    return users.sign_in(store, "admin", "rahasia-123")


def test_the_next_renewal_follows_the_last_one(store: Store, operator: UserInfo,
                                               member: RegistrationView) -> None:
    renewals.renew(store, member.uuid, user=operator, months=3)
    second = renewals.renew(store, member.uuid, user=operator, months=12)
    assert second.renewal.start_month == date(2027, 3, 1)
    assert second.quote.total == 12 * 16_800
    assert len(store.get(member.uuid).registration.renewals) == 2


def test_a_renewal_over_months_already_recorded_is_refused_naming_the_first_free_month(
        store: Store, operator: UserInfo, member: RegistrationView) -> None:
    with pytest.raises(ValidationFailed) as caught:
        renewals.renew(store, member.uuid, user=operator, months=1, start=date(2026, 11, 1))
    [problem] = caught.value.problems
    assert (problem.field, problem.code) == ("renewals", "renewal.overlap")
    assert "1 Desember 2026" in render(problem, "id")
    assert store.get(member.uuid).version == member.version  # nothing written


def test_a_sponsored_renewal_needs_its_sponsor_and_apbd_gets_no_discount(
        store: Store, operator: UserInfo, member: RegistrationView) -> None:
    with pytest.raises(ValidationFailed) as caught:
        renewals.renew(store, member.uuid, user=operator, months=3, funding=Funding.APBD_KABUPATEN)
    assert [p.code for p in caught.value.problems] == ["renewal.sponsor.required"]
    done = renewals.renew(store, member.uuid, user=operator, months=3,
                          funding=Funding.APBD_KABUPATEN,
                          sponsor_name="Pemkab Bekasi", budget_reference="DPA 2027/12")
    assert done.quote.total == 3 * 16_800  # PP 50/2025 excludes APBD-paid contributions
    assert done.renewal.sponsor_name == "Pemkab Bekasi"


def test_an_invalid_period_is_refused(store: Store, operator: UserInfo,
                                      member: RegistrationView) -> None:
    with pytest.raises(ValidationFailed) as caught:
        renewals.renew(store, member.uuid, user=operator, months=5)
    assert [p.code for p in caught.value.problems] == ["renewal.period.invalid"]


def test_only_an_accepted_member_is_renewed(store: Store, operator: UserInfo) -> None:
    view = registrations.register(store, fields(), user=operator)
    with pytest.raises(NotRenewable):
        renewals.renew(store, view.uuid, user=operator, months=1)


def test_a_dry_run_plans_without_writing(store: Store, operator: UserInfo,
                                         member: RegistrationView) -> None:
    plan = renewals.plan_renewal(store, member.uuid, months=6)
    assert plan.renewal.start_month == date(2026, 12, 1)
    assert plan.quote.total == 8_400 + 5 * 16_800
    assert store.get(member.uuid).version == member.version
