"""Pendaftaran (search and one registration's detail) and the audit log page.

Lists show the masked NIK only. The full NIK is shown on the detail page alone, to operators
and admins, after they ask for it (a POST with the CSRF token), and that view is written to
the audit log (``registration.view_full_nik``) before the page shows it. Viewers always see
it masked, and only registrations of their kecamatan."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from regdesk.domain.masking import mask_nik
from regdesk.hq import operators, programmes
from regdesk.hq.console import records
from regdesk.hq.console.pages import Csrf, Ctx, Refused, guarded
from regdesk.hq.console.session import PATH
from regdesk.hq.coverage import area_names
from regdesk.hq.db import write_tx
from regdesk.hq.operators import Role
from regdesk.i18n import has, render, t

router = APIRouter(prefix=PATH, include_in_schema=False)
FULL_NIK = (Role.ADMIN, Role.OPERATOR)


def _words(key: str, fallback: str, lang: str) -> str:
    return t(key, lang=lang) if has(key, lang) else fallback


def status_words(status: str, lang: str) -> str:
    return _words(f"console.reg.status.{status}", status, lang)


def _search_page(ctx: Ctx, q: str) -> Response:
    op = ctx.require()
    found = records.search(ctx.rt.engine, q, scope=op.kecamatan) if q.strip() else []
    names = area_names(ctx.rt.engine, {f.village_code for f in found})
    lang = ctx.sess.lang
    shown = " ".join(q.split())
    return ctx.page("pendaftaran.html", q=q, found=found, names=names,
                    caption_q=mask_nik(shown) if len(shown) == 16 and shown.isdigit()
                    else shown, status_words=lambda s: status_words(s, lang),
                    searched=bool(q.strip()), limit=records.LIMIT)


@router.get("/pendaftaran", response_class=HTMLResponse)
def search_form(request: Request) -> Response:
    return guarded(lambda ctx: _search_page(ctx, ""))(Ctx(request))


@router.post("/pendaftaran", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str, Form(max_length=200)] = "",
           csrf: Csrf = "") -> Response:
    """A POST, so a searched NIK is never in a URL (history, proxies' logs)."""

    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        return _search_page(ctx, q)

    return guarded(handle)(Ctx(request))


def _detail(ctx: Ctx, uuid: str, *, full: bool) -> Response:
    op = ctx.require()
    found = records.detail(ctx.rt.engine, uuid, scope=op.kecamatan)
    if found is None:
        raise Refused(404, "console.reg.unknown")
    lang = ctx.sess.lang
    can_full = op.role in FULL_NIK and bool(found.nik)
    if full:
        if not can_full:
            raise Refused(403, "console.error.forbidden")
        with write_tx(ctx.rt.engine) as conn:
            operators.audit(conn, actor=ctx.actor(), action="registration.view_full_nik",
                            entity=f"registration:{uuid}", at=ctx.now)
    names = area_names(ctx.rt.engine, {found.found.village_code})
    problems: list[dict[str, Any]] = [
        {"text": render(p, lang), "warning": p.severity.value != "error"}
        for p in found.problems]
    return ctx.page("pendaftaran_detail.html", d=found, r=found.found, full=full,
                    can_full=can_full, names=names, problems=problems,
                    status_text=status_words(found.found.status, lang),
                    ended_text=None if found.ended_reason is None else
                    _words(f"console.reg.ended.{found.ended_reason}", found.ended_reason, lang))


@router.get("/pendaftaran/{uuid}", response_class=HTMLResponse)
def detail(request: Request, uuid: str) -> Response:
    return guarded(lambda ctx: _detail(ctx, uuid[:36], full=False))(Ctx(request))


@router.post("/pendaftaran/{uuid}/nik", response_class=HTMLResponse)
def full_nik(request: Request, uuid: str, csrf: Csrf = "") -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        return _detail(ctx, uuid[:36], full=True)

    return guarded(handle)(Ctx(request))


def action_words(action: str, lang: str) -> str:
    return _words("console.audit.action." + action.replace(".", "_"), action, lang)


@router.get("/audit", response_class=HTMLResponse)
def audit_log(request: Request, action: str = "", actor: str = "") -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.require(Role.ADMIN)
        rows = records.audit_log(ctx.rt.engine, action=action[:32], actor=actor[:64])
        actions, actors = records.audit_choices(ctx.rt.engine)
        lang = ctx.sess.lang
        names = area_names(ctx.rt.engine, {r.entity.partition(":")[2] for r in rows
                                           if r.entity.startswith("village:")})
        if any(r.entity.startswith("programme:") for r in rows):
            names.update({str(p.id): p.programme.sponsor
                          for p in programmes.list_programmes(ctx.rt.engine)})
        return ctx.page("audit.html", rows=rows, actions=actions, actors=actors,
                        action=action, actor=actor,
                        action_words=lambda a: action_words(a, lang),
                        entity_words=lambda e: entity_words(e, names, lang))

    return guarded(handle)(Ctx(request))


def entity_words(entity: str, names: dict[str, str], lang: str) -> str:
    """``village:32.16.05.2001`` → ``desa Satriajaya (32.16.05.2001)``; ids that mean
    nothing to a reader (devices, registrations) as their kind alone."""
    kind, _, rest = entity.partition(":")
    key = f"console.audit.entity.{kind}"
    if not has(key, lang):
        return entity
    if kind in ("device", "registration"):
        return t(key, lang=lang, value="").strip()
    if kind in ("village", "programme") and rest in names:
        rest = f"{names[rest]} ({rest})" if kind == "village" else names[rest]
    return t(key, lang=lang, value=rest)
