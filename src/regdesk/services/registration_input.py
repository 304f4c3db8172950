"""The input of ``regdesk add --from-json``: its JSON Schema (derived from the registration
model) and the all-or-none save of a list of records."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from regdesk.domain.problems import Problem, error
from regdesk.domain.registration import Registration
from regdesk.services.errors import StoreError, WarningsNotConfirmed
from regdesk.services.programme_pick import with_programme
from regdesk.services.programme_usage import programme_warnings, require_confirmed
from regdesk.services.registrations import registration_from_fields
from regdesk.store import RegistrationView, Store, UserInfo
from regdesk.store.registrations import create_registration

#: Fields the desk fills when they are blank (see ``regdesk.domain.prefill``).
DERIVED = frozenset({"birth_date", "gender", "village_code", "postal_code", "period_months",
                     "funding", "jht", "consent_recorded_by", "consent_at"})
SCHEMA_ID = "https://regdesk.invalid/schemas/add-from-json.schema.json"


def _property(hint: Any) -> dict[str, Any]:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if isinstance(hint, types.UnionType) and args:
        return _property(args[0])
    if typing.get_origin(hint) is tuple and args:  # tuple[Renewal, ...]
        return {"type": "array", "items": _object(args[0], derived=frozenset())}
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return {"type": "string", "enum": [e.value for e in hint]}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is datetime:
        return {"type": "string", "format": "date-time"}
    if hint is date:
        return {"type": "string", "format": "date"}
    return {"type": "string"}


def _object(cls: type, *, derived: frozenset[str]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    properties = {f.name: _property(hints[f.name]) for f in fields}
    required = [f.name for f in fields
                if f.default is dataclasses.MISSING and f.name not in derived]
    return {"type": "object", "properties": properties, "required": required,
            "additionalProperties": False}


def record_schema() -> dict[str, Any]:
    """The JSON Schema of one record: the registration's fields, none other."""
    return _object(Registration, derived=DERIVED)


def input_schema() -> dict[str, Any]:
    """One record, or a list of records (saved all together or not at all)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "regdesk add --from-json",
        "description": "One registration, or a list of them. Fields the desk can derive "
                       f"({', '.join(sorted(DERIVED))}) may be left out. A list is saved "
                       "all together or not at all.",
        "$defs": {"registration": record_schema()},
        "oneOf": [
            {"$ref": "#/$defs/registration"},
            {"type": "array", "items": {"$ref": "#/$defs/registration"}, "minItems": 1},
        ],
    }


def unknown_keys(record: Mapping[str, Any]) -> list[Problem]:
    """One problem per key that is not a registration field (named, never guessed)."""
    known = {f.name for f in dataclasses.fields(Registration)}
    return [error(str(key), "field.unknown", key=str(key)) for key in record
            if key not in known]


@dataclass(frozen=True, slots=True)
class RecordFailure:
    index: int  # 1-based position in the input
    problems: list[Problem]


class NothingSaved(Exception):
    """At least one record is bad: none was saved; ``failures`` names every bad one."""

    def __init__(self, failures: Sequence[RecordFailure]) -> None:
        super().__init__(f"{len(failures)} bad record(s)")
        self.failures = list(failures)


def register_all(store: Store, records: Sequence[Mapping[str, Any]], *, user: UserInfo,
                 confirmed: Iterable[str] = (), confirm_all_warnings: bool = False,
                 programme_id: int | None = None) -> list[RegistrationView]:
    """Save every record in one transaction, or none: raises :class:`NothingSaved` listing
    every bad record (unknown keys, types, rules, unconfirmed warnings, duplicates). With
    ``programme_id`` every record is paid by that sponsor programme (it must be open and
    eligible for each person; it fills the funding, sponsor and budget reference)."""
    confirmed = list(confirmed)
    failures: list[RecordFailure] = []
    built = []
    for index, record in enumerate(records, start=1):
        unknown = unknown_keys(record)
        if unknown:
            failures.append(RecordFailure(index, unknown))
            continue
        try:
            if programme_id is not None:
                record = with_programme(store, programme_id, record, day=store.clock().date())
            reg = registration_from_fields(store, record, user=user)
            require_confirmed(programme_warnings(store, reg, new_periods=[0]), confirmed,
                              all_confirmed=confirm_all_warnings)
            built.append((index, reg))
        except StoreError as exc:
            failures.append(RecordFailure(index, list(exc.problems)))
    if failures:
        raise NothingSaved(failures)
    village, ctx, now = store.office_village(), store.context(), store.clock()
    saved: list[RegistrationView] = []
    with store.write() as session:
        for index, reg in built:
            try:
                saved.append(_create(session, reg, ctx=ctx, user=user, now=now,
                                     village=village, confirmed=confirmed,
                                     confirm_all=confirm_all_warnings))
            except StoreError as exc:
                failures.append(RecordFailure(index, list(exc.problems)))
        if failures:
            raise NothingSaved(failures)  # rolls the whole transaction back
    return saved


def _create(session: Any, reg: Registration, *, ctx: Any, user: UserInfo, now: datetime,
            village: str, confirmed: list[str], confirm_all: bool) -> RegistrationView:
    try:
        return create_registration(session, reg, ctx=ctx, user=user, now=now,
                                   office_village=village, confirmed_warnings=confirmed)
    except WarningsNotConfirmed as exc:
        if not confirm_all:
            raise
        return create_registration(session, reg, ctx=ctx, user=user, now=now,
                                   office_village=village,
                                   confirmed_warnings=confirmed + [p.code for p in exc.problems])
