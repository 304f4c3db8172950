"""The FastAPI app: ``/api/v1`` routes over :class:`regdesk.hq.runtime.Runtime`."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from regdesk.hq import devices
from regdesk.hq.body import RequestBodyMiddleware
from regdesk.hq.changes import changes_since
from regdesk.hq.console import install as install_console
from regdesk.hq.errors import ApiError, ExceptionFunnel, install_error_handlers
from regdesk.hq.ingest import BatchReused
from regdesk.hq.keys import load_encryption_key
from regdesk.hq.ratelimit import RateLimitMiddleware, check_rates
from regdesk.hq.runtime import Runtime
from regdesk.hq.settings import DEFAULT_CHANGES_LIMIT, MAX_CHANGES_LIMIT, Settings
from regdesk.hq.village_figures import figures_json
from regdesk.transfer.crypto import x25519_public_of
from regdesk.transfer.signing import InvalidCard, encode_public_key, verify_card
from regdesk.wire import (
    API_PREFIX,
    ChangesResponse,
    EnrolRequest,
    EnrolResponse,
    ErrorResponse,
    HealthResponse,
    PushRequest,
    PushResponse,
    VerifyResponse,
)
from regdesk.wire.common import MAX_INT64

log = logging.getLogger(__name__)
_bearer = HTTPBearer(auto_error=False, description="Device token from /enrol")


def _answers(*statuses: int, **described: str) -> dict[int | str, dict[str, object]]:
    """The documented error answers of a route: all ErrorResponse bodies."""
    out: dict[int | str, dict[str, object]] = {s: {"model": ErrorResponse} for s in statuses}
    for status, text in described.items():
        out[int(status[1:])] = {"model": ErrorResponse, "description": text}
    return out


_ANY = (500,)  # the exception funnel's answer (errors.py)
_INPUT = (*_ANY, 400, 408, 413, 422, 429)  # refused input, body limits, rate limit
_AUTHED = _answers(*_INPUT, 401)


ENROL_REFUSED = ("The code is refused; `code` says why: `enrol.invalid` (unknown code), "
                 "`enrol.used` (already spent) or `enrol.expired`.")


async def hq(request: Request) -> Runtime:
    # async: a plain lookup needs no hop to the thread pool (FastAPI runs sync deps there)
    rt: Runtime = request.app.state.hq
    return rt

Hq = Annotated[Runtime, Depends(hq)]

async def device_token(
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if creds is None or creds.scheme.lower() != "bearer":
        raise ApiError(401, "auth.missing", "bearer token required")
    return creds.credentials

DeviceToken = Annotated[str, Depends(device_token)]


def authenticated(rt: Runtime, token: str) -> devices.DeviceInfo:
    """The device holding ``token``. Called inside the (sync) handlers: a sync dependency
    would cost each request one more hop to the thread pool."""
    found = devices.authenticate(rt.engine, token)
    if found is None:
        raise ApiError(401, "auth.invalid", "unknown or revoked device token")
    return found


def create_app(settings: Settings, runtime: Runtime | None = None) -> FastAPI:
    """The app; the runtime (DB, migrations, key) opens in the lifespan unless given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = runtime is None
        app.state.hq = runtime or Runtime.open(settings)
        try:
            yield
        finally:
            if own:
                app.state.hq.close()

    docs = settings.docs
    app = FastAPI(title="RegDesk HQ", version="1", lifespan=lifespan,
                  docs_url="/docs" if docs else None, redoc_url="/redoc" if docs else None,
                  description="Central endpoint desks sync with. See docs/protocol.md.")
    app.state.settings = settings
    lim = settings.limits
    app.add_middleware(RequestBodyMiddleware, default_limit=lim.other_body,
                       timeout=lim.body_timeout,
                       limits={f"{API_PREFIX}/push": lim.push_body,
                               f"{API_PREFIX}/enrol": lim.enrol_body})
    check_rates(lim)
    app.add_middleware(RateLimitMiddleware, prefix=API_PREFIX, limits=lim)
    app.add_middleware(ExceptionFunnel,  # added last: the outermost of ours
                       routes=lambda: [getattr(r, "path", "") for r in app.routes])

    install_error_handlers(app)
    install_console(app)  # /console: cookie sessions only, outside the OpenAPI document

    @app.get(f"{API_PREFIX}/health", response_model=HealthResponse, responses=_answers(*_ANY))
    def health() -> HealthResponse:
        return HealthResponse()

    @app.post(f"{API_PREFIX}/enrol", response_model=EnrolResponse,
              responses=_answers(*_INPUT, s403=ENROL_REFUSED))
    def enrol(body: EnrolRequest, rt: Hq) -> EnrolResponse:
        try:
            dev, token = devices.enrol(rt.engine, code=body.code, device_name=body.device_name)
        except devices.EnrolError as exc:
            raise ApiError(403, exc.code, str(exc)) from exc
        log.info("device %s enrolled for village %s", dev.id, dev.village_code)
        return EnrolResponse(device_id=dev.id, token=token, village_code=dev.village_code,
                             signing_public_key=encode_public_key(rt.public_key),
                             master_cursor=rt.master_cursor,
                             encryption_public_key=encode_public_key(
                                 x25519_public_of(load_encryption_key(rt.engine))))

    @app.post(f"{API_PREFIX}/push", response_model=PushResponse,
              responses={**_AUTHED, **_answers(409)})
    def push(body: PushRequest, rt: Hq, token: DeviceToken) -> Response:
        dev = authenticated(rt, token)
        if len(body.records) > rt.settings.max_batch:
            raise ApiError(413, "batch.too_large",
                           f"at most {rt.settings.max_batch} records per batch")
        try:
            text = rt.ingestor.push(dev, body, rt.contexts.get(), rt.today())
        except BatchReused as exc:
            raise ApiError(409, "batch.reused", str(exc)) from exc
        return Response(text, media_type="application/json")

    @app.get(f"{API_PREFIX}/changes", response_model=ChangesResponse, responses=_AUTHED)
    def changes(
        rt: Hq, token: DeviceToken,
        since: Annotated[int, Query(ge=0, le=MAX_INT64)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_CHANGES_LIMIT)] = DEFAULT_CHANGES_LIMIT,
    ) -> Response:
        dev = authenticated(rt, token)
        data = changes_since(rt.engine, village_code=dev.village_code, device_id=dev.id,
                             since=since, limit=limit, feed=rt.membership_feed())
        if not data["more"]:
            data["figures"] = figures_json(rt.engine, dev.village_code, rt.today())
        return JSONResponse(data)

    @app.get(f"{API_PREFIX}/verify", response_model=VerifyResponse, responses=_answers(*_INPUT))
    def verify(rt: Hq, qr: Annotated[str, Query(max_length=4096)]) -> VerifyResponse:
        try:
            card = verify_card(qr, rt.public_key)
        except InvalidCard as exc:
            return VerifyResponse(valid=False, reason=str(exc))
        return VerifyResponse(
            valid=True, member_number=card.member_number, name=card.name,
            nik_masked=card.nik_masked, programmes=list(card.programmes),
            village_code=card.village_code, village_name=card.village_name,
            registered_on=card.registered_on, valid_from=card.valid_from,
        )

    return app
