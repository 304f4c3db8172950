"""Canonical JSON: the one byte form used for frozen outbox payloads and conflict hashes."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 kept: equal data ⇔ equal text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def payload_hash(value: Any) -> str:
    """SHA-256 hex of the canonical JSON (what HQ compares for UUID+version conflicts)."""
    return text_hash(canonical_json(value))


def text_hash(canonical_text: str) -> str:
    """:func:`payload_hash` for a value whose canonical JSON is already at hand."""
    return hashlib.sha256(canonical_text.encode("utf-8")).hexdigest()
