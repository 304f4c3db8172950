"""The rows of a prospect list (who is not yet registered): NIK and name, optionally phone,
village, occupation, group and a note.

Headers are recognised by the same machinery as registration lists (:mod:`.headers`), with a
few list-only columns on top (:data:`PROSPECT_HEADERS`: ``Kelompok``, ``Keterangan``). Each
row gives either the person's fields or its problems; problems name the row and the field,
never a cell's value (the list is personal data).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from regdesk.domain.nik import parse_nik
from regdesk.domain.phone import normalize_mobile
from regdesk.domain.problems import Problem, Severity, error
from regdesk.tabular.cells import parse_nik_cell, parse_phone_cell, parse_text_cell
from regdesk.tabular.headers import HeaderMap
from regdesk.tabular.reader import Sheet, is_blank

#: List-only columns, passed as the "remembered" mapping (they win over the built-in ones,
#: e.g. ``Keterangan`` is ignored in a registration list but is the note here).
PROSPECT_HEADERS: dict[str, str] = {
    "kelompok": "group",
    "nama kelompok": "group",
    "kelompok tani": "group",
    "poktan": "group",
    "kelompok nelayan": "group",
    "kelompok usaha": "group",
    "group": "group",
    "keterangan": "note",
    "ket": "note",
    "catatan": "note",
    "note": "note",
    "name": "full_name",
    "village": "village",
    "occupation": "occupation_code",
}
MAX_LENGTHS = {"full_name": 100, "village": 100, "occupation": 100, "group": 100, "note": 200}
#: Problems that would otherwise carry the cell's text: their value-free counterpart.
_VALUE_FREE = {
    "phone.scientific": "phone.invalid",
    "nik.scientific": "prospect.nik_as_number",
    "nik.number_precision": "prospect.nik_as_number",
    "nik.stored_as_number": "prospect.nik_as_number",
    "nik.birth_date_invalid": "prospect.nik_birth_date",
}
_VALUE_PARAMS = frozenset({"value", "date_part", "name"})


@dataclass(frozen=True, slots=True)
class ProspectInput:
    nik: str
    full_name: str
    phone: str | None = None  # E.164
    village: str | None = None  # as written in the list (a name or a code)
    occupation: str | None = None
    group: str | None = None
    note: str | None = None


@dataclass
class ProspectRow:
    row: int
    person: ProspectInput | None = None
    problems: list[Problem] = field(default_factory=list)


def _safe(problems: list[Problem]) -> list[Problem]:
    """Errors only, without any parameter that carries the cell (no content in a message)."""
    return [dataclasses.replace(p, code=_VALUE_FREE.get(p.code, p.code),
                                params={k: v for k, v in p.params.items()
                                        if k not in _VALUE_PARAMS})
            for p in problems if p.severity is Severity.ERROR]


def _nik(value: object, today: date) -> tuple[str | None, list[Problem]]:
    nik, problems = parse_nik_cell(value)
    if problems:
        return None, problems
    if nik is None:
        return None, [error("nik", "required")]
    _info, checked = parse_nik(nik, today=today)
    return (None, checked) if _safe(checked) else (nik, [])


def _phone(value: object) -> tuple[str | None, list[Problem]]:
    text, problems = parse_phone_cell(value)
    if problems or text is None:
        return None, problems
    return normalize_mobile(text)


def _text(value: object, name: str) -> tuple[str | None, list[Problem]]:
    text, _ = parse_text_cell(value, field=name)
    if text is not None and len(text) > MAX_LENGTHS[name]:
        return None, [error(name, "prospect.too_long", maximum=MAX_LENGTHS[name])]
    return text, []


def parse_row(number: int, cells: tuple[object, ...], header_map: HeaderMap, *,
              today: date) -> ProspectRow:
    """One row of the list: the person, or every problem of the row."""
    def cell(target: str) -> object:
        index = header_map.column_of(target)
        return cells[index] if index is not None and index < len(cells) else None

    nik, problems = _nik(cell("nik"), today)
    name, found = _text(cell("full_name"), "full_name")
    problems += found if name or found else [error("full_name", "required")]
    phone, found = _phone(cell("phone"))
    problems += found
    texts: dict[str, str | None] = {}
    village = cell("village") if cell("village") is not None else cell("village_code")
    for key, value in (("village", village), ("occupation", cell("occupation_code")),
                       ("group", cell("group")), ("note", cell("note"))):
        texts[key], found = _text(value, key)
        problems += found
    problems = _safe(problems)
    if problems or nik is None or name is None:
        return ProspectRow(number, None, problems)
    return ProspectRow(number, ProspectInput(nik, name, phone, **texts))


def parse_rows(sheet: Sheet, header_map: HeaderMap, *, today: date,
               step: Callable[[int], None] = lambda _n: None) -> list[ProspectRow]:
    """Every non-blank row of ``sheet``; a NIK seen before in the file is a problem of the
    later row (naming the first)."""
    out: list[ProspectRow] = []
    first_row: dict[str, int] = {}
    for number, cells in sheet.rows:
        if is_blank(cells):
            continue
        parsed = parse_row(number, cells, header_map, today=today)
        if parsed.person is not None:
            seen = first_row.setdefault(parsed.person.nik, number)
            if seen != number:
                parsed = ProspectRow(number, None,
                                     [error("nik", "prospect.duplicate_nik", row=seen)])
        out.append(parsed)
        step(len(out))
    return out
