"""Perlu ditinjau: the registrations HQ set aside (rejected or duplicate) and not yet
resolved, oldest first, each with HQ's problems as sentences and the masked NIK. Operators
and admins resolve one with a short note (required, at most 500 characters): stored on the
row with the time, the row's ``seq`` moved so every desk of the village learns the note
through ``/changes``, and ``registration.review`` audited, all in one transaction
(:func:`regdesk.hq.console.records.resolve`). Viewers read their kecamatan's list only."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from regdesk.hq.console import records
from regdesk.hq.console.pages import Csrf, Ctx, Refused, guarded
from regdesk.hq.console.record_pages import status_words
from regdesk.hq.console.session import PATH
from regdesk.hq.coverage import area_names
from regdesk.hq.operators import Role
from regdesk.i18n import render, t

router = APIRouter(prefix=PATH, include_in_schema=False)
WRITERS = (Role.ADMIN, Role.OPERATOR)


def _page(ctx: Ctx, status: int = 200, **data: Any) -> Response:
    op = ctx.require()
    lang = ctx.sess.lang
    queue = records.review_queue(ctx.rt.engine, scope=op.kecamatan)
    names = area_names(ctx.rt.engine, {w.found.village_code for w in queue})
    rows = [{"w": w, "r": w.found, "status": status_words(w.found.status, lang),
             "problems": [render(p, lang) for p in w.problems]} for w in queue]
    return ctx.page("tinjau.html", status=status, rows=rows, names=names,
                    can_write=op.role in WRITERS, note_max=records.NOTE_MAX, **data)


@router.get("/tinjau", response_class=HTMLResponse)
def review_list(request: Request) -> Response:
    return guarded(lambda ctx: _page(ctx, resolved="selesai" in request.query_params))(
        Ctx(request))


@router.post("/tinjau/{uuid}", response_class=HTMLResponse)
def resolve(request: Request, uuid: str, csrf: Csrf = "",
            note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        op = ctx.require(*WRITERS)
        try:
            done = records.resolve(ctx.rt.engine, uuid[:36], note, actor=ctx.actor(),
                                   at=ctx.now, scope=op.kecamatan)
        except records.ReviewRefused as exc:
            return _page(ctx, status=400, error_uuid=uuid[:36], note=note, error=t(
                exc.key, lang=ctx.sess.lang, max=records.NOTE_MAX))
        if not done:
            raise Refused(404, "console.review.unknown")
        return ctx.redirect(f"{PATH}/tinjau?selesai=1")

    return guarded(handle)(Ctx(request))


__all__ = ["router"]
