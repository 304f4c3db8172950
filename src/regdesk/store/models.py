"""SQLModel tables of the desk database. Keep in step with the Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Table, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class Setting(SQLModel, table=True):
    """Application settings and counters (JSON values)."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str = Field(sa_column=Column(Text, nullable=False))


class User(SQLModel, table=True):
    __tablename__ = "user_account"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True)
    full_name: str
    role: str  # operator | supervisor | admin
    password_hash: str
    active: bool = True
    created_at: datetime


class RegistrationRow(SQLModel, table=True):
    """The current version of one registration. ``seq`` orders rows and feeds the FTS index."""

    __tablename__ = "registration"
    __table_args__ = (
        Index(
            "ux_registration_nik_active",
            "nik",
            unique=True,
            sqlite_where=text("status != 'cancelled'"),
        ),
        Index("ix_registration_status_created", "status", "created_at"),
        # The partial unique index can't serve plain ``nik = ?`` lookups: this one does.
        Index("ix_registration_nik", "nik"),
    )
    seq: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(unique=True, max_length=36)
    local_ref: str = Field(unique=True)
    status: str
    version: int
    member_number: str | None = Field(default=None, index=True)
    nik: str
    full_name: str
    birth_date: date
    phone: str = Field(index=True)
    village_code: str
    occupation_code: str
    funding: str
    payload: str = Field(sa_column=Column(Text, nullable=False))  # canonical JSON
    confirmed_warnings: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    hq_answer: str | None = Field(default=None, sa_column=Column(Text))  # JSON: problems/duplicate
    card_qr: str | None = Field(default=None, sa_column=Column(Text))
    cancel_reason: str | None = None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    synced_at: datetime | None = None


class RegistrationVersion(SQLModel, table=True):
    """Every version ever saved (history for supervisors)."""

    __tablename__ = "registration_version"
    __table_args__ = (UniqueConstraint("registration_uuid", "version"),)
    id: int | None = Field(default=None, primary_key=True)
    registration_uuid: str = Field(foreign_key="registration.uuid")
    version: int
    status: str
    payload: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime
    created_by: str


class OutboxEntry(SQLModel, table=True):
    """One version waiting for (or done with) HQ. ``payload`` is frozen, sent byte for byte."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("registration_uuid", "version"),
        Index("ix_outbox_state", "state", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    registration_uuid: str = Field(foreign_key="registration.uuid")
    version: int
    local_ref: str
    payload: str = Field(sa_column=Column(Text, nullable=False))
    state: str = "queued"  # queued | in_flight | done | superseded
    batch_id: str | None = Field(default=None, index=True)
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime
    sent_at: datetime | None = None


class AuditEntry(SQLModel, table=True):
    """Append-only: who did what, when, to which record, which fields. No NIK or names."""

    __tablename__ = "audit"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor: str
    action: str
    entity: str
    entity_id: str = Field(index=True)
    fields: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False))


class RegionRow(SQLModel, table=True):
    __tablename__ = "region"
    code: str = Field(primary_key=True)
    name: str
    postal_code: str | None = None


class OccupationRow(SQLModel, table=True):
    __tablename__ = "occupation"
    code: str = Field(primary_key=True)
    name_id: str
    name_en: str
    transport: bool
    active: bool = True


# Tables of other store modules, registered on the same metadata (migrations and the
# models-vs-migrations test see one schema).
from regdesk.store import (  # noqa: E402,F401
    import_models,
    membership_models,
    prospect_models,
)


def desk_tables() -> list[Table]:
    """The desk database's tables, parents first: those of the table models in
    ``regdesk.store`` (SQLModel's one metadata also holds HQ's when both are imported)."""
    ours: set[str] = set()
    pending = list(SQLModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        table = getattr(model, "__table__", None)
        if isinstance(table, Table) and model.__module__.startswith("regdesk.store."):
            ours.add(table.name)
    return [t for t in SQLModel.metadata.sorted_tables if t.name in ours]
