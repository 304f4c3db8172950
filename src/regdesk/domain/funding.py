"""Funding sources (who pays the contributions) as effective-dated data.

The catalogue comes from ``resources/data/funding_sources.json`` (HQ may publish a new one):
each source has a stable code, the codes stored before the catalogue existed
(``legacy_codes``), and per discount rule (a discount's ``name`` in ``rates.json``, e.g.
``PP 50/2025``) dated treatments: ``excluded`` (the discount is not applied when this source
pays) or ``applies``. :func:`regdesk.domain.fees.month_fee` asks :meth:`FundingSources.excluded`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

TREATMENTS = ("applies", "excluded")
KINDS = ("self", "government", "village", "private")


class FundingDataError(ValueError):
    """The funding-source data is malformed (the message names the source and field)."""


@dataclass(frozen=True, slots=True)
class Treatment:
    rule: str
    valid_from: date
    valid_to: date | None
    discount: str  # "applies" | "excluded"
    ruling: str  # "final" | "pending"
    basis: str

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True, slots=True)
class FundingSource:
    code: str
    kind: str
    budget: str | None
    legacy_codes: tuple[str, ...]
    references: tuple[str, ...]
    treatments: tuple[Treatment, ...]

    def treatment(self, rule: str, day: date) -> Treatment | None:
        return next((t for t in self.treatments if t.rule == rule and t.covers(day)), None)


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise FundingDataError(f"{where}: not a date (YYYY-MM-DD): {value!r}") from None


def _treatment(raw: Mapping[str, Any], where: str) -> Treatment:
    discount = raw.get("discount")
    if discount not in TREATMENTS:
        raise FundingDataError(f"{where}.discount: must be one of {', '.join(TREATMENTS)}")
    if not str(raw.get("rule") or "").strip():
        raise FundingDataError(f"{where}.rule: required")
    start = _day(raw.get("valid_from"), f"{where}.valid_from")
    end = _day(raw["valid_to"], f"{where}.valid_to") if raw.get("valid_to") else None
    if end is not None and end < start:
        raise FundingDataError(f"{where}.valid_to: before valid_from")
    return Treatment(str(raw["rule"]), start, end, str(discount),
                     str(raw.get("ruling") or "final"), str(raw.get("basis") or ""))


def _source(raw: Mapping[str, Any], where: str) -> FundingSource:
    code = str(raw.get("code") or "").strip()
    if not code or code != code.lower() or " " in code or len(code) > 40:
        raise FundingDataError(f"{where}.code: lower-case code without spaces required")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise FundingDataError(f"{where}.kind: must be one of {', '.join(KINDS)}")
    treatments = tuple(_treatment(t, f"{where}.treatments[{i}]")
                       for i, t in enumerate(raw.get("treatments") or ()))
    return FundingSource(code, str(kind), raw.get("budget") or None,
                         tuple(str(c) for c in raw.get("legacy_codes") or ()),
                         tuple(str(r) for r in raw.get("references") or ()), treatments)


@dataclass(frozen=True, slots=True)
class FundingSources:
    sources: tuple[FundingSource, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FundingSources:
        """Build from the JSON structure of ``resources/data/funding_sources.json``."""
        raw = data.get("sources")
        if not isinstance(raw, list) or not raw:
            raise FundingDataError("sources: a non-empty list required")
        sources = tuple(_source(s, f"sources[{i}]") for i, s in enumerate(raw))
        seen: set[str] = set()
        for s in sources:
            names = (s.code, *s.legacy_codes)
            clash = next((n for n in names if n in seen), None)
            if clash is not None:
                raise FundingDataError(f"source {s.code}: code {clash!r} used twice")
            seen.update(names)
        return cls(sources)

    def to_dict(self) -> dict[str, Any]:
        return {"sources": [
            {"code": s.code, "kind": s.kind, "budget": s.budget,
             "legacy_codes": list(s.legacy_codes), "references": list(s.references),
             "treatments": [
                 {"rule": t.rule, "valid_from": t.valid_from.isoformat(),
                  "valid_to": t.valid_to.isoformat() if t.valid_to else None,
                  "discount": t.discount, "ruling": t.ruling, "basis": t.basis}
                 for t in s.treatments]}
            for s in self.sources]}

    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.sources)

    def canonical(self, code: str) -> str | None:
        """The code for a stored value (a code or a legacy code); ``None`` if unknown."""
        for s in self.sources:
            if code == s.code or code in s.legacy_codes:
                return s.code
        return None

    def get(self, code: str) -> FundingSource | None:
        canon = self.canonical(code)
        return next((s for s in self.sources if s.code == canon), None)

    def excluded(self, code: str, rule: str, day: date) -> bool:
        """Does ``rule`` (a discount's name) not apply on ``day`` when ``code`` pays?

        No treatment on file for that rule and day: not excluded."""
        source = self.get(code)
        if source is None:
            return False
        t = source.treatment(rule, day)
        return t is not None and t.discount == "excluded"


LEGACY_CODES: Mapping[str, str] = {
    "self": "mandiri", "apbd": "apbd-kabupaten", "apbdes": "apbdes-add",
    "dana-desa": "dana-desa", "csr": "csr", "other": "donor-lain",
}
"""The values stored before the catalogue (the old enum) and their codes; the migrations on
the desk and at HQ rewrite stored values with this map, and readers accept them forever."""
