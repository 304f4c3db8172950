"""Membership at HQ: who issues KPJ numbers, the lifecycle rules, and the ``membership``
changes a desk pulls (KPJ, paid periods, end, and HQ's reading of the state on its day).

The **membership authority** (``hq_setting`` ``membership_authority``):

- ``bpjstk-file`` (the default): KPJ numbers and payments arrive by import of the files BPJS
  Ketenagakerjaan sends (``regdesk-hq import-members`` / ``import-payments``);
- ``local``: HQ is itself the issuing office (a pilot) and gives a KPJ-format number
  (:func:`regdesk.hq.numbers.local_kpj`) to every registration it accepts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from regdesk import masterdata
from regdesk.domain.cardpayload import CardPayload
from regdesk.domain.lifecycle import LifecycleRules, Member, Payment, Stage, status_on
from regdesk.domain.masking import mask_nik
from regdesk.domain.registration import registration_from_dict
from regdesk.hq import audit, counters
from regdesk.hq.db import write_tx
from regdesk.hq.numbers import local_kpj
from regdesk.hq.tables import T_MEMBER, T_MEMBERSHIP, T_PAYMENT, T_REG, T_SETTING
from regdesk.transfer.signing import sign_card

AUTHORITY = "membership_authority"
LIFECYCLE = "lifecycle"


class Authority(StrEnum):
    BPJSTK_FILE = "bpjstk-file"
    LOCAL = "local"


def _setting(conn: Connection, name: str) -> str | None:
    value = conn.execute(select(T_SETTING.c.value).where(T_SETTING.c.name == name)).scalar()
    return None if value is None else str(value)


def _put_setting(conn: Connection, name: str, value: str) -> None:
    if conn.execute(update(T_SETTING).where(T_SETTING.c.name == name)
                    .values(value=value)).rowcount == 0:
        conn.execute(insert(T_SETTING).values(name=name, value=value))


def authority(conn: Connection) -> Authority:
    """The membership authority in force (``bpjstk-file`` unless set)."""
    return Authority(_setting(conn, AUTHORITY) or Authority.BPJSTK_FILE.value)


def set_authority(engine: Engine, value: str) -> Authority:
    """Set the authority; an unknown value raises ``ValueError`` naming the allowed ones."""
    try:
        chosen = Authority(value)
    except ValueError:
        allowed = ", ".join(a.value for a in Authority)
        raise ValueError(f"{AUTHORITY} {value!r}: must be one of {allowed}") from None
    with write_tx(engine) as conn:
        _put_setting(conn, AUTHORITY, chosen.value)
    return chosen


def lifecycle_setting(conn: Connection) -> tuple[int | None, dict[str, Any]]:
    """HQ's lifecycle rules (the whole ``lifecycle.json`` form) and the seq they were set at;
    ``None`` and the shipped rules until HQ sets its own."""
    stored = _setting(conn, LIFECYCLE)
    if stored is None:
        return None, masterdata.lifecycle_dict()
    data = json.loads(stored)
    return int(data["seq"]), dict(data["rules"])


def lifecycle_rules(conn: Connection) -> LifecycleRules:
    return LifecycleRules.from_dict(lifecycle_setting(conn)[1])


def set_lifecycle(engine: Engine, rules: dict[str, Any], *, actor: str = "cli") -> int:
    """Replace the lifecycle rules; malformed rules raise before anything is written.
    Returns their seq (the desks pull them as a ``lifecycle`` change); audited."""
    LifecycleRules.from_dict(rules)
    with write_tx(engine) as conn:
        seq = counters.allocate(conn, counters.SEQ, 1)
        _put_setting(conn, LIFECYCLE, json.dumps({"seq": seq, "rules": rules}, sort_keys=True))
        audit.record(conn, actor=actor, action="rules.set", entity="lifecycle",
                     detail={"seq": seq})
        return seq


def issue_local(conn: Connection, uuids: Sequence[str], *, village_code: str,
                now: datetime) -> dict[str, str]:
    """KPJ-format numbers for newly accepted registrations (``local`` authority), in the
    caller's write transaction; returns them by uuid. Each row gets a seq of its own."""
    if not uuids:
        return {}
    first = counters.allocate(conn, counters.KPJ, len(uuids))
    seq = counters.allocate(conn, counters.SEQ, len(uuids))
    kpjs = {u: local_kpj(first + i) for i, u in enumerate(uuids)}
    conn.execute(insert(T_MEMBERSHIP), [
        {"uuid": u, "village_code": village_code, "kpj": kpjs[u], "ended_on": None,
         "ended_reason": None, "seq": seq + i, "updated_at": now}
        for i, u in enumerate(uuids)])
    return kpjs


def month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class Feed:
    """What the ``membership`` changes need besides the database: HQ's day, the signing key
    (a member card QR with KPJ, state and paid-through as of that day) and region names."""

    today: date
    signing_key: bytes
    region_name: Mapping[str, str]


def _payments_of(conn: Connection, uuids: list[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {u: [] for u in uuids}
    for start in range(0, len(uuids), 500):
        rows = conn.execute(
            select(T_PAYMENT.c.uuid, T_PAYMENT.c.first_month, T_PAYMENT.c.last_month,
                   T_PAYMENT.c.paid_on)
            .where(T_PAYMENT.c.uuid.in_(uuids[start:start + 500]))
            .order_by(T_PAYMENT.c.uuid, T_PAYMENT.c.first_month, T_PAYMENT.c.paid_on,
                      T_PAYMENT.c.id))
        for r in rows:
            found[r.uuid].append(r)
    return found


def _people(conn: Connection, uuids: list[str]) -> dict[str, Any]:
    rows = conn.execute(
        select(T_REG.c.uuid, T_REG.c.payload, T_MEMBER.c.registration_number, T_MEMBER.c.since)
        .join(T_MEMBER, T_MEMBER.c.uuid == T_REG.c.uuid)
        .where(T_REG.c.uuid.in_(uuids)))
    return {r.uuid: r for r in rows}


def _card(person: Any, kpj: str, standing: Any, feed: Feed) -> str | None:
    reg, _problems = registration_from_dict(json.loads(person.payload))
    if reg is None:
        return None
    payload = CardPayload(
        member_number=person.registration_number, name=reg.full_name,
        nik_masked=mask_nik(reg.nik), programmes=reg.programmes,
        village_code=reg.village_code, village_name=feed.region_name.get(reg.village_code, ""),
        registered_on=person.since, valid_from=reg.start_month or person.since, kpj=kpj,
        state=standing.state.value, paid_through=standing.paid_through, as_of=feed.today)
    return sign_card(payload, feed.signing_key)


def membership_changes(conn: Connection, rows: Iterable[Any], feed: Feed,
                       rules: LifecycleRules) -> list[dict[str, Any]]:
    """``MembershipChange`` dicts for ``hq_membership`` rows (in their order)."""
    rows = list(rows)
    uuids = [r.uuid for r in rows]
    payments = _payments_of(conn, uuids)
    people = _people(conn, uuids)
    out = []
    for r in rows:
        paid = payments[r.uuid]
        member = Member(Stage.ACCEPTED, r.kpj, tuple(
            Payment(p.first_month, p.last_month, p.paid_on) for p in paid), r.ended_on)
        standing = status_on(member, feed.today, rules)
        person = people.get(r.uuid)
        card = _card(person, r.kpj, standing, feed) if person is not None and r.kpj else None
        out.append({
            "kind": "membership", "seq": r.seq, "uuid": r.uuid,
            "registration_number": None if person is None else person.registration_number,
            "kpj": r.kpj,
            "payments": [{"first_month": month_text(p.first_month),
                          "last_month": month_text(p.last_month),
                          "paid_on": p.paid_on.isoformat()} for p in paid],
            "ended_on": None if r.ended_on is None else r.ended_on.isoformat(),
            "ended_reason": r.ended_reason, "state": standing.state.value,
            "paid_through": _iso(standing.paid_through), "next_due": _iso(standing.next_due),
            "as_of": feed.today.isoformat(), "card_qr": card,
        })
    return out


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
