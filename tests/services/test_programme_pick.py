"""Registering and renewing under a sponsor programme on the desk: the programme decides the
funding, sponsor and budget reference; passing its quota or ceiling (as HQ's last figures and
this desk's unanswered records tell) is a warning to confirm, never a silent save."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.programme_support import publish
from tests.services.members import accept, enrol, pull
from tests.services.support import VILLAGE
from tests.services.support import fields as any_fields

from regdesk.services import (
    programme_pick,
    programme_usage,
    registration_input,
    registrations,
    renewals,
)
from regdesk.services.errors import StoreError, ValidationFailed, WarningsNotConfirmed
from regdesk.store import Store, UserInfo

PROGRAMME: dict[str, Any] = {
    "sponsor": "Pemdes Setiamekar", "funding_source": "dana-desa", "dpa_number": "DPA 412/7",
    "budget_year": 2026, "ceiling": 100_000, "quota": 3, "period_from": "2026-10",
    "period_to": "2027-06", "paid": "JKK+JKM", "occupations": [], "villages": [VILLAGE],
    "status": "open"}


def fields(**overrides: Any) -> dict[str, Any]:
    """A person's fields with the funding left to the programme."""
    out = any_fields(**overrides)
    if "funding" not in overrides:
        out.pop("funding")
    return out


def _publish(store: Store, pid: int = 7, *, people: int = 0, committed: int = 0,
             **changes: Any) -> None:
    """HQ's programme and, with the last page, its figures for the village."""
    publish(store, {**PROGRAMME, **changes}, pid=pid, people=people, committed=committed,
            village=VILLAGE)


def test_the_programme_fills_funding_sponsor_and_budget_reference(
        store: Store, operator: UserInfo) -> None:
    _publish(store)
    record = programme_pick.with_programme(store, 7, fields(), day=date(2026, 11, 16))
    assert (record["funding"], record["sponsor_name"], record["budget_reference"],
            record["programme_id"]) == ("dana-desa", "Pemdes Setiamekar", "DPA 412/7 / 2026", 7)
    view = registrations.register(store, record, user=operator)
    assert view.registration.programme_id == 7
    assert store.get(view.uuid).registration.sponsor_name == "Pemdes Setiamekar"


def test_a_typed_sponsor_that_contradicts_the_programme_is_refused_on_that_field(
        store: Store) -> None:
    _publish(store)
    with pytest.raises(StoreError) as caught:
        programme_pick.with_programme(store, 7, fields(sponsor_name="PT Lain"),
                                      day=date(2026, 11, 16))
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("sponsor_name", "programme.field_decided")]


def test_a_programme_not_offered_is_one_problem_naming_it(store: Store) -> None:
    _publish(store, villages=["32.16.06.2007"])
    with pytest.raises(programme_pick.ProgrammeNotOffered) as caught:
        programme_pick.with_programme(store, 7, fields(), day=date(2026, 11, 16))
    assert [(p.field, p.code) for p in caught.value.problems] == [
        ("programme_id", "programme.not_offered")]


def test_passing_the_quota_warns_before_saving_counting_records_hq_has_not_answered(
        store: Store, operator: UserInfo) -> None:
    _publish(store, people=2)
    first = programme_pick.with_programme(store, 7, fields(), day=date(2026, 11, 16))
    registrations.register(store, first, user=operator)  # the third person: within quota
    second = programme_pick.with_programme(
        store, 7, fields(nik="3216064508900002", full_name="Ani"), day=date(2026, 11, 16))
    with pytest.raises(WarningsNotConfirmed) as caught:
        registrations.register(store, second, user=operator)
    assert [p.code for p in caught.value.problems] == ["programme.over_quota"]
    assert store.count() == 1  # nothing saved until confirmed
    registrations.register(store, second, user=operator, confirmed=["programme.over_quota"])
    assert store.count() == 2
    standing = programme_usage.standing(store, 7)
    assert standing is not None and (standing.people, standing.quota) == (4, 3)
    assert standing.as_of == date(2026, 11, 15) and standing.people_left == 0


def test_the_ceiling_warns_in_rupiah_and_bulk_add_reports_it_per_record(
        store: Store, operator: UserInfo) -> None:
    _publish(store, committed=95_000)  # November, one month: 8.400 would pass 100.000
    with pytest.raises(registration_input.NothingSaved) as caught:
        registration_input.register_all(store, [fields()], user=operator, programme_id=7)
    (failure,) = caught.value.failures
    assert [p.code for p in failure.problems] == ["programme.over_ceiling"]
    assert failure.problems[0].params["cost"] == 8_400
    saved = registration_input.register_all(store, [fields()], user=operator, programme_id=7,
                                            confirm_all_warnings=True)
    assert saved[0].registration.funding.value == "dana-desa"


def test_a_programme_id_the_desk_does_not_know_is_refused(store: Store,
                                                         operator: UserInfo) -> None:
    with pytest.raises(ValidationFailed) as caught:
        registrations.register(store, fields(programme_id=99, funding="dana-desa",
                                             sponsor_name="X"), user=operator)
    assert [p.code for p in caught.value.problems] == ["programme.unknown"]


def test_a_renewal_under_a_programme_takes_its_fields_and_its_quota(
        store: Store, admin: UserInfo, operator: UserInfo) -> None:
    key = enrol(store, admin, VILLAGE)
    member = accept(store, registrations.register(store, any_fields(), user=operator), key, seq=1,
                    number="10000000017")
    _publish(store, people=3)
    options = programme_pick.renewal_options(store, member.uuid, 7, start=None)
    assert options["programme_id"] == 7 and options["sponsor_name"] == "Pemdes Setiamekar"
    with pytest.raises(WarningsNotConfirmed):
        renewals.renew(store, member.uuid, user=operator, months=3, **options)
    done = renewals.renew(store, member.uuid, user=operator, months=3, **options,
                          confirmed=["programme.over_quota"])
    assert done.renewal.programme_id == 7 and done.renewal.budget_reference == "DPA 412/7 / 2026"
    assert store.get(member.uuid).registration.renewals[-1].programme_id == 7
    pull(store, [])  # an empty page without figures keeps the last ones
    assert store.village_figures() is not None


def test_an_edit_that_moves_a_registration_into_a_full_programme_warns(
        store: Store, operator: UserInfo) -> None:
    _publish(store, people=3)  # HQ counts three: the quota is full
    view = registrations.register(store, any_fields(), user=operator)  # self-paid
    moved = programme_pick.with_programme(store, 7, fields(), day=date(2026, 11, 16))
    reg = registrations.registration_from_fields(store, moved, user=operator)
    with pytest.raises(WarningsNotConfirmed) as caught:
        registrations.edit(store, view.uuid, reg, user=operator)
    assert [p.code for p in caught.value.problems] == ["programme.over_quota"]
    assert store.get(view.uuid).registration.programme_id is None  # nothing written
    edited = registrations.edit(store, view.uuid, reg, user=operator,
                                confirmed=["programme.over_quota"])
    assert edited.registration.programme_id == 7
    again = registrations.edit(store, view.uuid, edited.registration.replace(address="Jl. Baru"),
                               user=operator)  # the same programme: not asked again
    assert again.registration.address == "Jl. Baru"
