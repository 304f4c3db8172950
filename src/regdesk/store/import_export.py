"""Registrations for export (``regdesk export``): streamed rows of plain values, newest last.

How the NIK is written is the caller's to say (``nik``: the services' file rule, masked by
default; see :mod:`regdesk.services.personal_data`), so the rule lives in one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import text

from regdesk.domain.masking import mask_nik
from regdesk.store.search import Filters, _filters_sql
from regdesk.store.store import Store


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: str  # text | date | int | datetime


COLUMNS: tuple[Column, ...] = (
    Column("No. Referensi", "text"),
    Column("Status", "text"),
    Column("No. KPJ", "text"),
    Column("NIK", "text"),
    Column("Nama Lengkap", "text"),
    Column("Tempat Lahir", "text"),
    Column("Tanggal Lahir", "date"),
    Column("JK", "text"),
    Column("Alamat", "text"),
    Column("RT", "text"),
    Column("RW", "text"),
    Column("Kode Desa", "text"),
    Column("Desa/Kelurahan", "text"),
    Column("Kode Pos", "text"),
    Column("No HP", "text"),
    Column("E-mail", "text"),
    Column("Pekerjaan", "text"),
    Column("Pekerjaan Kedua", "text"),
    Column("Penghasilan", "int"),
    Column("Periode Pembayaran", "int"),
    Column("JHT", "text"),
    Column("Sumber Dana", "text"),
    Column("Penyandang Dana", "text"),
    Column("Referensi Anggaran", "text"),
    Column("Didaftarkan", "datetime"),
)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=None)  # Excel has no time zones: local wall time


def _occupation_name(ctx: Any, code: str | None) -> str | None:
    """The list's Indonesian name (an entry HQ retired since: its code)."""
    occupation = ctx.occupations.get(code) if code else None
    return occupation.name_id if occupation else code


def export_rows(
    store: Store, *, nik: Callable[[str], str] = mask_nik, filters: Filters | None = None
) -> Iterator[list[Any]]:
    """Yield one list per registration in ``COLUMNS`` order (streamed, constant memory), the
    NIK as ``nik`` writes it (masked unless told otherwise)."""
    ctx = store.context()
    params: dict[str, object] = {}
    extra = _filters_sql(filters or Filters(), params)
    sql = (
        "SELECT r.local_ref, r.status, r.member_number, r.payload, r.created_at "
        f"FROM registration r WHERE 1=1{extra} ORDER BY r.seq"
    )
    with store.read() as session:
        result = session.connection().execution_options(yield_per=2000).execute(text(sql), params)
        for local_ref, status, member, payload, created in result:
            p = json.loads(payload)
            occupation = _occupation_name(ctx, p.get("occupation_code"))
            yield [
                local_ref,
                status,
                member,
                nik(p["nik"]),
                p["full_name"],
                p.get("birth_place"),
                _day(p.get("birth_date")),
                p.get("gender"),
                p.get("address"),
                p.get("rt"),
                p.get("rw"),
                p.get("village_code"),
                ctx.regions.name(p.get("village_code") or ""),
                p.get("postal_code"),
                p.get("phone"),
                p.get("email"),
                occupation,
                _occupation_name(ctx, p.get("second_occupation_code")),
                p.get("income"),
                p.get("period_months"),
                "ya" if p.get("jht") else "tidak",
                p.get("funding"),
                p.get("sponsor_name"),
                p.get("budget_reference"),
                _moment(created),
            ]
