"""Encrypt a plain (pre-SQLCipher) desk database in place, safely.

1. ``<db>.encrypting`` is written from the plain file by ``sqlcipher_export`` (schema, rows,
   FTS indexes; ``user_version`` too), keyed for a new desk (recovery code kept for set-up
   to show), made owner-only first.
2. It is verified: it opens with the key, passes ``integrity_check``, and every table holds as
   many rows as in the plain file. It is flushed to disk.
3. ``<db>.plain`` is made a second name of the plain file (a hard link; a copy where the
   file system has none), then the encrypted file replaces ``<db>`` in one atomic rename.
   At every moment ``<db>`` is a whole database: the old one or the new one.
4. ``<db>.plain`` is overwritten with zeros, flushed, and unlinked.

:func:`finish_interrupted` runs at every open and completes or undoes whatever a crash left:
a stray ``.encrypting`` goes (the plain ``<db>`` is still there, step 1 is simply redone);
a ``.plain`` beside an encrypted ``<db>`` is shredded; one beside the plain ``<db>`` (the
crash came before the swap) is only unlinked, never overwritten, when it is the same file.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from regdesk.oscompat import create_private, fsync_dir, fsync_file, make_private, shred
from regdesk.store import cipher
from regdesk.store.deskkey import DeskKey, new_desk

log = logging.getLogger(__name__)


class EncryptionFailed(Exception):
    """The encrypted copy did not match the plain file; the plain file is untouched."""


def _encrypting(path: Path) -> Path:
    return path.with_name(path.name + ".encrypting")


def _plain_aside(path: Path) -> Path:
    return path.with_name(path.name + ".plain")


def row_counts(connection: cipher.Connection) -> dict[str, int]:
    names = [r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    return {n: int(connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0])
            for n in names}


def finish_interrupted(path: Path) -> None:
    """Complete or undo an encryption a crash interrupted (see the module's text)."""
    tmp, aside = _encrypting(path), _plain_aside(path)
    if tmp.exists():
        tmp.unlink()
        for suffix in ("-journal", "-wal", "-shm"):
            tmp.with_name(tmp.name + suffix).unlink(missing_ok=True)
    if not aside.exists():
        return
    if cipher.is_plain(path):
        if os.path.samefile(aside, path):
            aside.unlink()  # a second name of the live file: only the name goes
        else:
            shred(aside)
    elif path.exists():
        shred(aside)  # the swap happened: the plain bytes must go
    else:  # pragma: no cover - no step removes <db>; restore the plain file if it ever did
        os.replace(aside, path)


def _export(path: Path, target: Path, key: DeskKey) -> None:
    create_private(target)
    plain = cipher.connect(path, None)
    try:
        plain.isolation_level = None
        plain.execute("PRAGMA journal_mode=DELETE")  # folds the WAL in; refused while in use
        version = int(plain.execute("PRAGMA user_version").fetchone()[0])
        plain.execute(f"ATTACH DATABASE ? AS encrypted KEY "
                      f'"{cipher.key_pragma_value(key.master, key.salt)}"', (str(target),))
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {version}")
        plain.execute("DETACH DATABASE encrypted")
        expected = row_counts(plain)
    finally:
        plain.close()
    check = cipher.connect(target, key.master, key.salt)
    try:
        verdict = check.execute("PRAGMA integrity_check").fetchall()
        got = row_counts(check)
    finally:
        check.close()
    if verdict != [("ok",)] or got != expected:
        raise EncryptionFailed(f"verification failed ({len(expected)} tables)")
    fsync_file(target)


def encrypt_in_place(path: Path, *, stop_after: str | None = None) -> DeskKey:
    """Encrypt the plain database ``path`` (steps in the module's text) and return its key.
    ``stop_after`` ("export", "link", "swap") ends early, as a crash there would (tests)."""
    finish_interrupted(path)
    key = new_desk()
    tmp, aside = _encrypting(path), _plain_aside(path)
    try:
        _export(path, tmp, key)
    except Exception:
        tmp.unlink(missing_ok=True)
        raise
    if stop_after == "export":
        return key
    try:
        os.link(path, aside)
    except OSError:  # no hard links here (FAT): a copy, shredded the same way
        shutil.copyfile(path, aside)
    if stop_after == "link":
        return key
    for suffix in ("-wal", "-shm"):  # none after journal_mode=DELETE; never pair a stale one
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    make_private(path)
    if stop_after == "swap":
        return key
    shred(aside)
    fsync_dir(path.parent)
    log.info("database encrypted in place")
    return key
