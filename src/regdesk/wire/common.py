"""Small shared wire types, and the checks every request value passes.

JSON allows what HQ cannot store or answer: a lone surrogate (``"\\ud800"``) is valid JSON but
not valid Unicode, ``Infinity``/``NaN`` are accepted by Python's parser, and integers are
unbounded. The types here refuse them at the schema, so a request holding one is answered
422 before any handler sees it.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

API_PREFIX = "/api/v1"
MAX_INT64 = 2**63 - 1  # the largest integer HQ's BIGINT columns (and SQLite's) hold
MAX_JSON_DEPTH = 32  # nesting of a record's payload (a registration is 2 levels deep)


def _text(value: str) -> str:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise PydanticCustomError("string_not_unicode",
                                      "not valid Unicode (a lone surrogate)") from None
    return value


Text = Annotated[str, AfterValidator(_text)]
"""A string of valid Unicode: what HQ can store, hash and send back."""


def _json_tree(value: Any, depth: int = 0) -> None:
    if isinstance(value, str):
        _text(value)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not -MAX_INT64 <= value <= MAX_INT64:
            raise PydanticCustomError("int_out_of_range", "integer beyond 64 bits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("finite_number", "not a finite number")
    elif depth >= MAX_JSON_DEPTH:
        raise PydanticCustomError("json_too_deep", "nested too deeply")
    elif isinstance(value, dict):
        for key, item in value.items():
            _json_tree(key, depth + 1)
            _json_tree(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _json_tree(item, depth + 1)
    else:  # only reachable from Python callers: JSON has no other types
        raise PydanticCustomError("json_type", "not a JSON value")


def _json_object(value: dict[str, Any]) -> dict[str, Any]:
    _json_tree(value)
    return value


JsonObject = Annotated[dict[str, Any], AfterValidator(_json_object)]
"""A JSON object whose every string is valid Unicode, number finite and within 64 bits,
nested at most :data:`MAX_JSON_DEPTH` levels."""

Int64 = Annotated[int, Field(ge=0, le=MAX_INT64)]
"""A non-negative integer that fits a signed 64-bit column (cursors, sequence numbers)."""


class HealthResponse(BaseModel):
    """``GET /api/v1/health``: a cheap liveness probe."""

    status: Literal["ok"] = "ok"


class ErrorResponse(BaseModel):
    """Body of every non-2xx answer: a stable machine code plus an English hint.

    A 422 (``request.invalid``) names each refused field and rule, never the value sent;
    a 500 (``server.error``) carries the ``error_id`` HQ's log line has."""

    code: str
    detail: str
    error_id: str | None = Field(default=None, description="Set on 500: quote it to the "
                                 "HQ operator; the log line with this id says where")
