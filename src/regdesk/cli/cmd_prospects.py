"""``regdesk prospects``: the campaign's worklists of people not yet registered (import a
list, list it, mark a visit, coverage per list). Personal data: every action signs in."""

from __future__ import annotations

import argparse
from pathlib import Path

from regdesk.cli.context import Access, CliContext, CliError
from regdesk.domain.masking import mask_nik
from regdesk.domain.phone_text import national_mobile
from regdesk.domain.prospects import MANUAL_STATUSES, ProspectStatus
from regdesk.i18n import render, render_line, t
from regdesk.i18n.labels import prospect_status_label
from regdesk.services import prospects
from regdesk.services.personal_data import nik_rule, record_stdout_export
from regdesk.services.prospects import ProspectImport, ProspectImportRefused, ProspectView

KIND = "prospects"
STATUSES = [s.value for s in ProspectStatus]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "prospects", help="daftar calon peserta / who is not yet registered",
        description="Worklists of the campaign: people on village lists (officials, RT/RW "
        "heads, farmer groups, fishers, DTSEN deciles 1-5, PKH) and how far each has got.")
    sub = p.add_subparsers(dest="prospects_command", required=True, metavar="ACTION",
                           title="actions")
    imp = sub.add_parser("import", help="muat daftar / load a list (.xlsx or .csv)")
    imp.add_argument("file", type=Path, metavar="FILE", help=".xlsx or .csv with NIK and name")
    imp.add_argument("--list", dest="list_name", metavar="NAME",
                     help="the list's name (default: the file's name)")
    imp.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    imp.set_defaults(func=import_cmd, access=Access.SIGNED_IN)
    ls = sub.add_parser("list", help="tampilkan daftar / show the people of the lists")
    ls.add_argument("--list", dest="list_name", metavar="NAME", help="only this list")
    ls.add_argument("--status", choices=STATUSES, help="only this status")
    ls.add_argument("--full-nik", action="store_true",
                    help="whole NIKs (supervisors and admins only; audited); default: masked")
    ls.set_defaults(func=list_cmd, access=Access.SIGNED_IN)
    mk = sub.add_parser("mark", help="catat kunjungan / record where a person stands")
    mk.add_argument("nik", metavar="NIK", nargs="?", help="the person's NIK")
    mk.add_argument("--row", type=int, metavar="N",
                    help="instead of the NIK: the person's row in the list's file (with --list)")
    mk.add_argument("--status", required=True, choices=STATUSES,
                    help=", ".join(s.value for s in MANUAL_STATUSES) + "; registered is set "
                    "automatically when the registration is saved")
    mk.add_argument("--reason", help="why they refused (required with --status refused)")
    mk.add_argument("--list", dest="list_name", metavar="NAME",
                    help="the list, when the NIK is on several")
    mk.set_defaults(func=mark_cmd, access=Access.SIGNED_IN)
    sm = sub.add_parser("summary", help="cakupan per daftar / coverage of each list")
    sm.set_defaults(func=summary_cmd, access=Access.SIGNED_IN)


def import_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    if not args.file.is_file():
        raise CliError(t("cli.import.file_not_found", file=args.file))
    store = ctx.store()
    user = ctx.acting_user()
    try:
        report = prospects.import_prospects(store, args.file, user=user,
                                            list_name=args.list_name, dry_run=args.dry_run)
    except ProspectImportRefused as exc:
        raise CliError("; ".join(render(p) for p in exc.problems),
                       problems=exc.problems) from exc
    if ctx.as_json:
        ctx.emit(report.summary())
    else:
        _print_import(report)
    return 1 if report.problems else 0


def _print_import(report: ProspectImport) -> None:
    if report.problems:
        print(t("cli.prospects.refused", bad=report.bad_rows, file=report.file_name))
        for row, problem in report.problems:
            print("  " + t("cli.import.row_problem", row=row, marker="x",
                           problem=render_line(problem)))
        return
    key = "cli.prospects.dry_run" if report.dry_run else "cli.prospects.imported"
    print(t(key, list=report.list_name, file=report.file_name, header_row=report.header_row,
            rows=report.rows, added=report.added, on_list=report.on_list,
            registered=report.registered))


def _json_row(view: ProspectView, nik: str) -> dict[str, object]:
    return {"id": view.id, "list": view.list_name, "nik": nik, "full_name": view.full_name,
            "phone": view.phone, "village": view.village, "occupation": view.occupation,
            "group": view.group_name, "note": view.note, "status": view.status.value,
            "status_text": prospect_status_label(view.status.value), "reason": view.reason,
            "local_ref": view.local_ref, "row": view.source_row}


def list_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    user = ctx.acting_user()
    rule = nik_rule(user, full_nik=args.full_nik)
    status = ProspectStatus(args.status) if args.status else None
    found = prospects.list_prospects(store, user=user, list_name=args.list_name, status=status)
    if ctx.as_json:
        ctx.emit({"count": len(found), "nik_masked": rule.masked,
                  "rows": [_json_row(v, rule(v.nik)) for v in found]})
    elif not found:
        print(t("cli.prospects.none"))
    for v in [] if ctx.as_json else found:
        phone = national_mobile(v.phone) if v.phone else "-"
        reason = f"  ({v.reason})" if v.reason else ""
        row = t("cli.prospects.row", row=v.source_row)
        print(f"{v.list_name:20.20}  {row:>10}  {rule(v.nik):16}  {v.full_name:30.30}  "
              f"{phone:14}  {prospect_status_label(v.status.value)}{reason}")
    record_stdout_export(store, user=user, kind=KIND, fmt="json" if ctx.as_json else "text",
                         rows=len(found), rule=rule)
    return 0


def mark_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    if (args.nik is None) == (args.row is None):
        raise CliError(t("cli.prospects.nik_or_row"))
    view = prospects.mark(ctx.store(), args.nik, ProspectStatus(args.status),
                          user=ctx.acting_user(), reason=args.reason, list_name=args.list_name,
                          row=args.row)
    label = prospect_status_label(view.status.value)
    ctx.emit({"id": view.id, "list": view.list_name, "nik": mask_nik(view.nik),
              "status": view.status.value, "status_text": label, "reason": view.reason},
             t("cli.prospects.marked", nik=mask_nik(view.nik), list=view.list_name,
               status=label))
    return 0


def summary_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    found = prospects.summary(ctx.store(), user=ctx.acting_user())
    if ctx.as_json:
        ctx.emit({"lists": [c.as_dict() for c in found]})
        return 0
    if not found:
        print(t("cli.prospects.summary_none"))
    for c in found:
        counts = {s.value: c.counts.get(s, 0) for s in ProspectStatus}
        print(t("cli.prospects.summary_line", list=c.list_name, total=c.total,
                share=f"{round(c.reached_share * 100)}%", **counts))
    return 0
