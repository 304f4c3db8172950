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


ENCRYPTED_PAGE = 512  # SQLCipher's smallest page; its files are whole pages of random bytes


def starts_like_sqlite(path: Path) -> bool:
    """Whether an existing file may be a desk database: SQLite's header (a plain one), or
    whole pages that are not text (an encrypted one, whose first 16 bytes are its salt); an
    empty file is a database SQLite has not written yet. Which key opens it is the store's
    question."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(64)
    if not head or head.startswith(SQLITE_HEADER):
        return True
    return size % ENCRYPTED_PAGE == 0 and not _looks_like_text(head)


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
