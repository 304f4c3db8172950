"""Sync reaches the desk database only through the Store facade: no sessions, no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.factories import valid_registration_data

import regdesk.sync
from regdesk.domain.registration import Status, registration_from_dict
from regdesk.store.outbox import Answer

SYNC_DIR = Path(regdesk.sync.__file__).parent


def add(store, admin, n: int):
    views = []
    for i in range(n):
        nik = f"32160645089{i + 1:05d}"
        reg, problems = registration_from_dict(valid_registration_data(nik=nik))
        assert reg is not None, problems
        views.append(store.add(reg, user=admin))
    return views


def test_sync_never_imports_sessions_or_opens_transactions() -> None:
    for path in sorted(SYNC_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                assert not module.startswith(("sqlalchemy", "sqlmodel")), path.name
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith(("sqlalchemy", "sqlmodel"))
                               for a in node.names), path.name
            elif isinstance(node, ast.Attribute) and node.attr in ("read", "write", "engine"):
                owner = node.value
                name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
                assert name != "store", f"{path.name}:{node.lineno} opens a store transaction"


def test_claim_apply_and_claim_next_in_one_go(store, admin) -> None:
    first, second, third = add(store, admin, 3)
    assert store.pending_count() == 3
    batch = store.claim_batch(limit=2)
    assert batch is not None
    assert [i.registration_uuid for i in batch.items] == [first.uuid, second.uuid]
    answers = [Answer(first.uuid, 1, "accepted", member_number="10000000017"),
               Answer(second.uuid, 1, "rejected")]
    tally, following = store.apply_answers_and_claim_next(batch.batch_id, answers, limit=2,
                                                          held=())
    assert tally == {"accepted": 1, "rejected": 1}
    assert following is not None and [i.registration_uuid for i in following.items] == [
        third.uuid]
    assert store.get(first.uuid).status is Status.SYNCED
    assert store.get(second.uuid).status is Status.NEEDS_ATTENTION
    assert store.claim_batch(limit=2, held=[following.batch_id]) is None
    store.note_failure(following.batch_id, "offline")
    assert store.pending_count() == 1


def test_claim_all_keeps_in_flight_batches_and_claims_the_rest_by_batch(store, admin) -> None:
    views = add(store, admin, 5)
    held = store.claim_batch(limit=1)
    assert held is not None
    batches = store.claim_all(limit=2)
    assert batches[0] == held  # the unfinished batch goes as it is, first
    assert [len(b.items) for b in batches] == [1, 2, 2]
    assert [i.registration_uuid for b in batches for i in b.items] == [v.uuid for v in views]
    assert len({b.batch_id for b in batches}) == 3
    assert store.claim_all(limit=2) == batches  # again: all in flight, nothing new


def test_receipt_answers_apply_once(store, admin) -> None:
    a, b = add(store, admin, 2)
    batches = store.claim_all(limit=1)
    answered = [(batch.batch_id, [Answer(batch.items[0].registration_uuid, 1, "accepted")])
                for batch in batches]
    assert store.apply_receipt(answered) == ({"accepted": 2}, 0)
    assert store.apply_receipt(answered) == ({}, 0)
    assert {store.get(a.uuid).status, store.get(b.uuid).status} == {Status.SYNCED}


def test_pull_state_auth_and_success(store, admin) -> None:
    [view] = add(store, admin, 1)
    assert store.sync_cursor() == 0 and store.sync_device() is None
    tally = store.apply_changes([{"kind": "registration", "uuid": view.uuid,
                                  "status": "accepted", "member_number": "10000000017"}],
                                next_cursor=42)
    assert tally == {"registration": 1} and store.sync_cursor() == 42
    # an unsent version is never overwritten by what HQ reports
    assert store.get(view.uuid).member_number == "10000000017"
    assert not store.sync_auth_failed()
    store.remember_auth_failure()
    assert store.sync_auth_failed()
    store.mark_sync_success()
    assert store.sync_status()["last_success"] == store.clock().isoformat()
