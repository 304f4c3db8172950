"""import runs and the "needs fixing" list

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("file_sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sheet", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.Column("problems", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("existing", sa.Integer(), nullable=False),
        sa.Column("with_warnings", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_import_run_file_sha256", "import_run", ["file_sha256"])
    op.create_table(
        "import_problem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("file_sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sheet", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("nik", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("headers", sa.Text(), nullable=False),
        sa.Column("cells", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("resolved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("resolution", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["import_id"], ["import_run.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("file_sha256", "sheet", "row_number"),
    )
    op.create_index("ix_import_problem_nik", "import_problem", ["nik"])
    op.create_index("ix_import_problem_name_key", "import_problem", ["name_key"])
    op.create_index("ix_import_problem_open", "import_problem", ["resolved_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_import_problem_open", table_name="import_problem")
    op.drop_index("ix_import_problem_name_key", table_name="import_problem")
    op.drop_index("ix_import_problem_nik", table_name="import_problem")
    op.drop_table("import_problem")
    op.drop_index("ix_import_run_file_sha256", table_name="import_run")
    op.drop_table("import_run")
