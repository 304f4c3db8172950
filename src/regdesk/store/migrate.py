"""Apply Alembic migrations at start; copy the database file aside first.

Alembic is imported only when the schema is behind: an up-to-date desk starts without it.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from regdesk.store import cipher

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions (a test checks it against Alembic's own view).
HEAD_REVISION = "0006"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """Alembic's head, read from the scripts (slow-ish: for tests and tools)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _copy_aside(path: Path, revision: str | None, master: bytes | None) -> Path:
    """Consistent copy via SQLite's backup API (safe even with a WAL in use), encrypted for
    the same desk (``master``), owner-only."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision or 'unversioned'}-{stamp}.bak")
    cipher.copy_database(path, target, master, source_master=master)
    return target


def upgrade(engine: Engine, path: Path | None, master: bytes | None = None) -> Path | None:
    """Bring the schema to head. Returns the path of the copy made first, if any."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    from alembic import command

    backup = None
    if path is not None and path.exists() and current is not None:
        backup = _copy_aside(path, current, master)
        log.info("database copied aside to %s before migrating %s -> %s", backup, current,
                 HEAD_REVISION)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
