"""Ed25519 signatures for member-card QR codes.

QR text format: ``RD1.<base64url payload>.<base64url signature>`` (no padding). HQ signs
with its private key; desks and ``GET /api/v1/verify`` check with the public key.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from regdesk.domain.cardpayload import CardPayload, decode_payload, encode_payload

PREFIX = "RD1."
MAX_QR_TEXT = 2048


class InvalidCard(ValueError):
    """The QR text is not a card signed by the expected key."""


def generate_private_key() -> bytes:
    """A new Ed25519 private key as its raw 32 bytes."""
    return Ed25519PrivateKey.generate().private_bytes_raw()


def public_key_of(private_raw: bytes) -> bytes:
    """Raw 32-byte public key for a raw private key."""
    key = Ed25519PrivateKey.from_private_bytes(private_raw)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def encode_public_key(raw: bytes) -> str:
    """Standard base64 text of a raw public key (for settings files and the HQ API)."""
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return base64.b64encode(raw).decode("ascii")


def decode_public_key(text: str) -> bytes:
    """Inverse of :func:`encode_public_key`; raises ``ValueError``."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except binascii.Error as exc:
        raise ValueError("public key is not base64") from exc
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return raw


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64u(text: str) -> bytes:
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise InvalidCard("card QR is not base64url") from exc
    if _b64u(data) != text:  # rejects padding, stray characters and non-zero tail bits
        raise InvalidCard("card QR is not canonical base64url")
    return data


@lru_cache(maxsize=8)
def _private_key(private_raw: bytes) -> Ed25519PrivateKey:
    # loading a key costs as much as a signature: HQ signs thousands with the same one
    return Ed25519PrivateKey.from_private_bytes(private_raw)


def sign_card(payload: CardPayload, private_raw: bytes) -> str:
    """QR text for ``payload`` signed with ``private_raw``."""
    data = encode_payload(payload)
    signature = _private_key(private_raw).sign(data)
    return f"{PREFIX}{_b64u(data)}.{_b64u(signature)}"


def verify_card(qr_text: str, public_raw: bytes) -> CardPayload:
    """The payload of a genuine card; raises :class:`InvalidCard` on anything else."""
    if len(public_raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    if not isinstance(qr_text, str) or len(qr_text) > MAX_QR_TEXT:
        raise InvalidCard("card QR text has the wrong type or size")
    text = qr_text.strip()
    if not text.startswith(PREFIX):
        raise InvalidCard("not a RegDesk card QR")
    parts = text[len(PREFIX) :].split(".")
    if len(parts) != 2:
        raise InvalidCard("card QR must have a payload and a signature")
    data, signature = _unb64u(parts[0]), _unb64u(parts[1])
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except InvalidSignature as exc:
        raise InvalidCard("card signature does not match") from exc
    try:
        return decode_payload(data)
    except ValueError as exc:  # signed but unreadable: a newer format or a signing bug
        raise InvalidCard(f"card payload unreadable: {exc}") from exc
