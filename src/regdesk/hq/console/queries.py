"""What the console's pages show, read from HQ's tables (coverage through
:func:`regdesk.hq.coverage.district_coverage`). No NIK leaves this module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, func, select

from regdesk.domain.coverage import AreaCoverage, Level
from regdesk.hq.console.records import review_count
from regdesk.hq.coverage import area_names, district_coverage
from regdesk.hq.db import read_tx
from regdesk.hq.tables import T_BATCH, T_DEVICE, T_REG
from regdesk.hq.timeutil import as_utc
from regdesk.i18n.formats import PRINT_ZONE


@dataclass(frozen=True)
class DeviceRow:
    id: str
    name: str
    village_code: str
    created_at: datetime
    revoked_at: datetime | None
    last_sync: datetime | None


@dataclass(frozen=True)
class Counts:
    this_week: int
    rejected: int
    duplicate: int
    review: int = 0  # set aside and not yet resolved (Perlu ditinjau)


def _in_scope(code: str, scope: str | None) -> bool:
    return scope is None or code.startswith(scope + ".")


def devices_with_sync(engine: Engine, scope: str | None = None) -> list[DeviceRow]:
    """Every device with its last push (the newest ``hq_batch`` of it; None: never)."""
    last = (select(T_BATCH.c.device_id, func.max(T_BATCH.c.created_at).label("last"))
            .group_by(T_BATCH.c.device_id).subquery())
    query = (select(T_DEVICE, last.c.last).select_from(
        T_DEVICE.outerjoin(last, last.c.device_id == T_DEVICE.c.id))
        .order_by(T_DEVICE.c.village_code, T_DEVICE.c.name, T_DEVICE.c.created_at))
    with read_tx(engine) as conn:
        rows = conn.execute(query).all()
    return [DeviceRow(r.id, r.name, r.village_code, as_utc(r.created_at),
                      None if r.revoked_at is None else as_utc(r.revoked_at),
                      None if r.last is None else as_utc(r.last))
            for r in rows if _in_scope(r.village_code, scope)]


def stale_devices(rows: list[DeviceRow], *, now: datetime, days: int) -> list[DeviceRow]:
    """Active devices with no push for ``days`` days (counted from enrolment if none yet)."""
    edge = now - timedelta(days=days)
    return [d for d in rows if d.revoked_at is None and (d.last_sync or d.created_at) < edge]


def week_start(now: datetime) -> datetime:
    """Monday 00:00 WIB of ``now``'s week, as an aware moment."""
    local = now.astimezone(PRINT_ZONE)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=PRINT_ZONE)


def registration_counts(engine: Engine, *, now: datetime, scope: str | None = None) -> Counts:
    since = week_start(now)
    where = [] if scope is None else [T_REG.c.village_code.startswith(scope + ".")]
    with read_tx(engine) as conn:
        week = conn.execute(select(func.count()).select_from(T_REG).where(
            T_REG.c.received_at >= since.astimezone(UTC),
            *where)).scalar_one()
        by_status: dict[str, int] = dict(conn.execute(select(T_REG.c.status, func.count()).where(
            T_REG.c.status.in_(("rejected", "duplicate")), *where)
            .group_by(T_REG.c.status)).all())
        review = review_count(conn, scope)
    return Counts(int(week), int(by_status.get("rejected", 0)),
                  int(by_status.get("duplicate", 0)), review)


@dataclass(frozen=True)
class Overview:
    top: AreaCoverage | None  # the regency (or a viewer's kecamatan)
    kecamatan: list[AreaCoverage]
    villages: list[AreaCoverage]
    names: dict[str, str]


def overview(engine: Engine, *, at: date, scope: str | None = None) -> Overview:
    """The all-workers rows (no occupation group) of the district, or of a viewer's
    kecamatan, with the names of their areas."""
    by_level: dict[Level, list[AreaCoverage]] = {level: [] for level in Level}
    for r in district_coverage(engine, at=at, kecamatan=scope):
        if r.group is None:
            by_level[r.level].append(r)
    tops = by_level[Level.REGENCY if scope is None else Level.KECAMATAN]
    codes = {r.area for rows in by_level.values() for r in rows}
    return Overview(tops[0] if tops else None, by_level[Level.KECAMATAN],
                    by_level[Level.VILLAGE], area_names(engine, codes))
