"""Shared values of the services tests: a fixed WIB clock and valid fields."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tests.factories import valid_registration_data

WIB = timezone(timedelta(hours=7), "WIB")
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=WIB)
VILLAGE = "32.16.06.2006"  # Setiamekar, Tambun Selatan
PASSWORD = "rahasia-123"


def fields(**overrides: object) -> dict[str, object]:
    """Valid registration fields, consent given before the fixed clock's now."""
    return valid_registration_data(**{"consent_at": "2026-11-16T09:00:00+07:00", **overrides})
