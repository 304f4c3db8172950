"""Canonical JSON files: what the bundle and the receipt are written as and checked against."""

from __future__ import annotations

import json
from typing import Any

from regdesk.domain.canonical import canonical_json

MAX_FILE_BYTES = 512 * 1024 * 1024


class TransferFormatError(ValueError):
    """The file is not a readable transfer file of the expected format."""


def canonical_bytes(value: Any) -> bytes:
    return canonical_json(value).encode("utf-8")


def load_object(raw: bytes, expected_format: str) -> dict[str, Any]:
    """The top-level JSON object of a transfer file, checked for its ``format``."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise TransferFormatError("not a RegDesk transfer file (unreadable JSON)") from exc
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise TransferFormatError(f"not a {expected_format} file")
    return data


def text_field(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value:
        raise TransferFormatError(f"field {name!r} is missing")
    return value
