"""The push pipeline's sender: hand-over order, and nothing new on the wire after a failure."""

from __future__ import annotations

import threading

import pytest

from regdesk.sync.sender import HeldBack, PipelinedSender


class Wire:
    """A fake HQ connection that records what was sent and fails on demand."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.fail: set[bytes] = set()
        self.gate = threading.Event()
        self.gate.set()
        self.in_the_air = 0
        self.most_in_the_air = 0
        self._lock = threading.Lock()

    def send(self, body: bytes) -> bytes:
        with self._lock:
            self.sent.append(body)
            self.in_the_air += 1
            self.most_in_the_air = max(self.most_in_the_air, self.in_the_air)
        try:
            self.gate.wait(5)
            if body in self.fail:
                self.fail.discard(body)  # fails once
                raise ConnectionError(body.decode())
            return b"ok:" + body
        finally:
            with self._lock:
                self.in_the_air -= 1


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        deadline.wait(0.01)
    raise AssertionError("condition not reached")


def test_one_wide_sends_one_at_a_time_in_hand_over_order() -> None:
    wire = Wire()
    wire.gate.clear()  # hold the first send so the rest queue up behind it
    with PipelinedSender(wire.send, width=1) as sender:
        futures = [sender.submit(str(i).encode()) for i in range(20)]
        wire.gate.set()
        assert [f.result(5) for f in futures] == [b"ok:" + str(i).encode() for i in range(20)]
    assert wire.sent == [str(i).encode() for i in range(20)]
    assert wire.most_in_the_air == 1


def test_two_wide_keeps_two_in_the_air_and_starts_them_in_order() -> None:
    wire = Wire()
    wire.gate.clear()
    with PipelinedSender(wire.send, width=2) as sender:
        futures = [sender.submit(str(i).encode()) for i in range(6)]
        wait_until(lambda: wire.in_the_air == 2)
        assert sorted(wire.sent) == [b"0", b"1"]  # the first two, both on the wire at once
        wire.gate.set()
        assert [f.result(5) for f in futures] == [b"ok:" + str(i).encode() for i in range(6)]
    assert wire.most_in_the_air == 2


def test_after_a_failure_later_bodies_are_held_back_until_a_retry_gets_through() -> None:
    wire = Wire()
    wire.fail.add(b"1")
    wire.gate.clear()
    with PipelinedSender(wire.send, width=1) as sender:
        first, second, third = (sender.submit(b) for b in (b"1", b"2", b"3"))
        wire.gate.set()
        with pytest.raises(ConnectionError):
            first.result(5)
        for held in (second, third):
            with pytest.raises(HeldBack):
                held.result(5)
        assert wire.sent == [b"1"]  # nothing new reached HQ after the failure
        with pytest.raises(HeldBack):  # still failing: a plain submit waits its turn
            sender.submit(b"4").result(5)
        assert sender.submit(b"1", retry=True).result(5) == b"ok:1"
        again = [sender.submit(b) for b in (b"2", b"3")]
        assert [f.result(5) for f in again] == [b"ok:2", b"ok:3"]
    assert wire.sent == [b"1", b"1", b"2", b"3"]


def test_close_drops_what_has_not_started() -> None:
    wire = Wire()
    wire.gate.clear()
    sender = PipelinedSender(wire.send, width=1)
    running = sender.submit(b"a")
    queued = [sender.submit(b) for b in (b"b", b"c")]
    wait_until(running.running)
    threading.Timer(0.2, wire.gate.set).start()
    sender.close()
    assert running.result(5) == b"ok:a"
    assert all(f.cancelled() for f in queued)
    assert wire.sent == [b"a"]
