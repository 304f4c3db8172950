"""Active spans: the day ranges each membership is active, so coverage counts active
members with one ``COUNT(*) … GROUP BY`` instead of reading every member's payments.

Revision ID: 0006
Revises: 0005

Backfilled here, in the migration's transaction, from the memberships with a KPJ and their
payments (the pure :func:`regdesk.domain.lifecycle.active_spans`) and the occupation of
each registration; from then on :mod:`regdesk.hq.spans` keeps them current. The tables are
described here as they are at this revision (not with the models, which may move on).
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from alembic import op

from regdesk.domain.lifecycle import Member, Payment, Stage, active_spans

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_MEMBERSHIP = sa.table("hq_membership", sa.column("uuid", sa.String),
                       sa.column("village_code", sa.String), sa.column("kpj", sa.String),
                       sa.column("ended_on", sa.Date))
_PAYMENT = sa.table("hq_payment", sa.column("uuid", sa.String),
                    sa.column("first_month", sa.Date), sa.column("last_month", sa.Date),
                    sa.column("paid_on", sa.Date))
_REG = sa.table("hq_registration", sa.column("uuid", sa.String), sa.column("payload", sa.Text))


def _occupation(payload: str | None) -> str | None:
    if payload is None:
        return None
    return json.loads(payload).get("occupation_code") or None


def _spans(group: list[Any]) -> list[dict[str, Any]]:
    first = group[0]
    member = Member(Stage.ACCEPTED, first.kpj, tuple(
        Payment(r.first_month, r.last_month, r.paid_on) for r in group), first.ended_on)
    occupation = _occupation(first.payload)
    return [{"uuid": first.uuid, "first_day": s.first_day, "end_day": s.end_day,
             "village_code": first.village_code, "occupation_code": occupation}
            for s in active_spans(member)]


def _backfill(span: Any) -> None:
    m, p, r = _MEMBERSHIP.c, _PAYMENT.c, _REG.c
    query = (sa.select(m.uuid, m.village_code, m.kpj, m.ended_on, p.first_month, p.last_month,
                       p.paid_on, r.payload)
             .select_from(_MEMBERSHIP.join(_PAYMENT, p.uuid == m.uuid)
                          .outerjoin(_REG, r.uuid == m.uuid))
             .where(m.kpj.is_not(None)).order_by(m.uuid))
    rows: list[dict[str, Any]] = []
    for _, group in groupby(op.get_bind().execute(query), key=lambda row: row.uuid):
        rows.extend(_spans(list(group)))
        if len(rows) >= 10_000:
            op.bulk_insert(span, rows)
            rows = []
    if rows:
        op.bulk_insert(span, rows)


def upgrade() -> None:
    span = op.create_table(
        "hq_active_span",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("first_day", sa.Date, primary_key=True),
        sa.Column("end_day", sa.Date, nullable=True),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("occupation_code", sa.String(64), nullable=True),
    )
    _backfill(span)
    op.create_index("ix_hq_active_span_village_day", "hq_active_span",
                    ["village_code", "first_day", "end_day", "occupation_code"])


def downgrade() -> None:
    op.drop_table("hq_active_span")
