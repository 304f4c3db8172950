"""Local store: SQLModel on SQLite (WAL, synchronous=FULL), migrations, outbox, search."""

from regdesk.store.errors import (
    AccountLocked,
    AuthenticationFailed,
    DuplicateNik,
    NotFound,
    NotInitialised,
    PermissionDenied,
    SigninThrottled,
    StoreError,
    ValidationFailed,
    WarningsNotConfirmed,
)
from regdesk.store.search import Filters
from regdesk.store.store import Store
from regdesk.store.users import Role
from regdesk.store.views import ListRow, Page, RegistrationView, UserInfo

__all__ = [
    "AccountLocked",
    "AuthenticationFailed",
    "DuplicateNik",
    "Filters",
    "ListRow",
    "NotFound",
    "NotInitialised",
    "Page",
    "PermissionDenied",
    "RegistrationView",
    "Role",
    "SigninThrottled",
    "Store",
    "StoreError",
    "UserInfo",
    "ValidationFailed",
    "WarningsNotConfirmed",
]
