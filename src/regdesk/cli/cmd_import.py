"""``regdesk import FILE`` and ``regdesk needs-fixing``: registration lists from Excel/CSV."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from regdesk.cli.context import CliContext, CliError
from regdesk.domain.problems import Problem, Severity
from regdesk.i18n import render, render_line
from regdesk.services.imports import (
    ImportOptions,
    ImportRefused,
    ImportResult,
    import_file,
    needs_fixing,
    parse_defaults,
    parse_mapping,
    remembered_mapping,
)
from regdesk.store import Role
from regdesk.tabular.plan import RowStatus
from regdesk.tabular.report import write_report
from regdesk.tabular.report_rows import import_report, labels, needs_fixing_report


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("import", help="impor daftar Excel/CSV / import a list")
    p.add_argument("file", type=Path, metavar="FILE", help=".xlsx or .csv")
    p.add_argument("--sheet", metavar="NAME", help="sheet name (default: the first sheet)")
    p.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    p.add_argument(
        "--report",
        type=Path,
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
    p.set_defaults(func=import_cmd)

    n = subparsers.add_parser(
        "needs-fixing", help="baris impor yang perlu diperbaiki / rows to fix"
    )
    n.add_argument(
        "-o", "--output", type=Path, metavar="FILE.xlsx", help="write them as an xlsx report"
    )
    n.add_argument("--all", action="store_true", help="include rows already resolved")
    n.set_defaults(func=needs_fixing_cmd)


def _refuse(ctx: CliContext, problems: list[Problem]) -> CliError:
    return CliError("; ".join(render(p, ctx.lang) for p in problems), problems=problems)


def import_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    if not args.file.is_file():
        raise CliError(
            ctx.t(f"Berkas tidak ditemukan: {args.file}", f"File not found: {args.file}")
        )
    store = ctx.store()
    user = ctx.acting_user(Role.OPERATOR)
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
    if args.report:
        title = result.sheet.name
        write_report(
            args.report,
            [
                import_report(
                    title,
                    f"{result.file_name} / {title}",
                    result.header_map,
                    result.outcomes,
                    ctx.lang,
                )
            ],
            labels(ctx.lang),
        )
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
    verb = ctx.t(
        "akan diimpor" if result.dry_run else "diimpor",
        "would be imported" if result.dry_run else "imported",
    )
    print(
        ctx.t(
            f"{s['file']} ({s['sheet']}, judul di baris {s['header_row']}): {s['rows']} baris; "
            f"{done} {verb} ({s['with_warnings']} dengan peringatan), {s['problems']} perlu "
            f"diperbaiki, {s['existing']} sudah terdaftar, {s['duplicates']} baris ganda.",
            f"{s['file']} ({s['sheet']}, header on row {s['header_row']}): {s['rows']} rows; "
            f"{done} {verb} ({s['with_warnings']} with warnings), {s['problems']} need fixing, "
            f"{s['existing']} already registered, {s['duplicates']} duplicate rows.",
        )
    )
    if s["imported_before"]:
        first = s["imported_before"][0]
        print(
            ctx.t(
                f"Berkas yang sama sudah pernah diimpor (impor #{first['import_id']}); "
                "tidak ada yang ditambahkan dua kali.",
                f"This same file was imported before (import #{first['import_id']}); "
                "nothing is added twice.",
            )
        )
    if s["unmapped_columns"]:
        print(
            ctx.t(
                "Kolom tidak dikenal (diabaikan; pakai --map): ",
                "Unrecognised columns (ignored; use --map): ",
            )
            + ", ".join(s["unmapped_columns"])
        )
    shown = 0
    for o in result.outcomes:
        if o.status is not RowStatus.PROBLEM and not o.warnings:
            continue
        if shown >= 20:
            print(ctx.t("… selengkapnya: --report FILE.xlsx", "… more: --report FILE.xlsx"))
            break
        shown += 1
        for p in o.problems:
            marker = "!" if p.severity is Severity.WARNING else "x"
            print(f"  {ctx.t('baris', 'row')} {o.row}: {marker} {render_line(p, ctx.lang)}")
    if report:
        print(ctx.t(f"Laporan: {report}", f"Report: {report}"))
    if result.import_id is not None:
        print(
            ctx.t(f"Impor #{result.import_id} tersimpan.", f"Import #{result.import_id} saved."),
            file=sys.stderr,
        )


def needs_fixing_cmd(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    found = needs_fixing(store, user=ctx.acting_user(Role.OPERATOR), include_resolved=args.all)
    if args.output:
        remembered = remembered_mapping(store)
        write_report(
            args.output, needs_fixing_report(found, ctx.lang, remembered), labels(ctx.lang)
        )
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
        print(ctx.t("Tidak ada baris yang perlu diperbaiki.", "Nothing needs fixing."))
    for e in found[:50]:
        codes = json.dumps([p.code for p in e.problems])
        print(
            f"{e.file_name} / {e.sheet} {ctx.t('baris', 'row')} {e.row_number}: {codes}"
            + (f" [{e.resolution}]" if e.resolution else "")
        )
    if len(found) > 50:
        print(
            ctx.t(
                f"… {len(found)} baris; pakai -o FILE.xlsx",
                f"… {len(found)} rows; use -o FILE.xlsx",
            )
        )
    if args.output:
        print(ctx.t(f"Laporan: {args.output}", f"Report: {args.output}"))
    return 0
