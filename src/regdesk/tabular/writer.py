"""Writing tables Excel opens correctly: NIK and phone as text, dates as real dates, CSV in
UTF-8 with BOM (Excel otherwise reads it as ANSI and breaks names like "Nur'aini" or "É").

In CSV a number-looking text (NIK, phone, RT ``003``) is written as ``="…"`` — the only form
Excel keeps as text when opening a CSV — and text starting with ``= + - @`` gets a leading
apostrophe so it can never run as a formula.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from regdesk.oscompat import create_private

NUMBER_LIKE = re.compile(r"\+?\d+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def _atomic(path: Path) -> Path:
    """The partial file beside ``path``, created owner-only (0600) before any row is in it:
    exports hold personal data."""
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)  # a stale one keeps its old permissions otherwise
    create_private(partial)
    return partial


def write_xlsx(
    path: Path,
    headers: Sequence[str],
    kinds: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    sheet: str = "Data",
) -> int:
    """Stream rows into an .xlsx (write-only). Returns the number of data rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = "A2"
    header_cells = []
    for name in headers:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    for row in rows:
        out = []
        for value, kind in zip(row, kinds, strict=True):
            cell = WriteOnlyCell(ws, value=value)
            if kind == "text":
                cell.number_format = "@"
            elif kind == "date" and isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif kind == "datetime" and isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            out.append(cell)
        ws.append(out)
        count += 1
    partial = _atomic(path)
    wb.save(partial)
    partial.replace(path)
    return count


def csv_value(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "date" and isinstance(value, date):
        return value.isoformat()  # yyyy-mm-dd: read as a date by Excel in every locale
    if kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    if kind == "text" and NUMBER_LIKE.fullmatch(text):
        return f'="{text}"'
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(
    path: Path,
    headers: Sequence[str],
    kinds: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ",",
) -> int:
    """UTF-8 with BOM, CRLF line ends (what Excel writes itself). Returns the row count."""
    partial = _atomic(path)
    count = 0
    with partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([csv_value(v, k) for v, k in zip(row, kinds, strict=True)])
            count += 1
    partial.replace(path)
    return count
