"""The prospect worklist: people on a campaign list who are not yet registered.

Keep in step with migration ``0006``. Personal data: kept in the desk's encrypted database
beside the registrations, never queued in the outbox, never sent to HQ, never in the audit
detail or a log line (those name the list and counts only). One row per list and NIK.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class ProspectRow(SQLModel, table=True):
    __tablename__ = "prospect"
    __table_args__ = (UniqueConstraint("list_name", "nik"),)
    id: int | None = Field(default=None, primary_key=True)
    list_name: str = Field(index=True)
    nik: str = Field(index=True)
    full_name: str
    phone: str | None = None  # E.164
    village: str | None = None  # as the list wrote it (a name or a code)
    occupation: str | None = None
    group_name: str | None = None
    note: str | None = Field(default=None, sa_column=Column(Text))
    status: str = "not_visited"  # regdesk.domain.prospects.ProspectStatus
    reason: str | None = None  # why they refused
    local_ref: str | None = None  # the registration that made them "registered"
    source_file: str  # the file's name only
    source_row: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
