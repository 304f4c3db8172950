"""partial NIK and phone search: an FTS5 trigram index over nik and phone

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Any run of 3 or more characters of a NIK or phone is found by the index (the search asks
for at least 6 NIK digits or 4 phone digits). External content (the registration table), kept
by triggers in the same transaction as every write path, like the name index; existing rows
are indexed by ``rebuild`` here.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DDL = (
    """CREATE VIRTUAL TABLE registration_fts_digits USING fts5(
        nik, phone, content='registration', content_rowid='seq', tokenize='trigram')""",
    """CREATE TRIGGER registration_fts_digits_ai AFTER INSERT ON registration BEGIN
        INSERT INTO registration_fts_digits(rowid, nik, phone)
        VALUES (new.seq, new.nik, new.phone);
    END""",
    """CREATE TRIGGER registration_fts_digits_ad AFTER DELETE ON registration BEGIN
        INSERT INTO registration_fts_digits(registration_fts_digits, rowid, nik, phone)
        VALUES ('delete', old.seq, old.nik, old.phone);
    END""",
    """CREATE TRIGGER registration_fts_digits_au AFTER UPDATE OF nik, phone ON registration
    BEGIN
        INSERT INTO registration_fts_digits(registration_fts_digits, rowid, nik, phone)
        VALUES ('delete', old.seq, old.nik, old.phone);
        INSERT INTO registration_fts_digits(rowid, nik, phone)
        VALUES (new.seq, new.nik, new.phone);
    END""",
    "INSERT INTO registration_fts_digits(registration_fts_digits) VALUES ('rebuild')",
)


def upgrade() -> None:
    for statement in DDL:
        op.execute(statement)


def downgrade() -> None:
    for name in ("registration_fts_digits_ai", "registration_fts_digits_ad",
                 "registration_fts_digits_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS registration_fts_digits")
