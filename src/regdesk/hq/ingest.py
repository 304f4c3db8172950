"""``push``: validate and store a batch of registrations, all in one transaction.

Order of checks per record: forbidden (other village) → stale / resend / conflict (against
the newest stored version of the uuid) → rejected (domain validation errors) → duplicate
(NIK held by another uuid) → accepted (member number + signed card). CPU-heavy validation
runs before the write lock is taken; the transaction does one SELECT per table for the whole
batch and bulk Core writes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, Row, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from regdesk.domain.canonical import canonical_json, payload_hash, text_hash
from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import Problem, has_errors
from regdesk.domain.regions import normalize_region_code
from regdesk.domain.registration import Registration, registration_from_dict
from regdesk.domain.validation import ValidationContext, validate_registration
from regdesk.hq import counters
from regdesk.hq.db import is_sqlite, read_tx, write_tx
from regdesk.hq.devices import DeviceInfo
from regdesk.hq.membernumber import member_number
from regdesk.hq.tables import T_BATCH, T_MEMBER, T_REG
from regdesk.hq.timeutil import utcnow
from regdesk.transfer.signing import sign_card
from regdesk.wire.push import Outcome, PushRequest

log = logging.getLogger(__name__)
_RETRIES = 3


class BatchReused(ValueError):
    """The batch_id was already used by another device or with other content."""


@dataclass
class _Item:
    """One record of the batch while it is being decided."""

    uuid: str
    version: int
    payload: dict[str, Any]
    text: str  # canonical JSON of the payload (stored as is)
    hash: str
    claimed_village: str | None = None
    reg: Registration | None = None
    problems: list[Problem] = field(default_factory=list)
    result: dict[str, Any] | None = None
    answer: str | None = None  # the result as JSON text, once final
    store: bool = False

    @classmethod
    def of(cls, uuid: str, version: int, payload: dict[str, Any]) -> _Item:
        text = canonical_json(payload)
        return cls(uuid, version, payload, text, text_hash(text))

    def answer_text(self) -> str:
        if self.answer is None:
            self.answer = json.dumps(self.result, separators=(",", ":"))
        return self.answer


def _load_members(conn: Connection, uuids: list[str], niks: list[str]) -> list[Row[Any]]:
    """Members holding any of ``uuids`` or ``niks``: two index lookups (PostgreSQL plans
    ``uuid IN … OR nik IN …`` as a scan that grows with the table)."""
    rows = {r.uuid: r for r in conn.execute(select(T_MEMBER).where(T_MEMBER.c.uuid.in_(uuids)))}
    if niks:
        for r in conn.execute(select(T_MEMBER).where(T_MEMBER.c.nik.in_(niks))):
            rows.setdefault(r.uuid, r)
    return list(rows.values())


@dataclass
class _Presigned:
    """Member numbers reserved and cards signed before the write lock."""

    numbers: dict[str, str] = field(default_factory=dict)
    cards: dict[tuple[str, int, str, date], str] = field(default_factory=dict)


def _problems_out(problems: list[Problem]) -> list[dict[str, Any]]:
    return [p.as_dict() for p in problems]


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


def request_hash(request: PushRequest, items: list[_Item]) -> str:
    """Fingerprint of the batch content (uuid, version, local_ref, payload hash per record)."""
    return payload_hash([[i.uuid, i.version, r.local_ref, i.hash]
                         for i, r in zip(items, request.records, strict=True)])


def stored_answer(conn: Connection, batch_id: str, device_id: str, req_hash: str) -> str | None:
    row = conn.execute(select(T_BATCH).where(T_BATCH.c.batch_id == batch_id)).first()
    if row is None:
        return None
    if row.device_id != device_id or row.request_hash != req_hash:
        raise BatchReused("batch_id already used for a different batch")
    return str(row.response)


def _bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Core executemany with a cached compiled statement. On PostgreSQL a RETURNING clause
    makes SQLAlchemy batch the rows into multi-row INSERTs ("insertmanyvalues")."""
    stmt = insert(table)
    if conn.dialect.name == "postgresql":
        stmt = stmt.returning(*table.primary_key.columns)
        conn.execute(stmt, rows).all()
    else:
        conn.execute(stmt, rows)


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
                for item in items:
                    item.result, item.answer, item.store = None, None, False
        raise AssertionError("unreachable")

    def _presign(self, device: DeviceInfo, items: list[_Item], ctx: ValidationContext,
                 today: date) -> _Presigned:
        """Sign the cards of the records that will probably be accepted *before* the write
        lock (signing is the costliest step inside it). New member numbers are reserved in a
        short transaction; a wrong guess (a concurrent push) only leaves a gap in numbers."""
        out = _Presigned()
        candidates = [i for i in items if i.reg is not None and not has_errors(i.problems)
                      and i.claimed_village == device.village_code]
        if not candidates:
            return out
        uuids = list({i.uuid for i in candidates})
        niks = list({i.reg.nik for i in candidates if i.reg is not None})
        with read_tx(self._engine) as conn:
            versions = dict(conn.execute(select(T_REG.c.uuid, T_REG.c.version)
                                         .where(T_REG.c.uuid.in_(uuids))).all())
            members = _load_members(conn, uuids, niks)
        by_uuid = {m.uuid: m for m in members}
        nik_holder = {m.nik: m.uuid for m in members}
        planned: list[tuple[_Item, str | None, date]] = []
        seen: set[str] = set()
        for item in candidates:
            assert item.reg is not None
            known = versions.get(item.uuid)
            holder = nik_holder.get(item.reg.nik)
            if item.uuid in seen or (known is not None and item.version <= known) or (
                    holder is not None and holder != item.uuid):
                continue
            seen.add(item.uuid)
            nik_holder[item.reg.nik] = item.uuid
            m = by_uuid.get(item.uuid)
            planned.append((item, m.member_number if m else None, m.since if m else today))
        fresh = [item for item, number, _ in planned if number is None]
        if fresh:
            with write_tx(self._engine, durable=False) as conn:  # unused numbers = gaps
                first = counters.allocate(conn, counters.MEMBER, len(fresh))
            out.numbers = {item.uuid: member_number(first + k) for k, item in enumerate(fresh)}
        for item, number, since in planned:
            assert item.reg is not None
            number = number or out.numbers[item.uuid]
            out.cards[(item.uuid, item.version, number, since)] = self._card(
                item.reg, number, since, ctx)
        return out

    def _decide_and_store(self, conn: Connection, device: DeviceInfo, batch_id: str,
                          req_hash: str, items: list[_Item], ctx: ValidationContext,
                          today: date, presigned: _Presigned) -> str:
        uuids = list({i.uuid for i in items})
        niks = list({i.reg.nik for i in items if i.reg is not None})
        existing = {r.uuid: r for r in conn.execute(
            select(T_REG.c.uuid, T_REG.c.village_code, T_REG.c.version, T_REG.c.payload_hash,
                   T_REG.c.answer).where(T_REG.c.uuid.in_(uuids)))}
        members = _load_members(conn, uuids, niks)
        by_uuid = {m.uuid: dict(m._mapping) for m in members}
        by_nik = {m.nik: dict(m._mapping) for m in members}
        # uuid → (version, payload hash, stored answer JSON or the item deciding it, village)
        latest: dict[str, tuple[int, str, str | _Item, str]] = {
            u: (r.version, r.payload_hash, r.answer, r.village_code) for u, r in existing.items()
        }
        new_members: list[_Item] = []
        forbidden = 0
        for item in items:
            base = {"uuid": item.uuid, "version": item.version}
            known = latest.get(item.uuid)
            if (item.claimed_village is not None and item.claimed_village != device.village_code) \
                    or (known is not None and known[3] != device.village_code):
                item.result = {**base, "outcome": Outcome.FORBIDDEN.value}
                forbidden += 1
                continue
            if known is not None and item.version < known[0]:
                item.result = {**base, "outcome": Outcome.STALE.value}
                continue
            if known is not None and item.version == known[0]:
                if item.hash != known[1]:
                    item.result = {**base, "outcome": Outcome.CONFLICT.value}
                elif isinstance(known[2], _Item):  # repeated inside this batch
                    item.result = known[2].result
                else:  # a re-send: the stored answer, byte for byte
                    item.answer = known[2]
                    item.result = json.loads(known[2])
                continue
            item.store = True
            latest[item.uuid] = (item.version, item.hash, item, device.village_code)
            if item.reg is None or has_errors(item.problems):
                item.result = {**base, "outcome": Outcome.REJECTED.value,
                               "problems": _problems_out(item.problems)}
                continue
            holder = by_nik.get(item.reg.nik)
            if holder is not None and holder["uuid"] != item.uuid:
                item.result = {**base, "outcome": Outcome.DUPLICATE.value, "duplicate_of": {
                    "village_code": holder["village_code"],
                    "village_name": ctx.regions.name(holder["village_code"]),
                    "since": holder["since"].isoformat(),
                }}
                continue
            member = by_uuid.get(item.uuid)
            if member is None:
                member = {"uuid": item.uuid, "member_number": None, "nik": item.reg.nik,
                          "village_code": device.village_code, "since": today, "new": True}
                by_uuid[item.uuid] = member
                new_members.append(item)
            elif member["nik"] != item.reg.nik:
                by_nik.pop(member["nik"], None)
                member["nik"], member["nik_changed"] = item.reg.nik, True
            by_nik[item.reg.nik] = member
            item.result = {**base, "outcome": Outcome.ACCEPTED.value}
        if forbidden:
            log.warning("push batch %s from device %s: %d record(s) of another village "
                        "forbidden", batch_id, device.id, forbidden)

        unreserved = [i for i in new_members if i.uuid not in presigned.numbers]
        for item in new_members:
            by_uuid[item.uuid]["member_number"] = presigned.numbers.get(item.uuid)
        if unreserved:
            first = counters.allocate(conn, counters.MEMBER, len(unreserved))
            for i, item in enumerate(unreserved):
                by_uuid[item.uuid]["member_number"] = member_number(first + i)
        to_store = [i for i in items if i.store]
        seq = counters.allocate(conn, counters.SEQ, len(to_store)) if to_store else 0
        now = utcnow()
        new_rows: list[dict[str, Any]] = []
        upd_rows: list[dict[str, Any]] = []
        inserted: set[str] = set()
        for n, item in enumerate(to_store):
            assert item.result is not None
            number = card = None
            if item.result["outcome"] == Outcome.ACCEPTED.value:
                assert item.reg is not None
                member = by_uuid[item.uuid]
                number = member["member_number"]
                card = presigned.cards.get((item.uuid, item.version, number, member["since"]))
                if card is None:
                    card = self._card(item.reg, number, member["since"], ctx)
                item.result["member_number"] = number
                item.result["card_qr"] = card
                warnings = _problems_out(item.problems)
                if warnings:
                    item.result["problems"] = warnings
            elif item.uuid in by_uuid:
                number = by_uuid[item.uuid]["member_number"]
            keeps_nik = item.result["outcome"] in (Outcome.ACCEPTED.value, Outcome.DUPLICATE.value)
            row = {
                "uuid": item.uuid, "village_code": device.village_code, "device_id": device.id,
                "version": item.version, "payload_hash": item.hash,
                "payload": item.text, "status": item.result["outcome"],
                "nik": item.reg.nik if item.reg is not None and keeps_nik else None,
                "member_number": number, "card_qr": card,
                "answer": item.answer_text(),
                "seq": seq + n, "received_at": now,
            }
            if item.uuid in existing or item.uuid in inserted:
                upd_rows.append(row)
            else:
                new_rows.append(row)
                inserted.add(item.uuid)
        if new_rows:
            _bulk_insert(conn, T_REG, new_rows)
        if upd_rows:
            cols = [c for c in upd_rows[0] if c != "uuid"]
            conn.execute(
                update(T_REG).where(T_REG.c.uuid == bindparam("b_uuid"))
                .values({c: bindparam(c) for c in cols}),
                [{**r, "b_uuid": r["uuid"]} for r in upd_rows],
            )
        self._store_members(conn, by_uuid)
        # the same text json.dumps({"batch_id": …, "results": […]}) gives, without
        # encoding every result twice
        response = (f'{{"batch_id":{json.dumps(batch_id)},"results":['
                    f'{",".join(i.answer_text() for i in items)}]}}')
        conn.execute(insert(T_BATCH).values(batch_id=batch_id, device_id=device.id,
                                            request_hash=req_hash, response=response,
                                            created_at=now))
        return response

    @staticmethod
    def _store_members(conn: Connection, by_uuid: dict[str, dict[str, Any]]) -> None:
        fresh = [m for m in by_uuid.values() if m.get("new")]
        changed = [m for m in by_uuid.values() if m.get("nik_changed") and not m.get("new")]
        if changed:  # free the old NIKs first, then take the new ones
            conn.execute(update(T_MEMBER).where(T_MEMBER.c.uuid == bindparam("b_uuid"))
                         .values(nik=bindparam("tmp")),
                         [{"b_uuid": m["uuid"], "tmp": "~" + m["member_number"][:15]}
                          for m in changed])
            conn.execute(update(T_MEMBER).where(T_MEMBER.c.uuid == bindparam("b_uuid"))
                         .values(nik=bindparam("nik")),
                         [{"b_uuid": m["uuid"], "nik": m["nik"]} for m in changed])
        if fresh:
            _bulk_insert(conn, T_MEMBER, [
                {k: m[k] for k in ("uuid", "member_number", "nik", "village_code", "since")}
                for m in fresh
            ])

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
