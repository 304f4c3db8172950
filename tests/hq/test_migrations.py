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
