import json

import pytest
from tests import dbfile
from tests.factories import valid_registration_data

from regdesk.domain.registration import Status, registration_from_dict
from regdesk.store import DuplicateNik, Store, ValidationFailed, WarningsNotConfirmed
from regdesk.store.errors import StaleVersion


def reg(**overrides):
    registration, problems = registration_from_dict(valid_registration_data(**overrides))
    assert registration is not None, problems
    return registration


def raw(store: Store, sql: str, *params):
    with dbfile.connect(store.path) as connection:
        return connection.execute(sql, params).fetchall()


def test_save_writes_row_version_outbox_and_audit_together(store, admin) -> None:
    view = store.add(reg(), user=admin)
    assert view.local_ref == "3216062006-000001"
    assert view.status is Status.PENDING and view.version == 1 and view.member_number is None
    assert raw(store, "SELECT count(*) FROM registration_version") == [(1,)]
    [(payload, state)] = raw(store, "SELECT payload, state FROM outbox")
    assert state == "queued"
    assert json.loads(payload)["phone"] == "+6281234567890"
    [(actor, action, fields, _detail)] = raw(
        store, "SELECT actor, action, fields, detail FROM audit WHERE entity='registration'"
    )
    assert (actor, action) == ("admin", "registration.create")
    assert "nik" in json.loads(fields)


def test_audit_never_holds_nik_names_or_phones_in_clear(store, admin) -> None:
    view = store.add(reg(), user=admin)
    store.update(view.uuid, reg(full_name="Siti Aminah"), user=admin)
    store.cancel(view.uuid, reason="salah input", user=admin)
    dump = json.dumps(raw(store, "SELECT * FROM audit"))
    for secret in ("3216064508900001", "Siti", "Nurjanah", "Aminah", "81234567890"):
        assert secret not in dump


def test_audit_is_append_only(store, admin) -> None:
    store.add(reg(), user=admin)
    with (
        dbfile.connect(store.path) as connection,
        pytest.raises(dbfile.IntegrityError, match="append-only"),
    ):
        connection.execute("DELETE FROM audit")
    with dbfile.connect(store.path) as connection, pytest.raises(dbfile.IntegrityError):
        connection.execute("UPDATE audit SET actor='x'")


def test_local_references_count_up(store, admin) -> None:
    first = store.add(reg(), user=admin)
    second = store.add(
        reg(nik="3216061708850001", birth_date="1985-08-17", gender="L", full_name="Budi Santoso"),
        user=admin,
    )
    assert (first.local_ref, second.local_ref) == ("3216062006-000001", "3216062006-000002")


def test_second_active_nik_is_refused_naming_the_first(store, admin) -> None:
    first = store.add(reg(), user=admin)
    with pytest.raises(DuplicateNik) as caught:
        store.add(reg(nik="3216 0645 0890 0001"), user=admin)
    assert caught.value.problems[0].params == {"local_ref": first.local_ref}
    assert raw(store, "SELECT count(*) FROM registration") == [(1,)]


def test_nik_is_free_again_after_cancel(store, admin) -> None:
    first = store.add(reg(), user=admin)
    store.cancel(first.local_ref, reason="pindah desa", user=admin)
    again = store.add(reg(), user=admin)
    assert again.uuid != first.uuid
    assert store.get(first.uuid).status is Status.CANCELLED


def test_invalid_input_writes_nothing(store, admin) -> None:
    with pytest.raises(ValidationFailed) as caught:
        store.add(reg(phone="021 8901234", income=1_234_567), user=admin)
    assert {(p.field, p.code) for p in caught.value.problems} == {
        ("phone", "phone.not_mobile"),
        ("income", "income.not_a_level"),
    }
    for table in ("registration", "outbox", "registration_version"):
        assert raw(store, f"SELECT count(*) FROM {table}") == [(0,)]


def test_warnings_need_confirmation_and_are_remembered(store, admin) -> None:
    mismatch = reg(birth_date="1990-08-06")
    with pytest.raises(WarningsNotConfirmed) as caught:
        store.add(mismatch, user=admin)
    assert [p.code for p in caught.value.problems] == ["nik.birth_date_mismatch"]
    assert raw(store, "SELECT count(*) FROM registration") == [(0,)]
    view = store.add(mismatch, user=admin, confirmed_warnings=["nik.birth_date_mismatch"])
    # an edit of another field does not ask again
    edited = store.update(view.uuid, mismatch.replace(address="Jl. Melati 2"), user=admin)
    assert edited.version == 2


def test_edit_makes_a_new_version_and_requeues(store, admin) -> None:
    view = store.add(reg(), user=admin)
    edited = store.update(
        view.local_ref, reg(full_name="Siti Aminah"), user=admin, expected_version=1
    )
    assert edited.version == 2 and edited.registration.full_name == "Siti Aminah"
    assert [v.version for v in store.versions(view.uuid)] == [1, 2]
    # the unsent v1 is superseded; only v2 travels
    assert raw(store, "SELECT version, state FROM outbox ORDER BY version") == [
        (1, "superseded"),
        (2, "queued"),
    ]
    trail = store.audit_trail(view.uuid)
    assert [a.action for a in trail] == ["registration.create", "registration.update"]
    assert trail[-1].fields == ["full_name"]


def test_saving_unchanged_data_makes_no_version(store, admin) -> None:
    view = store.add(reg(), user=admin)
    assert store.update(view.uuid, reg(), user=admin).version == 1


def test_adding_and_removing_a_second_occupation_are_edits(store, admin) -> None:
    view = store.add(reg(), user=admin)
    [(payload,)] = raw(store, "SELECT payload FROM registration")
    assert "second_occupation_code" not in json.loads(payload)  # old payloads keep their form
    added = store.update(view.uuid, reg(second_occupation_code="kurir"), user=admin)
    assert added.version == 2 and added.registration.second_occupation_code == "kurir"
    assert store.audit_trail(view.uuid)[-1].fields == ["second_occupation_code"]
    removed = store.update(view.uuid, reg(), user=admin)  # dropped from the payload
    assert removed.version == 3 and removed.registration.second_occupation_code is None
    assert store.audit_trail(view.uuid)[-1].fields == ["second_occupation_code"]
    [(payload,)] = raw(store, "SELECT payload FROM registration")
    assert "second_occupation_code" not in json.loads(payload)


def test_stale_edit_is_refused(store, admin) -> None:
    view = store.add(reg(), user=admin)
    store.update(view.uuid, reg(address="Jl. Baru 1"), user=admin)
    with pytest.raises(StaleVersion):
        store.update(view.uuid, reg(address="Jl. Lama 9"), user=admin, expected_version=1)


def test_cancel_needs_a_reason_and_never_deletes(store, admin) -> None:
    view = store.add(reg(), user=admin)
    with pytest.raises(ValidationFailed):
        store.cancel(view.uuid, reason="  ", user=admin)
    cancelled = store.cancel(view.uuid, reason="meninggal dunia", user=admin)
    assert cancelled.status is Status.CANCELLED and cancelled.cancel_reason == "meninggal dunia"
    assert raw(store, "SELECT count(*) FROM registration") == [(1,)]
    assert raw(store, "SELECT state FROM outbox") == [("superseded",)]
    with pytest.raises(ValidationFailed):
        store.update(view.uuid, reg(address="Jl. Baru"), user=admin)


def test_saved_registration_survives_reopening(store_path, store, admin) -> None:
    view = store.add(reg(), user=admin)
    store.close()
    reopened = Store.open(store_path)
    try:
        assert reopened.get(view.local_ref).registration == view.registration
    finally:
        reopened.close()


def test_old_password_hashes_are_upgraded_at_sign_in(store, admin) -> None:
    from argon2 import PasswordHasher

    heavy = PasswordHasher(time_cost=3, memory_cost=65_536, parallelism=4).hash("rahasia-123")
    with dbfile.connect(store.path) as connection:
        connection.execute("UPDATE user_account SET password_hash = ? WHERE username = 'admin'",
                           (heavy,))
    assert store.authenticate("admin", "rahasia-123").username == "admin"
    [(new_hash,)] = raw(store, "SELECT password_hash FROM user_account WHERE username='admin'")
    assert new_hash != heavy and "m=12288" in new_hash
    assert store.authenticate("admin", "rahasia-123").username == "admin"
