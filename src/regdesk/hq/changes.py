"""``changes``: what a device must learn after cursor ``since``, ordered by server sequence."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select

from regdesk.hq.db import read_tx
from regdesk.hq.tables import T_OCCUPATION, T_RATES, T_REG, T_REGION


def changes_since(engine: Engine, *, village_code: str, since: int, limit: int) -> dict[str, Any]:
    """A ChangesResponse dict: at most ``limit`` changes with ``seq > since``.

    Four indexed range queries (each limited to ``limit + 1``) merged by seq; writers commit
    in sequence order (see :mod:`regdesk.hq.db`), so a cursor never skips a late commit.
    """
    n = limit + 1
    out: list[dict[str, Any]] = []
    with read_tx(engine) as conn:
        for r in conn.execute(
            select(T_REG.c.seq, T_REG.c.uuid, T_REG.c.version, T_REG.c.status,
                   T_REG.c.member_number, T_REG.c.card_qr)
            .where(T_REG.c.village_code == village_code, T_REG.c.seq > since)
            .order_by(T_REG.c.seq).limit(n)
        ):
            out.append({"kind": "registration", "seq": r.seq, "uuid": r.uuid,
                        "version": r.version, "status": r.status,
                        "member_number": r.member_number, "card_qr": r.card_qr})
        for r in conn.execute(
            select(T_REGION).where(T_REGION.c.seq > since).order_by(T_REGION.c.seq).limit(n)
        ):
            out.append({"kind": "region", "seq": r.seq, "code": r.code, "name": r.name,
                        "postal_code": r.postal_code})
        for r in conn.execute(
            select(T_OCCUPATION).where(T_OCCUPATION.c.seq > since)
            .order_by(T_OCCUPATION.c.seq).limit(n)
        ):
            out.append({"kind": "occupation", "seq": r.seq, "row": json.loads(r.row)})
        for r in conn.execute(select(T_RATES).where(T_RATES.c.seq > since).limit(n)):
            out.append({"kind": "rates", "seq": r.seq, "rates": json.loads(r.data)})
    out.sort(key=lambda c: c["seq"])
    more = len(out) > limit
    page = out[:limit]
    return {"changes": page, "next_cursor": page[-1]["seq"] if page else since, "more": more}
