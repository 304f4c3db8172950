"""Focused benchmark of the store's two write paths, each with its bare-sqlite3 floor.

Prints one JSON document: bulk insert rows/s (``bulk_insert``, as imports and demo data use
it) against ``executemany`` on bare sqlite3 with the same schema and rows, and the single
save (``Store.add``) and edit (``Store.update``) latencies against the bare four-INSERT
transaction. Runs are repeated and interleaved; the median run is reported.

    python bench/bench_store_writes.py [--rows 20000] [--saves 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench_store import bench_bulk, bench_raw, build, fresh_registrations, summary

from regdesk.store import Store


def bench_saves(db: Path, saves: int) -> dict[str, object]:
    """``Store.add`` then ``Store.update`` of each saved record, one transaction each; wall
    and CPU time (the commit's fsync is wall time only)."""
    store = Store.open(db)
    admin = store.user("admin")
    assert admin is not None
    store.context()
    regs = fresh_registrations(saves, seed=4242, taken=set())
    times: dict[str, list[float]] = {"save": [], "update": [], "save_cpu": [], "update_cpu": []}
    views = []
    for reg in regs:
        t, cpu = time.perf_counter(), time.process_time()
        views.append(store.add(reg, user=admin))
        times["save"].append(time.perf_counter() - t)
        times["save_cpu"].append(time.process_time() - cpu)
    for view in views:
        edited = view.registration.replace(address="Jl. Baru 7")
        t, cpu = time.perf_counter(), time.process_time()
        store.update(view.uuid, edited, user=admin)
        times["update"].append(time.perf_counter() - t)
        times["update_cpu"].append(time.process_time() - cpu)
    store.close()
    return {key: summary(samples) for key, samples in times.items()}


def _median_run(runs: list[dict[str, object]], key: str) -> dict[str, object]:
    ordered = sorted(runs, key=lambda r: float(r[key]))
    return ordered[len(ordered) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bulk_runs: list[dict[str, object]] = []
    save_runs: list[dict[str, object]] = []
    raw_runs: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "empty.sqlite3"
        Store.open(template).close()
        seeded = Path(tmp) / "seeded.sqlite3"
        build(seeded, 1)  # initialised, with an admin and one record
        for _ in range(args.repeat):
            bulk_runs.append(bench_bulk(template, args.rows))
            ours, raw = Path(tmp) / "ours.sqlite3", Path(tmp) / "raw.sqlite3"
            shutil.copyfile(seeded, ours)
            shutil.copyfile(seeded, raw)
            save_runs.append(bench_saves(ours, args.saves))
            raw_runs.append(bench_raw(raw, args.saves)["save"])

    def median(runs: list[dict[str, object]], key: str, stat: str) -> float:
        return statistics.median(float(r[key][stat]) for r in runs)

    def stats(runs: list[dict[str, object]], key: str) -> dict[str, float]:
        return {stat: median(runs, key, stat) for stat in ("p50_ms", "p95_ms", "mean_ms")}

    bulk = _median_run(bulk_runs, "ours_cpu_rows_per_s")
    print(json.dumps({
        "benchmark": "store_writes",
        "repeat": args.repeat,
        "bulk_insert": {**bulk, **{f"all_{key}": [r[key] for r in bulk_runs] for key in (
            "ours_rows_per_s", "raw_sqlite3_rows_per_s", "ours_cpu_rows_per_s",
            "raw_sqlite3_cpu_rows_per_s")}},
        **{key: stats(save_runs, key) for key in ("save", "save_cpu", "update", "update_cpu")},
        "raw_sqlite3_save": {stat: statistics.median(float(r[stat]) for r in raw_runs)
                             for stat in ("p50_ms", "p95_ms", "mean_ms")},
    }, indent=2))

if __name__ == "__main__":
    main()
