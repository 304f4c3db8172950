"""``regdesk import FILE`` and ``regdesk needs-fixing``: registration lists from Excel/CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from regdesk.cli import personal
from regdesk.cli.context import Access, CliContext, CliError, output_file
from regdesk.domain.problems import Problem, Severity
from regdesk.i18n import current_language, render, render_line, t
from regdesk.services.import_reports import export_needs_fixing, write_import_report
from regdesk.services.imports import (
    ImportOptions,
    ImportRefused,
    ImportResult,
    import_file,
    needs_fixing,
    parse_defaults,
    parse_mapping,
)
from regdesk.store import Role
from regdesk.tabular.plan import RowStatus


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("import", help="impor daftar Excel/CSV / import a list")
    p.add_argument("file", type=Path, metavar="FILE", help=".xlsx or .csv")
    p.add_argument("--sheet", metavar="NAME", help="sheet name (default: the first sheet)")
    p.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    p.add_argument(
        "--report",
        type=output_file,
        metavar="FILE.xlsx",
        help="write the rows that need attention, problem next to each cell",
    )
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=field",
        help='map a column to a field (remembered), e.g. "Jabatan=occupation_code"; '
        "field '-' ignores the column",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        dest="defaults",
        help="value for blank cells of every row, e.g. consent_given=ya, "
        "income=1000000, funding=apbdes",
    )
    personal.add_options(p)  # for --report
    p.set_defaults(func=import_cmd, access=Access.SIGNED_IN)

    n = subparsers.add_parser(
        "needs-fixing", help="baris impor yang perlu diperbaiki / rows to fix"
    )
    n.add_argument(
        "-o", "--output", type=output_file, metavar="FILE.xlsx", help="write them as an xlsx report"
    )
    n.add_argument("--all", action="store_true", help="include rows already resolved")
    personal.add_options(n)  # for -o
    n.set_defaults(func=needs_fixing_cmd, access=Access.SIGNED_IN)


def _refuse(ctx: CliContext, problems: list[Problem]) -> CliError:
    return CliError("; ".join(render(p) for p in problems), problems=problems)


def import_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    if not args.file.is_file():
        raise CliError(t("cli.import.file_not_found", file=args.file))
    store = ctx.store()
    user = ctx.acting_user(Role.OPERATOR)
    rule = personal.confirm(args, ctx, args.report) if args.report else None
    try:
        options = ImportOptions(
            sheet=args.sheet,
            dry_run=args.dry_run,
            mapping=parse_mapping(args.map),
            defaults=parse_defaults(args.defaults),
        )
        result = import_file(store, args.file, user=user, options=options)
    except ImportRefused as exc:
        raise _refuse(ctx, exc.problems) from exc
    if args.report and rule is not None:
        write_import_report(store, result, args.report, user=user, lang=current_language(),
                            full_nik=rule.full)
    summary = result.summary() | ({"report": str(args.report)} if args.report else {})
    if ctx.as_json:
        summary["rows_detail"] = _rows_json(result)
        ctx.emit(summary)
    else:
        _print_text(ctx, result, args.report)
    return 1 if result.count(RowStatus.PROBLEM) else 0


def _rows_json(result: ImportResult) -> list[dict[str, Any]]:
    """Per-row status and problem codes (row numbers and codes only: no cell values)."""
    return [
        {
            "row": o.row,
            "status": o.status.value,
            "local_ref": o.local_ref,
            "duplicate_of": o.duplicate_of,
            "problems": [p.as_dict() for p in o.problems],
        }
        for o in result.outcomes
        if o.status is not RowStatus.BLANK
    ]


def _print_text(ctx: CliContext, result: ImportResult, report: Path | None) -> None:
    s = result.summary()
    done = s["ready"] if result.dry_run else s["imported"]
    key = "cli.import.summary_dry_run" if result.dry_run else "cli.import.summary"
    print(t(key, file=s["file"], sheet=s["sheet"], header_row=s["header_row"], rows=s["rows"],
            done=done, with_warnings=s["with_warnings"], problems=s["problems"],
            existing=s["existing"], duplicates=s["duplicates"]))
    if s["imported_before"]:
        first = s["imported_before"][0]
        print(t("cli.import.imported_before", import_id=first["import_id"]))
    if s["unmapped_columns"]:
        print(t("cli.import.unmapped", columns=", ".join(s["unmapped_columns"])))
    shown = 0
    for o in result.outcomes:
        if o.status is not RowStatus.PROBLEM and not o.warnings:
            continue
        if shown >= 20:
            print(t("cli.import.more"))
            break
        shown += 1
        for p in o.problems:
            marker = "!" if p.severity is Severity.WARNING else "x"
            print("  " + t("cli.import.row_problem", row=o.row, marker=marker,
                           problem=render_line(p)))
    if report:
        print(t("cli.import.report", file=report))
    if result.import_id is not None:
        print(t("cli.import.saved", import_id=result.import_id), file=sys.stderr)


def needs_fixing_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    user = ctx.acting_user(Role.OPERATOR)
    rule = personal.confirm(args, ctx, args.output) if args.output else None
    found = needs_fixing(store, user=user, include_resolved=args.all)
    if args.output and rule is not None:
        export_needs_fixing(store, args.output, user=user, lang=current_language(),
                            include_resolved=args.all, full_nik=rule.full)
    if ctx.as_json:
        ctx.emit(
            {
                "count": len(found),
                "output": str(args.output) if args.output else None,
                "rows": [
                    {
                        "id": e.id,
                        "import_id": e.import_id,
                        "file": e.file_name,
                        "sheet": e.sheet,
                        "row": e.row_number,
                        "resolved": e.resolution,
                        "problems": [p.as_dict() for p in e.problems],
                    }
                    for e in found
                ],
            }
        )
        return 0
    if not found:
        print(t("cli.needs_fixing.none"))
    for e in found[:50]:
        codes = "; ".join(render(p) for p in e.problems)  # sentences, not codes
        print(
            t("cli.needs_fixing.row", file=e.file_name, sheet=e.sheet, row=e.row_number,
              codes=codes)
            + (f" [{e.resolution}]" if e.resolution else "")
        )
    if len(found) > 50:
        print(t("cli.needs_fixing.more", count=len(found)))
    if args.output:
        print(t("cli.import.report", file=args.output))
    return 0
