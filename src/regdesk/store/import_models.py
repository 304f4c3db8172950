"""Tables of bulk import: one row per import run, and the "needs fixing" list.

Keep in step with migration ``0002``. Raw cells of refused rows are personal data: they live
only here (and in the report the clerk asks for), never in logs or the audit detail.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class ImportRun(SQLModel, table=True):
    """One ``regdesk import`` that wrote something (dry runs leave no trace)."""

    __tablename__ = "import_run"
    id: int | None = Field(default=None, primary_key=True)
    file_name: str
    file_sha256: str = Field(index=True)
    sheet: str
    at: datetime
    actor: str
    rows: int  # non-blank rows read
    imported: int
    problems: int
    duplicates: int
    existing: int
    with_warnings: int


class ImportProblem(SQLModel, table=True):
    """A row that could not be imported: kept until a later import brings in its NIK, or its
    name and birth date (the fix may have been to the NIK itself)."""

    __tablename__ = "import_problem"
    __table_args__ = (
        UniqueConstraint("file_sha256", "sheet", "row_number"),
        Index("ix_import_problem_open", "resolved_at", "id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    import_id: int = Field(foreign_key="import_run.id")
    file_name: str
    file_sha256: str
    sheet: str
    row_number: int
    nik: str | None = Field(default=None, index=True)  # when the cell was readable
    name_key: str | None = Field(default=None, index=True)  # "name|birth date", casefolded
    headers: str = Field(sa_column=Column(Text, nullable=False))  # JSON list
    cells: str = Field(sa_column=Column(Text, nullable=False))  # JSON list, as the clerk saw it
    problems: str = Field(sa_column=Column(Text, nullable=False))  # JSON list of problems
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None = None
    resolution: str | None = None  # imported | existing
