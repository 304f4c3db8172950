"""Writes built from the table metadata, and the outbox's one write path."""

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import select
from tests import dbfile
from tests.factories import valid_registration_data

from regdesk.domain.registration import registration_from_dict
from regdesk.store import outbox, tables
from regdesk.store.bulk import BulkItem, bulk_insert
from regdesk.store.models import AuditEntry, OutboxEntry, RegistrationRow, RegistrationVersion
from regdesk.store.outbox import OutboxItem

STORE_SOURCES = Path(tables.__file__).parent
OUTBOX_WRITE = r"INSERT INTO outbox|(?<!class )OutboxEntry\(|insert_rows\([^)]*\"outbox\""


def reg(**overrides):
    registration, problems = registration_from_dict(valid_registration_data(**overrides))
    assert registration is not None, problems
    return registration


def states(store) -> list[tuple[int, str]]:
    with dbfile.connect(store.path) as connection:
        return connection.execute("SELECT version, state FROM outbox ORDER BY id").fetchall()


def test_bulk_rows_read_back_as_the_models_type_them(store, admin) -> None:
    now = store.clock()
    with store.write() as session:
        [ref] = bulk_insert(session, [BulkItem(reg(), audit_fields=("nik",))], actor="admin",
                            now=now, office_village="32.16.06.2006")
    with store.read() as session:
        row = session.exec(select(RegistrationRow).where(RegistrationRow.local_ref == ref)).one()
        version = session.exec(select(RegistrationVersion)).one()
        entry = session.exec(select(OutboxEntry)).one()
        audit = session.exec(select(AuditEntry).where(AuditEntry.entity_id == row.uuid)).one()
        assert (row.status, row.version, row.confirmed_warnings) == ("pending", 1, "[]")
        assert isinstance(row.birth_date, date) and row.created_at == now
        assert (row.member_number, row.hq_answer, row.synced_at) == (None, None, None)
        assert (version.version, version.status, version.payload) == (1, "pending", row.payload)
        # the outbox's state and attempts come from the model's defaults
        assert (entry.state, entry.attempts, entry.batch_id, entry.sent_at) == (
            "queued", 0, None, None)
        assert isinstance(entry.created_at, datetime) and entry.payload == row.payload
        assert (audit.action, audit.entity, audit.fields) == (
            "registration.create", "registration", '["nik"]')


def test_insert_rows_refuses_a_column_the_table_lacks(store) -> None:
    with store.write() as session, pytest.raises(KeyError, match="no_such"):
        tables.insert_rows(session.connection(), "audit", [{"at": "x", "no_such": 1}])
    with store.write() as session:
        tables.insert_rows(session.connection(), "audit", [])  # nothing to do


def test_enqueue_supersedes_only_the_same_records_queued_versions(store, admin) -> None:
    one = store.add(reg(), user=admin)
    two = store.add(reg(nik="3216061708850001", birth_date="1985-08-17", gender="L",
                        full_name="Budi"), user=admin)
    with store.write() as session:  # the first one's v1 is in the air
        outbox.claim_batch(session, new_batch_id="b1", limit=1, now=store.clock())
    with store.write() as session:
        outbox.enqueue(session, [OutboxItem(one.uuid, 2, one.local_ref, "{}"),
                                 OutboxItem(two.uuid, 2, two.local_ref, "{}")],
                       now=store.clock())
    assert states(store) == [(1, "in_flight"), (1, "superseded"), (2, "queued"),
                             (2, "queued")]


def test_withdrawing_keeps_sqlite_on_the_uuid_index(store, admin) -> None:
    view = store.add(reg(), user=admin)
    seen: list[str] = []

    def spy(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("UPDATE outbox"):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", spy)
    try:
        store.cancel(view.uuid, reason="double entry", user=admin)
    finally:
        event.remove(store.engine, "before_cursor_execute", spy)
    assert states(store) == [(1, "superseded")]  # a cancellation is not sent
    [statement] = seen
    with dbfile.connect(store.path) as connection:
        plan = connection.execute(f"EXPLAIN QUERY PLAN {statement}",
                                  (view.uuid,) * statement.count("?")).fetchall()
    assert "ix_outbox_state" not in str(plan) and "registration_uuid" in str(plan)


def test_the_outbox_has_one_write_path() -> None:
    for source in STORE_SOURCES.glob("*.py"):
        if source.name == "outbox.py":
            continue
        text = source.read_text(encoding="utf-8")
        assert not re.search(OUTBOX_WRITE, text), source.name


def test_store_writes_no_hand_typed_inserts() -> None:
    # outbox.py's answer side (apply_answers) is left to its own change
    offenders = [s.name for s in STORE_SOURCES.glob("*.py")
                 if s.name != "outbox.py" and "INSERT INTO" in s.read_text(encoding="utf-8")]
    assert offenders == []
