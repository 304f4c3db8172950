"""Register on the desk → sync → member number and signed card back on the desk."""

from __future__ import annotations

import base64
import json

import pytest
from tests.factories import valid_registration_data
from tests.sync.conftest import CIBENING, SETIAMEKAR

from regdesk.domain.registration import Status, registration_from_dict
from regdesk.store import sync_state
from regdesk.sync.errors import Kind
from regdesk.sync.service import device_of, engine_for, status
from regdesk.transfer.signing import verify_card


def sync(desk, **kwargs):
    engine = engine_for(desk.store, **kwargs)
    try:
        return engine.run_once()
    finally:
        engine.client.close()


def test_register_sync_member_number_and_card(hq, make_desk) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    reg, _ = registration_from_dict(valid_registration_data())
    view = desk.store.add(reg, user=desk.admin)

    summary = sync(desk)
    assert summary.all_synced and summary.accepted == 1 and summary.error is None

    synced = desk.store.get(view.uuid)
    assert synced.status is Status.SYNCED
    assert synced.member_number and len(synced.member_number) == 11
    card = verify_card(synced.card_qr, base64.b64decode(device_of(desk.store).signing_public_key))
    assert card.member_number == synced.member_number
    assert card.nik_masked == "3216********0001"
    assert card.village_code == SETIAMEKAR
    assert status(desk.store)["last_success"] is not None
    # HQ holds exactly this one registration with the same member number
    assert hq.rows("SELECT registration_number FROM hq_registration") == [(synced.member_number,)]


def test_batches_progress_and_all_synced_only_when_empty(hq, make_desk) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(250)
    events = []
    summary = sync(desk, batch_size=100, on_progress=events.append)
    pushes = [e for e in events if e.phase == "push"]
    assert [e.sent for e in pushes] == [100, 200, 250]
    assert all(e.total == 250 for e in pushes)
    assert events[-1].phase == "done"
    assert summary.sent == 250 and summary.accepted == 250 and summary.all_synced
    assert hq.scalar("SELECT count(*) FROM hq_registration") == 250


def test_edit_after_sync_is_sent_as_a_new_version(hq, make_desk) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    reg, _ = registration_from_dict(valid_registration_data())
    view = desk.store.add(reg, user=desk.admin)
    sync(desk)
    number = desk.store.get(view.uuid).member_number
    desk.store.update(view.uuid, reg.replace(address="Jl. Melati No. 9"), user=desk.admin)
    assert desk.store.get(view.uuid).status is Status.PENDING
    summary = sync(desk)
    assert summary.accepted == 1
    after = desk.store.get(view.uuid)
    assert after.status is Status.SYNCED and after.version == 2
    assert after.member_number == number  # stable across versions


def test_rejected_record_is_set_aside_fixed_and_resent(hq, make_desk) -> None:
    """HQ's master data can be stricter than the desk's: its verdict wins, with reasons."""
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(3)
    reg, _ = registration_from_dict(valid_registration_data())
    bad = desk.store.add(reg, user=desk.admin)
    # Tamper with the frozen payload so HQ refuses it (simulates a desk with old rules)
    with desk.store.write() as session:
        payload = json.loads(session.connection().exec_driver_sql(
            "SELECT payload FROM outbox WHERE registration_uuid = ?", (bad.uuid,)).scalar())
        payload["income"] = 1_234_567
        session.connection().exec_driver_sql(
            "UPDATE outbox SET payload = ? WHERE registration_uuid = ?",
            (json.dumps(payload), bad.uuid))
    summary = sync(desk)
    assert summary.accepted == 3 and summary.needs_attention == 1
    assert summary.all_synced  # nothing waits in the outbox: the bad one is set aside
    flagged = desk.store.get(bad.uuid)
    assert flagged.status is Status.NEEDS_ATTENTION
    assert [(p.field, p.code) for p in flagged.hq_problems] == [("income", "income.not_a_level")]
    # the clerk fixes it: a new version goes out and is accepted
    desk.store.update(bad.uuid, reg.replace(address="Jl. Mawar No. 2"), user=desk.admin)
    assert sync(desk).accepted == 1
    assert desk.store.get(bad.uuid).status is Status.SYNCED


def test_same_nik_from_two_villages_gets_a_duplicate_verdict(hq, make_desk) -> None:
    first = make_desk(SETIAMEKAR, "first")
    second = make_desk(CIBENING, "second")
    first.enrol(hq.url, hq.code(SETIAMEKAR))
    second.enrol(hq.url, hq.code(CIBENING))
    reg, _ = registration_from_dict(valid_registration_data())
    a = first.store.add(reg, user=first.admin)  # both offline
    b = second.store.add(reg.replace(village_code=CIBENING, postal_code="17320"),
                         user=second.admin)
    assert sync(first).accepted == 1
    summary = sync(second)
    assert summary.needs_attention == 1 and summary.accepted == 0
    view = second.store.get(b.uuid)
    assert view.status is Status.NEEDS_ATTENTION and view.member_number is None
    assert view.hq_answer["outcome"] == "duplicate"
    assert view.hq_answer["duplicate_of"]["village_code"] == SETIAMEKAR
    assert view.hq_answer["duplicate_of"]["since"]
    assert first.store.get(a.uuid).status is Status.SYNCED
    assert hq.scalar("SELECT count(*) FROM hq_member") == 1


def test_wrong_village_record_is_forbidden_per_record(hq, make_desk) -> None:
    desk = make_desk(SETIAMEKAR)
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(2)
    reg, _ = registration_from_dict(valid_registration_data(village_code=CIBENING,
                                                            postal_code="17320"))
    other = desk.store.add(reg, user=desk.admin)
    summary = sync(desk)
    assert summary.accepted == 2 and summary.needs_attention == 1
    assert desk.store.get(other.uuid).hq_answer["outcome"] == "forbidden"


def test_revoked_token_asks_to_re_enrol(hq, make_desk) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    desk.add_demo(2)
    from regdesk.hq import devices

    assert devices.revoke_device(hq.runtime.engine, device_of(desk.store).device_id)
    summary = sync(desk)
    assert summary.error is not None and summary.error.kind is Kind.AUTH
    assert not summary.all_synced and summary.pending == 2
    assert status(desk.store)["auth_failed"] is True
    # re-enrolling clears it and the queue goes out
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    assert sync(desk).accepted == 2
    assert status(desk.store)["auth_failed"] is False


def test_pull_brings_master_data_updates(hq, make_desk) -> None:
    desk = make_desk()
    desk.enrol(hq.url, hq.code(SETIAMEKAR))
    from regdesk.hq import master

    master.import_regions(hq.runtime.engine, [("32.16.06.2099", "Desa Baru Contoh", "17510")])
    summary = sync(desk)
    assert summary.pulled >= 1
    assert desk.store.context().regions.name("32.16.06.2099") == "Desa Baru Contoh"
    with desk.store.read() as session:
        assert sync_state.get_cursor(session) > 0


def test_not_enrolled_is_a_clear_error(make_desk) -> None:
    desk = make_desk()
    with pytest.raises(Exception) as caught:
        engine_for(desk.store)
    assert caught.value.kind is Kind.NOT_ENROLLED
