"""``GET /api/v1/changes``: everything a desk must learn, ordered by a server sequence."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field


class RegistrationChange(BaseModel):
    kind: Literal["registration"] = "registration"
    seq: int
    uuid: uuid_mod.UUID
    version: int
    status: str = Field(description="accepted | duplicate | rejected")
    member_number: str | None = None
    card_qr: str | None = None
    review_note: str | None = Field(
        default=None, max_length=500,
        description="HQ's note resolving a rejected or duplicate record (Perlu ditinjau); "
                    "sent to every desk of the village, the pushing desk too")


class PaidPeriod(BaseModel):
    """Contributions for the months ``first_month`` … ``last_month`` (``YYYY-MM``), paid on
    ``paid_on``: as BPJS Ketenagakerjaan reported them (or HQ recorded them, ``local``)."""

    first_month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    last_month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    paid_on: date


class MembershipChange(BaseModel):
    """A registration's membership as HQ knows it: the KPJ issued by BPJS Ketenagakerjaan,
    the paid periods and an end. Sent to the desk that owns the registration (the desk's
    own pushes do not suppress it). ``state``, ``paid_through`` and ``next_due`` are HQ's
    reading on ``as_of``; the desk recomputes them from ``payments`` for its own day with the
    same domain rule (``regdesk.domain.lifecycle.status_on``)."""

    kind: Literal["membership"] = "membership"
    seq: int
    uuid: uuid_mod.UUID
    registration_number: str | None = Field(default=None, description="HQ's number")
    kpj: str | None = Field(default=None, description="BPJS Ketenagakerjaan member number")
    payments: list[PaidPeriod] = Field(default_factory=list)
    ended_on: date | None = None
    ended_reason: str | None = Field(default=None, description="died | moved | cancelled | "
                                     "wage_earner | other")
    state: str = Field(description="regdesk.domain.lifecycle.State value on as_of")
    paid_through: date | None = None
    next_due: date | None = None
    as_of: date
    card_qr: str | None = Field(default=None, description="HQ-signed member card QR "
                                "(version 2: KPJ, state and paid-through as of as_of)")


class RegionChange(BaseModel):
    kind: Literal["region"] = "region"
    seq: int
    code: str
    name: str
    postal_code: str | None = None


class OccupationChange(BaseModel):
    kind: Literal["occupation"] = "occupation"
    seq: int
    row: dict[str, str] = Field(description="code, name_id, name_en, transport ('0'/'1')")


class RatesChange(BaseModel):
    kind: Literal["rates"] = "rates"
    seq: int
    rates: dict[str, Any] = Field(description="The whole RateTable.to_dict() form")


class LifecycleChange(BaseModel):
    kind: Literal["lifecycle"] = "lifecycle"
    seq: int
    rules: dict[str, Any] = Field(description="The whole lifecycle.json form (effective-dated)")


class AgeLimitsChange(BaseModel):
    kind: Literal["age_limits"] = "age_limits"
    seq: int
    rules: dict[str, Any] = Field(description="The whole age_limits.json form (effective-dated "
                                  "minimum_age, below_age, warn_below_age)")


class FundingSourcesChange(BaseModel):
    kind: Literal["funding_sources"] = "funding_sources"
    seq: int
    sources: dict[str, Any] = Field(description="The whole funding_sources.json form: codes, "
                                    "legacy codes, dated treatments per discount rule")


class ProgrammeChange(BaseModel):
    """A sponsor programme (open or closed; drafts are not sent), as HQ's version ``version``."""

    kind: Literal["programme"] = "programme"
    seq: int
    id: int
    version: int
    programme: dict[str, Any] = Field(description="sponsor, funding_source, dpa_number, "
                                      "budget_year, ceiling, quota, period_from, period_to "
                                      "(YYYY-MM), paid, occupations, villages, status")


Change = Annotated[
    RegistrationChange | MembershipChange | RegionChange | OccupationChange | RatesChange
    | LifecycleChange | AgeLimitsChange | FundingSourcesChange | ProgrammeChange,
    Field(discriminator="kind"),
]


class ProgrammeUsage(BaseModel):
    """What an open programme of the village already carries at HQ."""

    id: int
    people: int = Field(description="distinct people with a period it pays")
    committed: int = Field(description="Rupiah of those periods, month by month")


class VillageFigures(BaseModel):
    """The asking desk's own village on HQ's day ``as_of`` (a snapshot: no seq)."""

    village_code: str
    as_of: date
    registered: int = Field(description="people HQ accepted for the village")
    waiting_for_kpj: int
    waiting_for_payment: int
    active: int
    grace: int
    inactive: int
    ended: int
    workers: int | None = Field(default=None, description="the target's estimate of workers")
    baseline_covered: int | None = None
    covered: int | None = Field(default=None, description="baseline + active")
    target_people: int | None = None
    target_share: str | None = Field(default=None, description="exact decimal, \"0.65\"")
    target_date: date | None = None
    still_needed: int | None = None
    programmes: list[ProgrammeUsage] = Field(default_factory=list)


class ChangesResponse(BaseModel):
    changes: list[Change]
    next_cursor: int = Field(description="Pass as ?since= next time (never a timestamp)")
    more: bool = Field(description="True while more changes wait: pull again at once")
    figures: VillageFigures | None = Field(
        default=None, description="the village's figures, on the last page (more is false)")
