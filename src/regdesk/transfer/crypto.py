"""The primitives of the transfer format: sealed boxes to HQ (X25519 + HKDF-SHA256 +
AES-256-GCM), the token-keyed HMAC, and base64 helpers."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HKDF_INFO = b"regdesk-bundle/1 aes-256-gcm"
NONCE_BYTES = 12


class DecryptError(ValueError):
    """A sealed part could not be opened (wrong key or altered ciphertext)."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, *, size: int | None = None) -> bytes:
    """Strict standard base64 (``ValueError`` on anything else or on a wrong length)."""
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    try:
        data = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError("not base64") from exc
    if size is not None and len(data) != size:
        raise ValueError(f"expected {size} bytes")
    return data


def generate_x25519_private() -> bytes:
    return X25519PrivateKey.generate().private_bytes_raw()


def x25519_public_of(private_raw: bytes) -> bytes:
    key = X25519PrivateKey.from_private_bytes(private_raw)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public_raw: bytes) -> str:
    """Short fingerprint of a public key (first 16 hex digits of its SHA-256)."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def _derive(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public,
                info=HKDF_INFO).derive(shared)


class Sealer:
    """Encrypts any number of parts to one recipient under one ephemeral key."""

    def __init__(self, recipient_public: bytes) -> None:
        ephemeral = X25519PrivateKey.generate()
        self.ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw,
                                                                    PublicFormat.Raw)
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
        self._aead = AESGCM(_derive(shared, self.ephemeral_public, recipient_public))

    def seal(self, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
        """``(nonce, ciphertext_with_tag)``; a fresh random nonce per part."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce, self._aead.encrypt(nonce, plaintext, aad)


class Opener:
    """The recipient's side of :class:`Sealer`."""

    def __init__(self, recipient_private: bytes, ephemeral_public: bytes) -> None:
        private = X25519PrivateKey.from_private_bytes(recipient_private)
        recipient_public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
        self._aead = AESGCM(_derive(shared, ephemeral_public, recipient_public))

    def open(self, nonce: bytes, ciphertext: bytes, aad: bytes) -> bytes:
        try:
            return self._aead.decrypt(nonce, ciphertext, aad)
        except InvalidTag as exc:
            raise DecryptError("cannot decrypt: wrong key or altered content") from exc


def token_key(token: str) -> str:
    """The HMAC key: SHA-256 hex of the device token (what HQ stores for the device)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hmac_hex(key_hex: str, data: bytes) -> str:
    return hmac.new(key_hex.encode("ascii"), data, hashlib.sha256).hexdigest()


def hmac_ok(key_hex: str, data: bytes, tag: object) -> bool:
    return isinstance(tag, str) and hmac.compare_digest(hmac_hex(key_hex, data), tag)
