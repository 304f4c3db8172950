"""Console operators (``hq_operator``) and the HQ audit log (``hq_audit``).

Passwords are argon2id hashes (argon2-cffi). Sign-in is throttled with the desk's pure
policy (:class:`regdesk.domain.signin.SigninPolicy`): after ``free_failures`` wrong
passwords in a row each further failure locks the name for a delay that doubles, up to
``max_delay_seconds``; a locked name is refused without its password being checked, and a
right password resets the count. Unknown names get the same answer and the same work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, insert, select, update

from regdesk.domain.coverage import level_of
from regdesk.domain.signin import SigninPolicy
from regdesk.hq.audit import record
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.tables import T_AUDIT, T_OPERATOR
from regdesk.hq.timeutil import as_utc

MIN_PASSWORD = 10
# Console policy (NIST SP 800-63B 5.2.2: growing waits, at most 100 failures in a row): three
# free tries, then 2 s doubling per failure up to 15 minutes.
CONSOLE_POLICY = SigninPolicy(free_failures=3, base_delay_seconds=2, max_delay_seconds=900,
                              lockout_after=100)
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("regdesk-console-dummy-password")


class Role(StrEnum):
    ADMIN = "admin"
    OPERATOR = "operator"
    VIEWER = "viewer"


class OperatorError(ValueError):
    """Refused operator input: one line naming the field and the rule."""


@dataclass(frozen=True)
class OperatorInfo:
    id: int
    username: str
    role: Role
    kecamatan: str | None
    disabled: bool
    created_at: datetime
    signed_out_at: datetime | None = None


@dataclass(frozen=True)
class SigninResult:
    operator: OperatorInfo | None  # set when signed in
    wait_seconds: int = 0  # > 0: refused because the name is locked for this long


def _info(row: Any) -> OperatorInfo:
    return OperatorInfo(row.id, row.username, Role(row.role), row.kecamatan, bool(row.disabled),
                        as_utc(row.created_at),
                        None if row.signed_out_at is None else as_utc(row.signed_out_at))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise OperatorError(f"password: must have at least {MIN_PASSWORD} characters")


def _check_username(username: str) -> str:
    name = username.strip()
    if not (1 <= len(name) <= 64) or not all(c.isalnum() or c in "._-" for c in name):
        raise OperatorError("username: 1-64 letters, digits, '.', '_' or '-'")
    return name


def _check_scope(role: Role, kecamatan: str | None) -> None:
    if kecamatan is None:
        return
    if role is not Role.VIEWER:
        raise OperatorError("--kecamatan: only a viewer can be scoped to a kecamatan")
    try:
        ok = level_of(kecamatan).value == "kecamatan"
    except ValueError:
        ok = False
    if not ok:
        raise OperatorError(f"--kecamatan {kecamatan!r}: must be a kecamatan code NN.NN.NN")


def audit(conn: Connection, *, actor: str, action: str, entity: str, at: datetime,
          detail: Mapping[str, Any] | None = None) -> None:
    """One audit row, in the caller's transaction (:func:`regdesk.hq.audit.record`)."""
    record(conn, actor=actor, action=action, entity=entity, at=at, detail=detail)


def add_operator(engine: Engine, *, username: str, password: str, role: str,
                 kecamatan: str | None, now: datetime, actor: str = "cli") -> OperatorInfo:
    name = _check_username(username)
    try:
        chosen = Role(role)
    except ValueError:
        raise OperatorError("--role: must be admin, operator or viewer") from None
    _check_scope(chosen, kecamatan)
    check_password(password)
    digest = _HASHER.hash(password)
    with write_tx(engine) as conn:
        taken = conn.execute(select(T_OPERATOR.c.id).where(T_OPERATOR.c.username == name))
        if taken.scalar() is not None:
            raise OperatorError(f"username: {name!r} already exists")
        new_id = conn.execute(insert(T_OPERATOR).values(
            username=name, password_hash=digest, role=chosen.value, kecamatan=kecamatan,
            disabled=False, failed_count=0, locked_until=None, created_at=now,
        )).inserted_primary_key[0]  # type: ignore[index]
        audit(conn, actor=actor, action="operator.add", entity=f"operator:{name}", at=now,
              detail={"role": chosen.value, "kecamatan": kecamatan})
    return OperatorInfo(int(new_id), name, chosen, kecamatan, False, now)


def list_operators(engine: Engine) -> list[OperatorInfo]:
    with read_tx(engine) as conn:
        rows = conn.execute(select(T_OPERATOR).order_by(T_OPERATOR.c.username)).all()
    return [_info(r) for r in rows]


def get_operator(engine: Engine, operator_id: int) -> OperatorInfo | None:
    with read_tx(engine) as conn:
        row = conn.execute(select(T_OPERATOR).where(T_OPERATOR.c.id == operator_id)).first()
    return None if row is None else _info(row)


def disable_operator(engine: Engine, username: str, *, now: datetime,
                     actor: str = "cli") -> bool:
    """Disable at once (every console request re-reads the operator); False if unknown."""
    with write_tx(engine) as conn:
        done = conn.execute(update(T_OPERATOR).where(T_OPERATOR.c.username == username)
                            .values(disabled=True)).rowcount
        if done:
            audit(conn, actor=actor, action="operator.disable", entity=f"operator:{username}",
                  at=now)
    return bool(done)


def sign_out(engine: Engine, op: OperatorInfo, *, now: datetime) -> None:
    """End every session of ``op`` begun before ``now`` (a copied cookie included)."""
    with write_tx(engine) as conn:
        conn.execute(update(T_OPERATOR).where(T_OPERATOR.c.id == op.id)
                     .values(signed_out_at=now))
        audit(conn, actor=op.username, action="logout", entity=f"operator:{op.username}",
              at=now)


def _verify(digest: str, password: str) -> bool:
    try:
        return _HASHER.verify(digest, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_in(engine: Engine, username: str, password: str, *, now: datetime,
            policy: SigninPolicy = CONSOLE_POLICY) -> SigninResult:
    """Check a sign-in and record it (throttle and audit) in one transaction."""
    name = username.strip()[:64]
    with write_tx(engine) as conn:
        row = conn.execute(select(T_OPERATOR).where(T_OPERATOR.c.username == name)).first()
        if row is None or row.disabled:
            _verify(_DUMMY, password)  # the same work as for a known name
            audit(conn, actor="-", action="login.refused", entity="operator:?", at=now)
            return SigninResult(None)
        if row.locked_until is not None and as_utc(row.locked_until) > now:
            wait = int((as_utc(row.locked_until) - now).total_seconds() + 0.999)
            audit(conn, actor=name, action="login.locked", entity=f"operator:{name}", at=now,
                  detail={"wait_seconds": wait})
            return SigninResult(None, max(wait, 1))
        if _verify(row.password_hash, password):
            conn.execute(update(T_OPERATOR).where(T_OPERATOR.c.id == row.id)
                         .values(failed_count=0, locked_until=None))
            audit(conn, actor=name, action="login", entity=f"operator:{name}", at=now)
            return SigninResult(_info(row))
        failed = row.failed_count + 1
        delay = policy.delay_after(failed)
        conn.execute(update(T_OPERATOR).where(T_OPERATOR.c.id == row.id).values(
            failed_count=failed,
            locked_until=now + timedelta(seconds=delay) if delay else None))
        audit(conn, actor=name, action="login.failed", entity=f"operator:{name}", at=now,
              detail={"failures": failed, "delay_seconds": delay})
        return SigninResult(None)  # the same answer as an unknown name


def audit_rows(engine: Engine, limit: int = 200) -> list[Any]:
    with read_tx(engine) as conn:
        return list(conn.execute(select(T_AUDIT).order_by(T_AUDIT.c.id.desc()).limit(limit)))
