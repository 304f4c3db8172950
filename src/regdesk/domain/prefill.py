"""Defaults a clerk should not have to type: office village and its postal code, birth date
and gender read from the NIK, consent recorder and time, funding and period."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from regdesk.domain.nik import parse_nik
from regdesk.domain.regions import RegionTable


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def prefill(
    data: Mapping[str, Any],
    *,
    office_village: str,
    regions: RegionTable,
    recorded_by: str,
    now: datetime,
    today: date | None = None,
) -> dict[str, Any]:
    """Return a copy of ``data`` with blank derivable fields filled in (typed values win)."""
    out = dict(data)
    defaults: dict[str, Any] = {
        "village_code": office_village,
        "period_months": 1,
        "funding": "mandiri",
        "jht": False,
        "consent_recorded_by": recorded_by,
        "consent_at": now.isoformat(),
    }
    for key, value in defaults.items():
        if _blank(out.get(key)):
            out[key] = value
    if _blank(out.get("postal_code")):
        postal = regions.postal_code(str(out["village_code"]))
        if postal:
            out["postal_code"] = postal
    if not _blank(out.get("nik")) and (_blank(out.get("birth_date")) or _blank(out.get("gender"))):
        info, _ = parse_nik(str(out["nik"]), today=today or now.date(), regions=regions)
        if info is not None:
            if _blank(out.get("birth_date")):
                out["birth_date"] = info.birth_date.isoformat()
            if _blank(out.get("gender")):
                out["gender"] = info.gender
    return out
