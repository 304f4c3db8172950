"""The HQ console: operator accounts (argon2 hash, role, optional kecamatan scope, sign-in
throttle) and the HQ audit log (who, when, what; no personal data in ``detail``).

Revision ID: 0007
Revises: 0006 (written beside 0006 on another branch; re-chained onto it at the merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hq_operator",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),  # admin | operator | viewer
        sa.Column("kecamatan", sa.String(8), nullable=True),  # a viewer's scope, NN.NN.NN
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("failed_count", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        # signing out ends every session of the operator begun before (cookies are stateless)
        sa.Column("signed_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("username", name="uq_hq_operator_username"),
    )
    op.create_table(
        "hq_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("entity", sa.String(80), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_hq_audit_at", "hq_audit", ["at"])


def downgrade() -> None:
    op.drop_table("hq_audit")
    op.drop_table("hq_operator")
