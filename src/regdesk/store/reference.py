"""Master data in the database (regions, occupations, rate table): seeded from the shipped
copy, replaced by HQ's through sync, read back as pure domain objects."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from regdesk import masterdata
from regdesk.domain.eligibility import AgeRules
from regdesk.domain.fees import RateTable
from regdesk.domain.funding import FundingSources
from regdesk.domain.lifecycle import LifecycleRules
from regdesk.domain.occupations import Occupation, OccupationList
from regdesk.domain.programmes import Programme, programme_from_dict
from regdesk.domain.regions import RegionTable
from regdesk.domain.validation import ValidationContext
from regdesk.store.models import OccupationRow, RegionRow
from regdesk.store.region_lookup import SqliteRegionTable
from regdesk.store.settings import (
    AGE_LIMITS,
    FUNDING_SOURCES,
    LIFECYCLE,
    PROGRAMMES,
    RATES,
    get_setting,
    set_setting,
)

_CHUNK = 5000


def seed_shipped(session: Session) -> None:
    """Fill empty master-data tables from the shipped copy (idempotent)."""
    if session.exec(select(RegionRow.code).limit(1)).first() is None:  # type: ignore[call-overload]
        postal = masterdata.shipped_postal_codes()
        upsert_regions(
            session,
            (
                (code, name, postal.get(code))
                for code, name in masterdata.shipped_region_names().items()
            ),
        )
    if session.exec(select(OccupationRow.code).limit(1)).first() is None:  # type: ignore[call-overload]
        replace_occupations(session, masterdata.occupation_rows())
    if get_setting(session, RATES) is None:
        set_setting(session, RATES, masterdata.rates_dict())


def upsert_regions(session: Session, rows: Iterable[tuple[str, str, str | None]]) -> int:
    """Insert or replace regions (code, name, postal code) with Core, in chunks."""
    connection = session.connection()
    table = RegionRow.__table__  # type: ignore[attr-defined]
    statement = insert(table).prefix_with("OR REPLACE")
    chunk: list[dict[str, Any]] = []
    total = 0
    for code, name, postal in rows:
        chunk.append({"code": code, "name": name, "postal_code": postal})
        if len(chunk) >= _CHUNK:
            connection.execute(statement, chunk)
            total += len(chunk)
            chunk = []
    if chunk:
        connection.execute(statement, chunk)
        total += len(chunk)
    return total


def replace_occupations(session: Session, rows: Iterable[Mapping[str, Any]]) -> None:
    connection = session.connection()
    table = OccupationRow.__table__  # type: ignore[attr-defined]
    connection.execute(delete(table))
    values = [
        {
            "code": r["code"],
            "name_id": r["name_id"],
            "name_en": r["name_en"],
            "transport": str(r["transport"]).strip().lower() in ("1", "true"),
            "active": str(r.get("active", "1")).strip().lower() not in ("0", "false"),
        }
        for r in rows
    ]
    if values:
        connection.execute(insert(table), values)


def upsert_occupation(session: Session, row: Mapping[str, Any]) -> None:
    """Add or replace one occupation pulled from HQ."""
    table = OccupationRow.__table__  # type: ignore[attr-defined]
    session.connection().execute(
        insert(table).prefix_with("OR REPLACE"),
        [{
            "code": row["code"],
            "name_id": row["name_id"],
            "name_en": row["name_en"],
            "transport": str(row["transport"]).strip().lower() in ("1", "true"),
            "active": str(row.get("active", "1")).strip().lower() not in ("0", "false"),
        }],
    )


def load_regions(session: Session) -> RegionTable:
    # ~91k rows: read through the driver cursor (SQLAlchemy rows cost 5× more here).
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    names: dict[str, str] = {}
    postal: dict[str, str] = {}
    for code, name, postal_code in cursor.execute("SELECT code, name, postal_code FROM region"):
        names[code] = name
        if postal_code:
            postal[code] = postal_code
    cursor.close()
    return RegionTable(names, postal)


def load_occupations(session: Session) -> OccupationList:
    rows = (
        session.connection()
        .execute(
            select(
                OccupationRow.code,
                OccupationRow.name_id,
                OccupationRow.name_en,  # type: ignore[call-overload]
                OccupationRow.transport,
            ).where(OccupationRow.active)
        )
        .all()
    )
    return OccupationList(Occupation(r[0], r[1], r[2], bool(r[3])) for r in rows)


def load_funding_sources(session: Session) -> FundingSources:
    """HQ's funding-source catalogue when pulled, else the shipped one."""
    data = get_setting(session, FUNDING_SOURCES)
    return FundingSources.from_dict(data) if data else masterdata.shipped_funding_sources()


def store_programme(session: Session, pid: int, version: int,
                    data: Mapping[str, Any]) -> None:
    """Keep HQ's programme ``pid`` (a later version replaces an earlier one, never the
    reverse); malformed data raises ``ProgrammeError`` before anything is stored."""
    programme_from_dict(data, load_funding_sources(session))
    stored: dict[str, Any] = dict(get_setting(session, PROGRAMMES, {}) or {})
    if int(stored.get(str(pid), {}).get("version", 0)) >= version:
        return
    stored[str(pid)] = {"version": version, "programme": dict(data)}
    set_setting(session, PROGRAMMES, stored)


def load_programmes(session: Session) -> list[tuple[int, Programme]]:
    """The programmes pulled from HQ (open and closed), by id."""
    stored: dict[str, Any] = get_setting(session, PROGRAMMES, {}) or {}
    sources = load_funding_sources(session)
    return sorted((int(pid), programme_from_dict(v["programme"], sources))
                  for pid, v in stored.items())


def load_rates(session: Session) -> RateTable:
    """The rates, with the funding sources that decide who a discount excludes."""
    data = get_setting(session, RATES)
    sources = load_funding_sources(session)
    if data:
        return RateTable.from_dict(data, sources)
    return dataclasses.replace(masterdata.shipped_rates(), funding=sources)


def load_lifecycle_rules(session: Session) -> LifecycleRules:
    """HQ's lifecycle rules when pulled, else the shipped ones."""
    data = get_setting(session, LIFECYCLE)
    return LifecycleRules.from_dict(data) if data else masterdata.shipped_lifecycle_rules()


def load_age_rules(session: Session) -> AgeRules:
    """HQ's age limits when pulled, else the shipped ones."""
    data = get_setting(session, AGE_LIMITS)
    return AgeRules.from_dict(data) if data else masterdata.shipped_age_rules()


def load_context(session: Session, *,
                 regions_db: Callable[[], Any] | None = None) -> ValidationContext:
    """Master data as domain objects; with ``regions_db`` (an opener of keyed connections to
    the database) the region table stays in SQLite
    (looked up on demand) instead of ~24 MB of Python objects."""
    return ValidationContext(
        regions=SqliteRegionTable(regions_db) if regions_db else load_regions(session),
        occupations=load_occupations(session),
        rates=load_rates(session),
        ages=load_age_rules(session),
    )
