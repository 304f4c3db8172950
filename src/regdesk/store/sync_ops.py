"""What sync (the HQ engine, its loop and the USB transport) asks of the desk database.

Part of the ``Store`` facade: sync never opens a session. Every method here is one short
transaction (at most one batch or one pulled page), so a clerk's save queued behind sync's
writes waits for one of them at most.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from regdesk.store import outbox, sync_state
from regdesk.store.outbox import Answer, Batch
from regdesk.store.settings import get_setting, set_setting
from regdesk.store.sync_state import Device

if TYPE_CHECKING:
    from sqlmodel import Session


def _new_batch_id() -> str:
    return str(uuid.uuid4())


def _add(total: dict[str, int], tally: Mapping[str, int]) -> None:
    for outcome, count in tally.items():
        total[outcome] = total.get(outcome, 0) + count


class SyncOps:
    """Mixed into ``Store``; uses its ``read``/``write`` transactions and its clock."""

    clock: Callable[[], datetime]

    if TYPE_CHECKING:
        def read(self) -> AbstractContextManager[Session]: ...
        def write(self) -> AbstractContextManager[Session]: ...
        def invalidate_context(self) -> None: ...

    # -- enrolment ----------------------------------------------------------------------
    def sync_device(self) -> Device | None:
        """This desk's HQ enrolment, or None."""
        with self.read() as session:
            return sync_state.get_device(session)

    def enrol_device(self, device: Device, *, cursor: int, actor: str) -> None:
        """Remember a new enrolment (cursor reset, auth failure cleared, audited)."""
        now = self.clock()
        with self.write() as session:
            sync_state.set_device(session, device, cursor=cursor, actor=actor, now=now)

    def sync_auth_failed(self) -> bool:
        with self.read() as session:
            return bool(get_setting(session, sync_state.AUTH_FAILED, False))

    def remember_auth_failure(self) -> None:
        """HQ refused the token: the clerk must re-enrol."""
        with self.write() as session:
            set_setting(session, sync_state.AUTH_FAILED, True)

    # -- push ---------------------------------------------------------------------------
    def pending_count(self) -> int:
        """Outbox entries not yet answered by HQ (queued or in flight)."""
        with self.read() as session:
            return outbox.pending_count(session)

    def claim_batch(self, *, limit: int, held: Iterable[str] = ()) -> Batch | None:
        """Claim (and commit) the next batch to send; see ``outbox.claim_batch``."""
        now = self.clock()
        with self.write() as session:
            return outbox.claim_batch(session, new_batch_id=_new_batch_id(), limit=limit,
                                      now=now, held=list(held))

    def apply_answers_and_claim_next(
        self, batch_id: str, answers: Sequence[Answer], *, limit: int, held: Iterable[str] = ()
    ) -> tuple[dict[str, int], Batch | None]:
        """HQ's answers to one batch applied and the next batch claimed, in one transaction
        (one commit, one fsync, per batch). Returns the outcome tally and the new batch."""
        now = self.clock()
        with self.write() as session:
            tally = outbox.apply_answers(session, batch_id, answers, now=now)
            following = outbox.claim_batch(session, new_batch_id=_new_batch_id(), limit=limit,
                                           now=now, held=list(held))
        return tally, following

    def note_failure(self, batch_id: str, reason: str) -> None:
        """Why sending ``batch_id`` failed (an error class, never personal data)."""
        with self.write() as session:
            outbox.note_failure(session, batch_id, reason)

    def mark_sync_success(self) -> None:
        """Everything reached HQ: remember when."""
        now = self.clock()
        with self.write() as session:
            outbox.mark_success(session, now)

    # -- pull ---------------------------------------------------------------------------
    def sync_cursor(self) -> int:
        with self.read() as session:
            return sync_state.get_cursor(session)

    def apply_changes(self, changes: Sequence[Mapping[str, Any]], *, next_cursor: int,
                      figures: Mapping[str, Any] | None = None) -> dict[str, int]:
        """One pulled page applied and the cursor moved, in one transaction (with the last
        page, HQ's figures of the village); new master data refreshes the validation
        context. Returns how many changes of each kind."""
        now = self.clock()
        with self.write() as session:
            tally = sync_state.apply_changes(session, changes, next_cursor=next_cursor, now=now,
                                             figures=figures)
        if any(kind != "registration" for kind in tally):
            self.invalidate_context()
        return tally

    def village_figures(self) -> dict[str, Any] | None:
        """HQ's figures of the village as last pulled (``pulled_at``: when), or None."""
        with self.read() as session:
            return sync_state.get_figures(session)

    # -- offline transfer ---------------------------------------------------------------
    def claim_all(self, *, limit: int) -> list[Batch]:
        """Every unfinished in-flight batch as it is, then every queued entry claimed into
        new batches of up to ``limit``, in outbox order — one transaction per new batch
        (a crash part-way leaves claimed batches in flight; they are sent again as they are).
        """
        with self.read() as session:
            batches = outbox.in_flight_batches(session)
        while True:
            now = self.clock()
            with self.write() as session:
                batch = outbox.claim_queued(session, batch_id=_new_batch_id(), limit=limit,
                                            now=now)
            if batch is None:
                return batches
            batches.append(batch)

    def apply_receipt(self, answered: Sequence[tuple[str, Sequence[Answer]]]
                      ) -> tuple[dict[str, int], int]:
        """HQ's answers from a receipt, one transaction per batch (idempotent). Returns the
        outcome tally and how many entries still wait."""
        outcomes: dict[str, int] = {}
        for batch_id, answers in answered:
            now = self.clock()
            with self.write() as session:
                _add(outcomes, outbox.apply_answers(session, batch_id, answers, now=now))
        return outcomes, self.pending_count()
