"""The console's routes (kept out of the OpenAPI document: the desk API contract is
``/api/v1`` alone). Every POST checks the session's CSRF token first; every write is audited
in its own transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection

from regdesk.hq import devices, operators
from regdesk.hq.console import queries
from regdesk.hq.console.session import PATH, ConsoleConfig, Session, load, store
from regdesk.hq.coverage import area_names
from regdesk.hq.operators import Role
from regdesk.hq.runtime import Runtime
from regdesk.i18n import LANGUAGES, t
from regdesk.i18n.formats import PRINT_ZONE, clock_time, long_day, number, percent, short_day

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
Csrf = Annotated[str, Form()]


class Refused(Exception):
    """Answer with the error page (403 role, 403 CSRF)."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status, self.key = status, key


class Ctx:
    """One request's runtime, config and session, and the page helpers bound to its
    language."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.rt: Runtime = request.app.state.hq
        self.config: ConsoleConfig = request.app.state.console
        self.sess: Session = load(request, self.rt.engine, self.config)

    @property
    def now(self) -> datetime:
        return self.config.clock()

    def actor(self) -> str:
        return self.sess.operator.username if self.sess.operator else "-"

    def require(self, *roles: Role) -> operators.OperatorInfo:
        op = self.sess.operator
        if op is None:
            raise _SignIn
        if roles and op.role not in roles:
            raise Refused(403, "console.error.forbidden")
        return op

    def check_csrf(self, token: str) -> None:
        if not self.sess.csrf_ok(token):
            raise Refused(403, "console.error.csrf")

    def helpers(self) -> dict[str, Callable[..., str]]:
        lang = self.sess.lang

        def moment(value: datetime | None) -> str:
            if value is None:
                return t("console.never", lang=lang)
            shown = value.astimezone(PRINT_ZONE)
            return f"{short_day(shown.date(), lang)} {clock_time(shown, lang)} WIB"

        def pct(share: Fraction | float | None) -> str:
            return "–" if share is None else percent(share, lang)

        def num(value: int | None) -> str:
            return "–" if value is None else number(value, lang)

        def tr(key: str, **kw: Any) -> str:
            return t(key, lang=lang, **kw)

        def day(value: date) -> str:
            return long_day(value, lang)

        return {"t": tr, "moment": moment, "pct": pct, "num": num, "day": day}

    def page(self, name: str, status: int = 200, **data: Any) -> Response:
        op = self.sess.operator
        context = {"request": self.request, "lang": self.sess.lang, "csrf": self.sess.csrf,
                   "operator": op, "is_admin": op is not None and op.role is Role.ADMIN,
                   "path": self.request.url.path, "languages": LANGUAGES,
                   **self.helpers(), **data}
        response = templates.TemplateResponse(self.request, name, context, status_code=status)
        return self.keep(response)

    def keep(self, response: Response) -> Response:
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'")
        return store(response, self.request, self.rt.engine, self.config, self.sess)

    def redirect(self, to: str) -> Response:
        return self.keep(RedirectResponse(to, status_code=303))


class _SignInNeeded(Exception):
    pass


_SignIn = _SignInNeeded()


def _guarded(handler: Callable[[Ctx], Response]) -> Callable[[Ctx], Response]:
    """Turn :class:`Refused` and a missing sign-in into their answers."""

    def run(ctx: Ctx) -> Response:
        try:
            return handler(ctx)
        except Refused as exc:
            return ctx.page("error.html", status=exc.status, message_key=exc.key)
        except _SignInNeeded:
            if ctx.request.method == "GET":
                return ctx.redirect(f"{PATH}/login" + ("?expired=1" if ctx.sess.expired else ""))
            return ctx.page("error.html", status=401, message_key="console.error.signin")

    return run


guarded = _guarded  # for the other page modules
router = APIRouter(prefix=PATH, include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    ctx = Ctx(request)
    if ctx.sess.operator is not None:
        return ctx.redirect(f"{PATH}/")
    return ctx.page("login.html", expired=ctx.sess.expired or "expired" in request.query_params)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, username: Annotated[str, Form(max_length=200)] = "",
          password: Annotated[str, Form(max_length=1000)] = "", csrf: Csrf = "") -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        result = operators.sign_in(ctx.rt.engine, username, password, now=ctx.now,
                                   policy=ctx.config.policy)
        if result.operator is not None:
            ctx.sess.sign_in(result.operator, ctx.now)
            return ctx.redirect(f"{PATH}/")
        if result.wait_seconds:
            return ctx.page("login.html", status=429, username=username, error=t(
                "console.login.locked", lang=ctx.sess.lang, seconds=result.wait_seconds))
        return ctx.page("login.html", status=401, username=username,
                        error=t("console.login.wrong", lang=ctx.sess.lang))

    return _guarded(handle)(Ctx(request))


@router.post("/logout")
def logout(request: Request, csrf: Csrf = "") -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        if ctx.sess.operator is not None:
            operators.sign_out(ctx.rt.engine, ctx.sess.operator, now=ctx.now)
        ctx.sess.sign_out()
        return ctx.redirect(f"{PATH}/login")

    return _guarded(handle)(Ctx(request))


@router.get("/lang/{lang}")
def switch_language(request: Request, lang: str, next: str = f"{PATH}/") -> Response:
    ctx = Ctx(request)
    if lang in LANGUAGES:
        ctx.sess.lang = lang
    safe = next if next.startswith(PATH + "/") and "//" not in next else f"{PATH}/"
    return ctx.redirect(safe)


@router.get("", response_class=HTMLResponse)
@router.get("/", response_class=HTMLResponse)
def ringkasan(request: Request) -> Response:
    def handle(ctx: Ctx) -> Response:
        op = ctx.require()
        scope = op.kecamatan
        view = queries.overview(ctx.rt.engine, at=ctx.rt.today(), scope=scope)
        devs = queries.devices_with_sync(ctx.rt.engine, scope)
        stale = queries.stale_devices(devs, now=ctx.now, days=ctx.config.stale_days)
        counts = queries.registration_counts(ctx.rt.engine, now=ctx.now, scope=scope)
        bars = [{"code": r.area, "name": view.names.get(r.area, r.area),
                 "share": None if r.share is None else round(float(r.share) * 100, 2),
                 "target": None if r.target_people is None or not r.workers
                 else round(r.target_people / r.workers * 100, 2)}
                for r in view.kecamatan]
        return ctx.page("ringkasan.html", view=view, stale=stale, counts=counts,
                        days=ctx.config.stale_days, at=ctx.rt.today(),
                        chart_json=json.dumps(bars, ensure_ascii=False))

    return _guarded(handle)(Ctx(request))


@router.get("/desa", response_class=HTMLResponse)
def desa(request: Request) -> Response:
    def handle(ctx: Ctx) -> Response:
        op = ctx.require()
        view = queries.overview(ctx.rt.engine, at=ctx.rt.today(), scope=op.kecamatan)
        by_village: dict[str, list[queries.DeviceRow]] = {}
        for d in queries.devices_with_sync(ctx.rt.engine, op.kecamatan):
            if d.revoked_at is None:
                by_village.setdefault(d.village_code, []).append(d)
        return ctx.page("desa.html", view=view, desks=by_village, at=ctx.rt.today())

    return _guarded(handle)(Ctx(request))


def _perangkat(ctx: Ctx, status: int = 200, **data: Any) -> Response:
    rows = queries.devices_with_sync(ctx.rt.engine)
    codes = {d.village_code for d in rows} | ({data["code_village"]} if "code_village" in data
                                              else set())
    names = area_names(ctx.rt.engine, codes)
    return ctx.page("perangkat.html", status=status, devices=rows, names=names,
                    hq_address=str(ctx.request.base_url).rstrip("/"), **data)


@router.get("/perangkat", response_class=HTMLResponse)
def perangkat(request: Request) -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.require(Role.ADMIN)
        return _perangkat(ctx)

    return _guarded(handle)(Ctx(request))


@router.post("/perangkat/kode", response_class=HTMLResponse)
def issue_code(request: Request, village: Annotated[str, Form(max_length=40)] = "",
               csrf: Csrf = "") -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        ctx.require(Role.ADMIN)
        issued: list[str] = []

        def audited(conn: Connection, village_code: str) -> None:
            issued.append(village_code)
            operators.audit(conn, actor=ctx.actor(), action="enrol_code.issue",
                            entity=f"village:{village_code}", at=ctx.now)

        try:
            code = devices.create_enrol_code(ctx.rt.engine, village_code=village.strip(),
                                             also=audited)
        except devices.EnrolError as exc:
            key = ("console.devices.village_unknown" if exc.code == "village.unknown"
                   else "console.devices.village_format")
            return _perangkat(ctx, status=400, village=village,
                              code_error=t(key, lang=ctx.sess.lang, village=village.strip()))
        return _perangkat(ctx, code=code, code_village=issued[0])

    return _guarded(handle)(Ctx(request))


@router.post("/perangkat/{device_id}/cabut", response_class=HTMLResponse)
def revoke(request: Request, device_id: str, csrf: Csrf = "") -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        ctx.require(Role.ADMIN)
        def audited(conn: Connection) -> None:
            operators.audit(conn, actor=ctx.actor(), action="device.revoke",
                            entity=f"device:{device_id}", at=ctx.now)

        if not devices.revoke_device(ctx.rt.engine, device_id, also=audited):
            return _perangkat(ctx, status=404,
                              revoke_error=t("console.devices.unknown", lang=ctx.sess.lang))
        return ctx.redirect(f"{PATH}/perangkat")

    return _guarded(handle)(Ctx(request))


def install(app: FastAPI, config: ConsoleConfig | None = None) -> None:
    """Mount the console (routes and static files) on the HQ app."""
    app.state.console = config or ConsoleConfig()
    from regdesk.hq.console import programme_pages, record_pages, review_pages

    app.include_router(router)
    app.include_router(programme_pages.router)
    app.include_router(record_pages.router)
    app.include_router(review_pages.router)
    app.mount(f"{PATH}/static", StaticFiles(directory=str(HERE / "static")),
              name="console-static")
