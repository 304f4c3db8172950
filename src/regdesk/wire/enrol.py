"""``POST /api/v1/enrol``: a desk trades a one-time enrolment code for a device token."""

from __future__ import annotations

from pydantic import BaseModel, Field

from regdesk.wire.common import Text


class EnrolRequest(BaseModel):
    code: Text = Field(min_length=4, max_length=64, description="One-time enrolment code")
    device_name: Text = Field(min_length=1, max_length=100)


class EnrolResponse(BaseModel):
    device_id: str
    token: str = Field(description="Bearer secret; shown once, HQ keeps only its SHA-256")
    village_code: str
    signing_public_key: str = Field(description="Base64 of the raw 32-byte Ed25519 key")
    master_cursor: int = Field(
        description="Cursor of HQ's shipped master data: a desk carrying the same shipped "
        "data starts its /changes pulls here; a desk without master data starts at 0"
    )
    encryption_public_key: str | None = Field(
        default=None, description="Base64 of HQ's raw 32-byte X25519 key that offline "
        "transfer bundles are encrypted to (docs/transfer.md)")
