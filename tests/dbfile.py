"""Open desk database files directly in tests, as ``sqlite3`` did before encryption: keyed with
the key this test run holds for the file (or for its desk), plain when the file is plain."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as _dbapi

from regdesk.store import cipher, keystore
from regdesk.store.deskkey import existing_key

OperationalError = _dbapi.OperationalError
IntegrityError = _dbapi.IntegrityError
DatabaseError = _dbapi.DatabaseError
Connection = _dbapi.Connection


def _masters() -> list[bytes]:
    folder = Path(os.environ["REGDESK_SECRETS"])
    found = []
    for path in folder.glob("db-*.key"):
        entry = keystore.Entry.loads(path.read_text(encoding="utf-8"))
        if entry is not None and entry.master not in found:
            found.append(entry.master)
    return found


def master_of(path: Path) -> bytes | None:
    """The master that opens ``path`` (``None``: a plain file)."""
    if cipher.is_plain(Path(path)) or not Path(path).exists():
        return None
    key = existing_key(Path(path))
    if key is not None:
        return key.master
    for master in _masters():
        if cipher.opens_with(Path(path), master):
            return master
    raise AssertionError(f"no key of this test run opens {Path(path).name}")


class _Closing(_dbapi.Connection):  # type: ignore[misc]
    """``with connect(…) as c:`` commits (or rolls back) and closes, so no test leaves a
    connection that would keep the desk from encrypting or restoring its file."""

    def __exit__(self, *exc: object) -> bool:
        result = bool(super().__exit__(*exc))
        self.close()
        return result


def connect(path: Path | str, **kwargs: Any) -> Connection:
    path = Path(path)
    master = master_of(path)
    connection = _dbapi.connect(str(path), factory=_Closing, **kwargs)
    cipher.apply_key(connection, master, cipher.salt_of(path) if master else None)
    return connection
