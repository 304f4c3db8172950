"""Export: NIK masked unless whole NIKs are asked for, NIK as text, dates as dates, CSV UTF-8
with BOM, and an exported CSV (``--full-nik``) imports back unchanged."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from regdesk.cli import main
from regdesk.services.imports import ImportOptions, import_file
from regdesk.services.personal_data import nik_rule
from regdesk.store import Store, UserInfo
from regdesk.store.import_export import COLUMNS, export_rows
from regdesk.tabular.writer import csv_value

from .conftest import PASSWORD, make_store, people


def _fill(store: Store, admin: UserInfo, count: int = 5) -> list[str]:
    regs = people(count, seed=5)
    for reg in regs:
        store.add(reg, user=admin)
    return [r.nik for r in regs]


def test_operators_get_masked_niks(store: Store, admin: UserInfo) -> None:
    niks = _fill(store, admin)
    operator = store.create_user(username="ani", password=PASSWORD, role="operator", acting=admin)
    nik_col = [c.header for c in COLUMNS].index("NIK")
    masked = [row[nik_col] for row in export_rows(store)]
    full = [row[nik_col] for row in export_rows(store, nik=nik_rule(admin, full_nik=True))]
    assert [row[nik_col] for row in export_rows(store, nik=nik_rule(operator))] == masked
    assert full == niks
    assert masked == [n[:4] + "********" + n[12:] for n in niks]


def test_xlsx_keeps_nik_as_text_and_dates_as_dates(
    tmp_path: Path, store: Store, admin: UserInfo
) -> None:
    niks = _fill(store, admin)
    store.close()
    out = tmp_path / "out.xlsx"
    assert main(["--db", str(store.path), "export", "-o", str(out), "--yes",
                 "--full-nik"]) == 0
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    second = ws[2]
    nik_cell = second[header.index("NIK")]
    assert nik_cell.value == niks[0] and nik_cell.data_type == "s"
    assert nik_cell.number_format == "@"
    born = second[header.index("Tanggal Lahir")]
    assert isinstance(born.value, datetime) and born.is_date
    assert isinstance(second[header.index("Didaftarkan")].value, datetime)


def test_csv_is_utf8_with_bom_and_excel_safe(tmp_path: Path, store: Store, admin: UserInfo) -> None:
    niks = _fill(store, admin)
    store.close()
    out = tmp_path / "out.csv"
    assert (
        main(
            [
                "--db",
                str(store.path),
                "export",
                "--yes",
                "--full-nik",
                "--format",
                "csv",
                "-o",
                str(out),
                "--status",
                "pending",
                "--from",
                "2000-01-01",
            ]
        )
        == 0
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][3] == "NIK" and rows[1][3] == f'="{niks[0]}"'
    assert date.fromisoformat(rows[1][6])
    assert csv_value("=HYPERLINK(1)", "text") == "'=HYPERLINK(1)"
    assert csv_value("+62812", "text") == '="+62812"'


def test_exported_csv_imports_back(tmp_path: Path, store: Store, admin: UserInfo) -> None:
    niks = _fill(store, admin)
    store.close()
    out = tmp_path / "out.csv"
    assert main(["--db", str(store.path), "export", "-o", str(out), "--delimiter", ";",
                 "--yes", "--full-nik"]) == 0
    other = make_store(tmp_path / "other.sqlite3")
    try:
        result = import_file(
            other,
            out,
            user=other.user("admin"),  # type: ignore[arg-type]
            options=ImportOptions(defaults={"consent_given": "ya"}),
        )
        assert result.summary()["imported"] == len(niks), json.dumps(
            [[p.code for p in o.problems] for o in result.outcomes]
        )
        assert sorted(o.nik for o in result.outcomes) == sorted(niks)  # type: ignore[type-var]
    finally:
        other.close()


def test_export_is_audited_without_data(store: Store, admin: UserInfo, tmp_path: Path) -> None:
    _fill(store, admin, 2)
    store.close()
    assert main(["--db", str(store.path), "export", "-o", str(tmp_path / "e.xlsx"),
                 "--yes"]) == 0
    reopened = Store.open(store.path)
    try:
        with reopened.read() as session:
            from sqlalchemy import text

            detail = (
                session.connection()
                .execute(text("SELECT detail FROM audit WHERE action = 'export.personal_data'"))
                .scalar_one()
            )
        assert json.loads(detail) == {
            "kind": "registrations",
            "format": "xlsx",
            "rows": 2,
            "nik": "masked",
            "file": "e.xlsx",
            "status": None,
            "from": None,
            "to": None,
        }
    finally:
        reopened.close()


def test_the_second_occupation_is_exported_by_name_and_imports_back(
    tmp_path: Path, store: Store, admin: UserInfo
) -> None:
    first, second = people(2, seed=31)
    if first.occupation_code == "ojek-pangkalan":
        first = first.replace(occupation_code="petani")
    store.add(first.replace(second_occupation_code="ojek-pangkalan"), user=admin)
    store.add(second.replace(second_occupation_code=None), user=admin)
    col = [c.header for c in COLUMNS].index("Pekerjaan Kedua")
    assert col == [c.header for c in COLUMNS].index("Pekerjaan") + 1
    assert [row[col] for row in export_rows(store)] == ["Ojek pangkalan", None]
    store.close()
    out = tmp_path / "out.csv"
    assert main(["--db", str(store.path), "export", "-o", str(out), "--yes",
                 "--full-nik"]) == 0
    other = make_store(tmp_path / "other.sqlite3")
    try:
        result = import_file(other, out, user=other.user("admin"),  # type: ignore[arg-type]
                             options=ImportOptions(defaults={"consent_given": "ya"}))
        back = {o.nik: o.registration for o in result.outcomes if o.registration}
        assert back[first.nik].second_occupation_code == "ojek-pangkalan"  # type: ignore[union-attr]
        assert back[second.nik].second_occupation_code is None  # type: ignore[union-attr]
    finally:
        other.close()
