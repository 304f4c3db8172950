from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel
from tests import dbfile

from regdesk.store import Store
from regdesk.store.db import make_engine
from regdesk.store.migrate import current_revision, head_revision, upgrade

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_every_connection_is_power_safe(store, admin) -> None:
    for engine in (store._writer, store._reader):
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_writes_use_immediate_transactions(store, admin) -> None:
    """A second writer waits for the lock instead of failing half-way through."""
    with store.write() as session:
        session.connection()  # the transaction starts here, with the write lock
        other = dbfile.connect(store.path, timeout=0, isolation_level=None)
        with pytest.raises(dbfile.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_schema_from_migrations_matches_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "fresh.sqlite3")
    upgrade(engine, None)

    def include(obj, name, type_, reflected, compare_to):
        # FTS5 shadow tables come from the migration's raw DDL; hq_* tables share SQLModel's
        # metadata when HQ modules are imported in the same test process, but live elsewhere.
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return not (table and (table.startswith("registration_fts") or table.startswith("hq_")))

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.sqlite3")), ids=lambda p: p.stem)
def test_released_schema_upgrades_and_keeps_data(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    path.write_bytes(fixture.read_bytes())
    with dbfile.connect(path) as connection:
        before = connection.execute("SELECT uuid, local_ref FROM registration").fetchall()
    assert before, "fixture DBs hold sample registrations"
    store = Store.open(path)
    try:
        assert current_revision(store.engine) == head_revision()
        rows = store.search("").rows
        assert {(r.uuid, r.local_ref) for r in rows} == set(before)
        for row in rows:
            store.get(row.uuid)  # payloads still readable
    finally:
        store.close()


def test_database_is_copied_aside_before_migrating(tmp_path: Path) -> None:
    fixture = FIXTURES / "schema-0001.sqlite3"
    path = tmp_path / "old.sqlite3"
    path.write_bytes(fixture.read_bytes())
    with dbfile.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num='0000'")
    engine = make_engine(path)
    # 0000 is unknown to Alembic: the copy must happen before it fails
    with pytest.raises(Exception):  # noqa: B017
        upgrade(engine, path)
    engine.dispose()
    copies = list(tmp_path.glob("old.sqlite3.before-0000-*.bak"))
    assert len(copies) == 1
    with dbfile.connect(copies[0]) as connection:
        assert connection.execute("SELECT count(*) FROM registration").fetchone()[0] > 0


def test_head_constant_matches_alembic() -> None:
    from regdesk.store.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_database_errors_never_carry_personal_data(store, admin) -> None:
    """Unexpected errors end up in logs and crash reports: their text must hold no NIK."""
    import sqlalchemy.exc

    payload = '{"nik": "3216064508900001", "full_name": "Siti Nurjanah"}'
    with pytest.raises(sqlalchemy.exc.IntegrityError) as caught, store.write() as session:
        session.connection().exec_driver_sql(  # breaks the foreign key on purpose
            "INSERT INTO registration_version (registration_uuid, version, status, payload, "
            "created_at, created_by) VALUES (?, 1, 'x', ?, '2026-01-01', 'admin')",
            ("no-such-registration", payload))
    assert "3216064508900001" not in str(caught.value)
    assert "Siti" not in str(caught.value)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.sqlite3")), ids=lambda p: p.stem)
def test_migrated_rows_are_found_by_nik_and_phone_parts(fixture: Path, tmp_path: Path) -> None:
    """0004 indexes the rows already there (a trigram index over nik and phone)."""
    path = tmp_path / fixture.name
    path.write_bytes(fixture.read_bytes())
    with dbfile.connect(path) as connection:
        before = connection.execute("SELECT uuid, nik, phone FROM registration").fetchall()
    store = Store.open(path)
    try:
        for uuid, nik, phone in before:
            assert uuid in {r.uuid for r in store.search(nik[4:12], limit=500).rows}
            assert uuid in {r.uuid for r in store.search("0" + phone[3:9], limit=500).rows}
    finally:
        store.close()


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema-*.sqlite3")), ids=lambda p: p.stem)
def test_old_funding_values_move_to_the_catalogue_codes(fixture: Path, tmp_path: Path) -> None:
    """0005: self/apbd/apbdes/other become mandiri/apbd-kabupaten/apbdes-add/donor-lain in the
    funding column; payloads keep their bytes (they are read through the legacy map)."""
    path = tmp_path / fixture.name
    path.write_bytes(fixture.read_bytes())
    with dbfile.connect(path) as connection:
        before = dict(connection.execute("SELECT uuid, funding FROM registration").fetchall())
        payloads = dict(connection.execute("SELECT uuid, payload FROM registration").fetchall())
    Store.open(path).close()
    with dbfile.connect(path) as connection:
        after = dict(connection.execute("SELECT uuid, funding FROM registration").fetchall())
        assert dict(connection.execute("SELECT uuid, payload FROM registration")) == payloads
    moves = {"self": "mandiri", "apbdes": "apbdes-add", "dana-desa": "dana-desa"}
    assert after == {uuid: moves[old] for uuid, old in before.items()}
    assert set(after.values()) == {"mandiri", "apbdes-add", "dana-desa"}
