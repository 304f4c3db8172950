"""Apply Alembic migrations at start; copy the database file aside first."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _copy_aside(path: Path, revision: str | None) -> Path:
    """Consistent copy via SQLite's backup API (safe even with a WAL in use)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision or 'unversioned'}-{stamp}.bak")
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def upgrade(engine: Engine, path: Path | None) -> Path | None:
    """Bring the schema to head. Returns the path of the copy made first, if any."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    backup = None
    if path is not None and path.exists() and current is not None:
        backup = _copy_aside(path, current)
        log.info("database copied aside to %s before migrating %s -> %s", backup, current, head)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup


def schema_exists_without_alembic(path: Path) -> bool:
    if not path.exists():
        return False
    with sqlite3.connect(path) as connection:
        names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    return "registration" in names and "alembic_version" not in names
