"""The push pipeline's sender: strict order, and nothing new on the wire after a failure."""

from __future__ import annotations

import threading

import pytest

from regdesk.sync.sender import HeldBack, OrderedSender


class Wire:
    """A fake HQ connection that records what was sent and fails on demand."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.fail: set[bytes] = set()
        self.gate = threading.Event()
        self.gate.set()

    def send(self, body: bytes) -> bytes:
        self.gate.wait(5)
        self.sent.append(body)
        if body in self.fail:
            self.fail.discard(body)  # fails once
            raise ConnectionError(body.decode())
        return b"ok:" + body


def test_bodies_go_out_one_at_a_time_in_hand_over_order() -> None:
    wire = Wire()
    wire.gate.clear()  # hold the first send so the rest queue up behind it
    with OrderedSender(wire.send) as sender:
        futures = [sender.submit(str(i).encode()) for i in range(20)]
        wire.gate.set()
        assert [f.result(5) for f in futures] == [b"ok:" + str(i).encode() for i in range(20)]
    assert wire.sent == [str(i).encode() for i in range(20)]


def test_after_a_failure_later_bodies_are_held_back_until_the_retry() -> None:
    wire = Wire()
    wire.fail.add(b"1")
    wire.gate.clear()
    with OrderedSender(wire.send) as sender:
        first, second, third = (sender.submit(b) for b in (b"1", b"2", b"3"))
        wire.gate.set()
        with pytest.raises(ConnectionError):
            first.result(5)
        for held in (second, third):
            with pytest.raises(HeldBack):
                held.result(5)
        assert wire.sent == [b"1"]  # nothing new reached HQ after the failure
        assert sender.submit(b"1", first=True).result(5) == b"ok:1"
        again = [sender.submit(b) for b in (b"2", b"3")]
        assert [f.result(5) for f in again] == [b"ok:2", b"ok:3"]
    assert wire.sent == [b"1", b"1", b"2", b"3"]


def test_close_drops_what_has_not_started() -> None:
    wire = Wire()
    wire.gate.clear()
    sender = OrderedSender(wire.send)
    running = sender.submit(b"a")
    queued = [sender.submit(b) for b in (b"b", b"c")]
    for _ in range(500):
        if running.running():
            break
        threading.Event().wait(0.01)
    threading.Timer(0.2, wire.gate.set).start()
    sender.close()
    assert running.result(5) == b"ok:a"
    assert all(f.cancelled() for f in queued)
    assert wire.sent == [b"a"]
