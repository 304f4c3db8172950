"""SQLCipher for the desk: every database file RegDesk writes is encrypted at rest.

Keys and where they come from:

- A desk has one random **recovery code** (:func:`new_recovery_code`, 125 bits, shown once at
  set-up and printed for the village head). Its **master secret** is
  ``scrypt(code)`` (:func:`master_from_code`), computed once when the desk is created or
  unlocked; the master secret (never the code) is what the credential store keeps
  (:mod:`regdesk.store.keystore`).
- Each file — the database, a backup, a copy set aside — has its own random 16-byte SQLCipher
  salt (the file's first 16 bytes, not secret) and its own **raw 256-bit key**
  ``HMAC-SHA256(master, salt)`` (:func:`file_key`). A raw key means SQLCipher runs no
  PBKDF2 when a connection opens (about 1 ms instead of hundreds), so WAL readers, the writer
  and the tests can open connections freely.
- So the recovery code opens every file the desk ever wrote, on any PC, and nothing else does.

Connections are made by :func:`connect`, which sets the key before anything reads the file and
keeps SQLCipher's own error log quiet (a wrong key is reported by the caller, once).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as dbapi

from regdesk.files import SQLITE_HEADER

SALT_BYTES = 16
KEY_BYTES = 32
# Crockford's base32 without I, L, O, U: nothing to misread when typed back from paper
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, GROUP_LEN = 5, 5  # 25 characters × 5 bits = 125 bits
_KDF_SALT = b"regdesk-recovery/1"
_FILE_INFO = b"regdesk-file/1"
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})

DatabaseError = dbapi.DatabaseError
Connection = dbapi.Connection


class WrongKey(Exception):
    """The key (from the credential store or a recovery code) does not open this file."""


def new_recovery_code() -> str:
    """A fresh recovery code, e.g. ``7K3QF-…`` (5 groups of 5)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(CODE_GROUPS * GROUP_LEN))
    return "-".join(chars[i:i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def normalise_code(code: str) -> str | None:
    """The code as generated (groups, upper case; common misreadings mended), or ``None``
    when it cannot be one."""
    chars = "".join(c for c in code.upper().translate(_MISREAD) if c.isalnum())
    if len(chars) != CODE_GROUPS * GROUP_LEN or any(c not in ALPHABET for c in chars):
        return None
    return "-".join(chars[i:i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def master_from_code(code: str) -> bytes:
    """The desk's master secret from its recovery code (scrypt: a deliberate ~50 ms)."""
    normal = normalise_code(code)
    if normal is None:
        raise WrongKey()
    return hashlib.scrypt(normal.encode("ascii"), salt=_KDF_SALT, n=2**14, r=8, p=1,
                          dklen=KEY_BYTES)


def file_key(master: bytes, salt: bytes) -> bytes:
    """The raw SQLCipher key of the file whose salt is ``salt``."""
    return hmac.new(master, _FILE_INFO + salt, hashlib.sha256).digest()


def fingerprint(master: bytes) -> str:
    """A short, non-secret name of a desk's master secret (in backup manifests)."""
    return hmac.new(master, b"regdesk-fingerprint/1", hashlib.sha256).hexdigest()[:12]


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def key_pragma_value(master: bytes, salt: bytes) -> str:
    """``x'<key><salt>'``: the raw key with the file's salt (so a new file gets that salt)."""
    return f"x'{file_key(master, salt).hex()}{salt.hex()}'"


def is_plain(path: Path) -> bool:
    """Whether ``path`` is an unencrypted SQLite database (starts with SQLite's header)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def salt_of(path: Path) -> bytes | None:
    """An encrypted file's salt (its first 16 bytes); ``None`` for a missing, empty or plain
    file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SALT_BYTES)
    except FileNotFoundError:
        return None
    if len(head) < SALT_BYTES or head == SQLITE_HEADER:
        return None
    return head


def apply_key(connection: Any, master: bytes | None, salt: bytes | None) -> None:
    """Key a fresh DB-API connection (before anything reads the file); ``master=None`` leaves
    it plain (reading a legacy, unencrypted file)."""
    connection.execute("PRAGMA cipher_log_level = NONE")
    if master is not None:
        assert salt is not None
        connection.execute(f'PRAGMA key = "{key_pragma_value(master, salt)}"')


def connect(path: Path | str, master: bytes | None, salt: bytes | None = None, *,
            read_only: bool = False, **kwargs: Any) -> Connection:
    """A SQLCipher connection to ``path`` keyed for ``master`` (``salt``: the file's own, read
    from it when not given; a new file takes the one given). Raises :class:`WrongKey` when
    the key does not open an existing file."""
    path = Path(path)
    if master is not None and salt is None:
        salt = salt_of(path) or new_salt()
    target: str = f"file:{path.as_posix()}?mode=ro" if read_only else str(path)
    connection = dbapi.connect(target, uri=read_only, **kwargs)
    try:
        apply_key(connection, master, salt)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError as exc:
        connection.close()
        raise WrongKey() from exc
    return connection


def opens_with(path: Path, master: bytes | None) -> bool:
    """Whether ``master`` (``None``: no key, a plain file) opens ``path``."""
    try:
        connect(path, master, read_only=True).close()
    except WrongKey:
        return False
    return True


def cipher_version(connection: Any) -> str | None:
    row = connection.execute("PRAGMA cipher_version").fetchone()
    return str(row[0]) if row and row[0] else None


def copy_database(source: Path | Connection, target: Path, master: bytes | None,
                  source_master: bytes | None = None) -> None:
    """Copy a database page by page with SQLite's online backup API (consistent while others
    write) into ``target``, a new file keyed for ``master`` with a fresh salt, made
    owner-only before SQLite writes, and self-contained (no WAL beside it). ``source`` is an
    open keyed connection or a file keyed for ``source_master``."""
    from regdesk.oscompat import create_private

    create_private(target)
    src = source if isinstance(source, Connection) else connect(source, source_master)
    dst = connect(target, master, new_salt() if master is not None else None)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        if src is not source:
            src.close()
