"""The receipt: HQ's answers to a bundle, signed with HQ's Ed25519 key.

File = canonical JSON of ``{"format": "regdesk-receipt/1", "device_id", "bundle_sha256",
"answers": [PushResponse, ...], "signature"}`` where ``signature`` is the base64 Ed25519
signature over the canonical JSON of all other fields. It holds no time, so importing the
same bundle again yields the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from regdesk.transfer.crypto import b64, unb64
from regdesk.transfer.envelope import (
    TransferFormatError,
    canonical_bytes,
    load_object,
    text_field,
)

FORMAT = "regdesk-receipt/1"


class ReceiptError(ValueError):
    """The receipt is refused (damaged, altered, not signed by HQ, or for another device)."""


@dataclass(frozen=True)
class Receipt:
    device_id: str
    bundle_sha256: str
    answers: list[dict[str, Any]]


def build_receipt(*, device_id: str, bundle_sha256: str, answers: list[dict[str, Any]],
                  signing_key: bytes) -> bytes:
    body: dict[str, Any] = {"format": FORMAT, "device_id": device_id,
                            "bundle_sha256": bundle_sha256, "answers": answers}
    signature = Ed25519PrivateKey.from_private_bytes(signing_key).sign(canonical_bytes(body))
    return canonical_bytes({**body, "signature": b64(signature)})


def read_receipt(raw: bytes, public_key: bytes) -> Receipt:
    """A receipt whose signature matches ``public_key`` (HQ's raw Ed25519 key)."""
    try:
        data = load_object(raw, FORMAT)
        signature = unb64(data.pop("signature", None), size=64)
        device_id = text_field(data, "device_id")
        bundle_sha256 = text_field(data, "bundle_sha256")
    except (TransferFormatError, ValueError) as exc:
        raise ReceiptError(f"receipt refused: {exc}") from exc
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, canonical_bytes(data))
    except InvalidSignature as exc:
        raise ReceiptError("receipt refused: altered, or not signed by this desk's HQ") from exc
    answers = data.get("answers")
    if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
        raise ReceiptError("receipt refused: no answer list")
    return Receipt(device_id, bundle_sha256, answers)
