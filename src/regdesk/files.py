"""Small file helpers shared by imports, backups and transfers."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    """SHA-256 hex of a file, read in 1 MiB blocks (backups can be gigabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


SQLITE_HEADER = b"SQLite format 3\x00"


def starts_like_sqlite(path: Path) -> bool:
    """Whether an existing, non-empty file begins with SQLite's header (an empty file is a
    database SQLite has not written yet)."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    return not header or header == SQLITE_HEADER
