"""``hq_active_span`` (migration 0006): the day ranges in which each membership is active
(:func:`regdesk.domain.lifecycle.active_spans`), with its village and occupation, so
coverage counts active members in SQL (:mod:`regdesk.hq.coverage`).

They depend only on the membership (KPJ, end), its payments and its registration's
occupation — not on the lifecycle rules (those set due days and grace, never whether a day
is active) nor on the day they are worked out. :func:`refresh` rewrites the spans of some
memberships inside the caller's write transaction; every writer calls it: the members and
payments imports (:mod:`regdesk.hq.bpjstk_import`) and a push that stores a new version of
a registration (its occupation may change). :func:`rebuild` rewrites them all
(``regdesk-hq rebuild-spans``: after a repair by hand, or if the rule of what is active
ever changes).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import groupby
from typing import Any

from sqlalchemy import JSON, Connection, Engine, cast, delete, func, insert, select

from regdesk.domain.lifecycle import Member, Payment, Stage, active_spans
from regdesk.hq.db import write_tx
from regdesk.hq.tables import T_ACTIVE_SPAN, T_MEMBERSHIP, T_PAYMENT, T_REG

CHUNK = 5000  # memberships read and rewritten at a time

_M, _P, _R, _S = T_MEMBERSHIP.c, T_PAYMENT.c, T_REG.c, T_ACTIVE_SPAN.c


def _occupation_column(conn: Connection) -> Any:
    """The registration's ``occupation_code``, read from its JSON payload by the database
    (no payload is parsed in Python)."""
    if conn.dialect.name == "postgresql":
        return func.json_extract_path_text(cast(_R.payload, JSON), "occupation_code")
    return func.json_extract(_R.payload, "$.occupation_code")


def _rows(conn: Connection, uuids: list[str]) -> Iterator[dict[str, Any]]:
    """Span rows of those of ``uuids`` with a KPJ and a payment."""
    found = conn.execute(
        select(_M.uuid, _M.village_code, _M.kpj, _M.ended_on, _P.first_month, _P.last_month,
               _P.paid_on)
        .select_from(T_MEMBERSHIP.join(T_PAYMENT, _P.uuid == _M.uuid))
        .where(_M.kpj.is_not(None), _M.uuid.in_(uuids)).order_by(_M.uuid)).all()
    if not found:
        return
    occupations = {r.uuid: r.occupation or None for r in conn.execute(
        select(_R.uuid, _occupation_column(conn).label("occupation"))
        .where(_R.uuid.in_(sorted({r.uuid for r in found}))))}
    for uuid, same in groupby(found, key=lambda r: r.uuid):
        group = list(same)
        head = group[0]
        member = Member(Stage.ACCEPTED, head.kpj, tuple(
            Payment(r.first_month, r.last_month, r.paid_on) for r in group), head.ended_on)
        for span in active_spans(member):
            yield {"uuid": uuid, "first_day": span.first_day, "end_day": span.end_day,
                   "village_code": head.village_code,
                   "occupation_code": occupations.get(uuid)}


def refresh(conn: Connection, uuids: Collection[str]) -> int:
    """Rewrite the spans of these memberships (in the caller's transaction); returns how
    many spans they now have."""
    ordered = sorted(set(uuids))
    written = 0
    for start in range(0, len(ordered), CHUNK):
        part = ordered[start:start + CHUNK]
        conn.execute(delete(T_ACTIVE_SPAN).where(_S.uuid.in_(part)))
        rows = list(_rows(conn, part))
        if rows:
            conn.execute(insert(T_ACTIVE_SPAN), rows)
        written += len(rows)
    return written


def rebuild(engine: Engine) -> int:
    """Every membership's spans worked out again, in one write transaction; returns how
    many there are."""
    with write_tx(engine) as conn:
        conn.execute(delete(T_ACTIVE_SPAN))
        uuids = [u for (u,) in conn.execute(
            select(_M.uuid).where(_M.kpj.is_not(None)).order_by(_M.uuid))]
        written = 0
        for start in range(0, len(uuids), CHUNK):
            rows = list(_rows(conn, uuids[start:start + CHUNK]))
            if rows:
                conn.execute(insert(T_ACTIVE_SPAN), rows)
            written += len(rows)
        return written
