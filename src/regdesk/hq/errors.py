"""Error answers: every non-2xx body is an :class:`~regdesk.wire.ErrorResponse`.

A refused request is answered with where and which rule, never with the value sent: an
echoed value may be personal data, and may not even be encodable (a lone surrogate, an
infinity), which is how FastAPI's default 422 answer became a 500.
"""

from __future__ import annotations

import logging
import re
import secrets
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)
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


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _raised_at(exc: BaseException) -> str:
    """``regdesk/hq/ingest.py:123``: the innermost frame of our own code (code, not data)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "regdesk" in f.filename] or frames[-1:]
    if not ours:
        return "?"
    name = ours[-1].filename.replace("\\", "/")
    return f"{name[name.rfind('regdesk/'):] if 'regdesk/' in name else name}:{ours[-1].lineno}"


class ExceptionFunnel:
    """Outermost ASGI middleware: anything unexpected becomes a 500 ErrorResponse with an
    ``error_id``. Its one log line holds the id, the method and route template, the
    exception type and where our code raised it: never its message (a database error quotes
    the row's parameters), the request, locals or a traceback. The exception is not re-raised,
    so the server does not log it again with its message."""

    def __init__(self, app: Any, routes: Callable[[], Iterable[str]]) -> None:
        self.app = app
        self._routes = routes
        self._known: frozenset[str] | None = None

    def _route(self, scope: Mapping[str, Any]) -> str:
        if self._known is None:
            self._known = frozenset(self._routes())
        path = scope.get("path", "")
        method = scope.get("method", "")
        return (f"{method if method in _METHODS else '?'} "
                f"{path if path in self._known else '(unknown path)'}")

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            error_id = secrets.token_hex(6)
            log.error("error %s on %s: %s at %s", error_id, self._route(scope),
                      type(exc).__name__, _raised_at(exc))
            if not started:
                await error_json(500, "server.error", "internal error at HQ; quote error_id "
                                 "to the HQ operator", error_id=error_id)(scope, receive, send)
