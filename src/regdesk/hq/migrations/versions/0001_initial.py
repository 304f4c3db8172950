"""HQ initial schema.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "hq_counter",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(
        sa.table("hq_counter", sa.column("name", sa.String), sa.column("value", sa.BigInteger)),
        [{"name": "seq", "value": 0}, {"name": "member", "value": 0},
         {"name": "master", "value": 0}],
    )
    op.create_table(
        "hq_setting",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "hq_enrol_code",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
    )
    op.create_table(
        "hq_device",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
    )
    op.create_table(
        "hq_batch",
        sa.Column("batch_id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_table(
        "hq_registration",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("nik", sa.String(16), nullable=True),
        sa.Column("member_number", sa.String(11), nullable=True),
        sa.Column("card_qr", sa.Text, nullable=True),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("received_at", TS, nullable=False),
    )
    op.create_index("ix_hq_registration_village_seq", "hq_registration", ["village_code", "seq"])
    op.create_table(
        "hq_member",
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("member_number", sa.String(11), nullable=False, unique=True),
        sa.Column("nik", sa.String(16), nullable=False, unique=True),
        sa.Column("village_code", sa.String(13), nullable=False),
        sa.Column("since", sa.Date, nullable=False),
    )
    op.create_table(
        "hq_region",
        sa.Column("code", sa.String(13), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("postal_code", sa.String(5), nullable=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_hq_region_seq", "hq_region", ["seq"])
    op.create_table(
        "hq_occupation",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("row", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_hq_occupation_seq", "hq_occupation", ["seq"])
    op.create_table(
        "hq_rates",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_hq_rates_seq", "hq_rates", ["seq"])


def downgrade() -> None:
    for name in ("hq_rates", "hq_occupation", "hq_region", "hq_member", "hq_registration",
                 "hq_batch", "hq_device", "hq_enrol_code", "hq_setting", "hq_counter"):
        op.drop_table(name)
