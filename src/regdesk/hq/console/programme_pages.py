"""Program sponsor: the programmes with their roll-up, a create form, open/close, and the
billing list of a month as xlsx or PDF. Operators and admins write; viewers read the list.
Writes go through :mod:`regdesk.hq.programmes` (each writes ``hq_programme_change`` and
``hq_audit`` in its own transaction, the operator's name as the actor)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from regdesk.domain.fees import RateTable
from regdesk.domain.programmes import PAID, ProgrammeError
from regdesk.hq import master, programme_billing, programme_rollup, programmes
from regdesk.hq.console.pages import Csrf, Ctx, guarded
from regdesk.hq.console.session import PATH
from regdesk.hq.db import read_tx
from regdesk.hq.operators import Role
from regdesk.i18n import funding_label, t
from regdesk.i18n.formats import month_year, rupiah

router = APIRouter(prefix=PATH, include_in_schema=False)
WRITERS = (Role.ADMIN, Role.OPERATOR)
Field = Annotated[str, Form(max_length=2000)]
MEDIA = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".pdf": "application/pdf"}


def _rates(ctx: Ctx) -> RateTable:
    with read_tx(ctx.rt.engine) as conn:
        return master.load_pricing(conn)[1]


def _sources(ctx: Ctx) -> list[tuple[str, str]]:
    with read_tx(ctx.rt.engine) as conn:
        codes = programmes.funding_sources(conn).codes()
    return [(code, funding_label(code, ctx.sess.lang)) for code in codes]


def _months(stored: programmes.StoredProgramme) -> list[date]:
    g = stored.programme
    out: list[date] = []
    day = g.period_from
    while day <= g.period_to and len(out) < 240:
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _page(ctx: Ctx, status: int = 200, **data: Any) -> Response:
    found = programmes.list_programmes(ctx.rt.engine)
    rolled = {r.programme_id: r for r in programme_rollup.rollup(ctx.rt.engine,
                                                                 rates=_rates(ctx))}
    lang = ctx.sess.lang
    op = ctx.sess.operator
    rows = [{"p": p, "g": p.programme, "r": rolled.get(p.id),
             "funding": funding_label(p.programme.funding_source, lang),
             "period": f"{month_year(p.programme.period_from, lang)} – "
                       f"{month_year(p.programme.period_to, lang)}",
             "months": [(f"{m:%Y-%m}", month_year(m, lang)) for m in _months(p)]}
            for p in found]
    return ctx.page("program.html", status=status, rows=rows, sources=_sources(ctx),
                    paid_choices=PAID, form=data.pop("form", {}),
                    can_write=op is not None and op.role in WRITERS, rp=lambda v:
                    rupiah(v, lang), **data)


@router.get("/program", response_class=HTMLResponse)
def program(request: Request) -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.require()
        return _page(ctx, created="dibuat" in request.query_params)

    return guarded(handle)(Ctx(request))


@router.post("/program", response_class=HTMLResponse)
def create(request: Request, csrf: Csrf = "", sponsor: Field = "", funding_source: Field = "",
           dpa_number: Field = "", budget_year: Field = "", ceiling: Field = "",
           quota: Field = "", period_from: Field = "", period_to: Field = "",
           paid: Field = "", occupations: Field = "", villages: Field = "",
           status: Field = "") -> Response:
    form = {"sponsor": sponsor, "funding_source": funding_source, "dpa_number": dpa_number,
            "budget_year": budget_year, "ceiling": ceiling, "quota": quota,
            "period_from": period_from, "period_to": period_to, "paid": paid,
            "occupations": occupations, "villages": villages, "status": status}

    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        ctx.require(*WRITERS)
        if form["status"] not in ("draft", "open"):
            form["status"] = "draft"
        try:
            programmes.add_programme(ctx.rt.engine, dict(form), user=ctx.actor(),
                                              now=ctx.now)
        except ProgrammeError as exc:
            return _page(ctx, status=400, form=form, create_error=t(
                "console.prog.refused", lang=ctx.sess.lang, problem=str(exc)))
        return ctx.redirect(f"{PATH}/program?dibuat=1")

    return guarded(handle)(Ctx(request))


def _set_status(request: Request, pid: int, csrf: str, status: str) -> Response:
    def handle(ctx: Ctx) -> Response:
        ctx.check_csrf(csrf)
        ctx.require(*WRITERS)
        try:
            programmes.set_status(ctx.rt.engine, pid, status, user=ctx.actor(), now=ctx.now)
        except ProgrammeError as exc:
            return _page(ctx, status=400, status_error=str(exc))
        return ctx.redirect(f"{PATH}/program")

    return guarded(handle)(Ctx(request))


@router.post("/program/{pid}/buka", response_class=HTMLResponse)
def open_programme(request: Request, pid: int, csrf: Csrf = "") -> Response:
    return _set_status(request, pid, csrf, "open")


@router.post("/program/{pid}/tutup", response_class=HTMLResponse)
def close_programme(request: Request, pid: int, csrf: Csrf = "") -> Response:
    return _set_status(request, pid, csrf, "closed")


@router.get("/program/{pid}/tagihan")
def billing(request: Request, pid: int, month: str = "", format: str = "xlsx") -> Response:
    """The billing list of ``month`` (YYYY-MM) as a download (masked NIKs only)."""

    def handle(ctx: Ctx) -> Response:
        ctx.require(*WRITERS)
        suffix = "." + format.lower()
        try:
            if suffix not in MEDIA:
                raise ProgrammeError("format: the billing list is written as xlsx or pdf")
            when = _parse_month(month)
            listed = programme_billing.billing_list(ctx.rt.engine, pid, when,
                                                    rates=_rates(ctx))
        except ProgrammeError as exc:
            return _page(ctx, status=400, billing_error=str(exc))
        with tempfile.TemporaryDirectory(prefix="regdesk-billing-") as folder:
            path = Path(folder) / f"tagihan{suffix}"
            programme_billing.write_billing(path, listed)
            data = path.read_bytes()
        name = f"tagihan-program-{pid}-{when:%Y-%m}{suffix}"
        return ctx.keep(Response(data, media_type=MEDIA[suffix], headers={
            "Content-Disposition": f'attachment; filename="{name}"'}))

    return guarded(handle)(Ctx(request))


def _parse_month(text: str) -> date:
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4 \
            or not 1 <= int(parts[1]) <= 12:
        raise ProgrammeError(f"month {text}: a month is written YYYY-MM, e.g. 2026-11")
    return date(int(parts[0]), int(parts[1]), 1)


__all__ = ["router"]
