"""``regdesk add|search|show|cancel|history``: registrations from the command line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from regdesk.cli.context import Access, CliContext, CliError, report_problems
from regdesk.domain.masking import mask_nik
from regdesk.domain.problems import error
from regdesk.domain.registration import Status
from regdesk.i18n import render, t
from regdesk.services import registration_input, registrations
from regdesk.services.membership import state_text
from regdesk.store import RegistrationView


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = subparsers.add_parser(
        "add",
        help="daftarkan peserta dari JSON / register from JSON",
        description="Register from a JSON file: one object or a list of objects whose keys are "
        "the fields of `regdesk add --schema`. A list is saved ALL OR NONE: if any record is "
        "bad, every bad record is reported with its index and none is saved.",
    )
    source = add.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--from-json",
        metavar="FILE",
        type=Path,
        help="a JSON object (or a list of objects, saved all or none) with registration fields",
    )
    source.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of the input and exit"
    )
    add.add_argument(
        "--confirm",
        action="append",
        default=[],
        metavar="CODE",
        help="confirm a warning by its code (e.g. nik.birth_date_mismatch)",
    )
    add.add_argument("--confirm-all-warnings", action="store_true")
    add.add_argument("--programme", type=int, metavar="ID",
                     help="every record is paid by this sponsor programme (`regdesk "
                     "programmes`): it fills the funding, sponsor and budget reference")
    add.set_defaults(func=add_cmd, access=Access.SIGNED_IN, open_with="schema")

    s = subparsers.add_parser("search", help="cari / search (name prefix, NIK, phone, ref)")
    s.add_argument("text", nargs="?", default="")
    s.add_argument("--status", choices=[x.value for x in Status])
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--offset", type=int, default=0)
    s.set_defaults(func=search_cmd, access=Access.SIGNED_IN)

    show = subparsers.add_parser("show", help="tampilkan satu pendaftaran / show one")
    show.add_argument("ref", help="local reference or UUID")
    show.set_defaults(func=show_cmd, access=Access.SIGNED_IN)

    cancel = subparsers.add_parser("cancel", help="batalkan / cancel (never deletes)")
    cancel.add_argument("ref")
    cancel.add_argument("--reason", required=True)
    cancel.set_defaults(func=cancel_cmd, access=Access.SIGNED_IN)

    history = subparsers.add_parser("history", help="versi dan audit / versions and audit")
    history.add_argument("ref")
    history.set_defaults(func=history_cmd, access=Access.SIGNED_IN)


def _load_json(ctx: CliContext, path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(
            render(error("file", "file.unreadable", detail=exc.strerror)), exit_code=2
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CliError(
            render(error("file", "json.invalid", detail=str(exc))), exit_code=2
        ) from exc
    except RecursionError as exc:  # "[[[[…" thousands deep: refused, never a traceback
        raise CliError(
            render(error("file", "json.invalid", detail="nested too deeply")), exit_code=2
        ) from exc
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(x, dict) for x in items):
        raise CliError(render(error("file", "json.invalid", detail="object expected")))
    return items


def add_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.schema:
        print(json.dumps(registration_input.input_schema(), ensure_ascii=False, indent=2))
        return 0
    items = _load_json(ctx, args.from_json)
    store = ctx.store()
    user = ctx.acting_user()
    try:
        views = registration_input.register_all(
            store, items, user=user, confirmed=args.confirm,
            confirm_all_warnings=args.confirm_all_warnings, programme_id=args.programme)
    except registration_input.NothingSaved as exc:
        _report_failures(ctx, len(items), exc.failures)
        return 1
    if ctx.as_json:
        ctx.emit({"saved": [_summary(v) for v in views], "failed": 0})
    for view in views if not ctx.as_json else ():
        print(t("cli.add.saved", ref=view.local_ref))
    return 0


def _report_failures(ctx: CliContext, total: int,
                     failures: list[registration_input.RecordFailure]) -> None:
    """Every bad record; with --json one document (``saved`` empty: nothing was written)."""
    if ctx.as_json:
        ctx.emit({
            "saved": [],
            "failed": len(failures),
            "error": t("cli.add.nothing_saved", failed=len(failures), total=total),
            "failures": [{"index": f.index, "problems": [p.as_dict() for p in f.problems]}
                         for f in failures],
        })
        return
    for failure in failures:
        if total > 1:
            print(t("cli.add.item_not_saved", index=failure.index), flush=True)
        report_problems(ctx, failure.problems)
    if total > 1:
        print(t("cli.add.nothing_saved", failed=len(failures), total=total), flush=True)


def _summary(view: RegistrationView, *, unmasked: bool = False) -> dict[str, Any]:
    reg = view.registration
    return {
        "uuid": view.uuid,
        "local_ref": view.local_ref,
        "status": view.status.value,
        "version": view.version,
        "member_number": view.member_number,
        "full_name": reg.full_name,
        "nik": reg.nik if unmasked else mask_nik(reg.nik),
    }


def search_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    page = registrations.search(ctx.store(), args.text, user=ctx.acting_user(),
                                status=args.status, offset=args.offset, limit=args.limit)
    if ctx.as_json:
        ctx.emit(
            {
                "results": [
                    {
                        "local_ref": r.local_ref,
                        "uuid": r.uuid,
                        "status": r.status,
                        "full_name": r.full_name,
                        "nik": mask_nik(r.nik),
                        "member_number": r.member_number,
                    }
                    for r in page.rows
                ],
                "has_more": page.has_more,
            }
        )
        return 0
    if not page.rows:
        print(t("cli.search.none"))
    for r in page.rows:
        print(
            f"{r.local_ref}  {r.status:15} {mask_nik(r.nik)}  {r.member_number or '-':11}  "
            f"{r.full_name}"
        )
    if page.has_more:
        print(t("cli.search.more"))
    return 0


def show_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    detail = registrations.show(store, args.ref, user=ctx.acting_user())
    view, unmasked, fee = detail.view, detail.unmasked, detail.fee
    reg = view.registration
    data = _summary(view, unmasked=unmasked) | {
        "registration": reg.to_dict() | {"nik": reg.nik if unmasked else mask_nik(reg.nik)},
        "village_name": detail.village_name,
        "monthly_contribution": fee.first_month if fee else None,
        "period_total": fee.total if fee else None,
        "hq_answer": view.hq_answer,
        "cancel_reason": view.cancel_reason,
    } | _membership(detail)
    if ctx.as_json:
        ctx.emit(data)
        return 0
    width = 22
    for key, value in data["registration"].items():
        if value not in (None, ""):
            print(f"{key:{width}} {value}")
    for key in (
        "local_ref",
        "status",
        "version",
        "member_number",
        "village_name",
        "monthly_contribution",
        "period_total",
        "cancel_reason",
        "registration_number",
        "kpj",
    ):
        if data.get(key) not in (None, ""):
            print(f"{key:{width}} {data[key]}")
    print(f"{'state':{width}} {data['state_text']}")
    for problem in view.hq_problems:
        print(f"{'HQ':{width}} {render(problem)}")
    return 0


def _membership(detail: registrations.Detail) -> dict[str, Any]:
    """The membership on the desk's day: state (code and words), KPJ, paid-through, next due."""
    standing = detail.membership.standing
    return {
        "state": standing.state.value,
        "state_text": state_text(standing),
        "registration_number": detail.registration_number,
        "kpj": detail.membership.kpj,
        "paid_through": standing.paid_through.isoformat() if standing.paid_through else None,
        "next_due": standing.next_due.isoformat() if standing.next_due else None,
        "days_overdue": standing.days_overdue,
    }


def cancel_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    view = registrations.cancel(ctx.store(), args.ref, reason=args.reason,
                                user=ctx.acting_user())
    ctx.emit(_summary(view), t("cli.cancel.done", ref=view.local_ref))
    return 0


def history_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    found = registrations.history(ctx.store(), args.ref, user=ctx.acting_user())
    versions, trail = found.versions, found.audit
    ctx.emit(
        {
            "versions": [
                {
                    "version": v.version,
                    "status": v.status,
                    "by": v.created_by,
                    "at": v.created_at.isoformat(),
                }
                for v in versions
            ],
            "audit": [
                {"at": a.at.isoformat(), "actor": a.actor, "action": a.action, "fields": a.fields}
                for a in trail
            ],
        },
        "\n".join(
            [
                f"v{v.version} {v.status:15} {v.created_by:10} {v.created_at:%Y-%m-%d %H:%M}"
                for v in versions
            ]
            + [
                f"{a.at:%Y-%m-%d %H:%M} {a.actor:10} {a.action:22} {','.join(a.fields)}"
                for a in trail
            ]
        ),
    )
    return 0
