"""The few typed errors services raise, beside the store's own (re-exported here).

Every error carries structured problems or a code, never text: the caller (CLI or GUI) picks
the sentence in the user's language. No personal data goes into an error.
"""

from __future__ import annotations

from regdesk.domain.problems import error
from regdesk.store.errors import (
    NotFound,
    NotInitialised,
    PermissionDenied,
    StoreError,
    ValidationFailed,
    WarningsNotConfirmed,
)

__all__ = [
    "BadInput",
    "KeepTooSmall",
    "NotARegistration",
    "NotFound",
    "NotInitialised",
    "NotRenewable",
    "NothingToPrint",
    "PermissionDenied",
    "StoreError",
    "ValidationFailed",
    "WarningsNotConfirmed",
]


class NotARegistration(StoreError):
    """The given fields do not make a registration (types, missing fields): nothing saved."""


class BadInput(StoreError):
    """A file or value given to a service cannot be used (unreadable file, bad JSON …)."""


class NothingToPrint(StoreError):
    """No registration is ready for a card yet."""

    def __init__(self) -> None:
        super().__init__([error("record", "print.nothing_ready")])


class KeepTooSmall(StoreError):
    """A backup rotation must keep at least one file."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        super().__init__([error("keep", "backup.keep_too_small", value=keep)])


class NotRenewable(StoreError):
    """Only a member HQ has accepted (a registration number, not cancelled) can be renewed."""

    def __init__(self, status: str) -> None:
        self.status = status
        super().__init__([error("record", "renewal.not_member")])
