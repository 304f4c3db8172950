"""Long jobs beside saves (#15 §3). Prints one JSON document:

- save p95 alone, then save p95 while a month recap of every row runs on another thread
  (the GUI's job pool does the same; goal ≤ 2× alone);
- the recap's time and peak RSS, measured in a child process of its own.

The card run's figures are not measured here yet (the bench database has no members with a
KPJ). Build the database with bench/bench_store.py's ``build`` (cached):

    python bench/bench_longjobs.py --rows 200000 --db /tmp/regdesk-bench-200k.sqlite3
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_store import VILLAGE, build, fresh_registrations, summary

from regdesk.services.printouts import Period, print_recap
from regdesk.store import Store


def saves(store: Store, n: int, seed: int) -> list[float]:
    admin = store.user("admin")
    assert admin is not None
    with store.read() as session:
        taken = {r[0] for r in session.connection().exec_driver_sql(
            "SELECT nik FROM registration")}
    out = []
    for reg in fresh_registrations(n, seed, taken):
        t = time.perf_counter()
        store.add(reg, user=admin, confirmed_warnings=["postal_code.mismatch"])
        out.append(time.perf_counter() - t)
        time.sleep(0.02)  # a clerk does not save back to back
    return out


def recap_child(db: Path, out: Path) -> None:
    store = Store.open(db)
    admin = store.user("admin")
    assert admin is not None
    month = store.clock().strftime("%Y-%m")
    t = time.perf_counter()
    result = print_recap(store, Period.month(month), out, user=admin)
    print(json.dumps({"seconds": round(time.perf_counter() - t, 1),
                      "rows": result.total_registrations,
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                                           / 1024, 1),
                      "pdf_mb": round(out.stat().st_size / 1e6, 1)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir())
                        / "regdesk-bench-200k.sqlite3")
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        recap_child(args.db, args.child)
        return
    build(args.db, args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        alone_recap = json.loads(subprocess.run(
            [sys.executable, __file__, "--db", str(args.db), "--child", f"{tmp}/r.pdf"],
            check=True, capture_output=True, text=True).stdout)
        store = Store.open(args.db)
        store.context()
        alone = saves(store, args.saves, seed=9_001)
        done = threading.Event()
        admin = store.user("admin")
        assert admin is not None
        month = store.clock().strftime("%Y-%m")

        def job() -> None:
            print_recap(store, Period.month(month), Path(tmp) / "beside.pdf", user=admin)
            done.set()

        thread = threading.Thread(target=job)
        thread.start()
        time.sleep(1.0)  # the recap is reading and drawing
        during = []
        while not done.is_set() and len(during) < args.saves:
            during += saves(store, 1, seed=10_000 + len(during))
        thread.join()
        store.close()
    a, d = summary(alone), summary(during)
    print(json.dumps({"benchmark": "longjobs", "rows_in_db": args.rows, "village": VILLAGE,
                      "save_alone": a, "save_during_recap": d, "saves_during": len(during),
                      "ratio_p95": round(d["p95_ms"] / a["p95_ms"], 2),
                      "recap": alone_recap,
                      "targets": {"ratio_p95_max": 2, "recap_seconds_at_1m": 60,
                                  "recap_peak_rss_mb": 300}}, indent=2))


if __name__ == "__main__":
    main()
