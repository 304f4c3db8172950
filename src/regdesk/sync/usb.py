"""USB, the offline transport: export the outbox as a bundle, apply HQ's receipt.

Batches are claimed (committed in flight) before the file is written, exactly like an online
push, so HQ sees the same batch ids whichever way they travel: a later online sync resends
them and HQ answers from its idempotency record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from regdesk.store import Store
from regdesk.store.outbox import Batch, OutboxItem
from regdesk.store.sync_state import Device
from regdesk.sync.batches import answers_from, batch_body
from regdesk.sync.credentials import load_token
from regdesk.sync.service import device_of
from regdesk.transfer.bundle import build_bundle
from regdesk.transfer.crypto import unb64
from regdesk.transfer.envelope import MAX_FILE_BYTES
from regdesk.transfer.files import write_atomically
from regdesk.transfer.receipt import ReceiptError, read_receipt
from regdesk.transfer.signing import decode_public_key
from regdesk.wire import PushResponse

BATCH_SIZE = 100


class TransferError(Exception):
    """An expected failure; ``code`` picks the message shown to the clerk."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


@dataclass(frozen=True)
class ExportResult:
    batches: int
    records: int
    path: Path | None  # None when nothing was waiting


@dataclass(frozen=True)
class ReceiptResult:
    batches: int
    outcomes: dict[str, int]
    pending: int


def _device(store: Store) -> Device:
    device = device_of(store)
    if device is None:
        raise TransferError("not_enrolled")
    return device


def export_bundle(store: Store, path: Path) -> ExportResult:
    """Claim every unsent outbox entry (committed) and write them as one bundle file."""
    device = _device(store)
    if not device.encryption_public_key:
        raise TransferError("no_hq_key")
    try:
        hq_key = unb64(device.encryption_public_key, size=32)
    except ValueError as exc:
        raise TransferError("no_hq_key") from exc
    token = load_token(device.device_id)
    if token is None:
        raise TransferError("no_token")
    batches = store.claim_all(limit=BATCH_SIZE)  # committed batch by batch
    if not batches:
        return ExportResult(0, 0, None)
    data = build_bundle(
        device_id=device.device_id, village_code=device.village_code,
        created_at=store.clock().isoformat(timespec="seconds"),
        bodies=[batch_body(b) for b in batches], hq_public_key=hq_key, token=token)
    write_atomically(path, data)
    return ExportResult(len(batches), sum(len(b.items) for b in batches), path)


def _answered_batch(response: PushResponse) -> Batch:
    # apply_answers only touches this batch's in-flight entries; the keys come from the answer
    return Batch(str(response.batch_id),
                 [OutboxItem(str(r.uuid), r.version, "", "") for r in response.results])


def import_receipt(store: Store, path: Path) -> ReceiptResult:
    """Verify HQ's signature and that the receipt is this device's, then apply its answers
    (idempotent: a second import changes nothing)."""
    device = _device(store)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise TransferError("receipt_refused", "receipt file too large")
    receipt = read_receipt(path.read_bytes(), decode_public_key(device.signing_public_key))
    if receipt.device_id != device.device_id:
        raise TransferError("other_device")
    try:
        responses = [PushResponse.model_validate(a) for a in receipt.answers]
    except ValidationError as exc:
        raise ReceiptError("receipt refused: unreadable answers") from exc
    answered = []
    for response in responses:
        batch = _answered_batch(response)
        answered.append((batch.batch_id, answers_from(response, batch)))
    outcomes, pending = store.apply_receipt(answered)  # one transaction per batch
    return ReceiptResult(len(responses), outcomes, pending)
