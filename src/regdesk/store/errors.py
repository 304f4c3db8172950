"""Expected failures of store operations, each carrying structured problems."""

from __future__ import annotations

from collections.abc import Sequence

from regdesk.domain.problems import Problem, error


class StoreError(Exception):
    """An expected failure; ``problems`` say which field broke which rule."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in self.problems))


class ValidationFailed(StoreError):
    """Error-severity problems: nothing was written."""


class WarningsNotConfirmed(StoreError):
    """Warnings the clerk must confirm before saving: nothing was written."""


class DuplicateNik(StoreError):
    def __init__(self, local_ref: str):
        self.local_ref = local_ref
        super().__init__([error("nik", "nik.duplicate", local_ref=local_ref)])


class NotFound(StoreError):
    def __init__(self, what: str, value: str):
        super().__init__([error(what, "not_found", value=value)])


class PermissionDenied(StoreError):
    def __init__(self, role: str):
        super().__init__([error("role", "permission.denied", role=role)])


class AuthenticationFailed(StoreError):
    def __init__(self) -> None:
        super().__init__([error("password", "password.wrong")])


class SigninThrottled(AuthenticationFailed):
    """Too many wrong passwords in a row: the next try must wait ``seconds``."""

    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        StoreError.__init__(self, [error("password", "signin.throttled", seconds=seconds)])


class AccountLocked(AuthenticationFailed):
    """So many wrong passwords in a row that only an admin can lift it."""

    def __init__(self) -> None:
        StoreError.__init__(self, [error("username", "signin.locked")])


class NotInitialised(StoreError):
    def __init__(self) -> None:
        super().__init__([error("village", "not_initialised")])


class StaleVersion(StoreError):
    """Someone saved a newer version while this one was being edited."""

    def __init__(self, expected: int, actual: int):
        super().__init__([error("record", "version.stale", expected=expected, actual=actual)])


class NetworkDrive(StoreError):
    """The database lies on a network drive or share, where SQLite's WAL (shared memory,
    byte-range locks) does not work: refused before anything is created there."""

    code = "database.network_drive"

    def __init__(self) -> None:
        super().__init__([error("database", self.code)])


class DatabaseLocked(StoreError):
    """The database is encrypted and this PC does not hold its key (copied or restored from
    another PC): ``regdesk unlock --recovery-code`` stores it."""

    code = "database.locked"

    def __init__(self) -> None:
        super().__init__([error("database", self.code)])


class WrongRecoveryCode(StoreError):
    """The recovery code given does not open this database or backup."""

    code = "recovery.wrong_code"

    def __init__(self) -> None:
        super().__init__([error("recovery_code", self.code)])
