"""Benchmark of the local store with a large database (issue "Registration core" §6).

Prints one JSON document. Measures, with N registrations already in the database:
save path (validate + row + FTS + version + outbox + audit, one fsync'd transaction),
NIK lookup, name-prefix search, partial NIK (6–10 digits) and phone (4–8 digits, national and
international forms) search, bulk insert rate, DB size — and the same operations done by
bare SQLCipher (the same keyed file, DB-API, no ORM) on the same schema (the floor).
bench/bench_encryption.py compares encrypted and plain files in one run.

    python bench/bench_store.py [--rows 1000000] [--db /tmp/regdesk-bench-1m.sqlite3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from regdesk.domain.canonical import canonical_json
from regdesk.services.demo import generate
from regdesk.store import Store, cipher
from regdesk.store.bulk import BulkItem, bulk_insert
from regdesk.store.deskkey import existing_key
from regdesk.store.search import digits_query

VILLAGE = "32.16.06.2006"
BULK_ROWS = 50_000


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 3)


def summary(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": pct(samples, 0.5), "p95_ms": pct(samples, 0.95),
            "mean_ms": round(statistics.fmean(samples) * 1000, 3)}


def build(db: Path, rows: int) -> None:
    """A database with ``rows`` generated registrations (cached between runs)."""
    store = Store.open(db)
    if not store.is_initialised():
        store.initialise(village=VILLAGE, admin_username="admin", admin_password="bench-pass-1",
                         admin_name="Bench")
    have = store.count()
    admin = store.user("admin")
    assert admin is not None
    if have < rows:
        now = store.clock()
        items = generate(rows - have, village_code=VILLAGE, postal_code="17510",
                         today=now.date(), recorded_by="admin", seed=have + 1)
        chunk: list[BulkItem] = []
        seen: set[str] = set()
        with store.read() as session:
            seen = {r[0] for r in session.connection().exec_driver_sql(
                "SELECT nik FROM registration")}
        for reg in items:
            if reg.nik in seen:
                continue
            seen.add(reg.nik)
            chunk.append(BulkItem(reg))
            if len(chunk) == 20_000:
                with store.write() as session:
                    bulk_insert(session, chunk, actor="admin", now=now, office_village=VILLAGE)
                chunk = []
        if chunk:
            with store.write() as session:
                bulk_insert(session, chunk, actor="admin", now=now, office_village=VILLAGE)
    store.close()


def fresh_registrations(count: int, seed: int, taken: set[str]) -> list:
    today = datetime.now(UTC).date()
    return list(generate(count, village_code=VILLAGE, postal_code="17510", today=today,
                         recorded_by="admin", seed=seed, taken_niks=taken))


def part_queries(niks_phones: list[tuple[str, str]], seed: int = 7) -> dict[str, list[str]]:
    """What a clerk types for a part: NIK slices (6, 8, 10 digits at any place), phone tails
    (4 and 6 digits), the start of a number in its national (0812 34…) and international
    (+62 812 34…) forms, and parts that match nothing."""
    rng = random.Random(seed)
    nik_parts, phone_parts, misses = [], [], []
    for nik, phone in niks_phones:
        width = rng.choice((6, 8, 10))
        at = rng.randint(0, 16 - width)
        nik_parts.append(nik[at:at + width])
        national = "0" + phone[3:]  # +62812… -> 0812…
        phone_parts.append(rng.choice((phone[-4:], phone[-6:], national[:8],
                                       "+62 " + phone[3:9])))
        misses.append("".join(rng.choice("0123456789") for _ in range(rng.choice((6, 9)))))
    return {"nik_part": nik_parts, "phone_part": phone_parts, "no_match": misses}


def bench_ours(db: Path, saves: int, open_store: Callable[[Path], Store] = Store.open
               ) -> dict[str, object]:
    store = open_store(db)
    admin = store.user("admin")
    assert admin is not None
    store.context()  # master data is loaded once at start, like the app does
    with store.read() as session:
        taken = {r[0] for r in session.connection().exec_driver_sql(
            "SELECT nik FROM registration")}
        niks = [r[0] for r in session.connection().exec_driver_sql(
            "SELECT nik FROM registration ORDER BY random() LIMIT 300")]
        sample = [(r[0], r[1]) for r in session.connection().exec_driver_sql(
            "SELECT nik, phone FROM registration ORDER BY random() LIMIT 300")]
    regs = fresh_registrations(saves, seed=987_654, taken=taken)
    save_times = []
    for reg in regs:
        t = time.perf_counter()
        store.add(reg, user=admin)
        save_times.append(time.perf_counter() - t)
    nik_times = []
    for nik in niks:
        t = time.perf_counter()
        page = store.search(nik, limit=20)
        nik_times.append(time.perf_counter() - t)
        assert page.rows
    prefixes = ["sit", "budi", "ahmad s", "dew", "rahmat hid", "nur", "eko", "wahyu pra", "an",
                "lilis"] * 30
    search_times = []
    for prefix in prefixes:
        t = time.perf_counter()
        store.search(prefix, limit=50)
        search_times.append(time.perf_counter() - t)
    parts: dict[str, object] = {}
    for kind, queries in part_queries(sample).items():
        times = []
        for query in queries:
            t = time.perf_counter()
            store.search(query, limit=50)
            times.append(time.perf_counter() - t)
        parts[f"{kind}_search_first_page_50"] = summary(times)
    store.close()
    return {"save": summary(save_times), "nik_lookup": summary(nik_times),
            "name_prefix_search_first_page_50": summary(search_times), **parts}


def bench_raw(db: Path, saves: int) -> dict[str, object]:
    """The bare equivalent with sqlite3: same schema, same rows, same pragmas."""
    key = existing_key(db)  # the same SQLCipher file, keyed as the desk keys it
    connection = cipher.connect(db, key.master if key else None)
    connection.isolation_level = None
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    taken = {r[0] for r in connection.execute("SELECT nik FROM registration")}
    regs = fresh_registrations(saves, seed=123_456, taken=taken)
    now = datetime.now(UTC).isoformat(" ")
    save_times = []
    for reg in regs:
        t = time.perf_counter()
        payload = canonical_json(reg.to_dict())
        rid = str(uuid.uuid4())
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO registration (uuid, local_ref, status, version, nik, full_name, "
            "birth_date, phone, village_code, occupation_code, funding, payload, "
            "confirmed_warnings, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, ?, 'pending', 1, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, 'admin', ?, 'admin')",
            (rid, "raw-" + rid, reg.nik, reg.full_name, reg.birth_date.isoformat(), reg.phone,
             reg.village_code, reg.occupation_code, reg.funding.value, payload, now, now))
        connection.execute("INSERT INTO registration_version (registration_uuid, version, status,"
                           " payload, created_at, created_by) VALUES (?, 1, 'pending', ?, ?, "
                           "'admin')", (rid, payload, now))
        connection.execute("INSERT INTO outbox (registration_uuid, version, local_ref, payload, "
                           "state, attempts, created_at) VALUES (?, 1, ?, ?, 'queued', 0, ?)",
                           (rid, "raw-" + rid, payload, now))
        connection.execute("INSERT INTO audit (at, actor, action, entity, entity_id, fields, "
                           "detail) VALUES (?, 'admin', 'registration.create', 'registration', "
                           "?, '[]', '{}')", (now, rid))
        connection.execute("COMMIT")
        save_times.append(time.perf_counter() - t)
    niks = [r[0] for r in connection.execute(
        "SELECT nik FROM registration ORDER BY random() LIMIT 300")]
    nik_times = []
    for nik in niks:
        t = time.perf_counter()
        connection.execute("SELECT seq, uuid, local_ref, status, full_name, nik, phone, "
                           "member_number, created_at FROM registration WHERE nik = ? "
                           "ORDER BY seq DESC LIMIT 21", (nik,)).fetchall()
        nik_times.append(time.perf_counter() - t)
    search_times = []
    for prefix in ['"sit"*', '"budi"*', '"ahmad"* "s"*', '"dew"*', '"rahmat"* "hid"*', '"nur"*',
                   '"eko"*', '"wahyu"* "pra"*', '"an"*', '"lilis"*'] * 30:
        t = time.perf_counter()
        connection.execute(
            "SELECT r.seq, r.uuid, r.local_ref, r.status, r.full_name, r.nik, r.phone, "
            "r.member_number, r.created_at FROM registration_fts f JOIN registration r "
            "ON r.seq = f.rowid WHERE registration_fts MATCH ? ORDER BY f.rowid DESC LIMIT 51",
            (prefix,)).fetchall()
        search_times.append(time.perf_counter() - t)
    sample = [(r[0], r[1]) for r in connection.execute(
        "SELECT nik, phone FROM registration ORDER BY random() LIMIT 300")]
    parts: dict[str, object] = {}
    for kind, queries in part_queries(sample).items():
        times = []
        for query in queries:
            part = digits_query(query)
            assert part is not None
            t = time.perf_counter()
            connection.execute(
                "SELECT r.seq, r.uuid, r.local_ref, r.status, r.full_name, r.nik, r.phone, "
                "r.member_number, r.created_at FROM registration_fts_digits f JOIN "
                "registration r ON r.seq = f.rowid WHERE registration_fts_digits MATCH ? "
                "AND (instr(r.nik, ?) > 0 OR instr(r.phone, ?) > 0) "
                "ORDER BY f.rowid DESC LIMIT 51",
                (part.match, part.nik or "-", part.phone)).fetchall()
            times.append(time.perf_counter() - t)
        parts[f"{kind}_search_first_page_50"] = summary(times)
    connection.close()
    return {"save": summary(save_times), "nik_lookup": summary(nik_times),
            "name_prefix_search_first_page_50": summary(search_times), **parts}


def bench_bulk(empty_template: Path, rows: int) -> dict[str, object]:
    """Rows/s for our Core bulk path vs executemany on bare sqlite3, same schema and rows."""
    regs = fresh_registrations(rows, seed=55, taken=set())
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory() as tmp:
        ours_db = Path(tmp) / "ours.sqlite3"
        shutil.copyfile(empty_template, ours_db)
        store = Store.open(ours_db)
        items = [BulkItem(r) for r in regs]
        t, cpu = time.perf_counter(), time.process_time()
        with store.write() as session:
            bulk_insert(session, items, actor="admin", now=now, office_village=VILLAGE)
        ours, ours_cpu = time.perf_counter() - t, time.process_time() - cpu
        store.close()

        raw_db = Path(tmp) / "raw.sqlite3"
        shutil.copyfile(empty_template, raw_db)
        key = existing_key(raw_db)
        connection = cipher.connect(raw_db, key.master if key else None)
        connection.isolation_level = None
        connection.execute("PRAGMA synchronous=FULL")
        stamp = now.isoformat(" ")
        t, cpu = time.perf_counter(), time.process_time()
        reg_rows, version_rows, outbox_rows, audit_rows = [], [], [], []
        for i, reg in enumerate(regs):
            rid = str(uuid.uuid4())
            payload = canonical_json(reg.to_dict())
            ref = f"3216062006-{i:06d}"
            reg_rows.append((rid, ref, reg.nik, reg.full_name, reg.birth_date.isoformat(),
                             reg.phone, reg.village_code, reg.occupation_code,
                             reg.funding.value, payload, stamp, stamp))
            version_rows.append((rid, payload, stamp))
            outbox_rows.append((rid, ref, payload, stamp))
            audit_rows.append((stamp, rid, json.dumps({"local_ref": ref})))
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO registration (uuid, local_ref, status, version, nik, full_name, "
            "birth_date, phone, village_code, occupation_code, funding, payload, "
            "confirmed_warnings, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, ?, 'pending', 1, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, 'admin', ?, 'admin')",
            reg_rows)
        connection.executemany("INSERT INTO registration_version (registration_uuid, version, "
                               "status, payload, created_at, created_by) VALUES (?, 1, "
                               "'pending', ?, ?, 'admin')", version_rows)
        connection.executemany("INSERT INTO outbox (registration_uuid, version, local_ref, "
                               "payload, state, attempts, created_at) VALUES (?, 1, ?, ?, "
                               "'queued', 0, ?)", outbox_rows)
        connection.executemany("INSERT INTO audit (at, actor, action, entity, entity_id, fields,"
                               " detail) VALUES (?, 'admin', 'registration.create', "
                               "'registration', ?, '[]', ?)", audit_rows)
        connection.execute("COMMIT")
        raw, raw_cpu = time.perf_counter() - t, time.process_time() - cpu
        connection.close()
    # CPU rates too: on a shared machine wall time mostly measures the neighbours
    return {"rows": rows, "ours_rows_per_s": round(rows / ours),
            "raw_sqlite3_rows_per_s": round(rows / raw), "ratio": round(raw / ours, 3),
            "ours_cpu_rows_per_s": round(rows / ours_cpu),
            "raw_sqlite3_cpu_rows_per_s": round(rows / raw_cpu),
            "cpu_ratio": round(raw_cpu / ours_cpu, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir())
                        / "regdesk-bench-1m.sqlite3")
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "empty.sqlite3"
        Store.open(template).close()
        bulk = bench_bulk(template, BULK_ROWS)

    t = time.perf_counter()
    build(args.db, args.rows)
    build_seconds = time.perf_counter() - t
    with tempfile.TemporaryDirectory(dir=args.db.parent) as tmp:
        ours_copy = Path(tmp) / "ours.sqlite3"
        raw_copy = Path(tmp) / "raw.sqlite3"
        shutil.copyfile(args.db, ours_copy)
        shutil.copyfile(args.db, raw_copy)
        ours = bench_ours(ours_copy, args.saves)
        raw = bench_raw(raw_copy, args.saves)
    key = existing_key(args.db)
    connection = cipher.connect(args.db, key.master if key else None)
    rows = connection.execute("SELECT count(*) FROM registration").fetchone()[0]
    connection.close()
    print(json.dumps({
        "benchmark": "store",
        "rows_in_db": rows,
        "db_size_mb": round(os.path.getsize(args.db) / 1e6, 1),
        "build_seconds": round(build_seconds, 1),
        "regdesk": ours,
        "raw_sqlite3": raw,
        "bulk_insert": bulk,
        "targets": {"save_p95_ms": 5, "search_p95_ms": 2, "nik_lookup_p95_ms": 1,
                    "bulk_ratio_min": 0.5, "part_search_p95_ms_at_1m_rows": 50},
    }, indent=2))


if __name__ == "__main__":
    main()
