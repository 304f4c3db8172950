"""One sync pass: push the outbox in frozen batches, then pull changes since the cursor.

Crash safety comes from the order of commits: a batch is claimed (committed) before it is
sent; answers are applied in one transaction; so a pass killed anywhere resumes by sending the
same batch again, and HQ answers it from its idempotency record. The engine reaches the desk
database only through the ``Store`` facade, one short transaction per batch or pulled page.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field

from regdesk.store import Store
from regdesk.store.outbox import Batch
from regdesk.sync.backoff import Backoff
from regdesk.sync.batches import answers_from, batch_body
from regdesk.sync.client import HqClient
from regdesk.sync.errors import Kind, SyncError
from regdesk.sync.sender import HeldBack, PipelinedSender
from regdesk.wire import PushResponse

log = logging.getLogger(__name__)
DEFAULT_BATCH_SIZE = 100
DEFAULT_PIPELINE_DEPTH = 4  # batches in the air at once, one connection each (a slow link
#                            and a multi-worker HQ both want several)
NEEDS_ATTENTION = frozenset({"rejected", "duplicate", "conflict", "forbidden", "stale"})


@dataclass
class Progress:
    """A sync event for progress bars (GUI and CLI)."""

    phase: str  # "push" | "pull" | "done"
    sent: int = 0
    total: int = 0
    accepted: int = 0
    needs_attention: int = 0
    pulled: int = 0
    eta_seconds: float | None = None


@dataclass
class SyncSummary:
    sent: int = 0
    accepted: int = 0
    needs_attention: int = 0
    pulled: int = 0
    pending: int = 0
    error: SyncError | None = None
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def all_synced(self) -> bool:
        """True only when nothing at all waits in the outbox and the pass had no error."""
        return self.error is None and self.pending == 0

    def as_dict(self) -> dict[str, object]:
        return {"sent": self.sent, "accepted": self.accepted,
                "needs_attention": self.needs_attention, "pulled": self.pulled,
                "pending": self.pending, "all_synced": self.all_synced,
                "outcomes": self.outcomes,
                "error": self.error.kind.value if self.error else None}


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: HqClient,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        pipeline_depth: int = DEFAULT_PIPELINE_DEPTH,
        max_attempts: int = 5,
        sleep: Callable[[float], None] = time.sleep,
        on_progress: Callable[[Progress], None] | None = None,
        backoff: Backoff | None = None,
    ):
        self.store = store
        self.client = client
        self.batch_size = batch_size
        self.pipeline_depth = max(1, pipeline_depth)
        self.max_attempts = max_attempts
        self.sleep = sleep
        self.on_progress = on_progress or (lambda _p: None)
        self.backoff = backoff or Backoff()

    # -- the pass ---------------------------------------------------------------------
    def run_once(self) -> SyncSummary:
        summary = SyncSummary()
        try:
            self._push(summary)
            self._pull(summary)
        except SyncError as exc:
            summary.error = exc
            if exc.kind is Kind.AUTH:
                self.store.remember_auth_failure()
            log.warning("sync pass stopped: %s", exc.kind.value)
        summary.pending = self.store.pending_count()
        if summary.all_synced:
            self.store.mark_sync_success()
        self.on_progress(Progress("done", summary.sent, summary.sent + summary.pending,
                                  summary.accepted, summary.needs_attention, summary.pulled, 0.0))
        return summary

    def _push(self, summary: SyncSummary) -> None:
        """Send the outbox batch by batch, keeping up to ``pipeline_depth`` batches in the
        air, each on its own connection: while HQ decides one it already reads the next ones,
        and the desk applies the answers to the one before and claims another. Answers are
        applied strictly in claim order; after a failure only the failed batch is retried
        until it gets through. A batch whose answer was not applied stays in flight and is
        resent, same bytes, on the next pass."""
        total = self.store.pending_count()
        started = time.monotonic()
        in_hand: deque[tuple[Batch, bytes, Future[PushResponse]]] = deque()
        with PipelinedSender(self.client.push, width=self.pipeline_depth) as sender:

            def hand_over(batch: Batch | None) -> bool:
                if batch is None:
                    return False
                body = batch_body(batch)
                in_hand.append((batch, body, sender.submit(body)))
                return True

            def held() -> set[str]:
                return {b.batch_id for b, _, _ in in_hand}

            while len(in_hand) < self.pipeline_depth and hand_over(
                    self.store.claim_batch(limit=self.batch_size, held=held())):
                pass
            while in_hand:
                batch, body, future = in_hand[0]
                response = self._await_answer(batch.batch_id, body, future, sender)
                in_hand.popleft()
                for i, (waiting, waiting_body, waiting_for) in enumerate(in_hand):
                    if waiting_for.done() and isinstance(waiting_for.exception(), HeldBack):
                        in_hand[i] = (waiting, waiting_body, sender.submit(waiting_body))
                hand_over(self._apply_and_claim_next(batch, response, summary, held()))
                total = max(total, summary.sent)
                elapsed = time.monotonic() - started
                rate = summary.sent / elapsed if elapsed > 0 else None
                eta = (total - summary.sent) / rate if rate else None
                self.on_progress(Progress("push", summary.sent, total, summary.accepted,
                                          summary.needs_attention, 0, eta))

    def _apply_and_claim_next(self, batch: Batch, response: PushResponse, summary: SyncSummary,
                              held: set[str]) -> Batch | None:
        """Apply HQ's answers to ``batch`` and claim the next batch in the same transaction
        (one commit, one fsync, per batch)."""
        answers = answers_from(response, batch)
        tally, following = self.store.apply_answers_and_claim_next(
            batch.batch_id, answers, limit=self.batch_size, held=held)
        if len(answers) < len(batch.items):
            # HQ skipped some records: they stay in flight and this batch is resent
            raise SyncError(Kind.PROTOCOL, "incomplete answer")
        summary.sent += len(batch.items)
        for outcome, count in tally.items():
            summary.outcomes[outcome] = summary.outcomes.get(outcome, 0) + count
        summary.accepted += tally.get("accepted", 0)
        summary.needs_attention += sum(tally.get(k, 0) for k in NEEDS_ATTENTION)
        return following

    def _await_answer(self, batch_id: str, body: bytes, future: Future[PushResponse],
                      sender: PipelinedSender[PushResponse]) -> PushResponse:
        """HQ's answer to one batch, resending transient failures with backoff (same bytes
        each time; the batches behind it wait)."""
        self.backoff.reset()
        attempt = 1
        while True:
            try:
                return future.result()
            except HeldBack:
                future = sender.submit(body, retry=True)
                continue
            except SyncError as exc:
                self.store.note_failure(batch_id, exc.kind.value)
                if not exc.transient or attempt >= self.max_attempts:
                    raise
                delay = self.backoff.next_delay(exc.retry_after)
                log.info("push failed (%s); retrying in %.1f s", exc.kind.value, delay)
                self.sleep(delay)
                attempt += 1
                future = sender.submit(body, retry=True)

    def _pull(self, summary: SyncSummary) -> None:
        while True:
            cursor = self.store.sync_cursor()
            page = self.client.changes(cursor)
            if page.next_cursor < cursor:
                raise SyncError(Kind.PROTOCOL, "cursor went backwards")
            changes = [c.model_dump(mode="json") for c in page.changes]
            figures = page.figures.model_dump(mode="json") if page.figures else None
            self.store.apply_changes(changes, next_cursor=page.next_cursor,  # one page each
                                     figures=figures)
            summary.pulled += len(changes)
            self.on_progress(Progress("pull", summary.sent, summary.sent, summary.accepted,
                                      summary.needs_attention, summary.pulled))
            if not page.more:
                return
