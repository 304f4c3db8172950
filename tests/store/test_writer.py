"""The one desk writer: write transactions queue in arrival order and never nest."""

from __future__ import annotations

import threading
import time

import pytest
from tests.factories import valid_registration_data

from regdesk.domain.registration import registration_from_dict
from regdesk.store.writer import FairLock, NestedWrite


def wait_until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.005)


def test_fair_lock_serves_in_arrival_order() -> None:
    lock = FairLock()
    order: list[int] = []
    lock.acquire()
    threads = []
    for n in range(5):
        thread = threading.Thread(target=lambda n=n: (lock.acquire(), order.append(n),
                                                      lock.release()))
        thread.start()
        wait_until(lambda n=n: lock.waiting() == n + 1)  # queued before the next comes
        threads.append(thread)
    lock.release()
    for thread in threads:
        thread.join(10)
    assert order == [0, 1, 2, 3, 4]
    assert lock.waiting() == 0


def test_fair_lock_refuses_nesting_and_foreign_release() -> None:
    lock = FairLock()
    with lock:
        with pytest.raises(NestedWrite):
            lock.acquire()
        failed: list[BaseException] = []

        def release_elsewhere() -> None:
            try:
                lock.release()
            except RuntimeError as exc:
                failed.append(exc)

        thread = threading.Thread(target=release_elsewhere)
        thread.start()
        thread.join(10)
        assert len(failed) == 1
    with lock:  # still usable
        pass


def test_nested_store_write_raises_and_rolls_back(store, admin) -> None:
    with pytest.raises(NestedWrite), store.write():
        store.set_setting("bench.flag", True, user=admin)
    assert store.get_setting("bench.flag") is None
    store.set_setting("bench.flag", True, user=admin)  # the lock was released
    assert store.get_setting("bench.flag") is True


def test_a_save_waits_for_the_writers_before_it_not_after(store, admin) -> None:
    """A save queued behind a held write runs before a write queued after it."""
    reg, _ = registration_from_dict(valid_registration_data())
    assert reg is not None
    events: list[str] = []
    release = threading.Event()

    def hold() -> None:
        with store.write():
            events.append("held")
            release.wait(10)

    def save() -> None:
        store.add(reg, user=admin)
        events.append("saved")

    def later() -> None:
        store.set_setting("later", 1, user=admin)
        events.append("later")

    holder = threading.Thread(target=hold)
    holder.start()
    wait_until(lambda: events == ["held"])
    saver = threading.Thread(target=save)
    saver.start()
    wait_until(lambda: store._write_lock.waiting() == 1)
    follower = threading.Thread(target=later)
    follower.start()
    wait_until(lambda: store._write_lock.waiting() == 2)
    release.set()
    for thread in (holder, saver, follower):
        thread.join(10)
    assert events == ["held", "saved", "later"]
    assert store.count() == 1


def test_give_way_waits_while_another_thread_writes_and_not_for_its_own() -> None:
    lock = FairLock()
    assert lock.give_way() is False  # nobody writes: returns at once
    lock.acquire()
    assert lock.give_way() is False  # the holder never waits for itself
    waited: list[tuple[bool, float]] = []

    def job() -> None:
        start = time.monotonic()
        waited.append((lock.give_way(timeout=5), time.monotonic() - start))

    thread = threading.Thread(target=job)
    thread.start()
    time.sleep(0.1)
    assert not waited  # still waiting for the write
    lock.release()
    thread.join(5)
    assert waited[0][0] is True and 0.05 < waited[0][1] < 4


def test_give_way_waits_once_for_a_long_write() -> None:
    lock = FairLock()
    held = threading.Event()
    done = threading.Event()

    def long_write() -> None:
        with lock:
            held.set()
            done.wait(10)

    thread = threading.Thread(target=long_write)
    thread.start()
    held.wait(5)
    assert lock.give_way(timeout=0.05) is True  # waited, timed out
    start = time.monotonic()
    assert lock.give_way(timeout=5) is False  # the same write: not again
    assert time.monotonic() - start < 1
    done.set()
    thread.join(5)
    assert lock.give_way() is False
