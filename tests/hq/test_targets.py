"""``regdesk-hq targets import|list`` on SQLite and PostgreSQL: the shipped regency file,
tolerant headers, dry run, problems named by row and column, all-or-nothing, idempotent
re-import, a change taking a new seq, and an xlsx with Excel's percent and date cells.

Figures below the regency are MADE UP for the tests (per-village estimates are not public).
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
from sqlalchemy import select

from regdesk.hq.cli import main
from regdesk.hq.tables import T_TARGET

SAMPLE = Path(__file__).parents[2] / "resources/data/targets-kabupaten-bekasi.csv"


def _run(db_url, capsys, *args):
    code = main(["--db", db_url, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        w.writerows(rows)
    return path


def _rows(engine, *areas):
    with engine.connect() as conn:
        return {(r.area_code, r.group_code): r for r in conn.execute(
            select(T_TARGET).where(T_TARGET.c.area_code.in_(areas)))}


def test_the_shipped_regency_file_imports_once_and_lists(db_url, hq_runtime, capsys):
    code, out, _ = _run(db_url, capsys, "targets", "import", str(SAMPLE), "--json")
    first = json.loads(out)
    assert code == 0 and first["problems"] == []
    assert first["added"] + first["unchanged"] == 1
    row = _rows(hq_runtime.engine, "32.16")[("32.16", "")]
    assert (row.workers, row.informal, row.baseline_covered, row.target_share,
            row.target_date) == (1_500_000, None, 690_000, "0.65", None)
    assert "seed news" in row.source
    code, out, _ = _run(db_url, capsys, "targets", "import", str(SAMPLE), "--json")
    again = json.loads(out)
    assert (code, again["added"], again["changed"], again["unchanged"], again["written"]) == (
        0, 0, 0, 1, False)
    assert _rows(hq_runtime.engine, "32.16")[("32.16", "")].seq == row.seq
    code, out, _ = _run(db_url, capsys, "targets", "list", "--json")
    listed = {(t["area_code"], t["group"]): t for t in json.loads(out)}
    regency = listed[("32.16", None)]
    assert (regency["level"], regency["target_people"], regency["target_share"]) == (
        "regency", 975_000, "0.65")


def test_dry_run_then_import_then_change_takes_a_new_seq(db_url, hq_runtime, tmp_path, capsys):
    path = _csv(tmp_path / "target.csv",  # made-up figures
                ["Kode Desa", "Nama Desa", "Kelompok", "Estimasi Pekerja", "Pekerja Informal",
                 "Peserta Awal", "Target Cakupan", "Batas Waktu"],
                [["32.16.06.2006", "Setiamekar", "", "4.000", 2500, 1800, "65 %", "31/12/2029"],
                 ["32.16.06.2006", "Setiamekar", "Perangkat-Desa", 30, 30, 0, "100", ""],
                 ["32.16.06", "Tambun Selatan", "", 90000, "", 40000, "0,6", "2029-12-31"]])
    code, out, _ = _run(db_url, capsys, "targets", "import", str(path), "--dry-run", "--json")
    dry = json.loads(out)
    assert (code, dry["added"], dry["written"]) == (0, 3, False)
    assert _rows(hq_runtime.engine, "32.16.06.2006", "32.16.06") == {}
    code, out, _ = _run(db_url, capsys, "targets", "import", str(path))
    assert code == 0 and "3 added" in out
    rows = _rows(hq_runtime.engine, "32.16.06.2006", "32.16.06")
    village = rows[("32.16.06.2006", "")]
    assert (village.workers, village.informal, village.baseline_covered,
            village.target_share, village.target_date) == (4000, 2500, 1800, "0.65",
                                                           date(2029, 12, 31))
    assert rows[("32.16.06.2006", "perangkat-desa")].target_share == "1"
    kec = rows[("32.16.06", "")]
    assert (kec.informal, kec.target_share, kec.target_date) == (None, "0.6",
                                                                 date(2029, 12, 31))
    _csv(path, ["kode wilayah", "jumlah pekerja", "sudah terlindungi", "target"],
         [["32.16.06", 90000, 41000, "60%"]])
    code, out, _ = _run(db_url, capsys, "targets", "import", str(path), "--json")
    changed = json.loads(out)
    assert (code, changed["changed"], changed["added"]) == (0, 1, 0)
    after = _rows(hq_runtime.engine, "32.16.06")[("32.16.06", "")]
    assert after.baseline_covered == 41000 and after.seq > kec.seq
    assert after.target_date is None  # the file is the target: a blank date is no date
    assert _rows(hq_runtime.engine, "32.16.06.2006")[("32.16.06.2006", "")].seq == village.seq


def test_problems_are_named_by_row_and_column_and_nothing_is_written(
        db_url, hq_runtime, tmp_path, capsys):
    path = _csv(tmp_path / "bad.csv",  # made-up figures
                ["Kode Wilayah", "Kelompok", "Jumlah Pekerja", "Pekerja Informal",
                 "Sudah Terlindungi", "Target"],
                [["32.16.07.2006", "", 1000, 500, 300, "65%"],       # sound
                 ["32.16.07.2002", "", 1000, 1500, 300, "65%"],      # informal > workers
                 ["32.16.07.2003", "", "banyak", 10, 0, "65%"],      # not a number
                 ["32.16.07.2004", "", 1000, 10, 0, "lots"],         # not a share
                 ["32.16.07.9999", "", 1000, 10, 0, "65%"],          # no such village
                 ["32.16.07.2006", "", 1000, 500, 300, "65%"],       # repeated
                 ["32.16.07.2006", "astronaut", 10, 10, 0, "50%"],   # no such occupation
                 ["32.16.7", "", 10, 10, 0, "50%"],                  # malformed code
                 ["32.16.07.2005", "", 1000, 10, 0, "150%"]])        # above 100 %
    code, out, err = _run(db_url, capsys, "targets", "import", str(path))
    assert code == 1 and "nothing written" in out
    lines = err.strip().splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "row 3, column 'Pekerja Informal'", "row 4, column 'Jumlah Pekerja'",
        "row 5, column 'Target'", "row 6, column 'Kode Wilayah'",
        "row 7, column 'Kode Wilayah'", "row 8, column 'Kelompok'",
        "row 9, column 'Kode Wilayah'", "row 10, column 'Target'"]
    assert "[targets.informal_within_workers]" in lines[0]
    assert "[targets.area_unknown]" in lines[3] and "[targets.repeated]" in lines[4]
    assert _rows(hq_runtime.engine, "32.16.07.2006") == {}
    assert "Traceback" not in err


def test_a_file_without_the_needed_columns_is_one_line(db_url, tmp_path, capsys):
    path = _csv(tmp_path / "wrong.csv", ["Kode Wilayah", "Target", "Catatan"],
                [["32.16.07.2006", "65%", "x"]])
    code, _, err = _run(db_url, capsys, "targets", "import", str(path))
    assert code == 1
    assert err.startswith("regdesk-hq: error: wrong.csv: no column for workers, "
                          "baseline_covered")
    assert len(err.strip().splitlines()) == 1


def test_xlsx_with_percent_and_date_cells(db_url, hq_runtime, tmp_path, capsys):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Target per desa (contoh, angka karangan)"])  # a title row above the header
    ws.append(["Kode Wilayah", "Jumlah Pekerja", "Pekerja Informal", "Sudah Terlindungi",
               "Target", "Tanggal Target", "Sumber"])
    ws.append(["32.16.08.2001", 2000, 1500, 800, 0.65, datetime(2029, 12, 31), "test"])
    ws["E3"].number_format = "0%"
    wb.save(tmp_path / "t.xlsx")
    code, _out, err = _run(db_url, capsys, "targets", "import", str(tmp_path / "t.xlsx"))
    assert code == 0, err
    row = _rows(hq_runtime.engine, "32.16.08.2001")[("32.16.08.2001", "")]
    assert (row.target_share, row.target_date, row.source) == ("0.65", date(2029, 12, 31),
                                                               "test")


def test_coverage_from_membership_and_payments_by_hand(db_url, hq_runtime, tmp_path, capsys):
    """Kecamatan 32.16.10 (made-up figures): village 2001 has 100 workers, 40 covered at
    baseline, target 65 % → 65 people; village 2002 has 50 workers, 20 baseline, 65 % →
    33 (32.5 rounded up). On 2026-05-20 (May's due day, the 15th, has passed):
    2001: one member paid Jan–Jun (active), one paid Jan–Apr (grace: not counted), one
    ended in March (not counted), one with no KPJ row (not a member) → 1 active, 41
    covered, 24 still needed. 2002: two paid May (active) → 22 covered, 11 needed.
    The kecamatan (no row of its own) sums them: 150 workers, 98 people, 3 active, 63
    covered, 35 still needed."""
    from uuid import uuid4

    from sqlalchemy import insert

    from regdesk.hq.tables import T_MEMBERSHIP, T_PAYMENT

    v1, v2 = "32.16.10.2001", "32.16.10.2002"
    path = _csv(tmp_path / "t10.csv", ["kode wilayah", "jumlah pekerja", "sudah terlindungi",
                                       "target"],
                [[v1, 100, 40, "65%"], [v2, 50, 20, "65%"]])
    assert _run(db_url, capsys, "targets", "import", str(path))[0] == 0
    now = datetime(2026, 5, 1, tzinfo=UTC)
    members = [(v1, "2026-01-01", "2026-06-01", None), (v1, "2026-01-01", "2026-04-01", None),
               (v1, "2026-01-01", "2026-12-01", date(2026, 3, 1)),
               (v2, "2026-05-01", "2026-05-01", None), (v2, "2026-05-01", "2026-05-01", None)]
    with hq_runtime.engine.begin() as conn:
        for i, (village, first, last, ended) in enumerate(members):
            u = str(uuid4())
            conn.execute(insert(T_MEMBERSHIP).values(
                uuid=u, village_code=village, kpj=str(99_000_000_000 + i + hash(u) % 10**6),
                ended_on=ended, ended_reason="died" if ended else None, seq=0,
                updated_at=now))
            conn.execute(insert(T_PAYMENT).values(
                uuid=u, first_month=date.fromisoformat(first), last_month=date.fromisoformat(
                    last), amount=16_800, channel="test", reference=f"T-{u}",
                paid_on=date(2026, 1, 5)))
    # written by hand, not through an import: their active spans are worked out here
    code, out, _ = _run(db_url, capsys, "rebuild-spans")
    assert code == 0 and out.strip().endswith("active span(s) written")
    code, out, err = _run(db_url, capsys, "coverage", "--kecamatan", "32.16.10",
                          "--at", "2026-05-20", "--json")
    assert code == 0, err
    got = {r["area_code"]: r for r in json.loads(out)}
    assert set(got) == {v1, v2, "32.16.10"}  # no regency row for one kecamatan
    assert (got[v1]["active"], got[v1]["covered"], got[v1]["target_people"],
            got[v1]["still_needed"], got[v1]["share_percent"]) == (1, 41, 65, 24, 41.0)
    assert (got[v2]["active"], got[v2]["covered"], got[v2]["still_needed"]) == (2, 22, 11)
    k = got["32.16.10"]
    assert (k["level"], k["workers"], k["target_people"], k["active"], k["covered"],
            k["still_needed"], k["target_share_percent"]) == (
        "kecamatan", 150, 98, 3, 63, 35, None)
    out_file = tmp_path / "cakupan.xlsx"
    code, out, err = _run(db_url, capsys, "coverage", "--kecamatan", "32.16.10",
                          "--at", "2026-05-20", "--format", "xlsx", "-o", str(out_file))
    assert code == 0, err
    ws = openpyxl.load_workbook(out_file).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "Wilayah / Area" and values[0][-1] == "Masih perlu / Still needed"
    by_area = {row[0]: row for row in values[1:]}
    assert (by_area["32.16.10"][3], by_area["32.16.10"][-1]) == (3, 35)
    code, _, err = _run(db_url, capsys, "coverage", "--kecamatan", "32.16")
    assert code == 1 and err.startswith("regdesk-hq: error: --kecamatan '32.16'")
