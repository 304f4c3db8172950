"""Builders of valid test data (generated; never real people)."""

from __future__ import annotations


def valid_registration_data(**overrides: object) -> dict[str, object]:
    """A registration dict that passes every rule (a woman born 1990-08-05, Setiamekar)."""
    data: dict[str, object] = {
        "nik": "3216064508900001",
        "full_name": "Siti Nurjanah",
        "birth_date": "1990-08-05",
        "gender": "P",
        "address": "Jl. Mawar No. 1",
        "rt": "001",
        "rw": "002",
        "village_code": "32.16.06.2006",
        "postal_code": "17510",
        "phone": "0812-3456-7890",
        "occupation_code": "petani",
        "income": 1_000_000,
        "period_months": 1,
        "funding": "self",
        "consent_given": True,
        "consent_recorded_by": "admin",
        "consent_at": "2026-11-25T09:00:00+07:00",
    }
    data.update(overrides)
    return data
