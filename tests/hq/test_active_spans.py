"""Coverage counted in SQL from ``hq_active_span`` gives exactly what reading every member
with :func:`regdesk.domain.lifecycle.standings` gives (SQLite and PostgreSQL), and the
writers keep the spans current: the members and payments imports, a new version of a
registration (its occupation), ``rebuild-spans`` and migration 0006's backfill."""

from __future__ import annotations

import json
import os
import random
from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, func, insert, select, text

from regdesk.domain.coverage import count_active, coverage
from regdesk.hq import bpjstk_import, membership, spans, targets
from regdesk.hq.cli import main
from regdesk.hq.coverage import (
    active_counts,
    district_coverage,
    members_with_kpj,
    village_coverage,
)
from regdesk.hq.migrate import _SCRIPTS
from regdesk.hq.tables import T_ACTIVE_SPAN, T_MEMBERSHIP, T_PAYMENT, T_REG, T_TARGET

from .conftest import PG_URL, pg_schema_url
from .factories import batch, record
from .test_membership_import import PAY_HEADER, _accepted, _kpj, _write_csv

KEC = "32.16.21"
VILLAGES = [f"{KEC}.{2000 + i}" for i in range(1, 5)]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _month(i: int) -> date:
    return date(2025 + i // 12, i % 12 + 1, 1)


def _seed(conn, rnd: random.Random, n: int) -> list[str]:
    """``n`` memberships (some without KPJ, some ended) with random payments and
    occupations, their registrations holding only the occupation (stored as duplicates: the
    session's HQ is shared, and an export of accepted registrations must not meet them)."""
    uuids = []
    for _ in range(n):
        u, village = str(uuid4()), rnd.choice(VILLAGES)
        kpj = None if rnd.random() < 0.1 else str(97_000_000_000 + rnd.randrange(10**9))
        ended = None if rnd.random() < 0.8 else _month(rnd.randrange(24)) + timedelta(
            days=rnd.randrange(28))
        conn.execute(insert(T_MEMBERSHIP).values(
            uuid=u, village_code=village, kpj=kpj, ended_on=ended,
            ended_reason="died" if ended else None, seq=0, updated_at=NOW))
        occupation = rnd.choice(["petani", "nelayan", "", None])
        conn.execute(insert(T_REG).values(
            uuid=u, village_code=village, device_id="t", version=1, payload_hash="h",
            payload=json.dumps({"occupation_code": occupation}), status="duplicate",
            nik=None, registration_number=None, card_qr=None, answer="{}", seq=0,
            received_at=NOW))
        for k in range(rnd.randrange(4)):
            first = rnd.randrange(24)
            last = first + rnd.choice([0, 0, 2, 5, 11])
            conn.execute(insert(T_PAYMENT).values(
                uuid=u, first_month=_month(first), last_month=_month(last), amount=1,
                channel="t", reference=f"S-{u}-{k}",
                paid_on=_month(first) + timedelta(days=rnd.randrange(-40, 60))))
        uuids.append(u)
    return uuids


def test_counting_spans_in_sql_equals_reading_every_member(hq_runtime):
    engine, rnd = hq_runtime.engine, random.Random(12)
    with engine.begin() as conn:
        uuids = _seed(conn, rnd, 120)
        conn.execute(insert(T_TARGET), [
            {"area_code": v, "group_code": g, "workers": 200, "informal": None,
             "baseline_covered": 10, "target_share": "0.65", "target_date": None,
             "source": "test", "seq": 0, "updated_at": NOW}
            for v in VILLAGES[:3] for g in ("", "petani")])
        assert spans.refresh(conn, uuids) > 0
    days = [date(2025, 1, 1) + timedelta(days=rnd.randrange(800)) for _ in range(15)]
    with engine.connect() as conn:
        rules = membership.lifecycle_rules(conn)
        held = [s.target for s in targets.load_targets(conn, area_prefix=KEC)
                if s.target.area.startswith(KEC + ".")]
        for day in days:
            by_reading = count_active(members_with_kpj(conn, KEC), day, rules)
            assert active_counts(conn, day, kecamatan=KEC) == +by_reading, day
            village = VILLAGES[0]
            assert active_counts(conn, day, village=village) == +count_active(
                members_with_kpj(conn, None, village=village), day, rules)
            expected = [r for r in coverage(held, by_reading, at=day)
                        if r.area.startswith(KEC)]  # one kecamatan: no regency row
            assert district_coverage(engine, at=day, kecamatan=KEC) == expected
            assert village_coverage(engine, village, at=day) == [
                r for r in expected if r.area == village]
    assert any(active_counts(engine.connect(), d, kecamatan=KEC) for d in days)


def test_rebuild_writes_the_same_spans_and_a_bad_village_is_one_line(hq_runtime, db_url,
                                                                     capsys):
    engine = hq_runtime.engine
    with engine.connect() as conn:
        before = sorted(tuple(r) for r in conn.execute(select(T_ACTIVE_SPAN)))
    assert main(["--db", db_url, "rebuild-spans"]) == 0
    assert capsys.readouterr().out.strip().endswith("active span(s) written")
    with engine.connect() as conn:
        assert sorted(tuple(r) for r in conn.execute(select(T_ACTIVE_SPAN))) == before
    try:
        village_coverage(engine, KEC, at=date(2026, 1, 1))
    except ValueError as exc:
        assert str(exc).startswith(f"village {KEC!r}: must be a village code")
    else:
        raise AssertionError("a kecamatan code passed as a village")


def test_refresh_writes_only_the_memberships_whose_spans_change(hq_runtime, monkeypatch):
    """A payment inside a span held, or a refresh with nothing new, writes no span; a
    payment that extends a span rewrites that membership only (same spans as a rebuild)."""
    engine, rnd = hq_runtime.engine, random.Random(7)
    with engine.begin() as conn:
        uuids = _seed(conn, rnd, 40)
        spans.refresh(conn, uuids)
    written: list[list[tuple]] = []
    real_insert = spans._insert
    monkeypatch.setattr(spans, "_insert", lambda conn, rows: (written.append(rows),
                                                              real_insert(conn, rows)))
    with engine.begin() as conn:
        held = {r.uuid: r for r in conn.execute(select(T_ACTIVE_SPAN).join(
            T_MEMBERSHIP, T_MEMBERSHIP.c.uuid == T_ACTIVE_SPAN.c.uuid).where(
            T_ACTIVE_SPAN.c.uuid.in_(uuids), T_MEMBERSHIP.c.ended_on.is_(None)).order_by(
            T_ACTIVE_SPAN.c.first_day))}  # each one's last span; not ended: it can extend
        inside, extended = sorted(held)[:2]
        span = held[inside]
        assert span.end_day - span.first_day > timedelta(days=1)
        month = span.first_day.replace(day=1)
        conn.execute(insert(T_PAYMENT).values(  # paid on the span's first day: no new day
            uuid=inside, first_month=month, last_month=month, amount=1, channel="t",
            reference="inside", paid_on=span.first_day))
        last = held[extended].end_day
        conn.execute(insert(T_PAYMENT).values(
            uuid=extended, first_month=last, last_month=last, amount=1, channel="t",
            reference="extends", paid_on=last))
        total = spans.refresh(conn, uuids)
        assert total == conn.execute(select(func.count()).select_from(T_ACTIVE_SPAN).where(
            T_ACTIVE_SPAN.c.uuid.in_(uuids))).scalar_one()
        assert {r[0] for rows in written for r in rows} == {extended}
        written.clear()
        assert spans.refresh(conn, uuids) == total
        assert written == [[]]
        after = sorted(tuple(r) for r in conn.execute(select(T_ACTIVE_SPAN)))
    spans.rebuild(engine)
    with engine.connect() as conn:
        assert sorted(tuple(r) for r in conn.execute(select(T_ACTIVE_SPAN))) == after


def test_payments_import_works_spans_out_from_the_payments_it_holds(
        hq_runtime, db_url, tmp_path, monkeypatch, capsys):
    """The import's spans (from the payments it read while judging and the new ones, not
    read back) are those a rebuild reads from the database: memberships with earlier
    payments, ended ones, several rows of one member across chunks."""
    engine, rnd = hq_runtime.engine, random.Random(21)
    with engine.begin() as conn:
        uuids = _seed(conn, rnd, 30)
        spans.refresh(conn, uuids)
        kpjs = dict(conn.execute(select(T_MEMBERSHIP.c.uuid, T_MEMBERSHIP.c.kpj).where(
            T_MEMBERSHIP.c.uuid.in_(uuids), T_MEMBERSHIP.c.kpj.is_not(None))).all())
    rows = []
    for i in range(45):
        u = rnd.choice(sorted(kpjs))
        first = rnd.randrange(18)
        last = first + rnd.choice([0, 1, 2, 5])
        rows.append([kpjs[u], _month(first).strftime("%Y-%m"), _month(last).strftime("%Y-%m"),
                     1, f"P-{u}-{i}", (_month(first) + timedelta(days=rnd.randrange(-20, 40)))
                     .isoformat()])
    monkeypatch.setattr(bpjstk_import, "CHUNK_ROWS", 7)
    monkeypatch.setattr(spans, "CHUNK", 5)
    monkeypatch.setattr(spans, "_PER_INSERT", 3)  # several rows a statement, and the rest
    pay = _write_csv(tmp_path / "iuran.csv", PAY_HEADER, rows)
    assert main(["--db", db_url, "import-payments", str(pay)]) == 0
    imported = _spans_of(engine, uuids)
    with engine.begin() as conn:
        assert spans.refresh(conn, uuids) == len(imported)  # read back: the same spans
    assert _spans_of(engine, uuids) == imported
    spans.rebuild(engine)
    assert _spans_of(engine, uuids) == imported
    capsys.readouterr()


def _spans_of(engine, uuids):
    with engine.connect() as conn:
        return {(r.uuid, r.first_day, r.end_day, r.occupation_code) for r in conn.execute(
            select(T_ACTIVE_SPAN).where(T_ACTIVE_SPAN.c.uuid.in_(uuids)))}


def test_imports_and_a_new_version_keep_the_spans_current(
        db_url, hq_runtime, desk, new_registration, tmp_path, capsys):
    engine = hq_runtime.engine
    people = _accepted(desk, new_registration, n=2)
    (u1, nik1, _), (u2, nik2, _) = people
    k1, k2 = _kpj(), _kpj()
    header = ["NIK", "No Registrasi", "KPJ", "Tanggal Berhenti", "Alasan"]
    members = _write_csv(tmp_path / "peserta.csv", header, [[nik1, "", k1, "", ""],
                                                            [nik2, "", k2, "", ""]])
    assert main(["--db", db_url, "import-members", str(members)]) == 0
    assert _spans_of(engine, [u1, u2]) == set()  # a KPJ, nothing paid
    pay = _write_csv(tmp_path / "iuran.csv", PAY_HEADER, [
        [k1, "2026-01", "2026-03", 25_200, "A-1", "2026-01-10"],
        [k2, "2026-02", "2026-02", 8_400, "A-2", "2026-01-20"]])
    assert main(["--db", db_url, "import-payments", str(pay)]) == 0
    assert _spans_of(engine, [u1, u2]) == {
        (u1, date(2026, 1, 10), date(2026, 4, 1), "petani"),
        (u2, date(2026, 2, 1), date(2026, 3, 1), "petani")}
    ended = _write_csv(tmp_path / "berhenti.csv", header, [[nik1, "", k1, "2026-03-05",
                                                            "meninggal"]])
    assert main(["--db", db_url, "import-members", str(ended)]) == 0
    assert (u1, date(2026, 1, 10), date(2026, 3, 5), "petani") in _spans_of(engine, [u1])
    with engine.connect() as conn:
        payload = json.loads(conn.execute(select(T_REG.c.payload).where(
            T_REG.c.uuid == u2)).scalar_one())
    payload["occupation_code"] = "nelayan"
    results = desk.push(batch([record(payload, version=2, rid=u2)])).json()["results"]
    assert results[0]["outcome"] == "accepted", results
    assert _spans_of(engine, [u2]) == {(u2, date(2026, 2, 1), date(2026, 3, 1), "nelayan")}
    capsys.readouterr()


@pytest.fixture(params=["sqlite", "postgres"])
def empty_db(request, tmp_path):
    """An empty database of one backend (PostgreSQL: a schema of its own, dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hq.sqlite3'}"
        return
    schema = f"hq_mig_{uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # PostgreSQL missing: as the other HQ tests
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_URL} unreachable in CI: {exc}")
        pytest.skip(f"PostgreSQL at {PG_URL} unreachable: {type(exc).__name__}")
    yield pg_schema_url(schema)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_migration_0006_backfills_the_spans(empty_db):
    engine = create_engine(empty_db)
    cfg = Config()
    cfg.set_main_option("script_location", str(_SCRIPTS))
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        u = str(uuid4())
        conn.execute(insert(T_MEMBERSHIP).values(
            uuid=u, village_code=VILLAGES[0], kpj="97000000001", ended_on=None,
            ended_reason=None, seq=0, updated_at=NOW))
        conn.execute(insert(T_PAYMENT), [
            {"uuid": u, "first_month": _month(first), "last_month": _month(last), "amount": 1,
             "channel": "t", "reference": f"M-{first}", "paid_on": _month(first)}
            for first, last in ((0, 2), (3, 3), (6, 6))])
        conn.commit()
        command.upgrade(cfg, "head")
        conn.commit()
        got = [tuple(r) for r in conn.execute(select(T_ACTIVE_SPAN))]
    engine.dispose()
    assert got == [(u, date(2025, 1, 1), date(2025, 5, 1), VILLAGES[0], None),
                   (u, date(2025, 7, 1), date(2025, 8, 1), VILLAGES[0], None)]
