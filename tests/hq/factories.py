"""Valid test registrations (NIK consistent with birth date and gender)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

VILLAGE = "32.16.06.2006"  # Setiamekar, Tambun Selatan, postal 17510
VILLAGE_NAME = "Setiamekar"
OTHER_VILLAGE = "32.16.06.2002"  # Lambangsari


def nik_for(birth: date, *, female: bool, serial: int, kecamatan: str = "321606") -> str:
    """A NIK whose date part matches ``birth`` (+40 on the day for women)."""
    day = birth.day + (40 if female else 0)
    return f"{kecamatan}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def registration_dict(**overrides: Any) -> dict[str, Any]:
    """A registration dict that passes domain validation; override any field."""
    data: dict[str, Any] = {
        "nik": "3216064508900001",
        "full_name": "Siti Aminah",
        "birth_date": "1990-08-05",
        "gender": "P",
        "address": "Jl. Mawar 1",
        "rt": "001",
        "rw": "002",
        "village_code": VILLAGE,
        "postal_code": "17510",
        "phone": "+6281234567890",
        "occupation_code": "petani",
        "income": 1000000,
        "period_months": 1,
        "funding": "self",
        "consent_given": True,
        "consent_recorded_by": "clerk",
        "consent_at": "2026-01-15T09:30:00+07:00",
        "jht": False,
    }
    data.update(overrides)
    return data


def numbered_registration(i: int, **overrides: Any) -> dict[str, Any]:
    """Registration ``i`` with its own NIK (serial ``i``, 1..9999 per birth date)."""
    birth = date(1980 + i // 9999 % 20, 1 + i // 9999 // 20 % 12, 5)
    serial = i % 9999 + 1
    return registration_dict(nik=nik_for(birth, female=True, serial=serial),
                             birth_date=birth.isoformat(), **overrides)


def record(payload: dict[str, Any], *, version: int = 1, rid: str | None = None) -> dict[str, Any]:
    return {"uuid": rid or str(uuid.uuid4()), "version": version, "local_ref": None,
            "payload": payload}


def batch(records: list[dict[str, Any]], batch_id: str | None = None) -> dict[str, Any]:
    return {"batch_id": batch_id or str(uuid.uuid4()), "records": records}
