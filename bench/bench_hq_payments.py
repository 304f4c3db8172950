"""HQ BPJS Ketenagakerjaan imports benchmark (members, then payments); prints JSON.

* setup: N accepted registrations written straight into HQ's tables (SQLite), without a KPJ;
* members: ``regdesk-hq import-members`` of an N-row CSV (NIK, KPJ) — the command's own
  ``main()`` in a fresh subprocess: wall time of ``main()`` and peak RSS of that process
  (``VmHWM``, interpreter and imports included; ``ru_maxrss`` is shown too, but on Linux a
  child's ``ru_maxrss`` starts from its parent's RSS at fork, here the setup's);
* payments: the database (now with N KPJs) is copied, then ``regdesk-hq import-payments`` of
  an N-row CSV (one payment per member, 3 months each, amounts as the fee rules expect) the
  same way;
* raw: the same N payment rows inserted into ``hq_payment`` of the copy with sqlite3
  ``executemany`` and one commit (no reading, matching, pricing or seq bookkeeping), in the
  same run; for scale, the same for the N membership rows the members import wrote.

Wall-clock seconds decide the goals; CPU seconds of the same steps are reported too, since
the machine may be shared (``loadavg`` before and after is in the output).

Goals (issue #11 §5): payments import rate ≥ 0.3 × raw rate; peak RSS of the import ≤ 400 MB.

Usage: ``.venv/bin/python bench/bench_hq_payments.py [--rows 100000]``
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402
from tests.hq.factories import VILLAGE, numbered_registration  # noqa: E402

from regdesk.domain.canonical import canonical_json, payload_hash  # noqa: E402
from regdesk.hq.db import write_tx  # noqa: E402
from regdesk.hq.runtime import Runtime  # noqa: E402
from regdesk.hq.settings import Settings  # noqa: E402
from regdesk.hq.tables import T_MEMBER, T_REG  # noqa: E402
from regdesk.hq.timeutil import utcnow  # noqa: E402

FIRST, LAST, PAID = "2026-09", "2026-11", "2026-09-10"
AMOUNT = 25_200  # 3 × 8.400 (non-transport, PP 50/2025 window, income 1.000.000, self)
TODAY = "2026-11-25"

# the command as an operator runs it, with HQ's day fixed (the fee rules depend on it)
_CHILD = r"""
import contextlib, io, json, resource, sys, time
from datetime import date
sys.path.insert(0, sys.argv[1])
from regdesk.hq import cli, runtime
day, real_open = date.fromisoformat(sys.argv[2]), runtime.Runtime.open
def fixed_day_open(settings, **kw):
    rt = real_open(settings, **kw)
    rt.today = lambda: day
    return rt
runtime.Runtime.open = fixed_day_open
out = io.StringIO()
start, cpu = time.perf_counter(), time.process_time()
with contextlib.redirect_stdout(out):
    code = cli.main(sys.argv[3:])
elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
doc = json.loads(out.getvalue())
# VmHWM: this process's own peak (ru_maxrss would also count the parent's RSS at fork)
peak_kb = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu, "exit": code, "written": doc["written"],
                  "counts": {k: doc[k] for k in ("rows", "applied", "unchanged", "unmatched",
                                                 "errors", "warnings", "memberships_changed")},
                  "peak_rss_mb": peak_kb / 1024,
                  "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _setup(db: Path, n: int) -> list[tuple[str, str, str]]:
    """N accepted registrations without KPJ; returns (uuid, nik, kpj-to-be) triples."""
    rt = Runtime.open(Settings(db_url=f"sqlite:///{db}"))
    now, since = utcnow(), date(2026, 1, 15)
    people = []
    with write_tx(rt.engine) as conn:
        for start in range(0, n, 10_000):
            regs, members = [], []
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
                people.append((uid, payload["nik"], kpj))
            conn.execute(insert(T_REG), regs)
            conn.execute(insert(T_MEMBER), members)
    rt.close()
    return people


def _write_members(path: Path, people: list[tuple[str, str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["NIK", "No KPJ"])
        w.writerows([nik, kpj] for _uid, nik, kpj in people)


def _write_payments(path: Path, people: list[tuple[str, str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["No KPJ", "Bulan Awal", "Bulan Akhir", "Jumlah Iuran", "Kanal",
                    "Referensi", "Tanggal Bayar"])
        for i, (_uid, _nik, kpj) in enumerate(people):
            w.writerow([kpj, FIRST, LAST, AMOUNT, "Kantor Pos", f"R-{i}", PAID])


def _command(db: Path, *args: str) -> dict[str, Any]:
    child = subprocess.run([sys.executable, "-c", _CHILD, str(ROOT / "src"), TODAY,
                            "--db", f"sqlite:///{db}", *args, "--json"],
                           capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    return result


def _copy(db: Path, to: Path) -> None:
    """A copy of the database as committed (the WAL folded in first)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copyfile(db, to)


def _executemany(db: Path, sql: str, rows: list[tuple[Any, ...]]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``executemany`` and its commit (HQ's pragmas)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    start, cpu = time.perf_counter(), time.process_time()
    conn.executemany(sql, rows)
    conn.commit()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    return elapsed, cpu


def _raw_payments(db: Path, people: list[tuple[str, str, str]]) -> tuple[float, float]:
    rows = [(uid, date(2026, 9, 1).isoformat(), date(2026, 11, 1).isoformat(), AMOUNT,
             "Kantor Pos", f"R-{i}", PAID, None) for i, (uid, _nik, _kpj) in enumerate(people)]
    return _executemany(db, "INSERT INTO hq_payment (uuid, first_month, last_month, amount, "
                            "channel, reference, paid_on, import_id) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _raw_memberships(db: Path, people: list[tuple[str, str, str]]) -> tuple[float, float]:
    now = utcnow().isoformat(sep=" ")
    rows = [(uid, VILLAGE, kpj, None, None, 30_000_000 + i, now)
            for i, (uid, _nik, kpj) in enumerate(people)]
    return _executemany(db, "INSERT INTO hq_membership (uuid, village_code, kpj, ended_on, "
                            "ended_reason, seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _figures(n: int, run: dict[str, Any], raw: tuple[float, float]) -> dict[str, Any]:
    wall, cpu = raw
    return {
        "import_seconds": round(run["seconds"], 3), "import_cpu_seconds": round(
            run["cpu_seconds"], 3), "import_rows_per_s": round(n / run["seconds"]),
        "raw_seconds": round(wall, 3), "raw_cpu_seconds": round(cpu, 3),
        "raw_rows_per_s": round(n / wall),
        "import_vs_raw": round(wall / run["seconds"], 3),
        "import_vs_raw_cpu": round(cpu / run["cpu_seconds"], 3),
        "peak_rss_mb": round(run["peak_rss_mb"], 1),
        "ru_maxrss_mb": round(run["ru_maxrss_mb"], 1),
        "counts": run["counts"], "written": run["written"],
    }


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=100_000)
    n = p.parse_args().rows
    load_before = _loadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, before_members = folder / "hq.sqlite3", folder / "members-raw.sqlite3"
        copy, payments_csv = folder / "raw.sqlite3", folder / "iuran.csv"
        members_csv = folder / "peserta.csv"
        started = time.perf_counter()
        people = _setup(db, n)
        _copy(db, before_members)
        _write_members(members_csv, people)
        _write_payments(payments_csv, people)
        setup_s = time.perf_counter() - started
        members = _command(db, "import-members", str(members_csv))
        _copy(db, copy)
        payments = _command(db, "import-payments", str(payments_csv))
        raw_pay = _raw_payments(copy, people)
        raw_members = _raw_memberships(before_members, people)
    print(json.dumps({
        "rows": n, "setup_seconds": round(setup_s, 2),
        "payments": {**_figures(n, payments, raw_pay), "goal_import_vs_raw": 0.3,
                     "goal_peak_rss_mb": 400},
        "members": {**_figures(n, members, raw_members),
                    "raw_is": "executemany of the N hq_membership rows the import writes"},
        "loadavg_before": load_before, "loadavg_after": _loadavg(), "cpus": os.cpu_count(),
    }, indent=2))


if __name__ == "__main__":
    main()
