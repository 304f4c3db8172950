"""The key of one desk database file: found in this PC's credential store, made for a new
file, or recovered from the recovery code (``regdesk unlock``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from regdesk.store import cipher, keystore
from regdesk.store.errors import DatabaseLocked, WrongRecoveryCode


@dataclass(frozen=True, slots=True)
class DeskKey:
    master: bytes
    salt: bytes

    @property
    def fingerprint(self) -> str:
        return cipher.fingerprint(self.master)


def new_desk(master: bytes | None = None, recovery_code: str | None = None) -> DeskKey:
    """Keys for a new database file: a new recovery code (kept until set-up shows it) unless
    ``master`` is given (a desk that already has one), and a fresh salt; saved first, so a
    file never exists without its key."""
    if master is None:
        recovery_code = recovery_code or cipher.new_recovery_code()
        master = cipher.master_from_code(recovery_code)
    salt = cipher.new_salt()
    keystore.save(salt, keystore.Entry(master, recovery_code))
    remember_desk(master)
    return DeskKey(master, salt)


def _desk_name(fingerprint: str) -> bytes:
    return ("desk:" + fingerprint).encode("ascii")


def remember_desk(master: bytes) -> None:
    """Also keep ``master`` under the desk's fingerprint, so this PC opens the desk's backups
    by their manifest alone (``regdesk backup verify FILE``)."""
    name = _desk_name(cipher.fingerprint(master))
    if keystore.load(name) is None:
        keystore.save(name, keystore.Entry(master))


def desk_master(fingerprint: str) -> bytes | None:
    """The master of the desk with ``fingerprint``, if this PC holds it."""
    if not fingerprint.isalnum():
        return None
    entry = keystore.load(_desk_name(fingerprint))
    return entry.master if entry is not None else None


def key_for(path: Path) -> DeskKey:
    """The key of the existing encrypted file ``path``, or a new desk's when the file is
    missing or empty. Raises :class:`DatabaseLocked` when this PC does not hold it."""
    salt = cipher.salt_of(path)
    if salt is None:
        return new_desk()
    entry = keystore.load(salt)
    if entry is None:
        raise DatabaseLocked()
    return DeskKey(entry.master, salt)


def existing_key(path: Path) -> DeskKey | None:
    """The key of ``path`` if this PC holds it (never creates one)."""
    salt = cipher.salt_of(path)
    entry = keystore.load(salt) if salt is not None else None
    return DeskKey(entry.master, salt) if entry is not None and salt is not None else None


def unlock(path: Path, code: str) -> str:
    """Store the key of ``path`` (a database copied or restored from another PC) from its
    recovery code; returns where it went (``keyring`` or ``file``). Raises
    :class:`WrongRecoveryCode`."""
    salt = cipher.salt_of(path)
    if salt is None:
        raise WrongRecoveryCode()
    try:
        master = cipher.master_from_code(code)
    except cipher.WrongKey as exc:
        raise WrongRecoveryCode() from exc
    if not cipher.opens_with(path, master):
        raise WrongRecoveryCode()
    remember_desk(master)
    return keystore.save(salt, keystore.Entry(master))
