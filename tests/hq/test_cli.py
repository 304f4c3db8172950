"""``regdesk-hq`` commands via ``main([...])`` (and one real subprocess)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import requests

from regdesk.hq.cli import main

from .factories import VILLAGE, batch, record

SRC = Path(__file__).resolve().parents[2] / "src"


def test_enrol_code_devices_export(db_url, desk, new_registration, tmp_path, capsys):
    assert main(["--db", db_url, "enrol-code", "--village", VILLAGE, "--hours", "2"]) == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 14 and code.count("-") == 2
    desk.push(batch([record(new_registration()),
                     record(new_registration(second_occupation_code="kurir"))]))
    assert main(["--db", db_url, "devices", "list"]) == 0
    assert desk.device_id in capsys.readouterr().out
    out_csv, out_xlsx = tmp_path / "r.csv", tmp_path / "r.xlsx"
    assert main(["--db", db_url, "export", "--format", "csv", "-o", str(out_csv)]) == 0
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert any(r["status"] == "accepted" and len(r["registration_number"]) == 11 for r in rows)
    assert {"", "kurir"} <= {r["second_occupation_code"] for r in rows}
    assert main(["--db", db_url, "export", "--format", "xlsx", "-o", str(out_xlsx)]) == 0
    sheet = openpyxl.load_workbook(out_xlsx).active
    assert sheet.max_row == len(rows) + 1
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header.index("second_occupation_code") == header.index("occupation_code") + 1
    assert main(["--db", db_url, "devices", "revoke", desk.device_id]) == 0
    assert desk.push(batch([record(new_registration())])).status_code == 401


def test_import_regions(db_url, tmp_path, capsys):
    f = tmp_path / "regions.csv"
    f.write_text("code,name,postal_code\n32.16.06.2099,Desa Uji,17510\n3216062006,Setiamekar,"
                 "17510\n", encoding="utf-8")
    assert main(["--db", db_url, "import-regions", str(f)]) == 0
    assert "1 region(s)" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("32.16.X,Nope\n", encoding="utf-8")
    assert main(["--db", db_url, "import-regions", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 1" in err and "Traceback" not in err


def test_errors_are_one_line(db_url, capsys):
    assert main(["--db", db_url, "enrol-code", "--village", "99.99.99.9999"]) == 1
    assert main(["--db", db_url, "devices", "revoke", "nope"]) == 1
    assert main(["--db", "mysql://x/y", "devices", "list"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 3 and "Traceback" not in err


def test_serve_subprocess(tmp_path):
    from regdesk.hq.server import free_port

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC), "REGDESK_HQ_DB": f"sqlite:///{tmp_path / 'h.db'}"}
    proc = subprocess.Popen([sys.executable, "-m", "regdesk.hq.cli", "serve", "--port",
                             str(port)], env=env, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                r = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                import time

                time.sleep(0.1)
        assert r.json() == {"status": "ok"}
    finally:
        proc.terminate()
        proc.wait(20)


def test_db_may_be_a_file_path_and_the_database_is_named(tmp_path, capsys):
    path = tmp_path / "hq.sqlite3"
    assert main(["--db", str(path), "devices", "list"]) == 0
    assert path.exists()
    assert f"database sqlite:///{path.resolve()}" in capsys.readouterr().err
    assert main(["--db", str(tmp_path), "devices", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a folder" in err
    assert main(["--db", str(tmp_path / "missing" / "hq.sqlite3"), "devices", "list"]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_the_shown_database_url_hides_the_password():
    from regdesk.hq.settings import shown_db_url

    shown = shown_db_url("postgresql+psycopg://hq:s3cret@db.example/hq")
    assert "s3cret" not in shown and "db.example/hq" in shown
