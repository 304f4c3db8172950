"""The outbox: claim-before-send, the same batch after a crash, idempotent answers."""

import json

from tests.factories import valid_registration_data

from regdesk.domain.registration import Status, registration_from_dict
from regdesk.store import outbox
from regdesk.store.outbox import Answer
from regdesk.sync.batches import batch_body
from regdesk.wire import PushRequest


def add(store, admin, **overrides):
    reg, problems = registration_from_dict(valid_registration_data(**overrides))
    assert reg is not None, problems
    return store.add(reg, user=admin)


def claim(store, batch_id="b1", limit=10):
    with store.write() as session:
        return outbox.claim_batch(session, new_batch_id=batch_id, limit=limit, now=store.clock())


def test_unfinished_batch_is_resent_with_the_same_id_and_bytes(store, admin) -> None:
    add(store, admin)
    add(store, admin, nik="3216061708850001", birth_date="1985-08-17", gender="L",
        full_name="Budi")
    first = claim(store, "7b0c9a4e-1111-4d2a-9c1e-000000000001")
    again = claim(store, "7b0c9a4e-1111-4d2a-9c1e-000000000002")  # as after a crash
    assert again.batch_id == first.batch_id
    assert batch_body(again) == batch_body(first)
    request = PushRequest.model_validate_json(batch_body(first))
    assert [r.version for r in request.records] == [1, 1]
    assert request.records[0].payload["nik"] == "3216064508900001"


def test_answers_apply_once(store, admin) -> None:
    view = add(store, admin)
    batch = claim(store)
    answer = Answer(view.uuid, 1, "accepted", member_number="10000000017", card_qr="RD1.x.y")
    with store.write() as session:
        assert outbox.apply_answers(session, batch.batch_id, [answer], now=store.clock()) == {
            "accepted": 1}
    with store.write() as session:  # a second application finds nothing in flight
        assert outbox.apply_answers(session, batch.batch_id, [answer], now=store.clock()) == {}
    synced = store.get(view.uuid)
    assert (synced.status, synced.member_number) == (Status.SYNCED, "10000000017")
    assert claim(store, "next") is None
    assert store.sync_status()["pending"] == 0


def test_answer_for_an_older_version_keeps_the_newer_pending(store, admin) -> None:
    view = add(store, admin)
    batch = claim(store)
    edited = store.update(view.uuid, view.registration.replace(address="Jl. Baru 7"),
                          user=admin)
    with store.write() as session:
        outbox.apply_answers(session, batch.batch_id,
                             [Answer(view.uuid, 1, "accepted", member_number="10000000017")],
                             now=store.clock())
    after = store.get(view.uuid)
    assert after.status is Status.PENDING and after.version == edited.version == 2
    assert after.member_number == "10000000017"
    assert [i.version for i in claim(store, "b2").items] == [2]


def test_rejection_sets_aside_with_reasons(store, admin) -> None:
    view = add(store, admin)
    batch = claim(store)
    problems = [{"field": "income", "code": "income.not_a_level", "severity": "error",
                 "params": {"below": 1000000, "above": 1500000}}]
    with store.write() as session:
        outbox.apply_answers(session, batch.batch_id,
                             [Answer(view.uuid, 1, "rejected", detail={"problems": problems})],
                             now=store.clock())
    flagged = store.get(view.uuid)
    assert flagged.status is Status.NEEDS_ATTENTION
    assert [(p.field, p.code) for p in flagged.hq_problems] == [("income", "income.not_a_level")]
    assert store.sync_status() == {"pending": 0, "needs_attention": 1, "synced": 0,
                                   "last_success": None}


def test_pulled_status_never_overwrites_an_unsent_version(store, admin) -> None:
    view = add(store, admin)
    with store.write() as session:
        outbox.apply_remote_statuses(
            session, [outbox.RemoteStatus(view.uuid, "synced", "10000000017", None)])
    after = store.get(view.uuid)
    assert after.status is Status.PENDING and after.member_number == "10000000017"


def test_payload_is_frozen_at_save_time(store, admin) -> None:
    view = add(store, admin)
    with store.read() as session:
        frozen = session.connection().exec_driver_sql(
            "SELECT payload FROM outbox WHERE registration_uuid = ?", (view.uuid,)).scalar()
    assert json.loads(frozen) == view.registration.to_dict()
    assert frozen == json.dumps(view.registration.to_dict(), sort_keys=True,
                                separators=(",", ":"), ensure_ascii=False)


def test_unchanged_record_set_aside_by_hq_can_be_sent_again(store, admin) -> None:
    view = add(store, admin)
    batch = claim(store)
    with store.write() as session:
        outbox.apply_answers(session, batch.batch_id,
                             [Answer(view.uuid, 1, "duplicate",
                                     detail={"duplicate_of": {"village_code": "32.16.18.2005",
                                                              "since": "2026-11-01"}})],
                             now=store.clock())
    again = store.update(view.uuid, view.registration, user=admin)  # nothing edited
    assert again.version == 2 and again.status is Status.PENDING
    assert [i.version for i in claim(store, "b2").items] == [2]


def test_answered_entries_drop_their_frozen_copy(store, admin) -> None:
    view = add(store, admin)
    batch = claim(store)
    with store.write() as session:
        outbox.apply_answers(session, batch.batch_id,
                             [Answer(view.uuid, 1, "accepted", member_number="10000000017")],
                             now=store.clock())
    with store.read() as session:
        [(state, payload)] = session.connection().exec_driver_sql(
            "SELECT state, payload FROM outbox").all()
    assert (state, payload) == ("done", "")
    assert [v.registration for v in store.versions(view.uuid)] == [view.registration]


def test_batches_in_hand_are_skipped_and_a_record_in_the_air_waits(store, admin) -> None:
    """Pipelined sending: the next claim leaves out batches the caller holds, and a newer
    version of a record whose older version is still in flight is not claimed beside it."""
    first_view = add(store, admin)
    add(store, admin, nik="3216061708850001", birth_date="1985-08-17", gender="L",
        full_name="Budi")
    first = claim(store, "b1", limit=1)
    assert [i.registration_uuid for i in first.items] == [first_view.uuid]
    store.update(first_view.uuid, first_view.registration.replace(address="Jl. Baru 7"),
                 user=admin)  # version 2, queued while version 1 is in the air
    with store.write() as session:
        second = outbox.claim_batch(session, new_batch_id="b2", limit=10, now=store.clock(),
                                    held={"b1"})
    assert second is not None and second.batch_id == "b2"
    assert [(i.registration_uuid, i.version) for i in second.items] != []
    assert first_view.uuid not in {i.registration_uuid for i in second.items}
    with store.write() as session:
        assert outbox.claim_batch(session, new_batch_id="b3", limit=10, now=store.clock(),
                                  held={"b1", "b2"}) is None
    with store.write() as session:  # without "held", the unfinished b1 comes back first
        assert outbox.claim_batch(session, new_batch_id="b4", limit=10,
                                  now=store.clock()).batch_id == "b1"
    with store.write() as session:
        outbox.apply_answers(session, "b1", [Answer(first_view.uuid, 1, "accepted",
                                                    member_number="10000000017")],
                             now=store.clock())
    with store.write() as session:  # version 1 answered: version 2 may go now
        third = outbox.claim_batch(session, new_batch_id="b5", limit=10, now=store.clock(),
                                   held={"b2"})
    assert [(i.registration_uuid, i.version) for i in third.items] == [(first_view.uuid, 2)]


def test_hq_resolution_note_is_stored_in_the_hq_answer(store, admin) -> None:
    """A rejected record resolved at HQ (Perlu ditinjau): the pulled change keeps the status
    and adds HQ's note beside its problems; the detail shows it as a sentence."""
    from regdesk.store import sync_state
    from regdesk.ui.views.detail import hq_reasons

    view = add(store, admin)
    batch = claim(store)
    problems = [{"field": "gender", "code": "gender.invalid", "severity": "error",
                 "params": {}}]
    with store.write() as session:
        outbox.apply_answers(session, batch.batch_id,
                             [Answer(view.uuid, 1, "rejected", detail={"problems": problems})],
                             now=store.clock())
    note = "KTP diperiksa: minta desa perbaiki jenis kelamin"
    change = {"kind": "registration", "seq": 9, "uuid": view.uuid, "version": 1,
              "status": "rejected", "member_number": None, "card_qr": None,
              "review_note": note}
    for _ in range(2):  # a second pull of the same note changes nothing
        with store.write() as session:
            sync_state.apply_changes(session, [change], next_cursor=9, now=store.clock())
    after = store.get(view.uuid)
    assert after.status is Status.NEEDS_ATTENTION
    assert after.hq_answer["review_note"] == note
    assert after.hq_answer["outcome"] == "rejected" and after.hq_answer["problems"] == problems
    assert any(note in line for line in hq_reasons(after))
