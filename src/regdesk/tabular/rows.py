"""One spreadsheet row → the registration dict form (plus the problems of its cells).

Cells are read by the parser of the field their column feeds (see :mod:`.cells`,
:mod:`.dates`); a cell that can't be read exactly leaves its field out and reports why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from regdesk.domain.problems import Problem
from regdesk.tabular import cells
from regdesk.tabular.dates import parse_date_cell, parse_place_date_cell
from regdesk.tabular.headers import HeaderMap
from regdesk.tabular.lookups import Lookups

DATE_FIELDS = ("birth_date", "funding_start", "funding_end", "start_month")
CODE_FIELDS = ("rt", "rw", "postal_code", "village_code")
FUNDING_WORDS = {
    "mandiri": "self", "sendiri": "self", "pribadi": "self", "self": "self",
    "apbd": "apbd", "apbd kabupaten": "apbd", "pemkab": "apbd",
    "apbdes": "apbdes", "add": "apbdes", "apbdes add": "apbdes",
    "dana desa": "dana-desa", "dd": "dana-desa", "dana-desa": "dana-desa",
    "csr": "csr", "lainnya": "other", "donatur": "other", "other": "other",
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


def row_to_data(
    row: Sequence[object], header_map: HeaderMap, *, lookups: Lookups, epoch1904: bool = False
) -> tuple[dict[str, Any], list[Problem]]:
    """Read the mapped cells of one row. Returns the dict form and cell-level problems."""
    data: dict[str, Any] = {}
    problems: list[Problem] = []
    later: list[Callable[[], None]] = []  # derived values only fill what columns left blank

    for index, target in enumerate(header_map.columns):
        if target is None or index >= len(row):
            continue
        value = row[index]
        found: list[Problem] = []
        if target in ("nik", "kk_number"):
            parsed, found = cells.parse_nik_cell(value, field=target)
            _set(data, target, parsed)
        elif target in DATE_FIELDS:
            day, found = parse_date_cell(value, field=target, epoch1904=epoch1904)
            _set(data, target, day.isoformat() if day else None)
        elif target == "birth_place_date":
            place, day, found = parse_place_date_cell(value, epoch1904=epoch1904)
            later.append(lambda p=place, d=day: (_set(data, "birth_place", p),
                                                 _set(data, "birth_date",
                                                      d.isoformat() if d else None)))
        elif target == "gender":
            parsed, found = cells.parse_gender_cell(value)
            _set(data, target, parsed)
        elif target == "phone":
            parsed, found = cells.parse_phone_cell(value)
            _set(data, target, parsed)
        elif target in CODE_FIELDS:
            parsed, found = cells.parse_number_text_cell(value, field=target)
            _set(data, target, parsed)
        elif target == "rt_rw":
            (rt, rw), found = cells.parse_rt_rw_cell(value)
            later.append(lambda a=rt, b=rw: (_set(data, "rt", a), _set(data, "rw", b)))
        elif target == "village":
            text = cells.cell_text(value)
            if text:
                code, found = lookups.village(text)
                later.append(lambda c=code: _set(data, "village_code", c))
        elif target == "occupation_code":
            text = cells.cell_text(value)
            if text:
                code, found = lookups.occupation(text)
                _set(data, target, code)
        elif target in ("income", "period_months"):
            parsed, found = cells.parse_integer_cell(value, field=target)
            _set(data, target, parsed)
        elif target in ("jht", "consent_given"):
            _set(data, target, value if isinstance(value, bool) else
                 (cells.cell_text(value) or None))
        elif target == "funding":
            parsed, found = _funding(value)
            _set(data, target, parsed)
        else:
            parsed, found = cells.parse_text_cell(value, field=target)
            _set(data, target, parsed)
        problems += found
    for fill in later:
        fill()
    return data, problems
