"""Reading the rows of one sheet of an .xlsx (openpyxl, read-only) or .csv file.

The header row is found among the first rows (village lists often start with a title such as
"DAFTAR KETUA RT"): the row with the most recognised headers wins. Row numbers are the
spreadsheet's own (1-based), so the clerk finds the row the report talks about.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from regdesk.tabular.headers import recognised_count
from regdesk.tabular.xlsx_fast import UnknownSheet, read_values

HEADER_SCAN_ROWS = 15
CSV_DELIMITERS = ",;\t|"

#: What a damaged workbook raises while it is opened or read (zip, deflate, XML, sizes).
_BROKEN_FILE = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError, ValueError)


class SheetError(Exception):
    """The file can't be read as a list at all. ``code`` and ``params`` name the reason."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    header_row: int
    headers: tuple[object, ...]
    rows: list[tuple[int, tuple[object, ...]]]  # (row number, cells), blank rows included
    epoch1904: bool = False


def is_blank(cells: Iterable[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _find_header(
    rows: list[tuple[int, tuple[object, ...]]], remembered: Mapping[str, str] | None
) -> int:
    best_index, best_count = -1, 1
    for index, (_number, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = recognised_count(cells, remembered)
        if count > best_count:
            best_index, best_count = index, count
    if best_index < 0:
        raise SheetError("import.no_header_row", rows=HEADER_SCAN_ROWS)
    return best_index


def _split(
    name: str,
    all_rows: list[tuple[int, tuple[object, ...]]],
    remembered: Mapping[str, str] | None,
    epoch1904: bool,
) -> Sheet:
    header_index = _find_header(all_rows, remembered)
    header_number, headers = all_rows[header_index]
    width = len(headers)
    while width and (headers[width - 1] is None or not str(headers[width - 1]).strip()):
        width -= 1
    body = []
    for number, cells in all_rows[header_index + 1 :]:
        padded = tuple(cells[:width]) + (None,) * max(0, width - len(cells))
        body.append((number, padded))
    return Sheet(name, header_number, tuple(headers[:width]), body, epoch1904)


def _read_xlsx_openpyxl(
    path: Path, sheet: str | None
) -> tuple[str, list[tuple[int, tuple[object, ...]]], bool]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _BROKEN_FILE as exc:
        raise SheetError("import.file_unreadable", detail=type(exc).__name__) from exc
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise SheetError("import.sheet_unknown", sheet=sheet, sheets=names)
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        try:
            rows = [
                (number, tuple(cells))
                for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1)
            ]
        except _BROKEN_FILE as exc:  # damage inside the sheet's compressed XML
            raise SheetError("import.file_unreadable", detail=type(exc).__name__) from exc
        return worksheet.title, rows, workbook.epoch == CALENDAR_MAC_1904
    finally:
        workbook.close()


def read_xlsx(
    path: Path,
    *,
    sheet: str | None = None,
    remembered: Mapping[str, str] | None = None,
    fast: bool = True,
) -> Sheet:
    """Values of one sheet: the streaming reader first, openpyxl if it meets anything odd."""
    try:
        if not fast:
            raise NotImplementedError
        title, rows, epoch1904 = read_values(path, sheet)
    except UnknownSheet as exc:
        raise SheetError("import.sheet_unknown", sheet=exc.sheet, sheets=exc.sheets) from exc
    except Exception:  # any surprise in the XML: the reference implementation decides
        title, rows, epoch1904 = _read_xlsx_openpyxl(path, sheet)
    return _split(title, rows, remembered, epoch1904)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(lines: list[str], remembered: Mapping[str, str] | None) -> str:
    """The delimiter under which some early line reads as the most known headers (Excel in
    an Indonesian locale writes ``;``); ties go to the most frequent one."""

    def score(d: str) -> tuple[int, int]:
        recognised = max((recognised_count(ln.split(d), remembered) for ln in lines), default=0)
        return recognised, sum(ln.count(d) for ln in lines)

    return max(CSV_DELIMITERS, key=score)


def read_csv(path: Path, *, remembered: Mapping[str, str] | None = None) -> Sheet:
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise SheetError("import.file_unreadable", detail=type(exc).__name__) from exc
    lines = [ln for ln in text.splitlines()[:HEADER_SCAN_ROWS] if ln.strip()]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines, remembered))
    rows: list[tuple[int, tuple[object, ...]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            rows.append((number, tuple(c if c.strip() else None for c in cells)))
    except csv.Error as exc:  # e.g. a cell over the field limit: name the row, read nothing
        raise SheetError("import.csv_malformed", row=reader.line_num,
                         limit=csv.field_size_limit()) from exc
    return _split(path.name, rows, remembered, False)


def read_sheet(
    path: Path, *, sheet: str | None = None, remembered: Mapping[str, str] | None = None
) -> Sheet:
    """Read ``path`` by its extension (.xlsx/.xlsm or .csv/.txt)."""
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet=sheet, remembered=remembered)
    if suffix in (".csv", ".txt"):
        return read_csv(path, remembered=remembered)
    raise SheetError("import.file_type", suffix=path.suffix or "-")
