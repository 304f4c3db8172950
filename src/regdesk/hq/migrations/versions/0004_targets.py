"""Coverage targets (master data): per area (village, kecamatan or the regency) and optional
occupation group, the estimated workers (total, informal), the baseline covered and the
share to reach by a date.

Revision ID: 0004
Revises: 0002 (written beside 0003_funding_programmes on another branch; the merge re-chains
it onto 0003)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_target",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("area_code", sa.String(13), nullable=False),
        # "" for all workers of the area (a NULL would not be unique in the constraint)
        sa.Column("group_code", sa.String(64), nullable=False),
        sa.Column("workers", sa.BigInteger, nullable=False),
        sa.Column("informal", sa.BigInteger, nullable=True),
        sa.Column("baseline_covered", sa.BigInteger, nullable=False),
        sa.Column("target_share", sa.String(16), nullable=False),  # exact decimal, "0.65"
        sa.Column("target_date", sa.Date, nullable=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("area_code", "group_code", name="uq_hq_target_area_group"),
    )
    op.create_index("ix_hq_target_seq", "hq_target", ["seq"])


def downgrade() -> None:
    op.drop_table("hq_target")
