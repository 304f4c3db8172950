"""``GET /api/v1/verify``: is this card QR genuine (signed by HQ's key)?"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel


class VerifyResponse(BaseModel):
    valid: bool
    reason: str | None = None
    member_number: str | None = None
    name: str | None = None
    nik_masked: str | None = None
    programmes: list[str] | None = None
    village_code: str | None = None
    village_name: str | None = None
    registered_on: date | None = None
    valid_from: date | None = None
