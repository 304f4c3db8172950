"""``regdesk-hq export --format bpjstk``: the collective registration file for BPJS
Ketenagakerjaan, read back with openpyxl (and as CSV)."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl

from regdesk.hq.bpjstk import HEADERS
from regdesk.hq.cli import main

from .factories import VILLAGE, batch, record

FULL = {"kk_number": "3216061503100007", "birth_place": "Bekasi", "email": "siti@example.id",
        "funding": "csr", "sponsor_name": "PT Maju Jaya", "budget_reference": "CSR-2026/07",
        "funding_start": "2026-03-01", "funding_end": "2027-02-28", "start_month": "2026-03-01",
        "second_occupation_code": "kurir", "jht": True, "period_months": 12, "rt": "001",
        "rw": "010"}


def _push(desk, new_registration):
    full = new_registration(**FULL)
    plain = new_registration()
    rejected = new_registration(income=5)
    duplicate_of = new_registration()
    results = desk.push(batch([record(full), record(plain), record(rejected),
                               record(duplicate_of)])).json()["results"]
    again = desk.push(batch([record(dict(duplicate_of))])).json()["results"]
    outcomes = [r["outcome"] for r in results + again]
    assert outcomes == ["accepted", "accepted", "rejected", "accepted", "duplicate"], outcomes
    return full, plain, rejected, results[0]["member_number"]


def test_bpjstk_xlsx_every_column_text_niks_accepted_only(db_url, desk, new_registration,
                                                          tmp_path, capsys):
    full, plain, rejected, number = _push(desk, new_registration)
    out = tmp_path / "kolektif.xlsx"
    assert main(["--db", db_url, "export", "--format", "bpjstk", "-o", str(out)]) == 0
    assert "registration(s) written" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS and len(set(HEADERS)) == len(HEADERS)
    data = [dict(zip(HEADERS, r, strict=True)) for r in rows[1:]]
    by_nik = {}
    for row in data:
        assert isinstance(row["NIK"], str) and len(row["NIK"]) == 16
        by_nik.setdefault(row["NIK"], []).append(row)
    # accepted only: the rejected one is absent; the duplicate's NIK appears once (its member)
    assert rejected["nik"] not in by_nik
    assert all(len(v) == 1 for v in by_nik.values())
    assert plain["nik"] in by_nik
    row = by_nik[full["nik"]][0]
    assert row["No. Registrasi"] == number and len(number) == 11
    assert row["NIK"] == full["nik"] and row["No. KK"] == "3216061503100007"
    assert row["Nama Lengkap"] == full["full_name"] and row["Tempat Lahir"] == "Bekasi"
    assert row["Tanggal Lahir"].date() == date.fromisoformat(full["birth_date"])
    assert row["Jenis Kelamin"] == "P" and row["Alamat"] == full["address"]
    assert (row["RT"], row["RW"], row["Kode Pos"]) == ("001", "010", "17510")
    assert row["Kode Desa/Kelurahan"] == VILLAGE and row["Desa/Kelurahan"] == "Setiamekar"
    assert (row["Kode Kecamatan"], row["Kecamatan"]) == ("32.16.06", "Tambun Selatan")
    assert (row["Kode Pekerjaan"], row["Pekerjaan"]) == ("petani", "Petani / pekebun")
    assert row["Kode Pekerjaan Kedua"] == "kurir" and row["Pekerjaan Kedua"]
    assert row["Penghasilan per Bulan (Rp)"] == 1_000_000
    assert (row["JKK"], row["JKM"], row["JHT"]) == ("Ya", "Ya", "Ya")
    assert by_nik[plain["nik"]][0]["JHT"] == "Tidak"
    assert row["Periode Iuran (Bulan)"] == 12
    assert row["Bulan Mulai Iuran"].date() == date(2026, 3, 1)
    assert row["Sumber Dana"] and row["Sumber Dana"] != "csr"
    assert row["Nama Penyandang Dana"] == "PT Maju Jaya"
    assert row["Referensi Anggaran"] == "CSR-2026/07"
    assert row["Dana Mulai"].date() == date(2026, 3, 1)
    assert row["Dana Sampai"].date() == date(2027, 2, 28)
    assert row["No. HP"] == full["phone"] and row["Email"] == "siti@example.id"
    assert isinstance(row["Tanggal Diterima HQ"].date(), date)
    # cell formats: NIK text, dates shown as days (no ISO timestamps), month as MM/YYYY
    cells = dict(zip(HEADERS, next(c for c in sheet.iter_rows(min_row=2)
                                   if c[2].value == full["nik"]), strict=True))
    assert cells["NIK"].data_type == "s" and cells["NIK"].number_format == "@"
    assert cells["Tanggal Lahir"].number_format == "DD/MM/YYYY"
    assert cells["Bulan Mulai Iuran"].number_format == "MM/YYYY"
    assert not any(isinstance(v, str) and "T" in v and ":" in v for r in rows[1:] for v in r)


def test_bpjstk_csv_keeps_nik_as_text(db_url, desk, new_registration, tmp_path):
    full, _plain, rejected, _number = _push(desk, new_registration)
    out = tmp_path / "kolektif.csv"
    assert main(["--db", db_url, "export", "--format", "bpjstk", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert tuple(rows[0]) == HEADERS
    niks = [r["NIK"] for r in rows]
    assert f'="{full["nik"]}"' in niks and f'="{rejected["nik"]}"' not in niks
    row = next(r for r in rows if r["NIK"] == f'="{full["nik"]}"')
    assert row["RT"] == '="001"' and row["Tanggal Lahir"] == full["birth_date"]
    assert row["Bulan Mulai Iuran"] == "2026-03-01"


def test_accepted_only_for_the_plain_export(db_url, desk, new_registration, tmp_path):
    _full, _plain, rejected, _number = _push(desk, new_registration)
    out = tmp_path / "r.csv"
    assert main(["--db", db_url, "export", "--accepted-only", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and {r["status"] for r in rows} == {"accepted"}
    assert rejected["nik"] not in {r["nik"] for r in rows}
