"""The membership HQ reports for a registration: KPJ, paid periods, an end.

Keep in step with migration ``0003``. One row per registration uuid, replaced whole by each
``membership`` change pulled from HQ (the last one wins; HQ's ``seq`` orders them). The state
is not stored: it depends on the day and is computed by ``regdesk.domain.lifecycle``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel


class MembershipRow(SQLModel, table=True):
    __tablename__ = "membership"
    uuid: str = Field(primary_key=True, foreign_key="registration.uuid", max_length=36)
    registration_number: str | None = None
    kpj: str | None = Field(default=None, index=True)
    payments: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list
    ended_on: date | None = None
    ended_reason: str | None = None
    card_qr: str | None = Field(default=None, sa_column=Column(Text))  # HQ-signed, version 2
    hq_seq: int = 0  # HQ's sequence of the change applied last
    card_prints: int = 0  # member cards printed so far (the first is 1; later ones are reprints)
    updated_at: datetime
