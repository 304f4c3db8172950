"""Frozen batch bodies and HQ's answers as store updates.

The body is assembled from the outbox's frozen payload text, in a fixed order, so a batch that
is sent again after a crash or a timeout is the same bytes under the same ``batch_id``.
"""

from __future__ import annotations

import json

from regdesk.store.outbox import Answer, Batch, OutboxItem
from regdesk.sync.errors import Kind, SyncError
from regdesk.wire import PushResponse


def _record_json(item: OutboxItem) -> str:
    # the payload is spliced in verbatim: it is already canonical JSON, frozen at save time
    return (
        f'{{"uuid":{json.dumps(item.registration_uuid)},"version":{item.version:d},'
        f'"local_ref":{json.dumps(item.local_ref)},"payload":{item.payload}}}'
    )


def batch_body(batch: Batch) -> bytes:
    records = ",".join(_record_json(item) for item in batch.items)
    return f'{{"batch_id":{json.dumps(batch.batch_id)},"records":[{records}]}}'.encode()


def answers_from(response: PushResponse, batch: Batch) -> list[Answer]:
    """HQ's results for this batch (results for records not in it are ignored)."""
    if str(response.batch_id) != batch.batch_id:
        raise SyncError(Kind.PROTOCOL, "answer for another batch")
    expected = {(item.registration_uuid, item.version) for item in batch.items}
    answers = []
    for result in response.results:
        key = (str(result.uuid), result.version)
        if key not in expected:
            continue
        detail: dict[str, object] = {}
        if result.problems:
            detail["problems"] = [p.model_dump(mode="json") for p in result.problems]
        if result.duplicate_of:
            detail["duplicate_of"] = result.duplicate_of.model_dump(mode="json")
        answers.append(Answer(
            registration_uuid=key[0], version=key[1], outcome=result.outcome.value,
            member_number=result.member_number, card_qr=result.card_qr, detail=detail or None,
        ))
    return answers
