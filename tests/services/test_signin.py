"""Sign-in: a growing wait after wrong passwords, a lock an admin lifts, the same answer and
work for unknown names, and every attempt audited (policy: resources/data/signin.json)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.services.support import NOW, PASSWORD

from regdesk import masterdata
from regdesk.domain.signin import SigninPolicy
from regdesk.i18n import render
from regdesk.services import users
from regdesk.services.errors import PermissionDenied
from regdesk.store import (
    AccountLocked,
    AuthenticationFailed,
    SigninThrottled,
    Store,
    UserInfo,
)

POLICY = masterdata.signin_policy()


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def moved(store: Store) -> Clock:
    moved = Clock()
    store.clock = moved  # type: ignore[method-assign]
    return moved


def _fail(store: Store, name: str = "ani") -> AuthenticationFailed:
    with pytest.raises(AuthenticationFailed) as caught:
        users.authenticate(store, name, "salah-sandi")
    return caught.value


def _audit_actions(store: Store, supervisor: UserInfo) -> list[str]:
    from sqlmodel import select

    from regdesk.store.models import AuditEntry

    with store.read() as session:
        return [a.action for a in session.exec(select(AuditEntry)).all()
                if a.action.startswith("user.signin")]


def test_the_wait_grows_then_the_account_locks(store: Store, operator: UserInfo,
                                               moved: Clock, admin: UserInfo) -> None:
    for _ in range(POLICY.free_failures):
        assert type(_fail(store)) is AuthenticationFailed  # no wait yet
    refused = _fail(store)
    assert isinstance(refused, SigninThrottled) and refused.seconds == POLICY.base_delay_seconds
    assert "Coba lagi dalam 2 detik" in render(refused.problems[0], "id")
    with pytest.raises(SigninThrottled):  # even the right password waits
        users.authenticate(store, "ani", PASSWORD)
    for failures in range(POLICY.free_failures, POLICY.lockout_after):
        moved.now += timedelta(seconds=POLICY.delay_after(failures))
        _fail(store)
    moved.now += timedelta(hours=1)
    with pytest.raises(AccountLocked):  # the right password too, until an admin lifts it
        users.authenticate(store, "ani", PASSWORD)
    with pytest.raises(PermissionDenied):
        users.unlock(store, "ani", acting=operator)
    assert users.unlock(store, "ani", acting=admin) is True
    assert users.authenticate(store, "ani", PASSWORD).username == "ani"
    assert users.unlock(store, "ani", acting=admin) is False  # nothing left to lift


def test_a_right_password_resets_the_count(store: Store, operator: UserInfo,
                                           moved: Clock) -> None:
    for _ in range(POLICY.free_failures):
        _fail(store)
    moved.now += timedelta(seconds=POLICY.base_delay_seconds)
    users.authenticate(store, "ani", PASSWORD)
    for _ in range(POLICY.free_failures):
        assert type(_fail(store)) is AuthenticationFailed


def test_unknown_names_get_the_same_answer_and_the_same_work(store: Store, operator: UserInfo,
                                                             moved: Clock) -> None:
    known, unknown = _fail(store, "ani"), _fail(store, "siapa")
    assert known.problems == unknown.problems
    for _ in range(POLICY.free_failures):
        _fail(store, "siapa")
    assert isinstance(_fail(store, "siapa"), SigninThrottled)



def test_an_unknown_name_costs_one_full_verification(store: Store, operator: UserInfo,
                                                     moved: Clock,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from regdesk.store import users as store_users

    verified: list[str] = []
    real = store_users._hasher

    class Counting:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def verify(self, stored: str, password: str) -> bool:
            verified.append(stored)
            return real.verify(stored, password)

    monkeypatch.setattr(store_users, "_hasher", Counting())
    _fail(store, "siapa-saja")
    _fail(store, "ani")
    assert len(verified) == 2 and all(h.startswith("$argon2id$") for h in verified)
    assert verified[0].split("$")[3] == verified[1].split("$")[3]  # the same parameters


def test_every_attempt_is_audited(store: Store, operator: UserInfo, supervisor: UserInfo,
                                  moved: Clock) -> None:
    users.authenticate(store, "ani", PASSWORD)
    for _ in range(POLICY.free_failures):
        _fail(store)
    _fail(store)  # refused while waiting
    assert _audit_actions(store, supervisor) == (
        ["user.signin"] + ["user.signin_failed"] * POLICY.free_failures
        + ["user.signin_refused"])


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40))
def test_the_wait_never_shrinks_and_stays_bounded(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert 0 <= POLICY.delay_after(low) <= POLICY.delay_after(high) <= POLICY.max_delay_seconds
    assert POLICY.locked(high) or not POLICY.locked(low)


def test_the_policy_is_read_from_its_data_file() -> None:
    assert SigninPolicy(3, 2, 60, 10) == POLICY
    assert POLICY.wait_left(4, NOW, NOW + timedelta(seconds=1.5)) == 3


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 40), st.integers(0, 120_000))
def test_the_wait_left_counts_down_to_zero(failures: int, after_ms: int) -> None:
    """Whole seconds, rounded up while a wait runs, and 0 once it is over: a free failure
    never makes the next attempt (a script's retry a moment later) wait a second."""
    left = POLICY.wait_left(failures, NOW, NOW + timedelta(milliseconds=after_ms))
    delay_ms = POLICY.delay_after(failures) * 1000
    assert left == (0 if after_ms >= delay_ms else math.ceil((delay_ms - after_ms) / 1000))
    assert POLICY.wait_left(1, NOW, NOW + timedelta(milliseconds=50)) == 0
