"""Sign-in attempts: throttled after a few failures, locked after many (an admin lifts it),
the same work and answer for unknown names, every attempt audited. Counts live in the
settings table (``signin.<name>``); the policy comes in (``masterdata.signin_policy``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from regdesk.domain.signin import SigninPolicy
from regdesk.store import audit
from regdesk.store.errors import AccountLocked, SigninThrottled, StoreError
from regdesk.store.models import Setting
from regdesk.store.settings import get_setting, set_setting


@dataclass(frozen=True, slots=True)
class Attempts:
    failures: int = 0
    last_failure: datetime | None = None


def _key(name: str) -> str:
    return f"signin.{name}"


def attempts_of(session: Session, name: str) -> Attempts:
    raw = get_setting(session, _key(name))
    if not raw:
        return Attempts()
    return Attempts(int(raw["failures"]), datetime.fromisoformat(raw["last_failure"]))


def refusal(attempts: Attempts, policy: SigninPolicy, now: datetime) -> StoreError | None:
    """Why this attempt is not even tried (locked, or still waiting), else None."""
    if policy.locked(attempts.failures):
        return AccountLocked()
    wait = policy.wait_left(attempts.failures, attempts.last_failure, now)
    return SigninThrottled(wait) if wait else None


def record(session: Session, name: str, *, ok: bool, refused: StoreError | None,
           now: datetime) -> int:
    """Count and audit one attempt in the caller's transaction; returns the failures now."""
    failures = attempts_of(session, name).failures
    if ok:
        failures = 0
        row = session.get(Setting, _key(name))
        if row is not None:
            session.delete(row)
        action = "user.signin"
    elif refused is not None:
        action = "user.signin_refused"
    else:
        failures += 1
        set_setting(session, _key(name), {"failures": failures,
                                          "last_failure": now.isoformat()})
        action = "user.signin_failed"
    audit.record(session, at=now, actor=name, action=action, entity="user", entity_id=name,
                 detail={"failures": failures})
    return failures


def unlock(session: Session, name: str, *, actor: str, now: datetime) -> bool:
    """Lift a lock or a wait (admins); returns whether there was anything to lift."""
    row = session.get(Setting, _key(name))
    if row is None:
        return False
    session.delete(row)
    audit.record(session, at=now, actor=actor, action="user.unlock", entity="user",
                 entity_id=name)
    return True
