import pytest
from tests.services.support import NOW, fields

from regdesk.domain.registration import Status
from regdesk.services import registrations
from regdesk.services.errors import (
    NotARegistration,
    NotFound,
    PermissionDenied,
    WarningsNotConfirmed,
)
from regdesk.store import Store, UserInfo

MISMATCH = "3216064508910001"  # the NIK says 1991, the birth date 1990: a warning


def test_register_fills_blanks_like_the_form(store: Store, operator: UserInfo) -> None:
    data = fields()
    del data["village_code"], data["consent_recorded_by"], data["consent_at"]
    view = registrations.register(store, data, user=operator)
    assert view.status is Status.PENDING
    assert view.registration.village_code == store.office_village()
    assert view.registration.consent_recorded_by == "ani"
    assert view.created_at == NOW


def test_register_refuses_fields_that_are_not_a_registration(store: Store,
                                                              operator: UserInfo) -> None:
    with pytest.raises(NotARegistration) as caught:
        registrations.register(store, fields(birth_date="kemarin"), user=operator)
    assert "birth_date" in {p.field for p in caught.value.problems}
    assert store.count() == 0


def test_warnings_need_confirming(store: Store, operator: UserInfo) -> None:
    data = fields(nik=MISMATCH)
    with pytest.raises(WarningsNotConfirmed) as caught:
        registrations.register(store, data, user=operator)
    codes = [p.code for p in caught.value.problems]
    assert codes
    view = registrations.register(store, data, user=operator, confirmed=codes)
    assert view.local_ref


def test_confirm_all_warnings(store: Store, operator: UserInfo) -> None:
    view = registrations.register(store, fields(nik=MISMATCH), user=operator,
                                  confirm_all_warnings=True)
    assert store.get(view.uuid).registration.nik == MISMATCH


def test_edit_cancel_and_history(store: Store, operator: UserInfo,
                                 supervisor: UserInfo) -> None:
    view = registrations.register(store, fields(), user=operator)
    reg = registrations.registration_from_fields(store, fields(address="Jl. Melati 2"),
                                                 user=operator)
    edited = registrations.edit(store, view.uuid, reg, user=operator,
                                expected_version=view.version)
    assert edited.version == view.version + 1
    cancelled = registrations.cancel(store, view.local_ref, reason="double", user=operator)
    assert cancelled.status is Status.CANCELLED
    with pytest.raises(PermissionDenied):
        registrations.history(store, view.uuid, user=operator)
    history = registrations.history(store, view.uuid, user=supervisor)
    assert sorted(v.version for v in history.versions) == list(range(1, cancelled.version + 1))
    assert history.audit


def test_show_masks_the_nik_for_operators(store: Store, operator: UserInfo,
                                          supervisor: UserInfo) -> None:
    view = registrations.register(store, fields(), user=operator)
    seen = registrations.show(store, view.local_ref, user=operator)
    assert not seen.unmasked and seen.village_name == "Setiamekar"
    assert seen.fee is not None and seen.fee.first_month > 0
    assert registrations.show(store, view.local_ref, user=supervisor).unmasked
    assert registrations.shown_nik("3216064508900001", operator) != "3216064508900001"
    assert registrations.shown_nik("3216064508900001", supervisor) == "3216064508900001"
    with pytest.raises(NotFound):
        registrations.show(store, "RD-NOPE", user=operator)


def test_selecting_a_row_loads_history_for_supervisors_only(
    store: Store, operator: UserInfo, supervisor: UserInfo
) -> None:
    view = registrations.register(store, fields(), user=operator)
    assert registrations.select(store, view.uuid, user=operator).history is None
    selected = registrations.select(store, view.uuid, user=supervisor)
    assert selected.view.uuid == view.uuid
    assert selected.history is not None and selected.history.versions


def test_search(store: Store, operator: UserInfo) -> None:
    registrations.register(store, fields(), user=operator)
    page = registrations.search(store, "Siti", user=operator)
    assert [r.full_name for r in page.rows] == ["Siti Nurjanah"]
    assert not registrations.search(store, "", user=operator, status="synced").rows


def test_add_saves_a_built_registration_as_register_does(store: Store,
                                                         operator: UserInfo) -> None:
    reg = registrations.registration_from_fields(store, fields(nik=MISMATCH), user=operator)
    with pytest.raises(WarningsNotConfirmed) as caught:
        registrations.add(store, reg, user=operator)
    codes = [p.code for p in caught.value.problems]
    view = registrations.add(store, reg, user=operator, confirmed=codes)
    assert store.get(view.uuid).registration.nik == MISMATCH


def test_search_with_the_lists_filters(store: Store, operator: UserInfo) -> None:
    from datetime import timedelta

    from regdesk.store import Filters

    registrations.register(store, fields(), user=operator)
    today = NOW.date()
    found = registrations.search(store, "", user=operator,
                                 filters=Filters(status="pending", date_from=today))
    assert [r.full_name for r in found.rows] == ["Siti Nurjanah"]
    later = Filters(date_from=today + timedelta(days=1))
    assert not registrations.search(store, "", user=operator, filters=later).rows


def test_who_sees_the_history(operator: UserInfo, supervisor: UserInfo,
                              admin: UserInfo) -> None:
    assert [registrations.sees_history(u) for u in (operator, supervisor, admin)] == \
        [False, True, True]
