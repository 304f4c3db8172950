"""A streaming reader for the cell *values* of one .xlsx sheet, ~3× faster than openpyxl's
read-only mode (which builds an object per cell). Same results as
``load_workbook(read_only=True, data_only=True)``: shared and inline strings, booleans,
errors as text, numbers as int/float, date-formatted numbers as datetimes, cached formula
results. Anything unexpected raises, and :mod:`.reader` falls back to openpyxl.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO
from xml.etree import ElementTree as ET

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]+)(\d+)")


class UnknownSheet(LookupError):
    def __init__(self, sheet: str, sheets: list[str]):
        self.sheet = sheet
        self.sheets = sheets
        super().__init__(sheet)


def _column(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


def _text(element: ET.Element) -> str:
    """Text of a string item: plain ``<t>`` or rich-text runs, without phonetic hints."""
    parts = []
    for child in element:
        if child.tag == MAIN + "t":
            parts.append(child.text or "")
        elif child.tag == MAIN + "r":
            parts.extend(t.text or "" for t in child.iter(MAIN + "t"))
    return "".join(parts)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _event, element in ET.iterparse(handle):
            if element.tag == MAIN + "si":
                strings.append(_text(element))
                element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> list[bool]:
    if "xl/styles.xml" not in archive.namelist():
        return []
    root = ET.fromstring(archive.read("xl/styles.xml"))
    custom = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in root.iter(MAIN + "numFmt")
    }
    xfs = root.find(MAIN + "cellXfs")
    flags = []
    for xf in xfs if xfs is not None else []:
        fmt_id = int(xf.get("numFmtId", "0"))
        fmt = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id) or "General"
        flags.append(bool(is_date_format(fmt)))
    return flags


def _sheet_path(archive: zipfile.ZipFile, sheet: str | None) -> tuple[str, str, bool]:
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    props = workbook.find(MAIN + "workbookPr")
    epoch1904 = props is not None and props.get("date1904", "0").lower() in ("1", "true")
    sheets = [(s.get("name", ""), s.get(REL + "id", "")) for s in workbook.iter(MAIN + "sheet")]
    names = [name for name, _ in sheets]
    if sheet is not None and sheet not in names:
        raise UnknownSheet(sheet, names)
    name, rel_id = next(s for s in sheets if sheet is None or s[0] == sheet)
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next(
        r.get("Target", "") for r in rels.iter(PKG_REL + "Relationship") if r.get("Id") == rel_id
    )
    path = (
        target.lstrip("/")
        if target.startswith("/")
        else posixpath.normpath(posixpath.join("xl", target))
    )
    return name, path, epoch1904


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def read_values(
    path: Path, sheet: str | None = None
) -> tuple[str, list[tuple[int, tuple[object, ...]]], bool]:
    """``(sheet title, [(row number, cell values)], epoch1904)`` for one sheet."""
    title, rows, epoch1904 = iter_values(path, sheet)
    return title, list(rows), epoch1904


def iter_values(
    path: Path, sheet: str | None = None
) -> tuple[str, Iterator[tuple[int, tuple[object, ...]]], bool]:
    """Like :func:`read_values`, the rows one at a time (the archive stays open until the
    iterator is exhausted or closed). The workbook, strings and styles are read first, so
    most damage raises here; damage inside the sheet raises while iterating."""
    archive = zipfile.ZipFile(path)
    try:
        title, sheet_path, epoch1904 = _sheet_path(archive, sheet)
        strings = _shared_strings(archive)
        dates = _date_styles(archive)
        handle = archive.open(sheet_path)
    except BaseException:
        archive.close()
        raise
    epoch = CALENDAR_MAC_1904 if epoch1904 else CALENDAR_WINDOWS_1900
    return title, _rows(archive, handle, strings, dates, epoch), epoch1904


def _rows(
    archive: zipfile.ZipFile, handle: IO[bytes], strings: list[str], dates: list[bool],
    epoch: datetime,
) -> Iterator[tuple[int, tuple[object, ...]]]:
    cells: dict[int, object] = {}
    next_row = 1
    with archive, handle:
        for _event, element in ET.iterparse(handle):
            tag = element.tag
            if tag == MAIN + "c":
                ref = element.get("r")
                if ref:
                    match = _REF.fullmatch(ref)
                    if match is None:
                        raise ValueError(f"cell reference {ref!r}")
                    column = _column(match[1])
                else:
                    column = max(cells, default=-1) + 1
                cells[column] = _value(element, strings, dates, epoch)
            elif tag == MAIN + "row":
                number = int(element.get("r") or next_row)
                next_row = number + 1
                width = max(cells, default=-1) + 1
                yield number, tuple(cells.get(i) for i in range(width))
                cells = {}
                element.clear()


def _value(cell: ET.Element, strings: list[str], dates: list[bool], epoch: datetime) -> object:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(MAIN + "is")
        return _text(inline) if inline is not None else None
    v = cell.find(MAIN + "v")
    if v is None or v.text is None:
        return None
    text = v.text
    if kind == "s":
        return strings[int(text)]
    if kind in ("str", "e"):
        return text
    if kind == "b":
        return text.strip() in ("1", "true")
    if kind == "d":
        return datetime.fromisoformat(text)
    number = _number(text)
    style = int(cell.get("s", "0"))
    if style < len(dates) and dates[style]:
        return from_excel(number, epoch)
    return number
