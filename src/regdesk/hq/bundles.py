"""``regdesk-hq import-bundle``: apply a desk's offline transfer bundle and write a receipt.

Everything is checked before anything is applied: the device (known, not revoked), the HMAC
(keyed by the device's stored token hash), the village, decryption and the shape of every
batch. Each batch then goes through the same :meth:`Ingestor.push` as an online push, so the
idempotency by batch id and the per-record answers (including ``forbidden`` for a record of
another village) are exactly those of online sync.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import select

from regdesk.hq.db import read_tx
from regdesk.hq.devices import DeviceInfo
from regdesk.hq.ingest import BatchReused
from regdesk.hq.keys import load_encryption_key
from regdesk.hq.runtime import Runtime
from regdesk.hq.tables import T_DEVICE
from regdesk.transfer.bundle import BundleError, read_bundle
from regdesk.transfer.crypto import x25519_public_of
from regdesk.transfer.envelope import MAX_FILE_BYTES
from regdesk.transfer.files import write_atomically
from regdesk.transfer.receipt import build_receipt
from regdesk.wire import PushRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportResult:
    device_id: str
    receipt: Path
    batches: int
    outcomes: dict[str, int]

    def line(self) -> str:
        counts = ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items())) or "0 records"
        return (f"{self.batches} batch(es) from device {self.device_id}: {counts}; "
                f"receipt written to {self.receipt}")


def _device(rt: Runtime, device_id: str) -> tuple[DeviceInfo, str]:
    """The active device and its stored token hash; refuses unknown or revoked ones."""
    with read_tx(rt.engine) as conn:
        row = conn.execute(select(T_DEVICE).where(T_DEVICE.c.id == device_id)).first()
    if row is None:
        raise BundleError("bundle refused: unknown device")
    if row.revoked_at is not None:
        raise BundleError("bundle refused: the device was revoked")
    return DeviceInfo(row.id, row.name, row.village_code, row.created_at, None), row.token_hash


def _requests(rt: Runtime, bodies: list[bytes]) -> list[PushRequest]:
    requests = []
    for index, body in enumerate(bodies):
        try:
            request = PushRequest.model_validate_json(body)
        except ValidationError as exc:
            raise BundleError(f"bundle refused: batch {index + 1} is unreadable") from exc
        if len(request.records) > rt.settings.max_batch:
            raise BundleError(f"bundle refused: batch {index + 1} has more than "
                              f"{rt.settings.max_batch} records")
        requests.append(request)
    return requests


def default_receipt_path(bundle: Path) -> Path:
    return bundle.with_name(f"{bundle.stem}.receipt.json")


def import_bundle(rt: Runtime, path: Path, output: Path | None = None) -> ImportResult:
    """Verify, decrypt and apply ``path``; write the signed receipt (same bytes every time)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BundleError("bundle refused: file too large")
    bundle = read_bundle(path.read_bytes())
    device, token_hash = _device(rt, bundle.device_id)
    bundle.verify(token_hash)
    if bundle.village_code != device.village_code:
        raise BundleError(f"bundle refused: it claims village {bundle.village_code} but the "
                          f"device is enrolled for {device.village_code}")
    private = load_encryption_key(rt.engine)
    requests = _requests(rt, bundle.open(private, x25519_public_of(private)))
    answers = []
    outcomes: dict[str, int] = {}
    ctx = rt.contexts.get()
    for request in requests:
        try:
            answer = json.loads(rt.ingestor.push(device, request, ctx, rt.today()))
        except BatchReused as exc:
            raise BundleError(f"bundle refused at batch {request.batch_id}: {exc}") from exc
        answers.append(answer)
        for result in answer["results"]:
            outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    receipt = output or default_receipt_path(path)
    write_atomically(receipt, build_receipt(device_id=device.id, bundle_sha256=bundle.sha256,
                                            answers=answers, signing_key=rt.signing_key))
    log.info("bundle from device %s: %d batch(es) applied", device.id, len(requests))
    return ImportResult(device.id, receipt, len(requests), outcomes)
