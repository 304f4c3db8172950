"""HQ's Ed25519 card-signing key: from ``--signing-key FILE`` or kept in the database."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from regdesk.hq.db import write_tx
from regdesk.hq.tables import T_SETTING
from regdesk.transfer.crypto import generate_x25519_private
from regdesk.transfer.signing import generate_private_key

_NAME = "signing_private_key"
_ENC_NAME = "encryption_private_key"


class SigningKeyError(ValueError):
    """The signing key file is unreadable."""


def read_key_file(path: Path) -> bytes:
    """A raw 32-byte key file, or a text file with its base64."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"cannot read signing key {path}: {exc.strerror}") from exc
    if len(data) == 32:
        return data
    try:
        raw = base64.b64decode(data.strip(), validate=True)
    except binascii.Error as exc:
        raise SigningKeyError(f"signing key {path} is neither 32 raw bytes nor base64") from exc
    if len(raw) != 32:
        raise SigningKeyError(f"signing key {path} must hold a 32-byte Ed25519 private key")
    return raw


def load_signing_key(engine: Engine, key_file: Path | None = None) -> bytes:
    """The private key; created and stored in the database on first start."""
    if key_file is not None:
        return read_key_file(key_file)
    with write_tx(engine) as conn:
        stored = conn.execute(select(T_SETTING.c.value).where(T_SETTING.c.name == _NAME)).scalar()
        if stored is not None:
            return base64.b64decode(stored)
        raw = generate_private_key()
        conn.execute(insert(T_SETTING).values(name=_NAME, value=base64.b64encode(raw).decode()))
        return raw


def load_encryption_key(engine: Engine) -> bytes:
    """HQ's X25519 private key for offline transfer bundles; created on first use."""
    for _attempt in range(2):
        try:
            with write_tx(engine) as conn:
                stored = conn.execute(select(T_SETTING.c.value)
                                      .where(T_SETTING.c.name == _ENC_NAME)).scalar()
                if stored is not None:
                    return base64.b64decode(stored)
                raw = generate_x25519_private()
                conn.execute(insert(T_SETTING).values(name=_ENC_NAME,
                                                      value=base64.b64encode(raw).decode()))
                return raw
        except IntegrityError:  # another worker created it at the same moment: read theirs
            continue
    raise RuntimeError("cannot load the encryption key")
