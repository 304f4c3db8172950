"""What ``import-members`` / ``import-payments`` print and write: one line per problem
(file, row, column, rule), a summary of counts (or one JSON document), and the xlsx problems
report in the desk import's layout (:mod:`regdesk.tabular.report`). No personal data: the
lines name rows and columns, never a NIK or a name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regdesk.domain.problems import Problem, Severity
from regdesk.hq.bpjstk_files import ReadFile
from regdesk.hq.bpjstk_import import ImportResult
from regdesk.i18n.problems import render
from regdesk.tabular.report import ReportLabels, ReportRow, ReportSheet, write_report

_STATUS_ID = {"applied": "diterapkan", "unchanged": "sudah ada", "unmatched": "tidak cocok",
              "error": "salah"}


def _column(rf: ReadFile, problem: Problem) -> int | None:
    return rf.header_map.column_of(problem.field)


def problem_lines(result: ImportResult, rf: ReadFile, lang: str = "en") -> list[str]:
    """``FILE: row N, column 'HEADER': sentence [code]`` for every problem and warning."""
    lines = []
    for outcome in result.outcomes:
        for problem in [*outcome.problems, *outcome.warnings]:
            index = _column(rf, problem)
            column = rf.header_map.headers[index] if index is not None else problem.field
            kind = "warning" if problem.severity is Severity.WARNING else "error"
            lines.append(f"{rf.path.name}: row {outcome.row}, column {column!r}: {kind}: "
                         f"{render(problem, lang)} [{problem.code}]")
    return lines


def summary_line(result: ImportResult) -> str:
    c = result.counts()
    mode = "dry run, nothing written" if result.dry_run else (
        "written" if result.written else "NOTHING written (fix the errors and run again)")
    return (f"{result.kind} {result.file.name}: {c['rows']} row(s): {c['applied']} applied, "
            f"{c['unchanged']} unchanged, {c['unmatched']} unmatched, {c['errors']} error(s), "
            f"{c['warnings']} warning(s); {c['memberships_changed']} membership(s) changed; "
            f"{mode}")


def as_json(result: ImportResult, rf: ReadFile) -> dict[str, Any]:
    problems = [
        {"row": o.row, "status": o.status, "field": p.field,
         "column": (rf.header_map.headers[i] if (i := _column(rf, p)) is not None else None),
         "code": p.code, "severity": p.severity.value, "params": dict(p.params)}
        for o in result.outcomes for p in [*o.problems, *o.warnings]]
    return {**result.as_dict(), "problems": problems}


def write_problems_report(path: Path, result: ImportResult, rf: ReadFile,
                          lang: str = "id") -> Path:
    """Every row that is not simply applied or unchanged, as it was in the file, with each
    problem next to its cell."""
    rows = []
    for outcome in result.outcomes:
        problems = [*outcome.problems, *outcome.warnings]
        if not problems:
            continue
        by_column: dict[int, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            index = _column(rf, problem)
            (by_column.setdefault(index, []) if index is not None else general).append(
                render(problem, lang))
        rows.append(ReportRow(outcome.row, _STATUS_ID.get(outcome.status, outcome.status),
                              rf.raw[outcome.row], by_column, general,
                              warning_only=not outcome.problems))
    sheet = ReportSheet(f"Masalah {result.kind}", [str(h) for h in rf.header_map.headers], rows,
                        source=rf.path.name)
    return write_report(path, [sheet], ReportLabels())
