"""What encryption at rest costs: the save path and the searches of ``bench_store`` on the same
rows, once on the SQLCipher file the desk uses and once on a plain copy of it, in one run.

Prints one JSON document (the ratios encrypted/plain; goal ≤ 1.5× at 1M rows).

    python bench/bench_encryption.py [--rows 1000000] [--saves 300]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bench_store import bench_ours, build  # type: ignore[import-not-found]

from regdesk.store import Store
from regdesk.store.deskkey import existing_key
from regdesk.store.store import PLAIN

KEYS = ("save", "nik_lookup", "name_prefix_search_first_page_50", "nik_part_search_first_page_50",
        "phone_part_search_first_page_50", "no_match_search_first_page_50")


def plain_copy(encrypted: Path, target: Path) -> None:
    """The same database decrypted (``sqlcipher_export`` into a file with an empty key)."""
    store = Store.open(encrypted)
    connection = store.connect_raw()
    connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
    connection.execute("SELECT sqlcipher_export('plain')")
    connection.execute("DETACH DATABASE plain")
    connection.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--db", type=Path,
                        default=Path(tempfile.gettempdir()) / "regdesk-bench-enc.sqlite3")
    args = parser.parse_args()
    t = time.perf_counter()
    build(args.db, args.rows)
    build_seconds = time.perf_counter() - t
    assert existing_key(args.db) is not None, "the benchmark database is encrypted"
    with tempfile.TemporaryDirectory(dir=args.db.parent) as tmp:
        encrypted = Path(tmp) / "encrypted.sqlite3"
        plain = Path(tmp) / "plain.sqlite3"
        Store.open(args.db).close()
        with args.db.open("rb") as src, encrypted.open("wb") as dst:
            dst.write(src.read())
        plain_copy(args.db, plain)
        sizes = {"encrypted_mb": round(os.path.getsize(encrypted) / 1e6, 1),
                 "plain_mb": round(os.path.getsize(plain) / 1e6, 1)}
        enc = bench_ours(encrypted, args.saves)
        raw = bench_ours(plain, args.saves, open_store=lambda p: Store(p, key=PLAIN))
    ratios = {k: {m: round(enc[k][m] / raw[k][m], 2) if raw[k][m] else None  # type: ignore[index]
                  for m in ("p50_ms", "p95_ms", "mean_ms")} for k in KEYS}
    print(json.dumps({
        "benchmark": "encryption",
        "rows_in_db": args.rows,
        "build_seconds": round(build_seconds, 1),
        **sizes,
        "encrypted": enc,
        "plain": raw,
        "ratio_encrypted_over_plain": ratios,
        "goal_ratio_max": 1.5,
    }, indent=2))


if __name__ == "__main__":
    main()
