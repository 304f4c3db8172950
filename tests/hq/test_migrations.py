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
        after = conn.execute("SELECT uuid, status, registration_number FROM hq_registration "
                             "ORDER BY uuid").fetchall()
        heads = conn.execute("SELECT version_num FROM hq_alembic_version").fetchall()
    assert after == before
    scripts = Path(__file__).parents[2] / "src/regdesk/hq/migrations/versions"
    newest = max(p.name.split("_")[0] for p in scripts.glob("[0-9]*.py"))
    assert heads == [(newest,)]


def test_revision_0001_rows_survive_0002(tmp_path):
    """Revision 0001 with accepted registrations → 0002: registrations, their numbers (now
    ``registration_number``), the people (``hq_member``) and the number counter are kept; the
    new membership, payment and import tables exist and are empty; and a new registration
    number continues the old serials."""
    import shutil
    import sqlite3
    from pathlib import Path

    from regdesk.hq import counters
    from regdesk.hq.runtime import Runtime
    from regdesk.hq.settings import Settings

    fixture = Path(__file__).parents[1] / "fixtures" / "hq-schema-0001.sqlite3"
    path = tmp_path / "hq.sqlite3"
    shutil.copyfile(fixture, path)
    with sqlite3.connect(path) as conn:
        members = conn.execute("SELECT uuid, member_number, nik, village_code, since "
                               "FROM hq_member ORDER BY uuid").fetchall()
        serial = conn.execute("SELECT value FROM hq_counter WHERE name = 'member'").fetchone()
    assert members and serial[0] >= len(members)
    rt = Runtime.open(Settings(db_url=f"sqlite:///{path}"))
    try:
        with rt.engine.connect() as conn:
            assert counters.current(conn, counters.REGISTRATION) == serial[0]
            assert counters.current(conn, counters.KPJ) == 0
    finally:
        rt.close()
    with sqlite3.connect(path) as conn:
        after = conn.execute("SELECT uuid, registration_number, nik, village_code, since "
                             "FROM hq_member ORDER BY uuid").fetchall()
        empty = [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("hq_membership", "hq_payment", "hq_import_run")]
        old = conn.execute("SELECT count(*) FROM hq_counter WHERE name = 'member'").fetchone()
    assert after == members
    assert empty == [0, 0, 0] and old == (0,)
