"""Where the device token lives: the OS keyring when there is one, else a file only the user
can read. When the installer put the data in one folder for every Windows account, the token
is a file in that folder too (a keyring belongs to one account; the desk belongs to the
office). Never in the database, never in logs."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from regdesk.paths import data_dir
from regdesk.store.keystore import keyring_usable

log = logging.getLogger(__name__)
SERVICE = "RegDesk"


def _token_file(device_id: str) -> Path:
    folder = data_dir() / "secrets"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"{device_id}.token"


def save_token(device_id: str, token: str) -> str:
    """Store the token; returns where ("keyring" or "file")."""
    if keyring_usable():
        try:
            import keyring

            keyring.set_password(SERVICE, device_id, token)
            return "keyring"
        except Exception as exc:
            log.warning("keyring unavailable (%s); using a private file", type(exc).__name__)
    path = _token_file(device_id)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(token)
    os.chmod(path, 0o600)
    return "file"


def load_token(device_id: str) -> str | None:
    if keyring_usable():
        try:
            import keyring

            value = keyring.get_password(SERVICE, device_id)
            if value:
                return value
        except Exception as exc:
            log.warning("keyring unavailable (%s)", type(exc).__name__)
    path = _token_file(device_id)
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def forget_token(device_id: str) -> None:
    if keyring_usable():
        with contextlib.suppress(Exception):
            import keyring

            keyring.delete_password(SERVICE, device_id)
    _token_file(device_id).unlink(missing_ok=True)
