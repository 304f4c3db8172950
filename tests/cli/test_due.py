"""``regdesk due`` in JSON, xlsx and PDF (read back), and ``regdesk show``'s membership
fields; the desk's day is the test clock."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from tests.clock import TestClock
from tests.services.members import enrol, member
from tests.services.support import VILLAGE

from regdesk.cli import main
from regdesk.services import users
from regdesk.store import Store

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def desk(tmp_path: Path, template_db: Path, clock: TestClock) -> dict[str, object]:
    """A desk with a member paid Nov 2026 - Jan 2027 (Warga A), one paid through Oct 2026
    (Warga B) and one HQ accepted with no KPJ yet (Warga C)."""
    path = tmp_path / "cli.sqlite3"
    path.write_bytes(template_db.read_bytes())
    store = Store.open(path, clock=clock.frozen)
    try:
        admin = users.initialise(store, village=VILLAGE, admin="admin", password="rahasia-123",
                                 admin_name="Admin Desa")
        key = enrol(store, admin, VILLAGE)
        a = member(store, admin, key, 0)
        b = member(store, admin, key, 1, payments=[("2026-09", "2026-10", "2026-09-01")])
        c = member(store, admin, key, 2, kpj=None)
        users.add_user(store, acting=admin, username="ani", password="rahasia-123",
                       role="operator", full_name="Ani")
    finally:
        store.close()
    return {"db": str(path), "a": a, "b": b, "c": c}


def run(capsys, desk, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", str(desk["db"]), *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.clock("2026-11-25T10:00")
def test_show_json_carries_the_membership(capsys, desk) -> None:
    code, out, _ = run(capsys, desk, "--json", "show", desk["a"].local_ref)
    data = json.loads(out)
    assert code == 0
    assert (data["state"], data["kpj"], data["paid_through"], data["next_due"],
            data["days_overdue"]) == ("active", "23012345678", "2027-01-31", "2027-02-15", 0)
    assert data["state_text"] == "Aktif s.d. Januari 2027"
    assert data["registration_number"] == "10000000017"
    code, out, _ = run(capsys, desk, "--json", "show", desk["c"].local_ref)
    data = json.loads(out)
    assert (data["state"], data["kpj"], data["paid_through"]) == ("waiting_for_kpj", None, None)
    code, out, _ = run(capsys, desk, "show", desk["b"].local_ref)
    assert "Masa tenggang (jatuh tempo 15 November 2026)" in out


@pytest.mark.clock("2026-11-25T10:00")
def test_due_json_is_one_document(capsys, desk) -> None:
    code, out, _ = run(capsys, desk, "--json", "due", "--full-nik")
    data = json.loads(out)
    assert code == 0 and data["day"] == "2026-11-25" and data["until"] == "2026-11-30"
    assert [r["local_ref"] for r in data["rows"]] == [desk["b"].local_ref]
    row = data["rows"][0]
    assert (row["state"], row["months_due"], row["amount_due"]) == ("grace", ["2026-11"], 8_400)
    assert row["nik"] == "3216064508900002"  # the admin asked for NIKs whole
    masked = json.loads(run(capsys, desk, "--json", "due")[1])["rows"][0]
    assert masked["nik"] == "3216********0002"  # by default masked, for admins too
    assert "23012345679" in row["reminder"] and not ISO.search(row["reminder"])
    code, out, _ = run(capsys, desk, "--json", "--user", "ani", "due", "--within", "90",
                       "--state", "active", "--state", "waiting_for_kpj")
    data = json.loads(out)
    assert {r["state"] for r in data["rows"]} == {"active", "waiting_for_kpj"}
    assert data["nik_masked"] and all("*" in r["nik"] for r in data["rows"])
    code, out, _ = run(capsys, desk, "due", "--within", "-3")
    assert code == 2


@pytest.mark.clock("2026-11-25T10:00")
def test_due_plain_text_and_json_file(capsys, desk, tmp_path: Path) -> None:
    code, out, _ = run(capsys, desk, "due")
    assert code == 0 and "Warga B" in out and "30 November 2026" in out
    target = tmp_path / "due.json"
    code, out, _ = run(capsys, desk, "--json", "due", "-o", str(target), "--yes")
    assert json.loads(out)["count"] == 1
    assert json.loads(target.read_text(encoding="utf-8"))["rows"][0]["name"] == "Warga B"


@pytest.mark.clock("2027-03-10T10:00")
def test_due_xlsx_reads_back_with_text_cells_and_reminders(capsys, desk, tmp_path: Path
                                                            ) -> None:
    target = tmp_path / "due.xlsx"
    code, _out, err = run(capsys, desk, "--user", "ani", "due", "-o", str(target), "--yes")
    assert code == 0, err
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert "Teks pengingat" in header and "Telepon" in header
    body = {r[header.index("Nama")]: r for r in rows[1:]}
    assert set(body) == {"Warga A", "Warga B"}
    a = body["Warga A"]
    assert a[header.index("NIK")] == "3216********0001"
    assert a[header.index("Telepon")] == "081234567800"
    assert a[header.index("KPJ")] == "23012345678"
    assert a[header.index("Jumlah")] == 2 * 16_800  # February and March 2027
    reminder = a[header.index("Teks pengingat")]
    assert "23012345678" in reminder and "15 Februari 2027" in reminder
    assert not ISO.search(reminder)
    cells = {c.value: c for c in sheet[2]}
    assert all(c.number_format == "@" for v, c in cells.items() if v in ("081234567800",))


def _pdf_text(path: Path) -> tuple[str, int]:
    reader = PdfReader(path)
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


@pytest.mark.clock("2027-03-10T10:00")
def test_due_pdf_lists_names_phones_and_words(capsys, desk, tmp_path: Path) -> None:
    target = tmp_path / "due.pdf"
    code, _, err = run(capsys, desk, "due", "--format", "pdf", "-o", str(target), "--yes")
    assert code == 0, err
    text, pages = _pdf_text(target)
    assert pages == 1
    for words in ("Daftar Iuran Jatuh Tempo", "Setiamekar", "10 Maret 2027", "31 Maret 2027",
                  "Warga A", "081234567800", "Masa tenggang", "Halaman 1"):
        assert words in text, words
    assert not ISO.search(text)
    width, height = PdfReader(target).pages[0].mediabox.upper_right
    assert width > height  # landscape


@pytest.mark.clock("2026-11-25T10:00")
def test_due_pdf_says_so_when_nobody_is_due(capsys, desk, tmp_path: Path) -> None:
    target = tmp_path / "none.pdf"
    code, _, err = run(capsys, desk, "due", "--state", "inactive", "-o", str(target),
                           "--yes")
    assert code == 0, err
    text, _ = _pdf_text(target)
    assert "Tidak ada peserta yang perlu diingatkan" in text


@pytest.mark.clock("2026-11-25T10:00")
def test_due_needs_an_output_for_files(capsys, desk) -> None:
    code, _, err = run(capsys, desk, "due", "--format", "xlsx")
    assert code == 2 and "-o FILE" in err
    code, _, err = run(capsys, desk, "due", "-o", "x.docx")
    assert code == 2 and "json, xlsx atau pdf" in err
