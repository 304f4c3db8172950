"""Local clerk accounts: roles operator < supervisor < admin; argon2 password hashes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from regdesk.domain.problems import error
from regdesk.store import audit
from regdesk.store.errors import PermissionDenied, ValidationFailed
from regdesk.store.models import User
from regdesk.store.views import UserInfo

MIN_PASSWORD = 8
# An OWASP argon2id profile (12 MiB, 3 passes, 1 lane): strong, and gentle on office PCs
# (the library default takes 64 MiB at every sign-in).
_hasher = PasswordHasher(time_cost=3, memory_cost=12_288, parallelism=1)


class Role(StrEnum):
    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


RANK = {Role.OPERATOR: 0, Role.SUPERVISOR: 1, Role.ADMIN: 2}


def info(user: User) -> UserInfo:
    assert user.id is not None
    return UserInfo(user.id, user.username, user.full_name, user.role, user.active)


def require_role(user: UserInfo, minimum: Role) -> None:
    if RANK[Role(user.role)] < RANK[minimum]:
        raise PermissionDenied(user.role)


def any_user(session: Session) -> bool:
    return session.exec(select(User.id).limit(1)).first() is not None


def create_user(
    session: Session,
    *,
    username: str,
    password: str,
    role: str,
    full_name: str,
    actor: str,
    now: datetime,
) -> UserInfo:
    name = username.strip().casefold()
    problems = []
    if not name or not name.replace(".", "").replace("_", "").replace("-", "").isalnum():
        problems.append(error("username", "username.format"))
    if len(password) < MIN_PASSWORD:
        problems.append(error("password", "password.too_short", minimum=MIN_PASSWORD))
    if role not in Role.__members__.values():
        problems.append(error("role", "choice.invalid", allowed=[r.value for r in Role]))
    if not problems and session.exec(select(User).where(User.username == name)).first():
        problems.append(error("username", "user.exists", value=name))
    if problems:
        raise ValidationFailed(problems)
    user = User(
        username=name,
        full_name=full_name.strip() or name,
        role=role,
        password_hash=_hasher.hash(password),
        created_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="user.create",
        entity="user",
        entity_id=name,
        detail={"role": role},
    )
    return info(user)


def password_hash_of(session: Session, username: str) -> str | None:
    """The stored hash of an active account, or None (unknown or disabled)."""
    user = session.exec(select(User).where(User.username == username)).first()
    return user.password_hash if user is not None and user.active else None


@cache
def _stand_in_hash() -> str:
    """A hash with the same parameters, verified for unknown names: the same work, so an
    unknown name answers no faster than a wrong password."""
    return _hasher.hash("regdesk: no such account")


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches; an unknown account costs one full verification too."""
    try:
        _hasher.verify(stored or _stand_in_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


def rehash_if_needed(session: Session, *, username: str, password: str) -> bool:
    """After a successful sign-in: re-hash with the current parameters if they changed."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or not _hasher.check_needs_rehash(user.password_hash):
        return False
    user.password_hash = _hasher.hash(password)
    session.add(user)
    return True


def get_user(session: Session, username: str) -> UserInfo | None:
    user = session.exec(select(User).where(User.username == username.strip().casefold())).first()
    return info(user) if user else None


def list_users(session: Session) -> list[UserInfo]:
    return [info(u) for u in session.exec(select(User).order_by(col(User.username))).all()]
