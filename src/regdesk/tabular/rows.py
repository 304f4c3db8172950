"""One spreadsheet row → the registration dict form (plus the problems of its cells).

Cells are read by the parser of the field their column feeds (see :mod:`.cells`,
:mod:`.dates`); a cell that can't be read exactly leaves its field out and reports why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from regdesk.domain.problems import Problem
from regdesk.tabular import cells
from regdesk.tabular.dates import parse_date_cell, parse_place_date_cell
from regdesk.tabular.headers import HeaderMap
from regdesk.tabular.lookups import Lookups

DATE_FIELDS = ("birth_date", "funding_start", "funding_end", "start_month")
CODE_FIELDS = ("rt", "rw", "postal_code", "village_code")
FUNDING_WORDS = {
    "mandiri": "mandiri",
    "sendiri": "mandiri",
    "pribadi": "mandiri",
    "self": "mandiri",
    "apbn": "apbn",
    "apbd provinsi": "apbd-provinsi",
    "apbd-provinsi": "apbd-provinsi",
    "apbd prov": "apbd-provinsi",
    "pemprov": "apbd-provinsi",
    "apbd": "apbd-kabupaten",
    "apbd kabupaten": "apbd-kabupaten",
    "apbd-kabupaten": "apbd-kabupaten",
    "apbd kab": "apbd-kabupaten",
    "pemkab": "apbd-kabupaten",
    "apbdes": "apbdes-add",
    "add": "apbdes-add",
    "apbdes add": "apbdes-add",
    "apbdes-add": "apbdes-add",
    "dana desa": "dana-desa",
    "dd": "dana-desa",
    "dana-desa": "dana-desa",
    "csr": "csr",
    "baznas": "baznas",
    "zakat": "baznas",
    "baznas zakat": "baznas",
    "lainnya": "donor-lain",
    "donatur": "donor-lain",
    "donor lain": "donor-lain",
    "donor-lain": "donor-lain",
    "other": "donor-lain",
}
# Where a field's value came from when it is not its own column.
FIELD_SOURCES: dict[str, tuple[str, ...]] = {
    "birth_date": ("birth_date", "birth_place_date"),
    "birth_place": ("birth_place", "birth_place_date"),
    "rt": ("rt", "rt_rw"),
    "rw": ("rw", "rt_rw"),
    "village_code": ("village_code", "village"),
}


def column_for_field(header_map: HeaderMap, field: str) -> int | None:
    """The source column a problem about ``field`` belongs next to."""
    for source in FIELD_SOURCES.get(field, (field,)):
        column = header_map.column_of(source)
        if column is not None:
            return column
    return None


def _funding(value: object) -> tuple[str | None, list[Problem]]:
    text = cells.cell_text(value)
    if not text:
        return None, []
    return FUNDING_WORDS.get(" ".join(text.casefold().replace("/", " ").split()), text), []


def _set(data: dict[str, Any], name: str, value: object) -> None:
    if value is not None and data.get(name) in (None, ""):
        data[name] = value


Later = list[Callable[[], object]]


@dataclass(frozen=True, slots=True)
class _Column:
    target: str
    lookups: Lookups
    epoch1904: bool


def _put(
    column: _Column, data: dict[str, Any], parsed: tuple[object, list[Problem]]
) -> list[Problem]:
    _set(data, column.target, parsed[0])
    return parsed[1]


def _nik(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    return _put(c, data, cells.parse_nik_cell(value, field=c.target))


def _date(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    day, found = parse_date_cell(value, field=c.target, epoch1904=c.epoch1904)
    _set(data, c.target, day.isoformat() if day else None)
    return found


def _place_date(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    place, day, found = parse_place_date_cell(value, epoch1904=c.epoch1904)
    later.append(lambda: _set(data, "birth_place", place))
    later.append(lambda: _set(data, "birth_date", day.isoformat() if day else None))
    return found


def _gender(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    return _put(c, data, cells.parse_gender_cell(value))


def _phone(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    return _put(c, data, cells.parse_phone_cell(value))


def _code(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    return _put(c, data, cells.parse_number_text_cell(value, field=c.target))


def _rt_rw(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    (rt, rw), found = cells.parse_rt_rw_cell(value)
    later.append(lambda: _set(data, "rt", rt))
    later.append(lambda: _set(data, "rw", rw))
    return found


def _village(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    text = cells.cell_text(value)
    if not text:
        return []
    code, found = c.lookups.village(text)
    later.append(lambda: _set(data, "village_code", code))
    return found


def _occupation(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    text = cells.cell_text(value)
    return _put(c, data, c.lookups.occupation(text, field=c.target)) if text else []


def _integer(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    return _put(c, data, cells.parse_integer_cell(value, field=c.target))


def _flag(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    _set(data, c.target, value if isinstance(value, bool) else (cells.cell_text(value) or None))
    return []


def _funding_cell(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    return _put(c, data, _funding(value))


def _text(c: _Column, value: object, data: dict[str, Any], later: Later) -> list[Problem]:
    return _put(c, data, cells.parse_text_cell(value, field=c.target))


_Read = Callable[[_Column, object, dict[str, Any], Later], list[Problem]]
_READERS: dict[str, _Read] = {
    "nik": _nik,
    "kk_number": _nik,
    "birth_place_date": _place_date,
    "gender": _gender,
    "phone": _phone,
    "rt_rw": _rt_rw,
    "village": _village,
    "occupation_code": _occupation,
    "second_occupation_code": _occupation,
    "income": _integer,
    "period_months": _integer,
    "jht": _flag,
    "consent_given": _flag,
    "funding": _funding_cell,
    **{name: _date for name in DATE_FIELDS},
    **{name: _code for name in CODE_FIELDS},
}


class RowReader:
    """Reads rows of one sheet: the per-column parsers are chosen once."""

    def __init__(self, header_map: HeaderMap, *, lookups: Lookups, epoch1904: bool = False):
        self._columns = [
            (index, _READERS.get(target, _text), _Column(target, lookups, epoch1904))
            for index, target in enumerate(header_map.columns)
            if target
        ]

    def __call__(self, row: Sequence[object]) -> tuple[dict[str, Any], list[Problem]]:
        """Read the mapped cells of one row: the dict form and cell-level problems.
        Derived values (place+date, RT/RW, village name) only fill what columns left blank."""
        data: dict[str, Any] = {}
        problems: list[Problem] = []
        later: Later = []
        width = len(row)
        for index, read, column in self._columns:
            if index < width:
                found = read(column, row[index], data, later)
                if found:
                    problems += found
        for fill in later:
            fill()
        return data, problems
