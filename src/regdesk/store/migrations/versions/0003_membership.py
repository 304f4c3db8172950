"""membership: KPJ, paid periods and end of a registration, as HQ reports them

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "membership",
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("registration_number", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("kpj", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("payments", sa.Text(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("ended_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("card_qr", sa.Text(), nullable=True),
        sa.Column("hq_seq", sa.Integer(), nullable=False),
        sa.Column("card_prints", sa.Integer(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["uuid"], ["registration.uuid"]),
        sa.PrimaryKeyConstraint("uuid"),
    )
    op.create_index("ix_membership_kpj", "membership", ["kpj"])


def downgrade() -> None:
    op.drop_index("ix_membership_kpj", table_name="membership")
    op.drop_table("membership")
