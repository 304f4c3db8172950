"""Membership (KPJ, end), payments and import runs; HQ's "member number" becomes the
registration number it always was (the KPJ is BPJS Ketenagakerjaan's member number).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # rows are kept: SQLite (>= 3.25) and PostgreSQL rename columns in place
    op.alter_column("hq_registration", "member_number", new_column_name="registration_number")
    op.alter_column("hq_member", "member_number", new_column_name="registration_number")
    counter = sa.table("hq_counter", sa.column("name", sa.String), sa.column("value", sa.BigInteger))
    op.execute(counter.update().where(counter.c.name == "member").values(name="registration"))
    op.bulk_insert(counter, [{"name": "kpj", "value": 0}])
    op.create_table(
        "hq_membership",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("kpj", sa.String(11), nullable=True, unique=True),
        sa.Column("ended_on", sa.Date, nullable=True),
        sa.Column("ended_reason", sa.String(16), nullable=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_hq_membership_village_seq", "hq_membership", ["village_code", "seq"])
    op.create_table(
        "hq_payment",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("first_month", sa.Date, nullable=False),
        sa.Column("last_month", sa.Date, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("channel", sa.String(40), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("paid_on", sa.Date, nullable=False),
        sa.Column("import_id", sa.Integer, nullable=True),
        sa.UniqueConstraint("uuid", "first_month", "last_month", "paid_on", "reference",
                            name="uq_hq_payment_natural"),
    )
    op.create_index("ix_hq_payment_uuid", "hq_payment", ["uuid"])
    op.create_table(
        "hq_import_run",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("counts", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_hq_import_run_file_sha256", "hq_import_run", ["file_sha256"])


def downgrade() -> None:
    for name in ("hq_import_run", "hq_payment", "hq_membership"):
        op.drop_table(name)
    counter = sa.table("hq_counter", sa.column("name", sa.String))
    op.execute(counter.delete().where(counter.c.name == "kpj"))
    op.execute(counter.update().where(counter.c.name == "registration").values(name="member"))
    op.alter_column("hq_member", "registration_number", new_column_name="member_number")
    op.alter_column("hq_registration", "registration_number", new_column_name="member_number")
