"""``changes``: what a device must learn after cursor ``since``, ordered by server sequence.

A registration row last written by the asking device's own push is *not* sent back: the push
answer already carried its verdict, member number and card, and a push is resent (same batch,
same stored answer) until the device has applied that answer. Leaving these echoes out spares
a sync pulling back everything it just pushed; the cursor still moves past them.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, func, select

from regdesk.hq.db import read_tx
from regdesk.hq.tables import T_OCCUPATION, T_RATES, T_REG, T_REGION


def changes_since(engine: Engine, *, village_code: str, device_id: str, since: int,
                  limit: int) -> dict[str, Any]:
    """A ChangesResponse dict: at most ``limit`` changes with ``seq > since``.

    Four indexed range queries merged by seq. A query that hit its row limit sets a horizon:
    nothing past its last row is answered on this page (later rows of that table are unseen).
    Writers commit in sequence order (see :mod:`regdesk.hq.db`), so a cursor never skips a
    late commit.
    """
    n = limit + 1
    seen: list[tuple[int, dict[str, Any] | None]] = []  # None: only moves the cursor
    horizon: int | None = None

    def truncated(count: int, cap: int, last_seq: int) -> None:
        nonlocal horizon
        if count >= cap:
            horizon = last_seq if horizon is None else min(horizon, last_seq)

    with read_tx(engine) as conn:
        in_village = (T_REG.c.village_code == village_code, T_REG.c.seq > since)
        rows = conn.execute(
            select(T_REG.c.seq, T_REG.c.uuid, T_REG.c.version, T_REG.c.status,
                   T_REG.c.registration_number, T_REG.c.card_qr)
            .where(*in_village, T_REG.c.device_id != device_id)
            .order_by(T_REG.c.seq).limit(n)
        ).all()
        seen.extend((r.seq, {
            "kind": "registration", "seq": r.seq, "uuid": r.uuid, "version": r.version,
            "status": r.status, "member_number": r.registration_number, "card_qr": r.card_qr,
        }) for r in rows)
        if rows:
            truncated(len(rows), n, rows[-1].seq)
        if len(rows) < n:  # all others' rows seen: the cursor may pass this device's echoes
            last = conn.execute(select(func.max(T_REG.c.seq)).where(*in_village)).scalar()
            if last is not None:
                seen.append((int(last), None))
        for query, build in (
            (select(T_REGION).where(T_REGION.c.seq > since).order_by(T_REGION.c.seq),
             lambda r: {"kind": "region", "seq": r.seq, "code": r.code, "name": r.name,
                        "postal_code": r.postal_code}),
            (select(T_OCCUPATION).where(T_OCCUPATION.c.seq > since)
             .order_by(T_OCCUPATION.c.seq),
             lambda r: {"kind": "occupation", "seq": r.seq, "row": json.loads(r.row)}),
            (select(T_RATES).where(T_RATES.c.seq > since).order_by(T_RATES.c.seq),
             lambda r: {"kind": "rates", "seq": r.seq, "rates": json.loads(r.data)}),
        ):
            rows = conn.execute(query.limit(n)).all()
            seen.extend((r.seq, build(r)) for r in rows)
            if rows:
                truncated(len(rows), n, rows[-1].seq)
    seen.sort(key=lambda item: item[0])
    if horizon is not None:
        seen = [item for item in seen if item[0] <= horizon]
    visible = [change for _, change in seen if change is not None]
    if len(visible) > limit:
        page = visible[:limit]
        return {"changes": page, "next_cursor": page[-1]["seq"], "more": True}
    return {"changes": visible, "next_cursor": seen[-1][0] if seen else since,
            "more": horizon is not None}
