"""Fixtures: an initialised desk database and spreadsheet files full of Excel pitfalls."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from tests.cli_support import signed_in

from regdesk.domain.registration import Registration
from regdesk.i18n.formats import long_day
from regdesk.services.demo import generate
from regdesk.store import Store, UserInfo

VILLAGE = "32.16.18.2005"  # Cibening, Setu
PASSWORD = "rahasia-uji-123"
HEADERS = [
    "No",
    "NIK",
    "Nama Lengkap",
    "Tempat/Tgl Lahir",
    "JK",
    "Alamat",
    "RT",
    "RW",
    "Desa/Kelurahan",
    "No HP",
    "Pekerjaan",
    "Penghasilan",
]


@pytest.fixture(autouse=True)
def _cli_signs_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI calls in these tests sign in as this desk's admin (its password is this file's)."""
    signed_in(monkeypatch, password=PASSWORD)


def make_store(path: Path) -> Store:
    store = Store.open(path)
    if not store.is_initialised():
        store.initialise(village=VILLAGE, admin_username="admin", admin_password=PASSWORD)
    return store


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = make_store(tmp_path / "desk.sqlite3")
    yield s
    s.close()


@pytest.fixture
def admin(store: Store) -> UserInfo:
    user = store.user("admin")
    assert user is not None
    return user


def people(count: int, *, seed: int = 7) -> list[Registration]:
    """Generated (never real) registrations that pass every rule today."""
    now = datetime.now().astimezone()
    return list(
        generate(
            count,
            village_code=VILLAGE,
            postal_code="17320",
            today=now.date(),
            recorded_by="admin",
            seed=seed,
        )
    )


def row_for(n: int, reg: Registration, *, style: int = 0) -> list[object]:
    """A spreadsheet row as a village would type it; ``style`` varies the harmless pitfalls."""
    born = reg.birth_date
    place_date = [
        f"Bekasi, {born:%d-%m-%Y}",
        f"Bekasi, {born:%d/%m/%Y}",
        f"BEKASI {long_day(born, 'id')}",
        f"Karawang,{born:%d-%m-%Y}",
    ][style % 4]
    nik = [reg.nik, f"'{reg.nik}", f" {reg.nik[:6]} {reg.nik[6:12]} {reg.nik[12:]} "][style % 3]
    local = "0" + reg.phone[3:]
    phone = [
        local,
        f"{local[:4]}-{local[4:8]}-{local[8:]}",
        f"+62 {reg.phone[3:6]} {reg.phone[6:]}",
        int(local),
    ][style % 4]
    occupation = {
        "ketua-rt": "Ketua RT",
        "perangkat-desa": "Kaur Umum",
        "petani": "Petani",
        "ojek-online": "ojol",
        "buruh-harian": "Buruh Harian Lepas",
    }.get(reg.occupation_code, reg.occupation_code)
    return [
        n,
        nik,
        reg.full_name,
        place_date,
        reg.gender.value,
        reg.address,
        reg.rt,
        int(reg.rw),
        "Cibening",
        phone,
        occupation,
        reg.income,
    ]


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    headers: Sequence[str] = HEADERS,
    title: str | None = "DAFTAR PESERTA BPU",
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    if title:
        ws.append([title])
        ws.append([])
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def patch_xlsx(path: Path, replacements: dict[str, str]) -> Path:
    """Rewrite cell XML the way Excel stores long numbers (``<v>3.21606E+15</v>``), which
    openpyxl itself never writes."""
    import shutil
    import zipfile

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode("utf-8")
                for old, new in replacements.items():
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            dst.writestr(item, data)
    shutil.move(tmp, path)
    return path
