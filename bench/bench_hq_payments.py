"""HQ payments import benchmark; prints JSON.

* setup: N accepted registrations with a KPJ each, written straight into HQ's tables
  (SQLite), then the database file is copied so both measurements start from the same state;
* import: ``regdesk-hq import-payments`` of an N-row CSV (one payment per member, 3 months
  each, amounts as the fee rules expect) in a subprocess: wall time and peak RSS
  (``resource.getrusage`` in that subprocess);
* raw: the same N rows inserted into ``hq_payment`` of the copy with sqlite3 ``executemany``
  and one commit (no reading, matching, pricing or seq bookkeeping).

Goals: import rate ≥ 0.3 × raw rate; peak RSS of the import ≤ 400 MB.

Usage: ``.venv/bin/python bench/bench_hq_payments.py [--rows 100000]``
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402
from tests.hq.factories import VILLAGE, numbered_registration  # noqa: E402

from regdesk.domain.canonical import canonical_json, payload_hash  # noqa: E402
from regdesk.hq.db import write_tx  # noqa: E402
from regdesk.hq.runtime import Runtime  # noqa: E402
from regdesk.hq.settings import Settings  # noqa: E402
from regdesk.hq.tables import T_MEMBER, T_MEMBERSHIP, T_REG  # noqa: E402
from regdesk.hq.timeutil import utcnow  # noqa: E402

FIRST, LAST, PAID = "2026-09", "2026-11", "2026-09-10"
AMOUNT = 25_200  # 3 × 8.400 (non-transport, PP 50/2025 window, income 1.000.000, self)

_CHILD = r"""
import json, resource, sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from regdesk.hq.bpjstk_import import import_payments
from regdesk.hq.runtime import Runtime
from regdesk.hq.settings import Settings
rt = Runtime.open(Settings(db_url=sys.argv[1]))
start = time.perf_counter()
result, _ = import_payments(rt.engine, Path(sys.argv[2]), ctx=rt.contexts.get(),
                            today=date(2026, 11, 25))
elapsed = time.perf_counter() - start
rt.close()
print(json.dumps({"seconds": elapsed, "counts": result.counts(), "written": result.written,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _setup(db: Path, n: int) -> list[tuple[str, str]]:
    """N accepted registrations with KPJs; returns (uuid, kpj) pairs."""
    rt = Runtime.open(Settings(db_url=f"sqlite:///{db}"))
    now, since = utcnow(), date(2026, 1, 15)
    people = []
    with write_tx(rt.engine) as conn:
        for start in range(0, n, 10_000):
            regs, members, ships = [], [], []
            for i in range(start, min(n, start + 10_000)):
                payload = numbered_registration(i + 1)
                uid, kpj = str(uuid.uuid4()), f"{23_000_000_000 + i:011d}"
                text = canonical_json(payload)
                number = f"{10_000_000_000 + i:011d}"
                regs.append({"uuid": uid, "village_code": VILLAGE, "device_id": "bench",
                             "version": 1, "payload_hash": payload_hash(payload),
                             "payload": text, "status": "accepted", "nik": payload["nik"],
                             "registration_number": number, "card_qr": None, "answer": "{}",
                             "seq": 10_000_000 + i, "received_at": now})
                members.append({"uuid": uid, "registration_number": number,
                                "nik": payload["nik"], "village_code": VILLAGE, "since": since})
                ships.append({"uuid": uid, "village_code": VILLAGE, "kpj": kpj,
                              "ended_on": None, "ended_reason": None, "seq": 20_000_000 + i,
                              "updated_at": now})
                people.append((uid, kpj))
            conn.execute(insert(T_REG), regs)
            conn.execute(insert(T_MEMBER), members)
            conn.execute(insert(T_MEMBERSHIP), ships)
    rt.close()
    return people


def _write_csv(path: Path, people: list[tuple[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["No KPJ", "Bulan Awal", "Bulan Akhir", "Jumlah Iuran", "Kanal",
                    "Referensi", "Tanggal Bayar"])
        for i, (_uid, kpj) in enumerate(people):
            w.writerow([kpj, FIRST, LAST, AMOUNT, "Kantor Pos", f"R-{i}", PAID])


def _raw(db: Path, people: list[tuple[str, str]]) -> float:
    rows = [(uid, date(2026, 9, 1).isoformat(), date(2026, 11, 1).isoformat(), AMOUNT,
             "Kantor Pos", f"R-{i}", PAID, None) for i, (uid, _kpj) in enumerate(people)]
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    conn.executemany("INSERT INTO hq_payment (uuid, first_month, last_month, amount, channel, "
                     "reference, paid_on, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.commit()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=100_000)
    n = p.parse_args().rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, copy, data = folder / "hq.sqlite3", folder / "raw.sqlite3", folder / "iuran.csv"
        started = time.perf_counter()
        people = _setup(db, n)
        shutil.copyfile(db, copy)
        _write_csv(data, people)
        setup_s = time.perf_counter() - started
        child = subprocess.run([sys.executable, "-c", _CHILD, f"sqlite:///{db}", str(data),
                                str(ROOT / "src")], capture_output=True, text=True, check=True)
        imported = json.loads(child.stdout.strip().splitlines()[-1])
        raw_s = _raw(copy, people)
    ratio = raw_s / imported["seconds"]
    print(json.dumps({
        "rows": n, "setup_seconds": round(setup_s, 2),
        "import_seconds": round(imported["seconds"], 3),
        "import_rows_per_s": round(n / imported["seconds"]),
        "raw_seconds": round(raw_s, 3), "raw_rows_per_s": round(n / raw_s),
        "import_vs_raw": round(ratio, 3), "goal_import_vs_raw": 0.3,
        "peak_rss_mb": round(imported["peak_rss_mb"], 1), "goal_peak_rss_mb": 400,
        "counts": imported["counts"], "written": imported["written"],
    }, indent=2))


if __name__ == "__main__":
    main()
