"""Funded periods: each accepted registration's paid periods (its own and every renewal's)
with the sponsor programme paying it and its cost, for programme roll-ups, billing lists and
the per-record quota and ceiling checks on push.

Revision ID: 0005
Revises: 0004

Registrations already stored carry no programme (the field is new), so their periods are
filled by the next push of each uuid; nothing to backfill for programmes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_funded_period",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("programme_id", sa.Integer, nullable=True),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("first_month", sa.Date, nullable=False),
        sa.Column("months", sa.Integer, nullable=False),
        sa.Column("income", sa.BigInteger, nullable=False),
        sa.Column("jht", sa.Boolean, nullable=False),
        sa.Column("transport", sa.Boolean, nullable=False),
        sa.Column("funding", sa.String(40), nullable=False),
        sa.Column("cost", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_hq_funded_period_programme", "hq_funded_period", ["programme_id"])


def downgrade() -> None:
    op.drop_table("hq_funded_period")
