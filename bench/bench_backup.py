"""Benchmark: back up (and verify) a 1,000,000-row desk database. Prints JSON.

    .venv/bin/python bench/bench_backup.py [--db /tmp/bench-1m.sqlite3]

The database is made once with ``regdesk demo --count 1000000 --db PATH`` (a few minutes)
and reused when it exists.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from regdesk.store.backup import make_backup, verify_backup


def ensure_db(path: Path, count: int) -> None:
    if path.exists():
        return
    env = {**os.environ, "REGDESK_NEW_PASSWORD": "bench-password-1"}
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from regdesk.cli import entry; entry()",
            "--db",
            str(path),
            "demo",
            "--count",
            str(count),
        ],
        check=True,
        env=env,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench-1m.sqlite3"))
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--to", type=Path, default=None, help="backup folder (default: temp)")
    args = parser.parse_args()
    ensure_db(args.db, args.count)
    folder = args.to or Path(tempfile.mkdtemp(prefix="regdesk-bench-backup-"))
    try:
        started = time.perf_counter()
        info = make_backup(args.db, folder, keep=1)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        verify_backup(info.path)
        verify_seconds = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "benchmark": "backup",
                    "registrations": info.manifest["counts"].get("registration"),
                    "db_mb": round(args.db.stat().st_size / 1e6, 1),
                    "backup_mb": info.size_mb,
                    "backup_seconds": round(seconds, 2),
                    "includes": "online backup API + integrity_check + fsync + sha256 + manifest",
                    "verify_seconds": round(verify_seconds, 2),
                    "integrity_check": info.manifest["integrity_check"],
                }
            )
        )
    finally:
        if args.to is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
