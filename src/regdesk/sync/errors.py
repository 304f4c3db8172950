"""Typed sync failures: the engine and the UI decide by ``kind``, never by message text."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    OFFLINE = "offline"  # refused, DNS, connect/read timeout: try later
    SERVER = "server"  # 5xx: try later
    BUSY = "busy"  # 429/503 with Retry-After: try after that
    AUTH = "auth"  # 401: token revoked or unknown: re-enrol
    PROTOCOL = "protocol"  # truncated/garbled/unexpected answer: try later, same batch
    CLIENT = "client"  # other 4xx: a bug or a misconfiguration; don't hammer
    NOT_ENROLLED = "not_enrolled"


TRANSIENT = frozenset({Kind.OFFLINE, Kind.SERVER, Kind.BUSY, Kind.PROTOCOL})


class SyncError(Exception):
    def __init__(self, kind: Kind, detail: str = "", retry_after: float | None = None):
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after

    @property
    def transient(self) -> bool:
        return self.kind in TRANSIENT
