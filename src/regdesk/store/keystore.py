"""Where a desk database's master secret is kept on this PC.

- In the OS credential store through ``keyring`` (Windows Credential Manager, which DPAPI
  protects; Secret Service on Linux), service ``regdesk``, name ``db-<salt>``: the salt is
  the database file's first 16 bytes (random and not secret), so a copy of the file finds its
  key and nothing about a person is in the name.
- Where no credential store works (headless Linux, the "all users" install, ``REGDESK_KEYRING=0``
  as in tests), in a file only the user can read (0600) in a folder only the user can enter
  (0700): ``secrets/`` in the data folder, or ``REGDESK_SECRETS`` when set (tests point it at
  their own folder). Settings and ``regdesk status`` say which (:func:`location`).

An entry holds the master secret and, until set-up has shown it, the recovery code
(:func:`take_recovery_code` hands it out once).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from regdesk.oscompat import private_dir, write_private
from regdesk.paths import data_dir, shared_by_all_users

log = logging.getLogger(__name__)
SERVICE = "regdesk"
KEYRING, FILE = "keyring", "file"


@dataclass(frozen=True, slots=True)
class Entry:
    master: bytes
    recovery_code: str | None = None  # until set-up has shown it

    def dumps(self) -> str:
        return json.dumps({"v": 1, "master": self.master.hex(), "recovery": self.recovery_code})

    @classmethod
    def loads(cls, text: str) -> Entry | None:
        try:
            data = json.loads(text)
            return cls(bytes.fromhex(data["master"]), data.get("recovery"))
        except (ValueError, KeyError, TypeError):
            return None


def name_of(salt: bytes) -> str:
    return f"db-{salt.hex()}"


def keyring_usable() -> bool:
    if os.environ.get("REGDESK_KEYRING", "1") == "0" or shared_by_all_users():
        return False
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring set-up must not stop the clerk
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0


def secrets_folder() -> Path:
    """The private folder of key files: ``REGDESK_SECRETS``, else ``secrets/`` in the data
    folder (created 0700)."""
    override = os.environ.get("REGDESK_SECRETS")
    folder = Path(override) if override else data_dir() / "secrets"
    private_dir(folder)
    return folder


def _key_file(salt: bytes) -> Path:
    return secrets_folder() / f"{name_of(salt)}.key"


def save(salt: bytes, entry: Entry) -> str:
    """Keep ``entry`` for the file with ``salt``; returns where (``keyring`` or ``file``)."""
    if keyring_usable():
        try:
            import keyring

            keyring.set_password(SERVICE, name_of(salt), entry.dumps())
            return KEYRING
        except Exception as exc:
            log.warning("keyring unavailable (%s); using a private file", type(exc).__name__)
    write_private(_key_file(salt), entry.dumps())
    return FILE


def _from_keyring(salt: bytes) -> Entry | None:
    if not keyring_usable():
        return None
    try:
        import keyring

        value = keyring.get_password(SERVICE, name_of(salt))
    except Exception as exc:
        log.warning("keyring unavailable (%s)", type(exc).__name__)
        return None
    return Entry.loads(value) if value else None


def load(salt: bytes) -> Entry | None:
    entry = _from_keyring(salt)
    if entry is not None:
        return entry
    path = _key_file(salt)
    return Entry.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def location(salt: bytes) -> str | None:
    """Where the entry for ``salt`` is: ``keyring``, ``file`` or ``None`` (not on this PC)."""
    if _from_keyring(salt) is not None:
        return KEYRING
    return FILE if _key_file(salt).exists() else None


def key_file_path(salt: bytes) -> Path:
    """The private file that holds the key when there is no credential store (shown in
    Settings)."""
    return _key_file(salt)


def take_recovery_code(salt: bytes) -> str | None:
    """The recovery code not yet shown, handed out once (then only the master stays)."""
    entry = load(salt)
    if entry is None or entry.recovery_code is None:
        return None
    save(salt, Entry(entry.master))
    return entry.recovery_code


def forget(salt: bytes) -> None:
    if keyring_usable():
        with contextlib.suppress(Exception):
            import keyring

            keyring.delete_password(SERVICE, name_of(salt))
    _key_file(salt).unlink(missing_ok=True)
