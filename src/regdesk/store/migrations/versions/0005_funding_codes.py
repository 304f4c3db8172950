"""funding sources as data: the registration's funding column moves to the catalogue's codes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10

``resources/data/funding_sources.json`` replaces the old enum. The stored values ``self``,
``apbd``, ``apbdes`` and ``other`` become ``mandiri``, ``apbd-kabupaten``, ``apbdes-add`` and
``donor-lain`` (``dana-desa`` and ``csr`` keep their code). Only the ``funding`` column is
rewritten: payloads (and the outbox, sent byte for byte) keep their bytes and hashes, and every
reader maps the old values (``regdesk.domain.funding.LEGACY_CODES``).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Written out, not imported: a migration must not change when the code does.
MOVES = (("self", "mandiri"), ("apbd", "apbd-kabupaten"), ("apbdes", "apbdes-add"),
         ("other", "donor-lain"))


def upgrade() -> None:
    for old, new in MOVES:
        op.execute(f"UPDATE registration SET funding = '{new}' WHERE funding = '{old}'")


def downgrade() -> None:
    for old, new in MOVES:
        op.execute(f"UPDATE registration SET funding = '{old}' WHERE funding = '{new}'")
