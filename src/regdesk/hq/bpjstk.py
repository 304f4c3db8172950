"""``regdesk-hq export --format bpjstk``: the collective registration file for BPJS
Ketenagakerjaan (layout: docs/hq-bpjstk-export.md).

Only registrations HQ **accepted** are written (a rejected or duplicate record is not a
registration BPJS Ketenagakerjaan should receive). One row per registration, every field the
registration holds, headers in Indonesian. NIK, KK, phone, RT/RW and postal code are text
cells (Excel would otherwise turn ``3216064508900001`` into ``3.21606E+15`` and drop the
leading zeros of ``001``); dates are real date cells shown ``DD/MM/YYYY``; no timestamps.
An admin file: its contents are never logged.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from regdesk.hq.db import read_tx
from regdesk.hq.tables import T_OCCUPATION, T_REG, T_REGION
from regdesk.i18n.labels import funding_label


@dataclass(frozen=True)
class Column:
    header: str
    kind: str  # text | date | month | int | money | flag
    source: str  # payload field, or a derived name (see _values)


COLUMNS: tuple[Column, ...] = (
    Column("No", "int", "row_number"),
    Column("No. Registrasi", "text", "registration_number"),
    Column("NIK", "text", "nik"),
    Column("No. KK", "text", "kk_number"),
    Column("Nama Lengkap", "text", "full_name"),
    Column("Tempat Lahir", "text", "birth_place"),
    Column("Tanggal Lahir", "date", "birth_date"),
    Column("Jenis Kelamin", "text", "gender"),
    Column("Alamat", "text", "address"),
    Column("RT", "text", "rt"),
    Column("RW", "text", "rw"),
    Column("Kode Desa/Kelurahan", "text", "village_code"),
    Column("Desa/Kelurahan", "text", "village_name"),
    Column("Kode Kecamatan", "text", "district_code"),
    Column("Kecamatan", "text", "district_name"),
    Column("Kode Pos", "text", "postal_code"),
    Column("Kode Pekerjaan", "text", "occupation_code"),
    Column("Pekerjaan", "text", "occupation_name"),
    Column("Kode Pekerjaan Kedua", "text", "second_occupation_code"),
    Column("Pekerjaan Kedua", "text", "second_occupation_name"),
    Column("Penghasilan per Bulan (Rp)", "money", "income"),
    Column("JKK", "flag", "jkk"),
    Column("JKM", "flag", "jkm"),
    Column("JHT", "flag", "jht"),
    Column("Periode Iuran (Bulan)", "int", "period_months"),
    Column("Bulan Mulai Iuran", "month", "start_month"),
    Column("Sumber Dana", "text", "funding"),
    Column("Nama Penyandang Dana", "text", "sponsor_name"),
    Column("Referensi Anggaran", "text", "budget_reference"),
    Column("Dana Mulai", "date", "funding_start"),
    Column("Dana Sampai", "date", "funding_end"),
    Column("No. HP", "text", "phone"),
    Column("Email", "text", "email"),
    Column("Tanggal Diterima HQ", "date", "received_on"),
)
HEADERS = tuple(c.header for c in COLUMNS)
DATE_FORMAT = "DD/MM/YYYY"
MONTH_FORMAT = "MM/YYYY"
MONEY_FORMAT = "#,##0"
YES, NO = "Ya", "Tidak"
CSV_KIND = {"flag": "text", "month": "date", "money": "int"}
GENDER = {"L": "L", "P": "P"}  # laki-laki / perempuan, as on the KTP


def _day(value: Any) -> date | str:
    """A stored ISO day as a date (a value that is not one stays as the text it is)."""
    if not value:
        return ""
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)


def _month(value: Any) -> date | str:
    day = _day(value)
    return day.replace(day=1) if isinstance(day, date) else day


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _district(village_code: str) -> str:
    return village_code.rsplit(".", 1)[0] if village_code.count(".") == 3 else ""


class _Names:
    """Region and occupation names, read once per export."""

    def __init__(self, regions: Mapping[str, str], occupations: Mapping[str, str]) -> None:
        self.regions, self.occupations = regions, occupations

    def occupation(self, code: Any) -> str:
        return self.occupations.get(str(code), "") if code else ""


def _values(n: int, reg: Any, p: Mapping[str, Any], names: _Names) -> dict[str, Any]:
    village = _text(p.get("village_code") or reg.village_code)
    district = _district(village)
    jht = p.get("jht") is True
    return {
        "row_number": n,
        "registration_number": _text(reg.registration_number),
        "nik": _text(p.get("nik")), "kk_number": _text(p.get("kk_number")),
        "full_name": _text(p.get("full_name")), "birth_place": _text(p.get("birth_place")),
        "birth_date": _day(p.get("birth_date")),
        "gender": GENDER.get(_text(p.get("gender")), _text(p.get("gender"))),
        "address": _text(p.get("address")), "rt": _text(p.get("rt")), "rw": _text(p.get("rw")),
        "village_code": village, "village_name": names.regions.get(village, ""),
        "district_code": district, "district_name": names.regions.get(district, ""),
        "postal_code": _text(p.get("postal_code")),
        "occupation_code": _text(p.get("occupation_code")),
        "occupation_name": names.occupation(p.get("occupation_code")),
        "second_occupation_code": _text(p.get("second_occupation_code")),
        "second_occupation_name": names.occupation(p.get("second_occupation_code")),
        "income": p.get("income", ""),
        "jkk": YES, "jkm": YES, "jht": YES if jht else NO,  # JKK and JKM are mandatory (§1)
        "period_months": p.get("period_months", ""),
        "start_month": _month(p.get("start_month") or reg.received_at.date()),
        "funding": funding_label(_text(p.get("funding")), "id") if p.get("funding") else "",
        "sponsor_name": _text(p.get("sponsor_name")),
        "budget_reference": _text(p.get("budget_reference")),
        "funding_start": _day(p.get("funding_start")),
        "funding_end": _day(p.get("funding_end")),
        "phone": _text(p.get("phone")), "email": _text(p.get("email")),
        "received_on": reg.received_at.date(),
    }


def bpjstk_rows(engine: Engine) -> Iterator[list[Any]]:
    """The accepted registrations, one list of cell values per row, in HQ's order."""
    with read_tx(engine) as conn:
        regions = dict(conn.execute(select(T_REGION.c.code, T_REGION.c.name)).all())
        occupations = {code: json.loads(row).get("name_id", "") for code, row in
                       conn.execute(select(T_OCCUPATION.c.code, T_OCCUPATION.c.row)).all()}
        names = _Names(regions, occupations)
        query = select(T_REG).where(T_REG.c.status == "accepted").order_by(T_REG.c.seq)
        for n, reg in enumerate(conn.execute(query), start=1):
            values = _values(n, reg, json.loads(reg.payload), names)
            yield [values[c.source] for c in COLUMNS]


def _xlsx(path: Path, rows: Iterator[list[Any]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Pendaftaran Kolektif")
    ws.freeze_panes = "A2"
    header = []
    for name in HEADERS:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        ws.append([_xlsx_cell(WriteOnlyCell, ws, v, c.kind) for v, c in zip(row, COLUMNS,
                                                                            strict=True)])
        count += 1
    partial = path.with_name(path.name + ".partial")
    wb.save(partial)
    partial.replace(path)
    return count


def _xlsx_cell(make: Any, ws: Any, value: Any, kind: str) -> Any:
    cell = make(ws, value=value)
    if kind == "text" or kind == "flag":
        cell.data_type = "s"  # never a formula, never a number: "=…" and NIKs stay text
        cell.number_format = "@"
    elif isinstance(value, date | datetime):
        cell.number_format = MONTH_FORMAT if kind == "month" else DATE_FORMAT
    elif kind == "money" and isinstance(value, int):
        cell.number_format = MONEY_FORMAT
    return cell


def _csv(path: Path, rows: Iterator[list[Any]]) -> int:
    """The desk's CSV dialect (UTF-8 with BOM; NIK/phone as ``="…"``; ISO days, which Excel
    reads as dates in every locale): see :mod:`regdesk.tabular.writer`."""
    from regdesk.tabular.writer import write_csv

    kinds = [CSV_KIND.get(c.kind, c.kind) for c in COLUMNS]
    return write_csv(path, HEADERS, kinds, rows)


def export_bpjstk(engine: Engine, path: Path) -> int:
    """Write the file (CSV when ``path`` ends in ``.csv``, else xlsx); returns the row count."""
    rows = bpjstk_rows(engine)
    if path.suffix.lower() == ".csv":
        return _csv(path, rows)
    return _xlsx(path, rows)
