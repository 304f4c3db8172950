"""Sponsor programmes: who pays for which group, for which months, within which budget.

A programme is master data edited at HQ: a sponsor (``Pemkab Bekasi``, ``Pemdes Setiamekar``,
``PT …``), a funding source (a code of ``funding_sources.json``), a budget reference (the DPA
number and the budget year), a ceiling in Rupiah, a quota of people, the months it covers,
the programmes it pays (JKK+JKM, optionally JHT), the eligible groups (occupation codes,
village codes, or the whole regency) and a status (draft, open, closed).

:func:`programme_from_dict` reads the dict/JSON form and answers one-line problems naming
the field; nothing here does I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from regdesk.domain.funding import FundingSources

STATUSES = ("draft", "open", "closed")
PAID = ("JKK+JKM", "JKK+JKM+JHT")
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
VILLAGE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
FIELDS = ("sponsor", "funding_source", "dpa_number", "budget_year", "ceiling", "quota",
          "period_from", "period_to", "paid", "occupations", "villages", "status")


@dataclass(frozen=True, slots=True)
class Programme:
    sponsor: str
    funding_source: str
    dpa_number: str
    budget_year: int
    ceiling: int  # Rupiah
    quota: int  # people
    period_from: date  # first day of the first month covered
    period_to: date  # first day of the last month covered
    paid: str  # "JKK+JKM" | "JKK+JKM+JHT"
    occupations: tuple[str, ...] = ()  # empty with no villages: the whole regency
    villages: tuple[str, ...] = ()
    status: str = "draft"

    @property
    def budget_reference(self) -> str:
        """What a registration records as its budget reference: ``DPA … / year``."""
        return f"{self.dpa_number} / {self.budget_year}"

    @property
    def jht(self) -> bool:
        return self.paid.endswith("JHT")

    @property
    def whole_regency(self) -> bool:
        return not self.occupations and not self.villages

    def eligible(self, *, village_code: str, occupation_codes: tuple[str, ...],
                 day: date) -> bool:
        """Open, covering the month of ``day``, and the person is in an eligible group."""
        month = date(day.year, day.month, 1)
        return (self.status == "open" and self.period_from <= month <= self.period_to
                and (not self.villages or village_code in self.villages)
                and (not self.occupations or any(c in self.occupations
                                                 for c in occupation_codes)))

    def to_dict(self) -> dict[str, Any]:
        return {"sponsor": self.sponsor, "funding_source": self.funding_source,
                "dpa_number": self.dpa_number, "budget_year": self.budget_year,
                "ceiling": self.ceiling, "quota": self.quota,
                "period_from": self.period_from.strftime("%Y-%m"),
                "period_to": self.period_to.strftime("%Y-%m"), "paid": self.paid,
                "occupations": list(self.occupations), "villages": list(self.villages),
                "status": self.status}


class ProgrammeError(ValueError):
    """One line naming the field and the rule."""


def _text(data: Mapping[str, Any], name: str, limit: int) -> str:
    value = " ".join(str(data.get(name) or "").split())
    if not value:
        raise ProgrammeError(f"{name}: required")
    if len(value) > limit:
        raise ProgrammeError(f"{name}: at most {limit} characters")
    return value


def _int(data: Mapping[str, Any], name: str, low: int, high: int) -> int:
    value = data.get(name)
    text = str(value).replace(".", "").replace("_", "").strip() if value is not None else ""
    if isinstance(value, bool) or not text.isdigit():
        raise ProgrammeError(f"{name}: a whole number is required")
    number = int(text)
    if not low <= number <= high:
        raise ProgrammeError(f"{name}: must be between {low} and {high}")
    return number


def _month(data: Mapping[str, Any], name: str) -> date:
    match = MONTH.match(str(data.get(name) or "").strip())
    if match is None:
        raise ProgrammeError(f"{name}: a month YYYY-MM is required")
    return date(int(match[1]), int(match[2]), 1)


def _codes(data: Mapping[str, Any], name: str) -> tuple[str, ...]:
    raw = data.get(name) or ()
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    codes = tuple(dict.fromkeys(str(c).strip() for c in items if str(c).strip()))
    if name == "villages":
        bad = next((c for c in codes if not VILLAGE.match(c)), None)
        if bad is not None:
            raise ProgrammeError(f"villages: {bad!r} is not a village code (32.16.06.2006)")
    return codes


def programme_from_dict(data: Mapping[str, Any], sources: FundingSources) -> Programme:
    """Read and check a programme; raises :class:`ProgrammeError` (one line) on bad input."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ProgrammeError(f"{unknown[0]}: unknown field (fields: {', '.join(FIELDS)})")
    source = sources.canonical(_text(data, "funding_source", 40))
    if source is None:
        raise ProgrammeError(f"funding_source: unknown code (one of: "
                             f"{', '.join(sources.codes())})")
    paid = str(data.get("paid") or "JKK+JKM").replace(" ", "").upper()
    if paid not in PAID:
        raise ProgrammeError(f"paid: must be one of {', '.join(PAID)}")
    status = str(data.get("status") or "draft")
    if status not in STATUSES:
        raise ProgrammeError(f"status: must be one of {', '.join(STATUSES)}")
    start, end = _month(data, "period_from"), _month(data, "period_to")
    if end < start:
        raise ProgrammeError("period_to: before period_from")
    return Programme(
        sponsor=_text(data, "sponsor", 200), funding_source=source,
        dpa_number=_text(data, "dpa_number", 100),
        budget_year=_int(data, "budget_year", 2000, 2100),
        ceiling=_int(data, "ceiling", 1, 10**15), quota=_int(data, "quota", 1, 10**7),
        period_from=start, period_to=end, paid=paid, occupations=_codes(data, "occupations"),
        villages=_codes(data, "villages"), status=status)
