"""``push``: validate, decide and store a batch of registrations, all in one transaction.

The acceptance rules are :mod:`regdesk.hq.decide` (pure), the SQL is
:mod:`regdesk.hq.ingest_store`, the answers are :mod:`regdesk.hq.answers` (wire models, each
encoded once). CPU-heavy validation runs before the write lock is taken (and, with several
writers, card signing too); the transaction loads what HQ knows of the batch with one SELECT
per table and writes with bulk Core statements.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from regdesk.domain.canonical import canonical_json, payload_hash, text_hash
from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import Problem, has_errors
from regdesk.domain.regions import normalize_region_code
from regdesk.domain.registration import Registration, registration_from_dict
from regdesk.domain.validation import ValidationContext, validate_registration
from regdesk.hq import answers, counters, funded, membership, spans
from regdesk.hq import ingest_store as store
from regdesk.hq.db import is_sqlite, read_tx, write_tx
from regdesk.hq.decide import (
    Accepted,
    Decision,
    Duplicate,
    Incoming,
    Refused,
    Rejected,
    Repeat,
    Resend,
    Verdict,
    decide_batch,
    is_stored,
)
from regdesk.hq.devices import DeviceInfo
from regdesk.hq.ingest_store import BatchReused, MemberRow, stored_answer
from regdesk.hq.membership import Authority
from regdesk.hq.numbers import registration_number
from regdesk.hq.timeutil import utcnow
from regdesk.transfer.signing import sign_card
from regdesk.wire.push import Outcome, PushRequest

__all__ = ["BatchReused", "Ingestor", "request_hash", "stored_answer"]

log = logging.getLogger(__name__)
_RETRIES = 3
_STATUS = {Rejected: Outcome.REJECTED, Duplicate: Outcome.DUPLICATE, Accepted: Outcome.ACCEPTED}


@dataclass
class _Item:
    """One record of the batch: its payload, canonical text and validation."""

    uuid: str
    version: int
    payload: dict[str, Any]
    text: str  # canonical JSON of the payload (stored as is)
    hash: str
    claimed_village: str | None = None
    reg: Registration | None = None
    problems: list[Problem] = field(default_factory=list)
    priced: funded.Priced | None = None  # a valid registration's funded periods and costs
    programme_problems: list[Problem] = field(default_factory=list)  # judged under the lock

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + self.programme_problems

    @classmethod
    def of(cls, uuid: str, version: int, payload: dict[str, Any]) -> _Item:
        text = canonical_json(payload)
        return cls(uuid, version, payload, text, text_hash(text))

    def incoming(self) -> Incoming:
        reg = self.reg
        return Incoming(self.uuid, self.version, self.hash, self.claimed_village,
                        reg.nik if reg is not None else None,
                        reg is not None and not has_errors(self.all_problems))


def _validate(items: list[_Item], ctx: ValidationContext, today: date) -> None:
    """Domain validation of every record (CPU only; runs before the write lock)."""
    for item in items:
        raw_village = item.payload.get("village_code")
        if isinstance(raw_village, str):
            item.claimed_village = normalize_region_code(raw_village)
        reg, problems = registration_from_dict(item.payload)
        if reg is not None:
            reg, more = validate_registration(reg, today=today, ctx=ctx)
            problems = problems + more
        item.reg, item.problems = reg, problems
        if reg is not None and not has_errors(problems):
            item.priced = funded.priced_periods(item.uuid, reg, ctx)


def request_hash(request: PushRequest, items: list[_Item]) -> str:
    """Fingerprint of the batch content (uuid, version, local_ref, payload hash per record)."""
    return payload_hash([[i.uuid, i.version, r.local_ref, i.hash]
                         for i, r in zip(items, request.records, strict=True)])


def _knowledge_keys(records: list[Incoming]) -> tuple[list[str], list[str]]:
    return [r.uuid for r in records], [r.nik for r in records if r.nik is not None]


@dataclass
class _Presigned:
    """Registration numbers reserved and cards signed before the write lock."""

    numbers: dict[str, str] = field(default_factory=dict)
    cards: dict[tuple[str, int, str, date], str] = field(default_factory=dict)


@dataclass
class _Batch:
    """A decided batch inside its write transaction: its answers and rows."""

    ingestor: Ingestor
    device: DeviceInfo
    ctx: ValidationContext
    items: list[_Item]
    decision: Decision
    numbers: dict[str, str]  # registration number by uuid
    presigned: _Presigned
    texts: list[str] = field(default_factory=list)  # the answers so far, in order

    def answer(self, item: _Item, verdict: Verdict) -> tuple[str, str | None]:
        """The answer text of ``item`` and, when accepted, its card."""
        uuid, version = item.uuid, item.version
        match verdict:
            case Resend(answer=text):
                return text, None
            case Repeat(index=index):
                return self.texts[index], None
            case Refused(outcome=outcome):
                return answers.encode(answers.refused(uuid, version, outcome)), None
            case Rejected():
                return answers.encode(answers.rejected(uuid, version, item.all_problems)), None
            case Duplicate(holder=holder):
                return answers.encode(answers.duplicate(
                    uuid, version, village_code=holder.village_code,
                    village_name=self.ctx.regions.name(holder.village_code),
                    since=holder.since)), None
        number, card = self.card(item)
        return answers.encode(answers.accepted(uuid, version, member_number=number,
                                               card_qr=card, warnings=item.all_problems)), card

    def card(self, item: _Item) -> tuple[str, str]:
        assert item.reg is not None
        since = self.decision.members[item.uuid].since
        number = self.numbers[item.uuid]
        card = self.presigned.cards.get((item.uuid, item.version, number, since))
        if card is None:
            card = self.ingestor._card(item.reg, number, since, self.ctx)
        return number, card

    def row(self, item: _Item, verdict: Verdict, text: str, card: str | None,
            seq: int, now: datetime) -> dict[str, Any]:
        """The ``hq_registration`` row of a stored record."""
        status = _STATUS[type(verdict)]
        keeps_nik = status in (Outcome.ACCEPTED, Outcome.DUPLICATE)
        return {
            "uuid": item.uuid, "village_code": self.device.village_code,
            "device_id": self.device.id, "version": item.version, "payload_hash": item.hash,
            "payload": item.text, "status": status.value,
            "nik": item.reg.nik if item.reg is not None and keeps_nik else None,
            "registration_number": self.numbers.get(item.uuid), "card_qr": card, "answer": text,
            "seq": seq, "received_at": now,
            "review_note": None, "reviewed_at": None,  # a new version: a new question
        }

    def rows(self, seq: int, now: datetime, stored_uuids: Iterable[str]
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Answer every record in order; the rows to insert (uuids new to HQ) and to update
        (stored uuids, or a later version of the same uuid in this batch)."""
        new_rows: list[dict[str, Any]] = []
        upd_rows: list[dict[str, Any]] = []
        seen = set(stored_uuids)
        for item, verdict in zip(self.items, self.decision.verdicts, strict=True):
            text, card = self.answer(item, verdict)
            self.texts.append(text)
            if not is_stored(verdict):
                continue
            (upd_rows if item.uuid in seen else new_rows).append(
                self.row(item, verdict, text, card, seq, now))
            seq += 1
            seen.add(item.uuid)
        return new_rows, upd_rows

    def member_rows(self, uuids: list[str]) -> list[MemberRow]:
        members = self.decision.members
        return [MemberRow(u, self.numbers[u], members[u].nik, members[u].village_code,
                          members[u].since) for u in uuids]


class Ingestor:
    """Decides and stores push batches. Thread-safe; one per process."""

    def __init__(self, engine: Engine, signing_key: bytes) -> None:
        self._engine = engine
        self._key = signing_key

    def push(self, device: DeviceInfo, request: PushRequest, ctx: ValidationContext,
             today: date) -> str:
        """The JSON text of the PushResponse (byte-identical when the batch is re-sent)."""
        batch_id = str(request.batch_id)
        items = [_Item.of(str(r.uuid), r.version, r.payload) for r in request.records]
        req_hash = request_hash(request, items)
        with self._engine.connect() as conn:
            with conn.begin():
                done = stored_answer(conn, batch_id, device.id, req_hash)
            if done is not None:
                return done
        _validate(items, ctx, today)
        # with several writers (PostgreSQL), signing before the lock keeps it short; SQLite
        # has one writer at a time anyway, and signing inside saves a transaction
        presigned = _Presigned() if is_sqlite(self._engine) else self._presign(
            device, items, ctx, today)
        for attempt in range(_RETRIES):
            try:
                with write_tx(self._engine) as conn:
                    done = stored_answer(conn, batch_id, device.id, req_hash)
                    if done is not None:
                        return done
                    return self._decide_and_store(conn, device, batch_id, req_hash, items,
                                                  ctx, today, presigned)
            except IntegrityError:
                if attempt == _RETRIES - 1:
                    raise
                log.warning("push batch %s hit a uniqueness race; retrying", batch_id)
        raise AssertionError("unreachable")

    def _presign(self, device: DeviceInfo, items: list[_Item], ctx: ValidationContext,
                 today: date) -> _Presigned:
        """Sign the cards of the records that will probably be accepted *before* the write
        lock (signing is the costliest step inside it): the batch is decided once on what a
        read transaction sees. New registration numbers are reserved in a short transaction; a
        wrong guess (a concurrent push) only leaves a gap in numbers."""
        out = _Presigned()
        records = [i.incoming() for i in items]
        if not any(r.valid and r.claimed_village == device.village_code for r in records):
            return out
        with read_tx(self._engine) as conn:
            known = store.load_knowledge(conn, *_knowledge_keys(records), answers=False)
        decision = decide_batch(records, known, village=device.village_code, today=today)
        if decision.new_members:
            with write_tx(self._engine, durable=False) as conn:  # unused numbers = gaps
                first = counters.allocate(conn, counters.REGISTRATION, len(decision.new_members))
            out.numbers = {u: registration_number(first + k)
                           for k, u in enumerate(decision.new_members)}
        for item, verdict in zip(items, decision.verdicts, strict=True):
            if isinstance(verdict, Accepted) and item.reg is not None:
                member = decision.members[item.uuid]
                number = member.registration_number or out.numbers[item.uuid]
                out.cards[(item.uuid, item.version, number, member.since)] = self._card(
                    item.reg, number, member.since, ctx)
        return out

    def _decide_and_store(self, conn: Connection, device: DeviceInfo, batch_id: str,
                          req_hash: str, items: list[_Item], ctx: ValidationContext,
                          today: date, presigned: _Presigned) -> str:
        judged = funded.programme_problems(conn, [i.priced for i in items])
        for item, problems in zip(items, judged, strict=True):
            item.programme_problems = problems
        records = [i.incoming() for i in items]
        known = store.load_knowledge(conn, *_knowledge_keys(records))
        decision = decide_batch(records, known, village=device.village_code, today=today)
        if decision.forbidden:
            log.warning("push batch %s from device %s: %d record(s) of another village "
                        "forbidden", batch_id, device.id, decision.forbidden)
        batch = _Batch(self, device, ctx, items, decision,
                       _registration_numbers(conn, decision, presigned), presigned)
        seq = counters.allocate(conn, counters.SEQ, decision.stored) if decision.stored else 0
        now = utcnow()
        new_rows, upd_rows = batch.rows(seq, now, known.registrations.keys())
        store.save_registrations(conn, new_rows, upd_rows)
        if upd_rows:  # a new version may change the occupation its spans are counted in
            spans.refresh(conn, [r["uuid"] for r in upd_rows], occupation_changed=True)
        funded.save_periods(conn, device.village_code, {
            item.uuid: item.priced if isinstance(verdict, Accepted) else None
            for item, verdict in zip(items, decision.verdicts, strict=True)
            if is_stored(verdict)}, known=known.registrations.keys())
        store.save_members(conn, batch.member_rows(decision.new_members),
                           batch.member_rows(decision.nik_changed))
        if decision.new_members and membership.authority(conn) is Authority.LOCAL:
            membership.issue_local(conn, decision.new_members, village_code=device.village_code,
                                   now=now)
        response = answers.batch_answer(batch_id, batch.texts)
        store.save_batch(conn, batch_id=batch_id, device_id=device.id, request_hash=req_hash,
                         response=response, created_at=now)
        return response

    def _card(self, reg: Registration, number: str, since: date,
              ctx: ValidationContext) -> str:
        payload = CardPayload(
            member_number=number,
            name=reg.full_name,
            nik_masked=mask_nik(reg.nik),
            programmes=reg.programmes,
            village_code=reg.village_code,
            village_name=ctx.regions.name(reg.village_code) or "",
            registered_on=since,
            valid_from=reg.start_month or since,
        )
        return sign_card(payload, self._key)


def _registration_numbers(conn: Connection, decision: Decision, presigned: _Presigned
                    ) -> dict[str, str]:
    """Registration numbers by uuid: those HQ has, those reserved before the lock, and fresh ones
    for the new members left."""
    numbers = {u: m.registration_number for u, m in decision.members.items()
               if m.registration_number is not None}
    unreserved = []
    for uuid in decision.new_members:
        if uuid in presigned.numbers:
            numbers[uuid] = presigned.numbers[uuid]
        else:
            unreserved.append(uuid)
    if unreserved:
        first = counters.allocate(conn, counters.REGISTRATION, len(unreserved))
        numbers.update({u: registration_number(first + k) for k, u in enumerate(unreserved)})
    return numbers
