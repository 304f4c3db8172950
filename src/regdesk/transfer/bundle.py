"""The bundle: a desk's unsent batches, encrypted to HQ and authenticated with the device token.

File = canonical JSON (sorted keys, no whitespace, no trailing newline) of::

    {"format": "regdesk-bundle/1", "device_id", "village_code", "created_at",
     "hq_key_id", "ephemeral_public_key",
     "batches": [{"nonce", "ciphertext"}, ...],   # one sealed PushRequest body each
     "hmac": HMAC-SHA256(key = SHA-256 hex of the token, canonical JSON of all other fields)}

Each batch's associated data is the canonical JSON of the header fields plus its ``index``,
so a sealed batch cannot be moved to another bundle or position.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from regdesk.transfer.crypto import (
    Opener,
    Sealer,
    b64,
    hmac_hex,
    hmac_ok,
    key_id,
    token_key,
    unb64,
)
from regdesk.transfer.envelope import (
    TransferFormatError,
    canonical_bytes,
    load_object,
    text_field,
)

FORMAT = "regdesk-bundle/1"
_HEADER = ("format", "device_id", "village_code", "created_at", "hq_key_id",
           "ephemeral_public_key")


class BundleError(ValueError):
    """The bundle is refused (damaged, altered, or not for/from whom it claims)."""


def _aad(header: dict[str, Any], index: int) -> bytes:
    return canonical_bytes({**header, "index": index})


def build_bundle(*, device_id: str, village_code: str, created_at: str,
                 bodies: Sequence[bytes], hq_public_key: bytes, token: str) -> bytes:
    """The bundle file's bytes for these exact batch bodies."""
    sealer = Sealer(hq_public_key)
    header: dict[str, Any] = {
        "format": FORMAT, "device_id": device_id, "village_code": village_code,
        "created_at": created_at, "hq_key_id": key_id(hq_public_key),
        "ephemeral_public_key": b64(sealer.ephemeral_public),
    }
    batches = []
    for index, body in enumerate(bodies):
        nonce, ciphertext = sealer.seal(body, _aad(header, index))
        batches.append({"nonce": b64(nonce), "ciphertext": b64(ciphertext)})
    envelope = {**header, "batches": batches}
    envelope["hmac"] = hmac_hex(token_key(token), canonical_bytes(envelope))
    return canonical_bytes(envelope)


@dataclass(frozen=True)
class Bundle:
    """A parsed bundle; nothing in it is trusted before :meth:`verify`."""

    raw: bytes
    data: dict[str, Any]

    @property
    def device_id(self) -> str:
        return text_field(self.data, "device_id")

    @property
    def village_code(self) -> str:
        return text_field(self.data, "village_code")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def verify(self, token_hash: str) -> None:
        """Check the HMAC with the device's stored token hash (SHA-256 hex)."""
        rest = {k: v for k, v in self.data.items() if k != "hmac"}
        if not hmac_ok(token_hash, canonical_bytes(rest), self.data.get("hmac")):
            raise BundleError("bundle refused: altered, or not made by this device's token")

    def open(self, hq_private_key: bytes, hq_public_key: bytes) -> list[bytes]:
        """The batch bodies (call only after :meth:`verify`)."""
        if self.data.get("hq_key_id") != key_id(hq_public_key):
            raise BundleError("bundle refused: it was encrypted to another HQ key")
        header = {k: self.data.get(k) for k in _HEADER}
        batches = self.data.get("batches")
        if not isinstance(batches, list):
            raise BundleError("bundle refused: no batch list")
        try:
            opener = Opener(hq_private_key, unb64(self.data.get("ephemeral_public_key"),
                                                  size=32))
            return [opener.open(unb64(part.get("nonce"), size=12),
                                unb64(part.get("ciphertext")), _aad(header, index))
                    for index, part in enumerate(batches)]
        except (ValueError, AttributeError) as exc:
            raise BundleError(f"bundle refused: cannot decrypt ({exc})") from exc


def read_bundle(raw: bytes) -> Bundle:
    """Parse a bundle file; it must be in exact canonical form (any changed byte is refused)."""
    try:
        data = load_object(raw, FORMAT)
        for name in _HEADER:
            text_field(data, name)
    except TransferFormatError as exc:
        raise BundleError(f"bundle refused: {exc}") from exc
    if canonical_bytes(data) != raw:
        raise BundleError("bundle refused: the file was altered (not in its written form)")
    return Bundle(raw, data)
