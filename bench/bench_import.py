"""Benchmark: import a 10,000-row .xlsx (5% problem rows) vs the floor.

Floor = openpyxl read-only reading the same file + raw sqlite3 inserting the same valid rows
(registration, version, outbox and audit rows, as the import writes them) in one
transaction with the same pragmas. Target: import total <= 2 x floor. Prints JSON.

    .venv/bin/python bench/bench_import.py [--rows 10000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from regdesk.domain.canonical import canonical_json  # noqa: E402
from regdesk.services.imports import ImportOptions, import_file, read_and_plan  # noqa: E402
from tabular.conftest import make_store, people, row_for, write_xlsx  # noqa: E402


def build_rows(total: int) -> list[list[object]]:
    """Valid rows in mixed village formats; every 20th row carries one refusable pitfall."""
    regs = people(total, seed=4242)
    rows = [row_for(i + 1, r, style=i) for i, r in enumerate(regs)]
    for i in range(0, total, 20):
        kind = (i // 20) % 4
        if kind == 0:
            rows[i][1] = "3.21606E+15"
        elif kind == 1:
            rows[i][9] = "0812"
        elif kind == 2:
            rows[i][3] = "Bekasi, 08/17/1985"
        else:
            rows[i][10] = "Astronot"
    return rows


def read_floor(path: Path) -> float:
    started = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    for _row in wb.worksheets[0].iter_rows(values_only=True):
        pass
    wb.close()
    return time.perf_counter() - started


def insert_floor(template: Path, workdir: Path, registrations: list[dict[str, object]]) -> float:
    db = workdir / "floor.sqlite3"
    shutil.copy(template, db)
    now = "2026-11-25 08:00:00.000000"
    regs, versions, outbox, audits = [], [], [], []
    for n, reg in enumerate(registrations, start=1):
        uid, ref, payload = str(uuid.uuid4()), f"3216182005-{n:06d}", canonical_json(reg)
        regs.append(
            (
                uid,
                ref,
                "pending",
                1,
                reg["nik"],
                reg["full_name"],
                reg["birth_date"],
                reg["phone"],
                reg["village_code"],
                reg["occupation_code"],
                reg["funding"],
                payload,
                "[]",
                now,
                "admin",
                now,
                "admin",
            )
        )
        versions.append((uid, 1, "pending", payload, now, "admin"))
        outbox.append((uid, 1, ref, payload, "queued", 0, now))
        audits.append(
            (
                now,
                "admin",
                "registration.import",
                "registration",
                uid,
                "[]",
                json.dumps({"local_ref": ref, "source": "import", "row": n}),
            )
        )
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO registration (uuid, local_ref, status, version, nik, full_name, birth_date,"
        " phone, village_code, occupation_code, funding, payload, confirmed_warnings,"
        " created_at, created_by, updated_at, updated_by) VALUES"
        " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        regs,
    )
    connection.executemany(
        "INSERT INTO registration_version (registration_uuid, version, status, payload,"
        " created_at, created_by) VALUES (?,?,?,?,?,?)",
        versions,
    )
    connection.executemany(
        "INSERT INTO outbox (registration_uuid, version, local_ref, payload, state, attempts,"
        " created_at) VALUES (?,?,?,?,?,?,?)",
        outbox,
    )
    connection.executemany(
        "INSERT INTO audit (at, actor, action, entity, entity_id, fields, detail)"
        " VALUES (?,?,?,?,?,?,?)",
        audits,
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def timed_import(template: Path, work: Path, sheet: Path, n: int) -> tuple[float, float, Any]:
    """One import into a fresh copy of the database: (total seconds, read+judge seconds)."""
    db = work / f"desk-{n}.sqlite3"
    shutil.copy(template, db)
    store = make_store(db)
    user = store.user("admin")
    assert user is not None
    store.context()  # master data is loaded once per app start, not per import
    options = ImportOptions(defaults={"consent_given": "ya"})
    started = time.perf_counter()
    read_and_plan(store, sheet, user=user, options=options, remembered={})
    judged = time.perf_counter() - started
    started = time.perf_counter()
    result = import_file(store, sheet, user=user, options=options)
    total = time.perf_counter() - started
    store.close()
    return total, judged, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="alternate import and floor runs; report the fastest of each (the machine is shared)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        template = work / "template.sqlite3"
        make_store(template).close()
        sheet = write_xlsx(work / "daftar.xlsx", build_rows(args.rows))
        totals, judges, reads, inserts = [], [], [], []
        result = None
        for n in range(args.repeat):
            total, judged, result = timed_import(template, work, sheet, n)
            totals.append(total)
            judges.append(judged)
            valid = [o.registration.to_dict() for o in result.outcomes if o.registration]
            reads.append(read_floor(sheet))
            inserts.append(insert_floor(template, work, valid))
        assert result is not None
        summary = result.summary()
        total, read, insert = min(totals), min(reads), min(inserts)
        floor = read + insert
        print(
            json.dumps(
                {
                    "benchmark": "import_xlsx",
                    "rows": summary["rows"],
                    "imported": summary["imported"],
                    "problem_rows": summary["problems"],
                    "file_mb": round(sheet.stat().st_size / 1e6, 2),
                    "import_seconds": round(total, 3),
                    "import_read_and_judge_seconds": round(min(judges), 3),
                    "import_write_seconds_approx": round(total - min(judges), 3),
                    "floor_read_seconds": round(read, 3),
                    "floor_insert_seconds": round(insert, 3),
                    "floor_seconds": round(floor, 3),
                    "ratio_to_floor": round(total / floor, 2),
                    "target_ratio": 2.0,
                    "meets_target": total <= 2 * floor,
                    "repeat": args.repeat,
                    "all_import_seconds": [round(t, 2) for t in totals],
                }
            )
        )


if __name__ == "__main__":
    main()
