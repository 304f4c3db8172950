"""The alembic migrations build exactly the tables the SQLModel classes describe."""

from __future__ import annotations

from sqlalchemy import inspect

from regdesk.hq import tables
from regdesk.hq.migrate import upgrade


def test_migrated_schema_matches_models(hq_runtime):
    insp = inspect(hq_runtime.engine)
    for name in dir(tables):
        if not name.startswith("T_"):
            continue
        table = getattr(tables, name)
        cols = {c["name"]: c["nullable"] for c in insp.get_columns(table.name)}
        assert cols == {c.name: c.nullable for c in table.columns}, table.name
        uniques = {tuple(u["column_names"]) for u in insp.get_unique_constraints(table.name)}
        uniques |= {tuple(i["column_names"]) for i in insp.get_indexes(table.name)
                    if i.get("unique")}
        for c in table.columns:
            if c.unique:
                assert (c.name,) in uniques, f"{table.name}.{c.name} must be unique"


def test_upgrade_is_idempotent(hq_runtime):
    upgrade(hq_runtime.engine)  # a second process starting: nothing to do, no error


def test_released_hq_schema_upgrades_and_keeps_data(tmp_path):
    """A database written by the released HQ (revision 0001, three accepted registrations)
    opens with today's code: migrated to head, every registration and number kept."""
    import shutil
    import sqlite3
    from pathlib import Path

    from regdesk.hq.runtime import Runtime
    from regdesk.hq.settings import Settings

    fixture = Path(__file__).parents[1] / "fixtures" / "hq-schema-0001.sqlite3"
    path = tmp_path / "hq.sqlite3"
    shutil.copyfile(fixture, path)
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT uuid, status, member_number FROM hq_registration "
                              "ORDER BY uuid").fetchall()
    assert len(before) == 3
    rt = Runtime.open(Settings(db_url=f"sqlite:///{path}"))
    rt.close()
    with sqlite3.connect(path) as conn:
        after = conn.execute("SELECT uuid, status, member_number FROM hq_registration "
                             "ORDER BY uuid").fetchall()
        heads = conn.execute("SELECT version_num FROM hq_alembic_version").fetchall()
    assert after == before
    scripts = Path(__file__).parents[2] / "src/regdesk/hq/migrations/versions"
    newest = max(p.name.split("_")[0] for p in scripts.glob("[0-9]*.py"))
    assert heads == [(newest,)]
