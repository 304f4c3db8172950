"""Importing a list full of Excel pitfalls: what goes in, what waits for fixing, and why."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from regdesk.i18n import render
from regdesk.services.imports import ImportOptions, ImportRefused, import_file, parse_mapping
from regdesk.store import Store, UserInfo
from regdesk.store.import_problems import entries
from regdesk.tabular.plan import RowStatus
from regdesk.tabular.report import write_report
from regdesk.tabular.report_rows import import_report, needs_fixing_report

from .conftest import HEADERS, patch_xlsx, people, row_for, write_xlsx

CONSENT = ImportOptions(defaults={"consent_given": "ya"})
SCIENTIFIC_MARKER = 3216069999999990  # rewritten in the XML as Excel writes it: 3.2…E+15
EXCEL_XML = {f"<v>{SCIENTIFIC_MARKER}</v>": "<v>3.21606999999999E+15</v>"}


def pitfall_rows(store: Store, admin: UserInfo) -> tuple[list[list[object]], dict[str, object]]:
    """Valid rows in every harmless format, plus one row per refusable pitfall."""
    regs = people(40)
    store.add(regs[39], user=admin)  # already in the database before the import
    rows = [row_for(i + 1, r, style=i) for i, r in enumerate(regs[:30])]
    serial_row = row_for(31, regs[30])
    born = regs[30].birth_date
    serial_row[3] = (born - date(1899, 12, 30)).days  # an Excel serial number
    rows.append(serial_row)
    bad: dict[str, object] = {}

    def add(key: str, row: list[object]) -> None:
        rows.append(row)
        bad[key] = len(rows) + 3  # title, blank line and header come first

    def variant(n: int, reg_index: int, **cells: object) -> list[object]:
        row = row_for(n, regs[reg_index])
        for column, value in cells.items():
            row[HEADERS.index(column.replace("_", " "))] = value
        return row

    add("float", variant(32, 31, NIK=SCIENTIFIC_MARKER))
    add("precision", variant(33, 32, NIK=int(regs[32].nik[:15] + "0")))
    add("scientific_text", variant(34, 33, NIK="3.21606E+15"))
    add("us_date", variant(35, 34, **{"Tempat/Tgl_Lahir": "Bekasi, 08/17/1985"}))
    add("phone", variant(36, 35, No_HP="0812"))
    add("occupation", variant(37, 36, Pekerjaan="Astronot"))
    add("warning", variant(38, 37, JK="P" if regs[37].gender.value == "L" else "L"))
    rows.append([None] * len(HEADERS))
    rows.append(["", " ", None, None, None, None, None, None, None, None, None, None])
    rows.append(list(rows[0]))
    bad["duplicate"] = len(rows) + 3
    add("repeat_a", variant(41, 38))
    add("repeat_b", variant(42, 38, Alamat="Alamat lain No. 9"))
    add("existing", variant(43, 39))
    return rows, bad


def registrations(store: Store) -> int:
    with store.read() as session:
        return int(
            session.connection().execute(text("SELECT count(*) FROM registration")).scalar_one()
        )


def test_every_pitfall_ends_in_the_right_place(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    rows, bad = pitfall_rows(store, admin)
    path = patch_xlsx(write_xlsx(tmp_path / "daftar rt.xlsx", rows), EXCEL_XML)
    before = registrations(store)

    result = import_file(store, path, user=admin, options=CONSENT)

    by_row = {o.row: o for o in result.outcomes}
    problem_codes = {
        key: [p.code for p in by_row[int(n)].problems]  # type: ignore[call-overload]
        for key, n in bad.items()
    }
    assert problem_codes["float"] == ["nik.scientific"]
    assert problem_codes["precision"] == ["nik.number_precision"]
    assert problem_codes["scientific_text"] == ["nik.scientific"]
    assert problem_codes["us_date"] == ["date.month_day_order"]
    assert problem_codes["phone"] == ["phone.invalid"]
    assert problem_codes["occupation"] == ["occupation.unknown"]
    assert problem_codes["repeat_a"] == ["nik.repeated_in_file"]
    assert problem_codes["repeat_b"] == ["nik.repeated_in_file"]
    assert by_row[bad["duplicate"]].status is RowStatus.DUPLICATE  # type: ignore[index]
    assert by_row[bad["existing"]].status is RowStatus.EXISTING  # type: ignore[index]
    warned = by_row[bad["warning"]]  # type: ignore[index]
    assert warned.status is RowStatus.IMPORTED
    assert [p.code for p in warned.problems] == ["nik.gender_mismatch"]

    s = result.summary()
    assert (s["imported"], s["problems"], s["duplicates"], s["existing"], s["blank"]) == (
        32,
        8,
        1,
        1,
        2,
    )
    assert s["with_warnings"] == 1
    assert registrations(store) == before + 32

    with store.read() as session:
        details = [
            json.loads(d)
            for (d,) in session.connection().execute(
                text("SELECT detail FROM audit WHERE action = 'registration.import'")
            )
        ]
        needs = entries(session)
    assert len(details) == 32
    assert {d["source"] for d in details} == {"import"}
    assert {d["file"] for d in details} == {"daftar rt.xlsx"}
    assert sorted(d["row"] for d in details)[:2] == [4, 5]  # spreadsheet row numbers
    assert [d["warnings"] for d in details if "warnings" in d] == [["nik.gender_mismatch"]]
    assert all("nik" not in json.dumps(d).casefold().replace("nik.", "") for d in details)
    assert sorted(e.row_number for e in needs) == sorted(
        int(bad[k])
        for k in (
            "float",
            "precision",
            "scientific_text",
            "us_date",
            "phone",  # type: ignore[call-overload]
            "occupation",
            "repeat_a",
            "repeat_b",
        )
    )
    entry = next(e for e in needs if e.row_number == bad["float"])
    assert entry.headers == HEADERS and entry.cells[2]  # raw cells kept: nothing is lost


def test_reimporting_the_same_file_adds_nothing_twice(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    rows, _ = pitfall_rows(store, admin)
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    first = import_file(store, path, user=admin, options=CONSENT)
    count = registrations(store)
    second = import_file(store, path, user=admin, options=CONSENT)
    assert registrations(store) == count
    assert second.summary()["imported"] == 0
    assert second.summary()["existing"] == first.summary()["imported"] + 1
    assert [p.id for p in second.previous] == [first.import_id]
    with store.read() as session:
        assert len(entries(session)) == first.summary()["problems"]


def test_fixed_file_brings_the_rest_in_and_resolves_the_list(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    regs = people(6, seed=11)
    rows = [row_for(i + 1, r) for i, r in enumerate(regs)]
    rows[2][1] = int(regs[2].nik[:15] + "0")
    rows[4][9] = "12345"
    broken = write_xlsx(tmp_path / "a.xlsx", rows)
    first = import_file(store, broken, user=admin, options=CONSENT)
    assert first.summary()["problems"] == 2
    rows[2][1] = regs[2].nik
    rows[4][9] = "0" + regs[4].phone[3:]
    fixed = write_xlsx(tmp_path / "a-fixed.xlsx", rows)
    second = import_file(store, fixed, user=admin, options=CONSENT)
    assert (second.summary()["imported"], second.summary()["existing"]) == (2, 4)
    with store.read() as session:
        assert entries(session) == []
        assert {e.resolution for e in entries(session, include_resolved=True)} == {"imported"}


def test_dry_run_writes_nothing(store: Store, admin: UserInfo, tmp_path: Path) -> None:
    rows, _ = pitfall_rows(store, admin)
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    before = registrations(store)
    result = import_file(
        store,
        path,
        user=admin,
        options=ImportOptions(dry_run=True, defaults={"consent_given": "ya"}),
    )
    assert result.summary()["ready"] == 32 and result.import_id is None
    assert registrations(store) == before
    with store.read() as session:
        assert session.connection().execute(text("SELECT count(*) FROM import_run")).scalar() == 0


def test_without_consent_nothing_is_imported(store: Store, admin: UserInfo, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [row_for(1, r) for r in people(3)])
    result = import_file(store, path, user=admin)
    assert result.summary()["imported"] == 0
    assert {p.code for o in result.outcomes for p in o.problems} == {"consent.required"}


def test_report_puts_each_problem_next_to_its_cell(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    rows, bad = pitfall_rows(store, admin)
    path = patch_xlsx(write_xlsx(tmp_path / "list.xlsx", rows), EXCEL_XML)
    result = import_file(store, path, user=admin, options=CONSENT)
    report = write_report(
        tmp_path / "report.xlsx",
        [import_report("Data", "list.xlsx", result.header_map, result.outcomes, "id")],
    )
    ws = load_workbook(report).active
    header = [c.value for c in ws[2]]
    nik_col = header.index("NIK")
    assert header[nik_col + 1] == "⚠ NIK"
    lines = {r[0].value: r for r in ws.iter_rows(min_row=3)}
    float_row = lines[bad["float"]]
    assert "notasi ilmiah" in float_row[nik_col + 1].value
    assert float_row[nik_col].fill.fgColor.rgb.endswith("FFC7CE")
    phone_col = header.index("No HP")
    assert header[phone_col + 1] == "⚠ No HP"
    assert lines[bad["phone"]][phone_col + 1].value == render(
        next(p for o in result.outcomes if o.row == bad["phone"] for p in o.problems), "id"
    )
    assert "Imported" not in json.dumps([c.value for c in ws[3]])

    with store.read() as session:
        sheets = needs_fixing_report(entries(session), "en")
    out = write_report(tmp_path / "needs.xlsx", sheets)
    assert load_workbook(out).active.max_row == 2 + 8


def test_header_mapping_is_remembered(store: Store, admin: UserInfo, tmp_path: Path) -> None:
    headers = [h if h != "Pekerjaan" else "Pos Tugas" for h in HEADERS]
    regs = people(4, seed=3)
    path = write_xlsx(
        tmp_path / "m.xlsx", [row_for(i, r) for i, r in enumerate(regs[:2])], headers=headers
    )
    first = import_file(store, path, user=admin, options=CONSENT)
    assert "Pos Tugas" in first.summary()["unmapped_columns"]
    assert first.summary()["imported"] == 0
    options = ImportOptions(
        mapping=parse_mapping(["Pos Tugas=occupation_code"]), defaults={"consent_given": "ya"}
    )
    assert import_file(store, path, user=admin, options=options).summary()["imported"] == 2
    path2 = write_xlsx(
        tmp_path / "m2.xlsx", [row_for(i, r) for i, r in enumerate(regs[2:])], headers=headers
    )
    assert import_file(store, path2, user=admin, options=CONSENT).summary()["imported"] == 2


def test_a_file_without_a_nik_column_is_refused_whole(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "n.xlsx", [["Budi", "Jl. X"]], headers=["Nama", "Alamat"])
    with pytest.raises(ImportRefused) as caught:
        import_file(store, path, user=admin, options=CONSENT)
    assert [p.code for p in caught.value.problems] == ["import.no_nik_column"]
    with pytest.raises(ImportRefused):
        parse_mapping(["Jabatan=planet"])


def test_a_second_occupation_column_is_read_through_the_occupation_list(
    store: Store, admin: UserInfo, tmp_path: Path
) -> None:
    regs = people(4, seed=23)
    rows = []
    for i, (reg, second) in enumerate(zip(regs, ["Ojek pangkalan", "", "Astronot", "Petani"],
                                          strict=True)):
        row = row_for(i + 1, reg)
        row[HEADERS.index("Pekerjaan")] = "Petani"
        rows.append([*row, second])
    path = write_xlsx(tmp_path / "two.xlsx", rows, headers=[*HEADERS, "Pekerjaan kedua"])
    result = import_file(store, path, user=admin, options=CONSENT)
    by_row = {o.row - 3: o for o in result.outcomes}  # title, blank line, header
    assert by_row[1].status is RowStatus.IMPORTED and by_row[2].status is RowStatus.IMPORTED
    imported = {o.registration.nik: o.registration for o in result.outcomes if o.registration}
    assert imported[regs[0].nik].second_occupation_code == "ojek-pangkalan"
    assert imported[regs[1].nik].second_occupation_code is None
    assert store.get(by_row[1].local_ref).registration.second_occupation_code == "ojek-pangkalan"
    assert [(p.field, p.code) for p in by_row[3].problems] == [
        ("second_occupation_code", "occupation.unknown")]
    assert [(p.field, p.code) for p in by_row[4].problems] == [
        ("second_occupation_code", "occupation.same_as_main")]
    assert by_row[3].status is RowStatus.PROBLEM and by_row[4].status is RowStatus.PROBLEM
