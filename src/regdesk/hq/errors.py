"""Error answers: every non-2xx body is an :class:`~regdesk.wire.ErrorResponse`.

A refused request is answered with where and which rule, never with the value sent: an
echoed value may be personal data, and may not even be encodable (a lone surrogate, an
infinity), which is how FastAPI's default 422 answer became a 500.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

MAX_LISTED = 10  # field errors named in one 422 detail
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
_LIMITS = ("ge", "gt", "le", "lt", "min_length", "max_length", "multiple_of")


class ApiError(Exception):
    """An expected failure with a stable ``code``; rendered as an ErrorResponse."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


def error_json(status: int, code: str, detail: str,
               headers: Mapping[str, str] | None = None, **extra: str) -> JSONResponse:
    return JSONResponse({"code": code, "detail": detail, **extra}, status, dict(headers or {}))


def _where(loc: Sequence[Any]) -> str:
    """A location of schema names and list indexes; anything else (a dict key the client
    chose) is shown as ``*``."""
    parts = []
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            parts.append(str(part))
        elif isinstance(part, str) and _NAME.fullmatch(part):
            parts.append(part)
        else:
            parts.append("*")
    return ".".join(parts) or "request"


def _rule(error: Mapping[str, Any]) -> str:
    rule = str(error.get("type", "invalid"))
    if not _NAME.fullmatch(rule):
        rule = "invalid"
    ctx = error.get("ctx") or {}
    limits = [f"{k}={v}" for k, v in ctx.items()
              if k in _LIMITS and isinstance(v, int) and not isinstance(v, bool)]
    return f"{rule} ({', '.join(limits)})" if limits else rule


def validation_detail(errors: Sequence[Mapping[str, Any]]) -> str:
    """``body.records.0.version: less_than_equal (le=9223372036854775807); …``: the field
    location and the rule of each error, no input value, no message text."""
    parts = [f"{_where(e.get('loc', ()))}: {_rule(e)}" for e in errors[:MAX_LISTED]]
    if len(errors) > MAX_LISTED:
        parts.append(f"and {len(errors) - MAX_LISTED} more")
    return "; ".join(parts) or "request.invalid"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_json(exc.status, exc.code, exc.detail, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_json(422, "request.invalid", validation_detail(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        try:
            phrase = HTTPStatus(exc.status_code).phrase
        except ValueError:
            phrase = "error"
        return error_json(exc.status_code, f"http.{exc.status_code}", phrase, exc.headers)
