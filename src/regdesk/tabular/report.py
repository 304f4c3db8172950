"""The "needs fixing" report: the rows as they were in the file, each problem next to its cell.

Layout per sheet: ``Baris`` (row number in the source), ``Status``, ``Masalah`` (problems not
tied to one column), then every source column followed — only where some row has a problem
in it — by a ``⚠ <header>`` column holding the sentence. Problem cells are shaded. Sentences
are rendered by the caller (this module knows nothing of languages).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from regdesk.oscompat import create_private

PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")
HEADER_FONT = Font(bold=True)
_FORBIDDEN_IN_TITLE = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True, slots=True)
class ReportRow:
    row_number: int
    status: str
    cells: Sequence[str]
    by_column: dict[int, list[str]] = field(default_factory=dict)  # column → sentences
    general: list[str] = field(default_factory=list)
    warning_only: bool = False


@dataclass(frozen=True, slots=True)
class ReportSheet:
    title: str
    headers: Sequence[str]
    rows: Sequence[ReportRow]
    source: str = ""  # file name shown above the table


@dataclass(frozen=True, slots=True)
class ReportLabels:
    row: str = "Baris"
    status: str = "Status"
    general: str = "Masalah"
    problem_prefix: str = "⚠ "
    source: str = "Berkas"


def _title(text: str, used: set[str]) -> str:
    base = (text.translate(_FORBIDDEN_IN_TITLE).strip() or "Sheet")[:28]
    title, n = base, 1
    while title.casefold() in used:
        n += 1
        title = f"{base[:25]}~{n}"
    used.add(title.casefold())
    return title


def _cell(
    ws: Worksheet,
    value: object,
    *,
    fill: PatternFill | None = None,
    bold: bool = False,
    text: bool = False,
) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if fill is not None:
        cell.fill = fill
    if bold:
        cell.font = HEADER_FONT
    if text:
        cell.number_format = "@"  # NIKs and phones stay text when the clerk edits the report
    return cell


def _write_sheet(wb: Workbook, sheet: ReportSheet, labels: ReportLabels, used: set[str]) -> None:
    ws = wb.create_sheet(_title(sheet.title, used))
    flagged = sorted({c for r in sheet.rows for c in r.by_column})
    ws.freeze_panes = "D3"
    ws.append([_cell(ws, f"{labels.source}: {sheet.source or sheet.title}", bold=True)])
    header = [
        _cell(ws, labels.row, bold=True),
        _cell(ws, labels.status, bold=True),
        _cell(ws, labels.general, bold=True),
    ]
    for index, name in enumerate(sheet.headers):
        header.append(_cell(ws, name, bold=True))
        if index in flagged:
            header.append(_cell(ws, f"{labels.problem_prefix}{name}", bold=True, fill=PROBLEM_FILL))
    ws.append(header)
    for row in sheet.rows:
        fill = WARNING_FILL if row.warning_only else PROBLEM_FILL
        out = [
            _cell(ws, row.row_number),
            _cell(ws, row.status),
            _cell(ws, "\n".join(row.general) or None),
        ]
        for index, _name in enumerate(sheet.headers):
            value = row.cells[index] if index < len(row.cells) else ""
            sentences = row.by_column.get(index)
            out.append(_cell(ws, value or None, fill=fill if sentences else None, text=True))
            if index in flagged:
                out.append(_cell(ws, "\n".join(sentences) if sentences else None))
        ws.append(out)
    widths = {"A": 7, "B": 22, "C": 50}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def write_report(
    path: Path, sheets: Sequence[ReportSheet], labels: ReportLabels | None = None
) -> Path:
    """Write the report (write-only mode: memory stays flat for big files). Atomic, and
    owner-only (0600) from creation."""
    labels = labels or ReportLabels()
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for sheet in sheets:
        _write_sheet(wb, sheet, labels, used)
    if not sheets:
        ws = wb.create_sheet("Laporan")
        ws.append(["-"])
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private(partial)  # owner-only before a row is in it: the rows are personal data
    wb.save(partial)
    partial.replace(path)
    return path


__all__ = ["ReportLabels", "ReportRow", "ReportSheet", "write_report"]
