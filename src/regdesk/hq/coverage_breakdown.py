"""Coverage over time and by who pays: ``regdesk-hq coverage --trend`` and ``--by``.

- :func:`trend`: the regency's (or one kecamatan's) coverage on the last day of each month,
  with the number still needed — :func:`regdesk.hq.coverage.district_coverage` month by month.
- :func:`by_funding`: on a day, the people whose paid period covering that month is paid by
  each sponsor programme (or each funding source, for periods without a programme), how many
  of them are active (their active spans, as coverage counts them),
  and a programme's active people against its quota.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, or_, select

from regdesk.domain.coverage import Level
from regdesk.domain.fees import add_months
from regdesk.hq.coverage import district_coverage, row_dict
from regdesk.hq.db import read_tx
from regdesk.hq.programmes import programmes_by_id
from regdesk.hq.tables import T_ACTIVE_SPAN, T_FUNDED_PERIOD

__all__ = ["FundingCoverage", "by_funding", "month_ends", "trend"]

LONGEST_PERIOD = 12  # months: a period covering a month began at most this long before


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from ``first``'s to ``last``'s (at most 120)."""
    start, stop = date(first.year, first.month, 1), date(last.year, last.month, 1)
    if stop < start:
        raise ValueError("--trend: the last month is before the first")
    out: list[date] = []
    month = start
    while month <= stop and len(out) < 120:
        nxt = add_months(month, 1)
        out.append(date.fromordinal(nxt.toordinal() - 1))
        month = nxt
    return out


def trend(engine: Engine, *, first: date, last: date, kecamatan: str | None = None
          ) -> list[dict[str, Any]]:
    """One row per month: the area's figures on the month's last day."""
    level = Level.REGENCY if kecamatan is None else Level.KECAMATAN
    out = []
    for day in month_ends(first, last):
        rows = [r for r in district_coverage(engine, at=day, kecamatan=kecamatan)
                if r.level is level and r.group is None]
        for r in rows:
            out.append({"month": f"{day:%Y-%m}", **row_dict(r)})
    return out


@dataclass(frozen=True, slots=True)
class FundingCoverage:
    programme_id: int | None
    funding: str
    funded: int  # people with a period paid this way covering the month
    active: int  # of them, active on the day
    sponsor: str | None = None
    quota: int | None = None

    def to_dict(self) -> dict[str, Any]:
        share = None if not self.quota else round(self.active / self.quota * 100, 2)
        return {"programme_id": self.programme_id, "sponsor": self.sponsor,
                "funding": self.funding, "funded": self.funded, "active": self.active,
                "quota": self.quota, "active_share_of_quota_percent": share}


def _active(conn: Connection, uuids: list[str], at: date) -> set[str]:
    """Which of ``uuids`` are active members on ``at`` (their spans, ``hq_active_span``:
    :func:`regdesk.domain.lifecycle.active_spans`, as coverage counts them)."""
    t = T_ACTIVE_SPAN.c
    out: set[str] = set()
    for start in range(0, len(uuids), 500):
        out |= set(conn.execute(select(t.uuid).where(
            t.uuid.in_(uuids[start:start + 500]), t.first_day <= at,
            or_(t.end_day.is_(None), t.end_day > at))).scalars())
    return out


def by_funding(engine: Engine, *, at: date) -> list[FundingCoverage]:
    """Per programme (then per funding source without one), on ``at``."""
    month = date(at.year, at.month, 1)
    t = T_FUNDED_PERIOD.c
    with read_tx(engine) as conn:
        rows = conn.execute(select(t.uuid, t.programme_id, t.funding, t.first_month, t.months)
                            .where(t.first_month <= month,
                                   t.first_month > add_months(month, -LONGEST_PERIOD))).all()
        covering = {(r.uuid, r.programme_id, r.funding) for r in rows
                    if add_months(r.first_month, r.months) > month}
        active = _active(conn, sorted({u for u, _, _ in covering}), at)
        programmes = programmes_by_id(conn)
    funded: Counter[tuple[int | None, str]] = Counter()
    live: Counter[tuple[int | None, str]] = Counter()
    for uuid, pid, funding in covering:
        funded[(pid, funding)] += 1
        live[(pid, funding)] += uuid in active
    out = []
    for (pid, funding), n in sorted(funded.items(), key=lambda kv: (kv[0][0] is None,
                                                                   kv[0][0] or 0, kv[0][1])):
        p = programmes.get(pid) if pid is not None else None
        out.append(FundingCoverage(pid, funding, n, live[(pid, funding)],
                                   p.sponsor if p else None, p.quota if p else None))
    return out


def print_breakdown(rt: Any, args: Any) -> None:
    """The CLI's ``--trend`` / ``--by funding`` output (JSON with ``--json``, else lines)."""
    import json

    if args.trend:
        rows = trend(rt.engine, first=args.trend[0], last=args.trend[1],
                     kecamatan=args.kecamatan)
        keys = ("month", "area_code", "active", "covered", "share_percent",
                "target_share_percent", "still_needed")
    else:
        rows = [f.to_dict() for f in by_funding(rt.engine, at=args.at or rt.today())]
        keys = ("programme_id", "sponsor", "funding", "funded", "active", "quota",
                "active_share_of_quota_percent")
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, sort_keys=True))
        return
    for row in rows:
        print("\t".join("-" if row[k] is None else str(row[k]) for k in keys))
