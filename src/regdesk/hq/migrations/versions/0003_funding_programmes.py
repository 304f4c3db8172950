"""Funding sources as master data, sponsor programmes and their audit trail.

Revision ID: 0003
Revises: 0002

Stored registration payloads keep their bytes (and ``payload_hash``, which a resent push is
compared with): their old funding values (``self``, ``apbd``, ``apbdes``, ``other``) are read
through ``regdesk.domain.funding.LEGACY_CODES``. The funding sources are seeded by
``regdesk.hq.programmes.seed_funding_sources`` at start, with a seq, so desks pull them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "hq_funding_source",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("row", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_hq_funding_source_seq", "hq_funding_source", ["seq"])
    op.create_table(
        "hq_programme",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_hq_programme_seq", "hq_programme", ["seq"])
    op.create_table(
        "hq_programme_change",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("programme_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=False),
        sa.Column("changed_at", TS, nullable=False),
        sa.UniqueConstraint("programme_id", "version", name="uq_hq_programme_change"),
    )


def downgrade() -> None:
    op.drop_table("hq_programme_change")
    op.drop_index("ix_hq_programme_seq", "hq_programme")
    op.drop_table("hq_programme")
    op.drop_index("ix_hq_funding_source_seq", "hq_funding_source")
    op.drop_table("hq_funding_source")
