"""``POST /api/v1/push``: a batch of frozen registrations and HQ's per-record verdicts."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from regdesk.wire.common import JsonObject, Text

MAX_VERSION = 2**31 - 1  # HQ's version column is a 32-bit INTEGER (desks count edits from 1)


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # has a member number and a signed card
    DUPLICATE = "duplicate"  # the NIK is already a member under another record
    REJECTED = "rejected"  # failed HQ validation; see problems
    STALE = "stale"  # an older version than HQ already has
    CONFLICT = "conflict"  # same uuid+version already received with different content
    FORBIDDEN = "forbidden"  # record of another village than the device's


class PushRecord(BaseModel):
    uuid: uuid_mod.UUID = Field(description="Client-made record id (stable across versions)")
    version: int = Field(ge=1, le=MAX_VERSION,
                         description="Increases each time the desk edits the record")
    local_ref: Text | None = Field(default=None, max_length=64)
    payload: JsonObject = Field(description="Registration.to_dict() form")


class PushRequest(BaseModel):
    batch_id: uuid_mod.UUID = Field(description="Idempotency key of the whole batch")
    records: list[PushRecord]


class ProblemOut(BaseModel):
    field: str
    code: str
    severity: str
    params: dict[str, Any] = Field(default_factory=dict)


class DuplicateOf(BaseModel):
    village_code: str
    village_name: str | None = None
    since: date


class RecordResult(BaseModel):
    uuid: uuid_mod.UUID
    version: int
    outcome: Outcome
    member_number: str | None = None
    card_qr: str | None = None
    duplicate_of: DuplicateOf | None = None
    problems: list[ProblemOut] | None = None


class PushResponse(BaseModel):
    batch_id: uuid_mod.UUID
    results: list[RecordResult]
