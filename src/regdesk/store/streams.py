"""Pages of rows for long jobs (recaps, card runs): keyset pages on ``seq``, each read in its
own short read transaction, so a job holds neither its rows in memory nor a WAL snapshot for
minutes, and never takes the writer lock."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, select
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from regdesk.domain.registration import Status
from regdesk.store.models import RegistrationRow
from regdesk.store.tables import sqlite_timestamp, table
from regdesk.store.views import RegistrationView

PAGE = 2_000

_REG = table("registration")
# What a recap row needs, read without parsing the payload in Python: the store's own
# columns, the fee inputs as one JSON array (a cache key as it is), and the payload itself
# (parsed only for fee inputs not seen before).
FEE_INPUTS = ("occupation_code", "second_occupation_code", "period_months", "income",
              "start_month", "funding", "jht", "renewals")
RECAP_COLUMNS = ("seq", "uuid", "local_ref", "status", "member_number", "created_at",
                 "full_name", "nik", "occupation_code", "funding", "sponsor_name", "jht",
                 "start_month", "consent_month", "fee_inputs", "payload")
_RECAP_SQL = (
    "SELECT seq, uuid, local_ref, status, member_number, created_at, full_name, nik, "
    "occupation_code, funding, json_extract(payload, '$.sponsor_name'), "
    "json_extract(payload, '$.jht'), json_extract(payload, '$.start_month'), "
    "substr(json_extract(payload, '$.consent_at'), 1, 7), "
    "json_extract(payload, " + ", ".join(f"'$.{name}'" for name in FEE_INPUTS) + "), "
    "payload FROM registration WHERE created_at >= ? AND created_at < ? AND seq > ? "
    "ORDER BY seq LIMIT ?")


def count_created_between(session: Session, start: datetime, end: datetime) -> int:
    return int(session.connection().execute(
        select(func.count()).select_from(_REG)
        .where(_REG.c.created_at >= start, _REG.c.created_at < end)).scalar_one())


def created_between_page(session: Session, start: datetime, end: datetime, after: int,
                         limit: int = PAGE) -> Sequence[Row[Any]]:
    """Up to ``limit`` registrations created in ``[start, end)`` after ``seq`` ``after``,
    oldest first, as rows of :data:`RECAP_COLUMNS` (``created_at`` the stored UTC text, the
    payload unparsed), as the driver gives them: no per-row type processing."""
    return session.connection().exec_driver_sql(
        _RECAP_SQL, (sqlite_timestamp(start), sqlite_timestamp(end), after, limit)).all()


def _ready_filter() -> tuple[Any, ...]:
    return (col(RegistrationRow.card_qr).is_not(None),
            RegistrationRow.status != Status.CANCELLED.value)


def count_ready_for_cards(session: Session) -> int:
    return int(session.connection().execute(
        select(func.count()).select_from(_REG)
        .where(_REG.c.card_qr.is_not(None), _REG.c.status != Status.CANCELLED.value)
    ).scalar_one())


def ready_for_cards_page(session: Session, after: int, limit: int = PAGE
                         ) -> list[tuple[int, RegistrationView]]:
    """Like :func:`regdesk.store.registrations.ready_for_cards`, one keyset page."""
    rows = session.exec(
        select_rows(RegistrationRow).where(*_ready_filter(), col(RegistrationRow.seq) > after)
        .order_by(col(RegistrationRow.seq)).limit(limit)).all()
    return [(int(row.seq or 0), RegistrationView.from_row(row)) for row in rows]


def pages(fetch: Any, limit: int = PAGE) -> Iterator[Sequence[Any]]:
    """Call ``fetch(after, limit)`` page after page (each row's first item is its ``seq``)
    until a short page."""
    after = 0
    while True:
        page = fetch(after, limit)
        if page:
            yield page
        if len(page) < limit:
            return
        after = int(page[-1][0])
