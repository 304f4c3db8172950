"""Funded periods at HQ: which sponsor programme pays which months of whom, and the
per-record programme rule on push (:func:`regdesk.domain.programme_use.period_problems`).

Inside the push's write transaction, :func:`programme_problems` judges the *new* periods of a
batch (a period HQ already stored under the same programme is never judged again, so editing
a phone number after a programme closed is not refused), each record seeing the people and
Rupiah the earlier records of the batch added. :func:`save_periods` rewrites the periods of
the uuids the batch stored.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, select

from regdesk.domain.fees import RateTable
from regdesk.domain.problems import Problem, has_errors
from regdesk.domain.programme_use import (
    FundedPeriod,
    Usage,
    funded_periods,
    period_cost,
    period_problems,
)
from regdesk.domain.programmes import Programme
from regdesk.domain.registration import Registration
from regdesk.domain.validation import ValidationContext, is_transport
from regdesk.hq.ingest_store import bulk_insert
from regdesk.hq.programmes import programmes_by_id
from regdesk.hq.tables import T_FUNDED_PERIOD

__all__ = ["Priced", "priced_periods", "programme_problems", "save_periods"]


@dataclass(frozen=True, slots=True)
class Priced:
    """A record's funded periods with their costs (computed once, before the write lock)."""

    uuid: str
    reg: Registration
    periods: tuple[tuple[FundedPeriod, int], ...]

    def programme_ids(self) -> set[int]:
        return {p.programme_id for p, _ in self.periods if p.programme_id is not None}


class _Prices:
    """Period costs by their fee inputs, for one rate table (a batch prices thousands of
    periods that share a handful of inputs; a 12-month quote costs ~90 µs). Threads may
    share it: a lost update only prices a period again."""

    def __init__(self) -> None:
        self.rates: RateTable | None = None
        self.costs: dict[tuple[object, ...], int] = {}

    def cost(self, rates: RateTable, p: FundedPeriod) -> int:
        if rates is not self.rates or len(self.costs) > 20_000:
            self.rates, self.costs = rates, {}
        key = (p.first_month, p.months, p.income, p.jht, p.transport, p.funding)
        found = self.costs.get(key)
        if found is None:
            found = self.costs[key] = period_cost(rates, p)
        return found


_prices = _Prices()


def priced_periods(uuid: str, reg: Registration, ctx: ValidationContext) -> Priced:
    periods = funded_periods(reg, transport=is_transport(reg, ctx))
    return Priced(uuid, reg, tuple((p, _prices.cost(ctx.rates, p)) for p in periods))


class _Ledger:
    """Usage per programme without the batch's uuids, as the batch adds to it."""

    def __init__(self, conn: Connection, pids: set[int], uuids: list[str]) -> None:
        t = T_FUNDED_PERIOD.c
        self.usage: dict[int, Usage] = {pid: Usage() for pid in pids}
        self.stored: dict[str, dict[int, int | None]] = {}  # uuid → number → programme
        for r in conn.execute(select(t.uuid, t.number, t.programme_id, t.cost)
                              .where(t.uuid.in_(uuids))):
            self.stored.setdefault(r.uuid, {})[r.number] = r.programme_id
        own: dict[int, list[tuple[str, int]]] = {}
        for r in conn.execute(select(t.uuid, t.programme_id, t.cost)
                              .where(t.uuid.in_(uuids), t.programme_id.in_(pids))):
            own.setdefault(r.programme_id, []).append((r.uuid, r.cost))
        for r in conn.execute(select(t.programme_id, func.count(func.distinct(t.uuid)),
                                     func.coalesce(func.sum(t.cost), 0))
                              .where(t.programme_id.in_(pids)).group_by(t.programme_id)):
            mine = own.get(r[0], [])
            self.usage[r[0]] = Usage(int(r[1]) - len({u for u, _ in mine}),
                                     int(r[2]) - sum(c for _, c in mine))

    def is_new(self, uuid: str, period: FundedPeriod) -> bool:
        stored = self.stored.get(uuid, {})
        return period.number not in stored or stored[period.number] != period.programme_id

    def add(self, record: Priced) -> None:
        for pid in record.programme_ids():
            u = self.usage[pid]
            cost = sum(c for p, c in record.periods if p.programme_id == pid)
            self.usage[pid] = Usage(u.people + 1, u.committed + cost)


def _judge(record: Priced, ledger: _Ledger, programmes: dict[int, Programme]
           ) -> list[Problem]:
    """The new periods' problems; the record's earlier periods under the same programme
    count as its head and its Rupiah."""
    problems: list[Problem] = []
    mine: dict[int, int] = {}  # programme → this record's Rupiah so far
    for period, cost in record.periods:
        pid = period.programme_id
        if pid is None:
            continue
        if ledger.is_new(record.uuid, period):
            base = ledger.usage[pid]
            usage = Usage(base.people, base.committed + mine.get(pid, 0))
            programme = programmes.get(pid) if _offered(programmes, pid) else None
            problems += period_problems(programme, record.reg, period, usage=usage,
                                        counted=pid in mine, cost=cost)
        mine[pid] = mine.get(pid, 0) + cost
    return problems


def _offered(programmes: dict[int, Programme], pid: int) -> bool:
    p = programmes.get(pid)
    return p is not None and p.status != "draft"


def programme_problems(conn: Connection, records: Sequence[Priced | None]
                       ) -> list[list[Problem]]:
    """The programme problems of each record (in order; ``None``: not a valid registration,
    not judged)."""
    pids = set().union(*(r.programme_ids() for r in records if r is not None))
    out: list[list[Problem]] = [[] for _ in records]
    if not pids:
        return out
    ledger = _Ledger(conn, pids, [r.uuid for r in records if r is not None])
    programmes = programmes_by_id(conn)
    for index, record in enumerate(records):
        if record is None or not record.programme_ids():
            continue
        out[index] = _judge(record, ledger, programmes)
        if not has_errors(out[index]):
            ledger.add(record)
    return out


def save_periods(conn: Connection, village_code: str, stored: dict[str, Priced | None], *,
                 known: Collection[str]) -> None:
    """Rewrite the periods of the stored uuids: an accepted record's (``Priced``) or none.
    Only ``known`` uuids (stored before this batch) can have periods to delete."""
    if not stored:
        return
    uuids = [u for u in stored if u in known]
    rows = [{"uuid": uuid, "number": p.number, "programme_id": p.programme_id,
             "village_code": village_code, "first_month": p.first_month, "months": p.months,
             "income": p.income, "jht": p.jht, "transport": p.transport, "funding": p.funding,
             "cost": cost}
            for uuid, record in stored.items() if record is not None
            for p, cost in record.periods]
    for start in range(0, len(uuids), 500):
        conn.execute(delete(T_FUNDED_PERIOD).where(
            T_FUNDED_PERIOD.c.uuid.in_(uuids[start:start + 500])))
    if rows:
        bulk_insert(conn, T_FUNDED_PERIOD, rows)
