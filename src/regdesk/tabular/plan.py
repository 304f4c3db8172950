"""Every row of a sheet judged by the same rules as a typed registration, before any write.

Outcome per row: ``ready`` (valid; warnings allowed and listed), ``problem`` (needs fixing),
``duplicate`` (the same person as an earlier row of the file, once cleaned), ``blank``. Rows
that share a NIK but differ in content are all problems: which one is right is the clerk's
call, not ours. NIKs already in
the database are checked later, inside the write transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from regdesk.domain.nik import parse_nik
from regdesk.domain.prefill import prefill
from regdesk.domain.problems import Problem, Severity, error, has_errors
from regdesk.domain.registration import Registration, registration_from_dict
from regdesk.domain.validation import ValidationContext, validate_registration
from regdesk.tabular.cells import cell_text
from regdesk.tabular.headers import HeaderMap
from regdesk.tabular.lookups import Lookups
from regdesk.tabular.reader import Sheet, is_blank
from regdesk.tabular.rows import RowReader

CHUNK_ROWS = 500  # rows judged between two progress reports / cancel checks


class RowStatus(StrEnum):
    READY = "ready"
    IMPORTED = "imported"
    PROBLEM = "problem"
    DUPLICATE = "duplicate"  # the same person as an earlier row of this file
    EXISTING = "existing"  # NIK already registered in the database
    BLANK = "blank"


@dataclass
class RowOutcome:
    row: int
    cells: tuple[str, ...]
    status: RowStatus
    problems: list[Problem] = field(default_factory=list)
    registration: Registration | None = None
    nik: str | None = None
    duplicate_of: int | None = None
    local_ref: str | None = None
    name_key: str | None = None  # "name|birth date" (to recognise the row once fixed)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def name_key(full_name: object, birth_date: object) -> str | None:
    """``"siti aminah|1985-08-17"``: how a fixed row is recognised when its NIK changed."""
    if _blank(full_name) or _blank(birth_date):
        return None
    return f"{' '.join(str(full_name).casefold().split())}|{birth_date}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def judge_row(
    number: int,
    row: tuple[object, ...],
    header_map: HeaderMap,
    *,
    lookups: Lookups,
    ctx: ValidationContext,
    defaults: Mapping[str, Any],
    recorded_by: str,
    now: datetime,
    epoch1904: bool = False,
    texts: tuple[str, ...] | None = None,
    reader: RowReader | None = None,
) -> RowOutcome:
    """Read, prefill, type-check and validate one non-blank row."""
    texts = texts if texts is not None else tuple(cell_text(c) for c in row)
    reader = reader or RowReader(header_map, lookups=lookups, epoch1904=epoch1904)
    data, problems = reader(row)
    broken = {p.field for p in problems}
    for name, value in defaults.items():
        if _blank(data.get(name)):
            data[name] = value
    data = prefill(
        data,
        office_village=lookups.office_village,
        regions=ctx.regions,
        recorded_by=recorded_by,
        now=now,
    )
    for name in broken:  # a refused cell is never refilled from elsewhere (e.g. the NIK)
        data.pop(name, None)
    reg, type_problems = registration_from_dict(data)
    problems += [p for p in type_problems if p.field not in broken]
    nik = data.get("nik") if isinstance(data.get("nik"), str) else None
    key = name_key(data.get("full_name"), data.get("birth_date"))
    if reg is None and nik and "nik" not in broken:  # the NIK's own error, not just "blank"
        _, nik_problems = parse_nik(nik, today=now.date(), regions=ctx.regions)
        problems += [p for p in nik_problems if p.severity is Severity.ERROR]
    if reg is not None:
        normalised, rule_problems = validate_registration(reg, today=now.date(), ctx=ctx)
        problems += rule_problems
        nik = normalised.nik
        key = name_key(normalised.full_name, normalised.birth_date.isoformat())
        if not has_errors(problems):
            return RowOutcome(
                number, texts, RowStatus.READY, problems, normalised, nik, name_key=key
            )
    return RowOutcome(number, texts, RowStatus.PROBLEM, problems, None, nik, name_key=key)


def plan_sheet(
    sheet: Sheet,
    header_map: HeaderMap,
    *,
    lookups: Lookups,
    ctx: ValidationContext,
    defaults: Mapping[str, Any],
    recorded_by: str,
    now: datetime,
    step: Callable[[int, int], None] | None = None,
) -> list[RowOutcome]:
    """Judge every row, then mark duplicates inside the file. ``step(done, total)`` is
    called before every chunk of :data:`CHUNK_ROWS` rows and at the end (a long job's
    progress and cancel point)."""
    outcomes: list[RowOutcome] = []
    first_with_cells: dict[tuple[str, ...], int] = {}
    reader = RowReader(header_map, lookups=lookups, epoch1904=sheet.epoch1904)
    total = len(sheet.rows)
    for index, (number, row) in enumerate(sheet.rows):
        if step is not None and index % CHUNK_ROWS == 0:
            step(index, total)
        if is_blank(row):
            outcomes.append(RowOutcome(number, (), RowStatus.BLANK))
            continue
        texts = tuple(cell_text(c) for c in row)
        if texts in first_with_cells:
            outcomes.append(
                RowOutcome(number, texts, RowStatus.DUPLICATE, duplicate_of=first_with_cells[texts])
            )
            continue
        first_with_cells[texts] = number
        outcomes.append(
            judge_row(
                number,
                row,
                header_map,
                lookups=lookups,
                ctx=ctx,
                defaults=defaults,
                recorded_by=recorded_by,
                now=now,
                epoch1904=sheet.epoch1904,
                texts=texts,
                reader=reader,
            )
        )
    _mark_repeated_niks(outcomes)
    if step is not None:
        step(total, total)
    return outcomes


def _same_person(group: list[RowOutcome]) -> bool:
    """Every row reads as the same registration once cleaned (an ignored "No" column, a
    leading apostrophe or spaces do not make two people)."""
    first = group[0].registration
    return first is not None and all(o.registration == first for o in group[1:])


def _mark_repeated_niks(outcomes: list[RowOutcome]) -> None:
    """Rows sharing a NIK: one person (the first is kept, the others are its duplicates) or
    different content (all refused: which is right is the clerk's call)."""
    rows_by_nik: dict[str, list[RowOutcome]] = {}
    for outcome in outcomes:
        if outcome.nik and outcome.status in (RowStatus.READY, RowStatus.PROBLEM):
            rows_by_nik.setdefault(outcome.nik, []).append(outcome)
    for group in rows_by_nik.values():
        if len(group) < 2:
            continue
        if _same_person(group):
            for outcome in group[1:]:
                outcome.status, outcome.duplicate_of = RowStatus.DUPLICATE, group[0].row
                outcome.registration, outcome.problems = None, []
            continue
        numbers = [o.row for o in group]
        for outcome in group:
            others = [n for n in numbers if n != outcome.row]
            outcome.problems.append(error("nik", "nik.repeated_in_file", rows=others))
            outcome.status = RowStatus.PROBLEM
            outcome.registration = None
