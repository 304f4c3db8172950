"""Reading the rows of one sheet of an .xlsx (openpyxl, read-only) or .csv file.

The header row is found among the first rows (village lists often start with a title such as
"DAFTAR KETUA RT"): the row with the most recognised headers wins. Row numbers are the
spreadsheet's own (1-based), so the clerk finds the row the report talks about.
"""

from __future__ import annotations

import csv
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from regdesk.tabular.headers import recognised_count
from regdesk.tabular.xlsx_fast import UnknownSheet, iter_values

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


@dataclass(frozen=True, slots=True)
class SheetStream:
    """A sheet read row by row: the header found among the first rows, then the body rows
    (padded to the header's width, blank rows included) as they are read. Iterating
    ``rows`` may raise :class:`SheetError` when damage shows part-way through the file."""

    name: str
    header_row: int
    headers: tuple[object, ...]
    rows: Iterator[tuple[int, tuple[object, ...]]]
    epoch1904: bool = False

    def read_all(self) -> Sheet:
        return Sheet(self.name, self.header_row, self.headers, list(self.rows), self.epoch1904)


def _padded(
    rows: Iterable[tuple[int, tuple[object, ...]]], width: int
) -> Iterator[tuple[int, tuple[object, ...]]]:
    for number, cells in rows:
        if len(cells) == width:
            yield number, cells
        else:
            yield number, tuple(cells[:width]) + (None,) * max(0, width - len(cells))


def _split(
    name: str,
    all_rows: Iterator[tuple[int, tuple[object, ...]]],
    remembered: Mapping[str, str] | None,
    epoch1904: bool,
) -> SheetStream:
    head = list(islice(all_rows, HEADER_SCAN_ROWS))
    header_index = _find_header(head, remembered)
    header_number, headers = head[header_index]
    width = len(headers)
    while width and (headers[width - 1] is None or not str(headers[width - 1]).strip()):
        width -= 1
    body = _padded(chain(head[header_index + 1 :], all_rows), width)
    return SheetStream(name, header_number, tuple(headers[:width]), body, epoch1904)


def _openpyxl_rows(
    path: Path, sheet: str | None
) -> tuple[str, Iterator[tuple[int, tuple[object, ...]]], bool]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except _BROKEN_FILE as exc:
        raise SheetError("import.file_unreadable", detail=type(exc).__name__) from exc
    try:
        names = workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise SheetError("import.sheet_unknown", sheet=sheet, sheets=names)
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    except BaseException:
        workbook.close()
        raise
    rows = _openpyxl_iter(workbook, worksheet)
    return worksheet.title, rows, workbook.epoch == CALENDAR_MAC_1904


def _openpyxl_iter(workbook: Any, worksheet: Any) -> Iterator[tuple[int, tuple[object, ...]]]:
    try:
        for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, tuple(cells)
    except _BROKEN_FILE as exc:  # damage inside the sheet's compressed XML
        raise SheetError("import.file_unreadable", detail=type(exc).__name__) from exc
    finally:
        workbook.close()


def _resuming(
    rows: Iterator[tuple[int, tuple[object, ...]]], path: Path, sheet: str | None
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The streaming reader's rows; at any surprise part-way, openpyxl's rows from the next
    row on (both readers give the same values, so the rows already read stand)."""
    last = 0
    try:
        for number, cells in rows:
            yield number, cells
            last = number
    except Exception:  # the reference implementation decides
        _title, rest, _epoch = _openpyxl_rows(path, sheet)
        yield from ((number, cells) for number, cells in rest if number > last)


def stream_xlsx(
    path: Path,
    *,
    sheet: str | None = None,
    remembered: Mapping[str, str] | None = None,
    fast: bool = True,
) -> SheetStream:
    """Values of one sheet, row by row: the streaming reader first, openpyxl (read-only) if
    it meets anything odd."""
    try:
        if not fast:
            raise NotImplementedError
        title, rows, epoch1904 = iter_values(path, sheet)
        rows = _resuming(rows, path, sheet)
    except UnknownSheet as exc:
        raise SheetError("import.sheet_unknown", sheet=exc.sheet, sheets=exc.sheets) from exc
    except Exception:  # any surprise in the XML: the reference implementation decides
        title, rows, epoch1904 = _openpyxl_rows(path, sheet)
    return _split(title, rows, remembered, epoch1904)


def read_xlsx(
    path: Path,
    *,
    sheet: str | None = None,
    remembered: Mapping[str, str] | None = None,
    fast: bool = True,
) -> Sheet:
    """Values of one sheet: the streaming reader first, openpyxl if it meets anything odd."""
    return stream_xlsx(path, sheet=sheet, remembered=remembered, fast=fast).read_all()


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _delimiter(lines: list[str], remembered: Mapping[str, str] | None) -> str:
    """The delimiter under which some early line reads as the most known headers (Excel in
    an Indonesian locale writes ``;``); ties go to the most frequent one."""

    def score(d: str) -> tuple[int, int]:
        recognised = max((recognised_count(ln.split(d), remembered) for ln in lines), default=0)
        return recognised, sum(ln.count(d) for ln in lines)

    return max(CSV_DELIMITERS, key=score)


def _csv_iter(
    path: Path, encoding: str, delimiter: str
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The rows, read from the file as they are needed (not from a copy of its text)."""
    try:
        with path.open(encoding=encoding, newline="") as f:
            reader = csv.reader(f, delimiter=delimiter)
            try:
                for number, cells in enumerate(reader, start=1):
                    yield number, tuple([c if c.strip() else None for c in cells])
            except csv.Error as exc:  # e.g. a cell over the field limit: name the row
                raise SheetError("import.csv_malformed", row=reader.line_num,
                                 limit=csv.field_size_limit()) from exc
    except (OSError, UnicodeDecodeError) as exc:  # the file changed or went away meanwhile
        raise SheetError("import.file_unreadable", detail=type(exc).__name__) from exc


def stream_csv(path: Path, *, remembered: Mapping[str, str] | None = None) -> SheetStream:
    try:
        text, encoding = _decode(path.read_bytes())
    except OSError as exc:
        raise SheetError("import.file_unreadable", detail=type(exc).__name__) from exc
    lines = [ln for ln in text.splitlines()[:HEADER_SCAN_ROWS] if ln.strip()]
    del text
    rows = _csv_iter(path, encoding, _delimiter(lines, remembered))
    return _split(path.name, rows, remembered, False)


def read_csv(path: Path, *, remembered: Mapping[str, str] | None = None) -> Sheet:
    return stream_csv(path, remembered=remembered).read_all()


def stream_sheet(
    path: Path, *, sheet: str | None = None, remembered: Mapping[str, str] | None = None
) -> SheetStream:
    """Read ``path`` row by row, by its extension (.xlsx/.xlsm or .csv/.txt)."""
    suffix = path.suffix.casefold()
    if suffix in (".xlsx", ".xlsm"):
        return stream_xlsx(path, sheet=sheet, remembered=remembered)
    if suffix in (".csv", ".txt"):
        return stream_csv(path, remembered=remembered)
    raise SheetError("import.file_type", suffix=path.suffix or "-")


def read_sheet(
    path: Path, *, sheet: str | None = None, remembered: Mapping[str, str] | None = None
) -> Sheet:
    """Read ``path`` by its extension (.xlsx/.xlsm or .csv/.txt)."""
    return stream_sheet(path, sheet=sheet, remembered=remembered).read_all()
