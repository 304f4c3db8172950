"""``GET /api/v1/changes``: everything a desk must learn, ordered by a server sequence."""

from __future__ import annotations

import uuid as uuid_mod
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


Change = Annotated[
    RegistrationChange | RegionChange | OccupationChange | RatesChange,
    Field(discriminator="kind"),
]


class ChangesResponse(BaseModel):
    changes: list[Change]
    next_cursor: int = Field(description="Pass as ?since= next time (never a timestamp)")
    more: bool = Field(description="True while more changes wait: pull again at once")
