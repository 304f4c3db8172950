"""prospects: the worklist of people on campaign lists who are not yet registered

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Personal data in the same encrypted database as the registrations; never in the outbox.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "prospect",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_name", text(), nullable=False),
        sa.Column("nik", text(), nullable=False),
        sa.Column("full_name", text(), nullable=False),
        sa.Column("phone", text(), nullable=True),
        sa.Column("village", text(), nullable=True),
        sa.Column("occupation", text(), nullable=True),
        sa.Column("group_name", text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("status", text(), nullable=False),
        sa.Column("reason", text(), nullable=True),
        sa.Column("local_ref", text(), nullable=True),
        sa.Column("source_file", text(), nullable=False),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by", text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("list_name", "nik"),
    )
    op.create_index("ix_prospect_list_name", "prospect", ["list_name"])
    op.create_index("ix_prospect_nik", "prospect", ["nik"])


def downgrade() -> None:
    op.drop_index("ix_prospect_nik", table_name="prospect")
    op.drop_index("ix_prospect_list_name", table_name="prospect")
    op.drop_table("prospect")
