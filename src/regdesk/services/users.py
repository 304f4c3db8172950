"""Accounts and sign-in roles: who acts, whether they may, adding and listing clerks, and
setting up a new desk database."""

from __future__ import annotations

import secrets

from regdesk.services.errors import NotInitialised
from regdesk.store import Role, Store, UserInfo
from regdesk.store.users import RANK, require_role

__all__ = [
    "Role",
    "add_user",
    "authenticate",
    "generated_password",
    "has_role",
    "initialise",
    "list_users",
    "manages_users",
    "require_role",
    "set_office_village",
    "sign_in",
    "unlock",
]


def has_role(user: UserInfo, minimum: Role) -> bool:
    """``user``'s role is ``minimum`` or higher (operator < supervisor < admin)."""
    return RANK[Role(user.role)] >= RANK[minimum]


def initialise(store: Store, *, village: str, admin: str, password: str,
               admin_name: str) -> UserInfo:
    """A new desk: office village and its first admin."""
    return store.initialise(village=village, admin_username=admin, admin_password=password,
                            admin_name=admin_name)


def authenticate(store: Store, username: str, password: str) -> UserInfo:
    """Sign in: the active account, or :class:`~regdesk.store.AuthenticationFailed`
    (throttled, locked, the same answer for unknown names; every attempt audited)."""
    return store.authenticate(username, password)


def sign_in(store: Store, username: str, password: str) -> UserInfo:
    """The command line's sign-in: :func:`authenticate`, the app's own, on a desk that has
    its accounts (:class:`NotInitialised` before ``init``). Nobody acts without it: there
    is no default user."""
    if not store.is_initialised():
        raise NotInitialised()
    return authenticate(store, username, password)


def unlock(store: Store, username: str, *, acting: UserInfo) -> bool:
    """Lift a sign-in lock or wait (admins only, audited); False when there was none."""
    require_role(acting, Role.ADMIN)
    return store.unlock_user(username, actor=acting)


def set_office_village(store: Store, village: str, *, user: UserInfo) -> str:
    """Change the office village (admins only); returns the normalised code."""
    require_role(user, Role.ADMIN)
    return store.set_office_village(village, user=user)


def generated_password() -> str:
    """A random first password for a demo admin."""
    return secrets.token_urlsafe(9)


def add_user(store: Store, *, acting: UserInfo, username: str, password: str, role: str,
             full_name: str = "") -> UserInfo:
    """A new clerk account (admins only)."""
    require_role(acting, Role.ADMIN)
    return store.create_user(username=username, password=password, role=role,
                             full_name=full_name, acting=acting)


def list_users(store: Store, *, acting: UserInfo) -> list[UserInfo]:
    """Every account (supervisors and admins)."""
    require_role(acting, Role.SUPERVISOR)
    return store.list_users()


def manages_users(user: UserInfo) -> bool:
    """Admins add and see the clerks' accounts (the settings dialog's users tab)."""
    return has_role(user, Role.ADMIN)
