"""Alembic environment for HQ: always run on a connection handed in by ``regdesk.hq.migrate``."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached via the alembic CLI by mistake
    raise RuntimeError("run HQ migrations through regdesk.hq.migrate.upgrade()")

context.configure(connection=connection, target_metadata=None, version_table="hq_alembic_version")
with context.begin_transaction():
    context.run_migrations()
