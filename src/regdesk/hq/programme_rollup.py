"""What each sponsor programme carries, from ``hq_funded_period`` (migration 0005).

- **people**: distinct persons (uuids) with at least one funded period under the programme;
- **committed**: the Rupiah of all those periods (the ``cost`` stored on push: month by
  month with the fee rules in force each month);
- **paid**: the Rupiah of the programme's funded months that a recorded payment of the same
  person covers (``hq_payment`` from ``regdesk-hq import-payments``: a month inside any
  payment's ``first_month`` … ``last_month``), each month priced with
  :func:`regdesk.domain.programme_use.month_costs` at today's rates. A month covered twice
  counts once; a payment's own amount is not used (it may cover months outside the
  programme, or differ from the tariff);
- remaining quota (people) and ceiling (Rupiah), and the share of the ceiling committed.

:func:`month_rollup` is the committed cost per programme and calendar month. Both aggregate
in SQL by the fee-relevant key with ``COUNT(*)`` and price each distinct key once
(:mod:`regdesk.domain.programme_cost`): no per-member rows are loaded, except for ``paid``,
which streams only the periods some payment touches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from regdesk.domain.fees import PAYMENT_PERIODS, RateTable, add_months
from regdesk.domain.programme_cost import MonthCost, covered_months, month_totals, paid_cost
from regdesk.domain.programme_use import FundedPeriod
from regdesk.hq.db import read_tx
from regdesk.hq.programmes import programmes_by_id
from regdesk.hq.tables import T_FUNDED_PERIOD, T_PAYMENT

__all__ = ["MonthCost", "ProgrammeRollup", "month_rollup", "period_of", "rollup"]

_T = T_FUNDED_PERIOD.c
#: The columns a period's price depends on (its programme first, for the roll-ups).
KEY = (_T.programme_id, _T.first_month, _T.months, _T.income, _T.jht, _T.transport,
       _T.funding)


@dataclass(frozen=True, slots=True)
class ProgrammeRollup:
    programme_id: int
    sponsor: str
    status: str
    quota: int
    ceiling: int
    people: int
    committed: int
    paid: int

    @property
    def remaining_quota(self) -> int:
        return self.quota - self.people

    @property
    def remaining_ceiling(self) -> int:
        return self.ceiling - self.committed

    @property
    def share_used(self) -> float | None:
        """Committed Rupiah over the ceiling (0.25 = a quarter); None without a ceiling."""
        return self.committed / self.ceiling if self.ceiling else None

    def to_dict(self) -> dict[str, Any]:
        share = self.share_used
        return {"programme_id": self.programme_id, "sponsor": self.sponsor,
                "status": self.status, "people": self.people, "quota": self.quota,
                "remaining_quota": self.remaining_quota, "committed": self.committed,
                "ceiling": self.ceiling, "remaining_ceiling": self.remaining_ceiling,
                "paid": self.paid,
                "share_used_percent": None if share is None else round(share * 100, 2)}


def period_of(row: Any) -> FundedPeriod:
    """The funded period of a row holding the :data:`KEY` columns (its number left 0)."""
    return FundedPeriod(0, row.programme_id, row.first_month, int(row.months),
                        int(row.income), bool(row.jht), bool(row.transport), row.funding)


def _where(query: Any, programme_ids: Collection[int] | None) -> Any:
    if programme_ids is None:
        return query.where(_T.programme_id.is_not(None))
    return query.where(_T.programme_id.in_(sorted(programme_ids)))


def _paid(conn: Connection, rates: RateTable, programme_ids: Collection[int] | None
          ) -> dict[int, int]:
    """Paid Rupiah per programme: the periods some payment may touch, streamed in order,
    grouped by (price key, months covered) and priced once per group."""
    p = T_PAYMENT.c
    query = _where(select(_T.uuid, _T.number, *KEY, p.first_month.label("paid_from"),
                          p.last_month.label("paid_to"))
                   .select_from(T_FUNDED_PERIOD.join(T_PAYMENT, p.uuid == _T.uuid))
                   .where(p.last_month >= _T.first_month), programme_ids)
    rows = conn.execute(query.order_by(_T.uuid, _T.number)
                        .execution_options(yield_per=5000))
    groups: Counter[tuple[FundedPeriod, frozenset[date]]] = Counter()
    for _, same in groupby(rows, key=lambda r: (r.uuid, r.number)):
        found = list(same)
        period = period_of(found[0])
        covered = covered_months(period, [(r.paid_from, r.paid_to) for r in found])
        if covered:
            groups[period, covered] += 1
    out: dict[int, int] = {}
    for (period, covered), count in groups.items():
        pid = int(period.programme_id or 0)
        out[pid] = out.get(pid, 0) + count * paid_cost(rates, period, covered)
    return out


def rollup(engine: Engine, *, rates: RateTable,
           programme_ids: Collection[int] | None = None) -> list[ProgrammeRollup]:
    """Every programme's roll-up (or those of ``programme_ids``), by number; ``rates``
    prices the paid months (HQ's ``rt.contexts.get().rates``)."""
    with read_tx(engine) as conn:
        programmes = programmes_by_id(conn)
        used = {int(r[0]): (int(r[1]), int(r[2])) for r in conn.execute(
            _where(select(_T.programme_id, func.count(func.distinct(_T.uuid)),
                          func.coalesce(func.sum(_T.cost), 0)), programme_ids)
            .group_by(_T.programme_id))}
        paid = _paid(conn, rates, programme_ids)
    wanted = programmes if programme_ids is None else \
        [pid for pid in sorted(programme_ids) if pid in programmes]
    return [ProgrammeRollup(pid, programmes[pid].sponsor, programmes[pid].status,
                            programmes[pid].quota, programmes[pid].ceiling,
                            *used.get(pid, (0, 0)), paid.get(pid, 0))
            for pid in sorted(wanted)]


def month_rollup(engine: Engine, *, rates: RateTable, months: Iterable[date] | None = None,
                 programme_ids: Collection[int] | None = None) -> list[MonthCost]:
    """Committed cost per programme and calendar month (sorted by programme, then month):
    one ``GROUP BY`` over the price key with ``COUNT(*)``, each distinct key priced once.
    ``months`` (first days) keeps only those months; the query then skips periods that end
    before the first or start after the last."""
    wanted = None if months is None else frozenset(months)
    query = _where(select(*KEY, func.count().label("n")), programme_ids).group_by(*KEY)
    if wanted:
        query = query.where(_T.first_month <= max(wanted),
                            _T.first_month > add_months(min(wanted), -max(PAYMENT_PERIODS)))
    with read_tx(engine) as conn:
        groups = [(period_of(r), int(r.n)) for r in conn.execute(query)]
    return month_totals(rates, groups, months=wanted)
