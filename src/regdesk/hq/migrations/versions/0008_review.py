"""Perlu ditinjau: a rejected or duplicate registration resolved at HQ keeps the operator's
note (``review_note``) and when it was resolved (``reviewed_at``); both are cleared when the
desk pushes a new version of the record.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("hq_registration", sa.Column("review_note", sa.Text, nullable=True))
    op.add_column("hq_registration",
                  sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hq_registration") as batch:
        batch.drop_column("reviewed_at")
        batch.drop_column("review_note")
