"""SIGKILL the import process at random moments: the database holds none or all of the
valid rows of that import — never a part — and running the import again completes it."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests import dbfile
from tests.cli_support import cli_env

from .conftest import PASSWORD, make_store, people, row_for, write_xlsx

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL is POSIX-only (Windows only has TerminateProcess)")

VALID = 1200
RUNS = 20
CLI = [sys.executable, "-c", "from regdesk.cli import entry; entry()"]


def _counts(db: Path) -> tuple[int, int, int, int]:
    with dbfile.connect(db) as c:
        return (
            c.execute("SELECT count(*) FROM registration").fetchone()[0],
            c.execute("SELECT count(*) FROM import_run").fetchone()[0],
            c.execute("SELECT count(*) FROM import_problem").fetchone()[0],
            c.execute("SELECT count(*) FROM audit WHERE action = 'registration.import'").fetchone()[
                0
            ],
        )


def _command(db: Path, sheet: Path) -> list[str]:
    return [*CLI, "--db", str(db), "--json", "import", str(sheet), "--set", "consent_given=ya"]


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_none_or_all(tmp_path: Path) -> None:
    template = tmp_path / "template.sqlite3"
    make_store(template).close()
    rows = [row_for(i + 1, r, style=i) for i, r in enumerate(people(VALID, seed=99))]
    rows += [
        [
            9001,
            "3.21606E+15",
            "Budi",
            "Bekasi, 17-08-1985",
            "L",
            "Jl. X",
            "1",
            "2",
            "Cibening",
            "081234567890",
            "Petani",
            1000000,
        ],
        [
            9002,
            "32160617088",
            "Ani",
            "Bekasi, 08/17/1985",
            "P",
            "Jl. Y",
            "1",
            "2",
            "Cibening",
            "0812",
            "Petani",
            1000000,
        ],
    ]
    sheet = write_xlsx(tmp_path / "daftar.xlsx", rows)
    env = {**cli_env(password=PASSWORD), "PYTHONHASHSEED": "0"}

    started = time.perf_counter()
    reference = tmp_path / "reference.sqlite3"
    shutil.copy(template, reference)
    subprocess.run(
        _command(reference, sheet), env=env, capture_output=True, check=False, timeout=300
    )
    full = time.perf_counter() - started
    expected = _counts(reference)
    assert expected[0] == VALID and expected[1:] == (1, 2, VALID)

    rng = random.Random(2026)
    seen = {"none": 0, "all": 0}
    for attempt in range(RUNS):
        db = tmp_path / f"run-{attempt}.sqlite3"
        shutil.copy(template, db)
        process = subprocess.Popen(
            _command(db, sheet), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.3, 1.1) * full)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        after_kill = _counts(db)
        if after_kill[0] == 0:
            assert after_kill == (0, 0, 0, 0), f"attempt {attempt}: partial {after_kill}"
            seen["none"] += 1
        else:
            assert after_kill == expected, f"attempt {attempt}: partial {after_kill}"
            seen["all"] += 1
        finished = subprocess.run(
            _command(db, sheet), env=env, capture_output=True, timeout=300, check=False
        )
        assert finished.returncode == 1, finished.stderr  # 1: some rows need fixing
        registered, runs, problems, audited = _counts(db)
        assert (registered, problems, audited) == (VALID, 2, VALID)
        assert runs == (1 if after_kill[0] == 0 else 2)
        with dbfile.connect(db) as c:
            assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert seen["none"] + seen["all"] == RUNS
    print(f"kills: {seen}, full import {full:.2f}s")
