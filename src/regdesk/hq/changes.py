"""``changes``: what a device must learn after cursor ``since``, ordered by server sequence.

A registration row last written by the asking device's own push is *not* sent back: the push
answer already carried its verdict, member number and card, and a push is resent (same batch,
same stored answer) until the device has applied that answer. Leaving these echoes out spares
a sync pulling back everything it just pushed; the cursor still moves past them. A row
resolved at HQ (Perlu ditinjau: ``reviewed_at`` set, with ``review_note``) is no echo: the
push answer never carried the note, so it goes to every desk of the village, the pushing one
too, until a new version of the record is pushed (which clears both).

``membership`` changes (KPJ, paid periods, end; state, paid-through and next-due read with
:func:`regdesk.domain.lifecycle.status_on` on HQ's day) go to the desks of the registration's
village whoever pushed it: they come from imports, never from a push, so they are no echo.
``lifecycle`` and ``age_limits`` changes are sent once HQ holds rules of its own
(``hq_setting``), each at the seq it was set at. ``funding_sources`` is the whole catalogue at
its last write; ``programme`` is each sponsor programme once open, then at each change (a
closed one too, so the desk stops offering it); drafts stay at HQ.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, func, or_, select

from regdesk.hq import master, membership, programmes
from regdesk.hq.db import read_tx
from regdesk.hq.membership import Feed
from regdesk.hq.tables import (
    T_FUNDING_SOURCE,
    T_MEMBERSHIP,
    T_OCCUPATION,
    T_PROGRAMME,
    T_RATES,
    T_REG,
    T_REGION,
)


def _rules_changes(conn: Any, since: int) -> list[tuple[int, dict[str, Any]]]:
    """HQ's own lifecycle and age-limit rules, when set after ``since`` (one row each)."""
    out = []
    seq, rules = membership.lifecycle_setting(conn)
    if seq is not None and seq > since:
        out.append((seq, {"kind": "lifecycle", "seq": seq, "rules": rules}))
    stored = master.age_limits_setting(conn)
    if stored is not None and stored[0] > since:
        out.append((stored[0], {"kind": "age_limits", "seq": stored[0], "rules": stored[1]}))
    last = conn.execute(select(func.max(T_FUNDING_SOURCE.c.seq))).scalar()
    if last is not None and last > since:  # the whole catalogue, at its last write
        out.append((int(last), {"kind": "funding_sources", "seq": int(last),
                                "sources": programmes.funding_sources(conn).to_dict()}))
    return out


def changes_since(engine: Engine, *, village_code: str, device_id: str, since: int,
                  limit: int, feed: Feed) -> dict[str, Any]:
    """A ChangesResponse dict: at most ``limit`` changes with ``seq > since``.

    Five indexed range queries (and two settings) merged by seq. A query that hit its row
    limit sets a horizon:
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
                   T_REG.c.registration_number, T_REG.c.card_qr, T_REG.c.review_note)
            .where(*in_village, or_(T_REG.c.device_id != device_id,
                                    T_REG.c.reviewed_at.is_not(None)))
            .order_by(T_REG.c.seq).limit(n)
        ).all()
        seen.extend((r.seq, {
            "kind": "registration", "seq": r.seq, "uuid": r.uuid, "version": r.version,
            "status": r.status, "member_number": r.registration_number, "card_qr": r.card_qr,
            "review_note": r.review_note,
        }) for r in rows)
        if rows:
            truncated(len(rows), n, rows[-1].seq)
        if len(rows) < n:  # all others' rows seen: the cursor may pass this device's echoes
            last = conn.execute(select(func.max(T_REG.c.seq)).where(*in_village)).scalar()
            if last is not None:
                seen.append((int(last), None))
        rows = conn.execute(
            select(T_MEMBERSHIP).where(T_MEMBERSHIP.c.village_code == village_code,
                                       T_MEMBERSHIP.c.seq > since)
            .order_by(T_MEMBERSHIP.c.seq).limit(n)).all()
        if rows:
            built = membership.membership_changes(conn, rows, feed,
                                                  membership.lifecycle_rules(conn))
            seen.extend((c["seq"], c) for c in built)
            truncated(len(rows), n, rows[-1].seq)
        seen.extend(_rules_changes(conn, since))
        for query, build in (
            (select(T_REGION).where(T_REGION.c.seq > since).order_by(T_REGION.c.seq),
             lambda r: {"kind": "region", "seq": r.seq, "code": r.code, "name": r.name,
                        "postal_code": r.postal_code}),
            (select(T_OCCUPATION).where(T_OCCUPATION.c.seq > since)
             .order_by(T_OCCUPATION.c.seq),
             lambda r: {"kind": "occupation", "seq": r.seq, "row": json.loads(r.row)}),
            (select(T_RATES).where(T_RATES.c.seq > since).order_by(T_RATES.c.seq),
             lambda r: {"kind": "rates", "seq": r.seq, "rates": json.loads(r.data)}),
            (select(T_PROGRAMME).where(T_PROGRAMME.c.seq > since,
                                       T_PROGRAMME.c.status != "draft")
             .order_by(T_PROGRAMME.c.seq),
             lambda r: {"kind": "programme", "seq": r.seq, "id": r.id, "version": r.version,
                        "programme": json.loads(r.data)}),
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
