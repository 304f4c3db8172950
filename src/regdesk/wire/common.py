"""Small shared wire types."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

API_PREFIX = "/api/v1"


class HealthResponse(BaseModel):
    """``GET /api/v1/health``: a cheap liveness probe."""

    status: Literal["ok"] = "ok"


class ErrorResponse(BaseModel):
    """Body of every non-2xx answer: a stable machine code plus an English hint."""

    code: str
    detail: str
