"""One village's figures for its desks, sent with the last page of ``/changes``: members by
lifecycle state on HQ's day, the village target with the number still needed, and what each
sponsor programme open to the village already carries (people and committed Rupiah) so the
desk can warn before a registration would pass a quota or a ceiling.

Figures are a snapshot, not a change: they carry no seq and never move the cursor.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from regdesk.domain.coverage import coverage
from regdesk.domain.lifecycle import State, standings
from regdesk.hq import membership, targets
from regdesk.hq.coverage import members_with_kpj
from regdesk.hq.db import read_tx
from regdesk.hq.programmes import programmes_by_id
from regdesk.hq.tables import T_FUNDED_PERIOD, T_MEMBER
from regdesk.wire.changes import VillageFigures

STATES = (State.WAITING_FOR_PAYMENT, State.ACTIVE, State.GRACE, State.INACTIVE, State.ENDED)


def _states(conn: Connection, village: str, at: date) -> Counter[State]:
    listed = [m for _, _, m in members_with_kpj(conn, None, village=village)]
    return Counter(s.state for s in standings(listed, at, membership.lifecycle_rules(conn)))


def _target(conn: Connection, village: str, active: int, at: date) -> dict[str, Any]:
    own = [s.target for s in targets.load_targets(conn, area_prefix=village)
           if s.target.area == village and s.target.group is None]
    if not own:
        return {}
    (row,) = [r for r in coverage(own, {(village, None): active}, at=at)
              if r.area == village and r.group is None]
    return {"workers": row.workers, "baseline_covered": row.baseline_covered,
            "covered": row.covered, "target_people": row.target_people,
            "target_share": str(own[0].target_share), "target_date": row.target_date,
            "still_needed": row.still_needed}


def _programmes(conn: Connection, village: str) -> list[dict[str, Any]]:
    offered = [pid for pid, p in programmes_by_id(conn).items()
               if p.status == "open" and (not p.villages or village in p.villages)]
    if not offered:
        return []
    t = T_FUNDED_PERIOD.c
    used = {r[0]: (int(r[1]), int(r[2])) for r in conn.execute(
        select(t.programme_id, func.count(func.distinct(t.uuid)),
               func.coalesce(func.sum(t.cost), 0))
        .where(t.programme_id.in_(offered)).group_by(t.programme_id))}
    return [{"id": pid, "people": used.get(pid, (0, 0))[0],
             "committed": used.get(pid, (0, 0))[1]} for pid in sorted(offered)]


def village_figures(conn: Connection, village: str, at: date) -> dict[str, Any]:
    """The ``VillageFigures`` dict of ``village`` on ``at``."""
    registered = int(conn.execute(select(func.count()).select_from(T_MEMBER)
                                  .where(T_MEMBER.c.village_code == village)).scalar_one())
    states = _states(conn, village, at)
    with_kpj = sum(states.values())
    return {"village_code": village, "as_of": at, "registered": registered,
            "waiting_for_kpj": max(0, registered - with_kpj),
            **{state.value: states.get(state, 0) for state in STATES},
            **_target(conn, village, states.get(State.ACTIVE, 0), at),
            "programmes": _programmes(conn, village)}


def figures_json(engine: Engine, village: str, at: date) -> dict[str, Any]:
    """The figures as the wire sends them (checked against the contract)."""
    with read_tx(engine) as conn:
        data = village_figures(conn, village, at)
    return VillageFigures.model_validate(data).model_dump(mode="json")
