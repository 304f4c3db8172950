"""Dates the Indonesian way: ``17 Agustus 1985``."""

from __future__ import annotations

from datetime import date

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")


def long_date_id(day: date) -> str:
    """``date(1985, 8, 17)`` → ``"17 Agustus 1985"``."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
