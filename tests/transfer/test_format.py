"""The bundle and receipt formats without a server."""

from __future__ import annotations

import json

import pytest

from regdesk.store.sync_state import Device
from regdesk.transfer.bundle import BundleError, build_bundle, read_bundle
from regdesk.transfer.crypto import generate_x25519_private, token_key, x25519_public_of
from regdesk.transfer.receipt import ReceiptError, build_receipt, read_receipt
from regdesk.transfer.signing import generate_private_key, public_key_of

HQ_PRIVATE = generate_x25519_private()
HQ_PUBLIC = x25519_public_of(HQ_PRIVATE)
BODIES = [b'{"batch_id":"a","records":[]}', b'{"batch_id":"b","records":[]}']


def _bundle(**overrides: object) -> bytes:
    args: dict[str, object] = {"device_id": "dev-1", "village_code": "32.16.06.2006",
                               "created_at": "2026-11-25T10:00:00+00:00", "bodies": BODIES,
                               "hq_public_key": HQ_PUBLIC, "token": "tok"}
    return build_bundle(**{**args, **overrides})  # type: ignore[arg-type]


def test_bundle_round_trip_and_keys() -> None:
    bundle = read_bundle(_bundle())
    bundle.verify(token_key("tok"))
    assert bundle.open(HQ_PRIVATE, HQ_PUBLIC) == BODIES
    with pytest.raises(BundleError, match="not made by this device"):
        bundle.verify(token_key("other"))
    other = generate_x25519_private()
    with pytest.raises(BundleError, match="another HQ key"):
        bundle.open(other, x25519_public_of(other))


def test_sealed_batches_cannot_be_swapped() -> None:
    data = json.loads(_bundle())
    data["batches"].reverse()
    with pytest.raises(BundleError, match="cannot decrypt"):
        read_bundle(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).open(
            HQ_PRIVATE, HQ_PUBLIC)


def test_receipt_signature() -> None:
    key = generate_private_key()
    raw = build_receipt(device_id="dev-1", bundle_sha256="00", answers=[{"x": 1}],
                        signing_key=key)
    assert read_receipt(raw, public_key_of(key)).answers == [{"x": 1}]
    with pytest.raises(ReceiptError):
        read_receipt(raw, public_key_of(generate_private_key()))
    with pytest.raises(ReceiptError):
        read_receipt(raw.replace(b'"x":1', b'"x":2'), public_key_of(key))


def test_device_records_stored_before_the_encryption_key_still_load() -> None:
    old = {"device_id": "d", "hq_url": "http://hq", "village_code": "32.16.06.2006",
           "signing_public_key": "k", "enrolled_at": "2026-01-01T00:00:00+07:00"}
    assert Device(**old).encryption_public_key == ""
    assert Device(**Device(**old).as_dict()) == Device(**old)
