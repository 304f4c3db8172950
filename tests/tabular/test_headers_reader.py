"""Header recognition, header-row detection, CSV dialects, and the CLI's import output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regdesk.cli import main
from regdesk.store import Store
from regdesk.tabular.headers import map_headers, normalise_header
from regdesk.tabular.reader import SheetError, read_sheet

from .conftest import HEADERS, people, row_for, write_xlsx


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("NIK", "nik"),
        ("No. KTP", "nik"),
        ("Nama", "full_name"),
        ("NAMA LENGKAP", "full_name"),
        ("Tempat/Tgl Lahir", "birth_place_date"),
        ("Tempat, Tanggal Lahir", "birth_place_date"),
        ("Tanggal Lahir", "birth_date"),
        ("Tgl. Lahir", "birth_date"),
        ("JK", "gender"),
        ("L/P", "gender"),
        ("Alamat", "address"),
        ("RT", "rt"),
        ("RW", "rw"),
        ("RT/RW", "rt_rw"),
        ("Desa/Kelurahan", "village"),
        ("No HP/Telepon", "phone"),
        ("No. Telp", "phone"),
        ("Pekerjaan", "occupation_code"),
        ("Jabatan", "occupation_code"),
        ("Pekerjaan kedua", "second_occupation_code"),
        ("Pekerjaan 2", "second_occupation_code"),
        ("PEKERJAAN (2)", "second_occupation_code"),
        ("Second occupation", "second_occupation_code"),
        ("Pekerjaan Sampingan", "second_occupation_code"),
    ],
)
def test_indonesian_headers(header: str, target: str) -> None:
    assert map_headers([header]).columns == (target,)


def test_unknown_and_repeated_headers_are_listed() -> None:
    m = map_headers(["No", "NIK", "Hobi", "No HP", "No WA"], {normalise_header("Hobi"): "-"})
    assert m.columns == (None, "nik", None, "phone", None)
    assert m.unmapped == () and m.repeated == ("No WA",)
    assert map_headers(["Hobi"]).unmapped == ("Hobi",)


def test_csv_with_semicolons_bom_and_title_rows(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(
        "\ufeffDAFTAR KADER;;\r\n;;\r\nNo;NIK;Nama\r\n1;'3216061708850001;Siti\r\n".encode()
    )
    sheet = read_sheet(path)
    assert sheet.header_row == 3
    assert sheet.headers == ("No", "NIK", "Nama")
    assert sheet.rows == [(4, ("1", "'3216061708850001", "Siti"))]


def test_cp1252_csv_and_unknown_types(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes("NIK,Nama\n3216061708850001,José\n".encode("cp1252"))
    assert read_sheet(path).rows[0][1][1] == "José"
    with pytest.raises(SheetError):
        read_sheet(tmp_path / "x.pdf")
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a zip")
    with pytest.raises(SheetError) as caught:
        read_sheet(bad)
    assert caught.value.code == "import.file_unreadable"


def test_cli_import_json_has_counts_and_codes_but_no_personal_data(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    regs = people(3, seed=21)
    path = write_xlsx(tmp_path / "l.xlsx", [row_for(i, r) for i, r in enumerate(regs)])
    store.close()
    code = main(
        [
            "--db",
            str(store.path),
            "--json",
            "import",
            str(path),
            "--set",
            "consent_given=ya",
            "--report",
            str(tmp_path / "r.xlsx"),
            "--yes",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["imported"] == 3
    text = json.dumps(out)
    assert all(r.nik not in text and r.full_name not in text for r in regs)
    assert main(["--db", str(store.path), "import", str(tmp_path / "missing.xlsx")]) == 2
    assert main(["--db", str(store.path), "import", str(path), "--map", "NIK=planet"]) == 2
    assert "--map" in capsys.readouterr().err
    assert HEADERS[1] == "NIK"


def test_xlsx_stream_resumes_with_openpyxl_after_a_surprise_part_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    from regdesk.tabular import xlsx_fast
    from regdesk.tabular.reader import stream_sheet

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["NIK", "Nama"])
    for i in range(1, 41):
        ws.append([f"32160617088500{i:02d}", f"Orang {i}"])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    expected = read_sheet(path).rows
    real = xlsx_fast._value
    seen: list[str | None] = []

    def odd_from_row_25(cell, *args):  # type: ignore[no-untyped-def]
        seen.append(cell.get("r"))
        if cell.get("r") == "A25":
            raise ValueError("something the streaming reader does not know")
        return real(cell, *args)

    monkeypatch.setattr(xlsx_fast, "_value", odd_from_row_25)
    stream = stream_sheet(path)
    rows = list(stream.rows)
    assert "A25" in seen  # the streaming reader did meet the surprise part-way
    assert rows == expected and [n for n, _ in rows] == list(range(2, 42))
