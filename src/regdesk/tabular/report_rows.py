"""Import outcomes and stored needs-fixing entries → report rows (sentences in one language)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from regdesk.domain.problems import Problem, Severity, error
from regdesk.i18n import render
from regdesk.tabular.headers import HeaderMap, map_headers
from regdesk.tabular.plan import RowOutcome, RowStatus
from regdesk.tabular.report import ReportLabels, ReportRow, ReportSheet
from regdesk.tabular.rows import column_for_field

STATUS_TEXT: dict[str, dict[str, str]] = {
    "problem": {"id": "Perlu diperbaiki", "en": "Needs fixing"},
    "duplicate": {"id": "Baris ganda (dilewati)", "en": "Duplicate row (skipped)"},
    "existing": {"id": "Sudah terdaftar (dilewati)", "en": "Already registered (skipped)"},
    "imported": {"id": "Diimpor dengan peringatan", "en": "Imported with warnings"},
    "ready": {"id": "Siap diimpor (dengan peringatan)", "en": "Ready (with warnings)"},
}


def labels(lang: str) -> ReportLabels:
    if lang == "en":
        return ReportLabels(row="Row", status="Status", general="Problems", source="File")
    return ReportLabels()


def report_row(
    number: int,
    status: str,
    cells: Sequence[str],
    problems: Iterable[Problem],
    header_map: HeaderMap,
    lang: str,
) -> ReportRow:
    by_column: dict[int, list[str]] = {}
    general: list[str] = []
    only_warnings = True
    for problem in problems:
        only_warnings &= problem.severity is Severity.WARNING
        sentence = render(problem, lang)
        column = column_for_field(header_map, problem.field)
        if column is None:
            general.append(sentence)
        else:
            by_column.setdefault(column, []).append(sentence)
    text = STATUS_TEXT.get(status, {}).get(lang) or STATUS_TEXT.get(status, {}).get("id", status)
    return ReportRow(number, text, list(cells), by_column, general, only_warnings)


def _problems_of(outcome: RowOutcome) -> list[Problem]:
    if outcome.status is RowStatus.DUPLICATE:
        return [error("record", "import.duplicate_row", row=outcome.duplicate_of)]
    return outcome.problems


def import_report(
    title: str, source: str, header_map: HeaderMap, outcomes: Iterable[RowOutcome], lang: str
) -> ReportSheet:
    """Every row that was not a clean import: refused, skipped, or imported with warnings."""
    rows = [
        report_row(o.row, o.status.value, o.cells, _problems_of(o), header_map, lang)
        for o in outcomes
        if o.status in (RowStatus.PROBLEM, RowStatus.DUPLICATE, RowStatus.EXISTING)
        or (o.status in (RowStatus.IMPORTED, RowStatus.READY) and o.warnings)
    ]
    return ReportSheet(title, [str(h) for h in header_map.headers], rows, source)


class StoredEntry(Protocol):
    """Read-only, so a frozen dataclass (``store.import_problems.ProblemEntry``) fits."""

    @property
    def file_name(self) -> str: ...
    @property
    def sheet(self) -> str: ...
    @property
    def row_number(self) -> int: ...
    @property
    def headers(self) -> list[str]: ...
    @property
    def cells(self) -> list[str]: ...
    @property
    def problems(self) -> list[Problem]: ...


def needs_fixing_report(
    entries: Iterable[StoredEntry], lang: str, remembered: Mapping[str, str] | None = None
) -> list[ReportSheet]:
    """One sheet per source file and sheet, rows in file order."""
    groups: dict[tuple[str, str, tuple[str, ...]], list[StoredEntry]] = {}
    for entry in entries:
        groups.setdefault((entry.file_name, entry.sheet, tuple(entry.headers)), []).append(entry)
    sheets = []
    for (file_name, sheet, headers), group in groups.items():
        header_map = map_headers(headers, remembered)
        rows = [
            report_row(e.row_number, "problem", e.cells, e.problems, header_map, lang)
            for e in sorted(group, key=lambda e: e.row_number)
        ]
        sheets.append(
            ReportSheet(file_name.rsplit(".", 1)[0], list(headers), rows, f"{file_name} / {sheet}")
        )
    return sheets
