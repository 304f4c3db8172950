"""``regdesk-hq coverage``: the district's coverage at a date from HQ's active spans
(``hq_active_span``, revision 0006: the day ranges each membership is active, kept current by
:mod:`regdesk.hq.spans`) and targets (``hq_target``), through the pure
:func:`regdesk.domain.coverage.coverage`; written as JSON, xlsx or the PDF report with its
chart (:mod:`regdesk.cards.coverage_report`). Docs: ``docs/hq-targets.md``.

The active members are counted in SQL — ``COUNT(*)`` of the spans holding the day, by
village and occupation — so no membership or payment is loaded: the lifecycle rule stays in
the domain (:func:`regdesk.domain.lifecycle.active_spans`), the database only counts.
:func:`members_with_kpj` still reads members one by one (one village's states by lifecycle
state for its desks, and the check that both ways count alike)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, or_, select

from regdesk.domain.coverage import (
    AreaCoverage,
    Key,
    Level,
    coverage,
    kecamatan_of,
    level_of,
    regency_of,
)
from regdesk.domain.lifecycle import Member, Payment, Stage
from regdesk.hq import membership, targets
from regdesk.hq.db import read_tx
from regdesk.hq.tables import T_ACTIVE_SPAN, T_MEMBERSHIP, T_PAYMENT, T_REG, T_REGION
from regdesk.oscompat import create_private


def members_with_kpj(conn: Connection, kecamatan: str | None, *, village: str | None = None
                     ) -> Iterator[tuple[str, str | None, Member]]:
    """(village, occupation code, lifecycle member) of every membership with a KPJ (in one
    kecamatan, or one village, when given)."""
    query = select(T_MEMBERSHIP.c.uuid, T_MEMBERSHIP.c.village_code, T_MEMBERSHIP.c.kpj,
                   T_MEMBERSHIP.c.ended_on).where(T_MEMBERSHIP.c.kpj.is_not(None))
    if kecamatan is not None:
        query = query.where(T_MEMBERSHIP.c.village_code.startswith(kecamatan + "."))
    if village is not None:
        query = query.where(T_MEMBERSHIP.c.village_code == village)
    rows = conn.execute(query.order_by(T_MEMBERSHIP.c.uuid)).all()
    paid: dict[str, list[Payment]] = {}
    occupation: dict[str, str | None] = {}
    uuids = [r.uuid for r in rows]
    for start in range(0, len(uuids), 500):
        chunk = uuids[start:start + 500]
        for p in conn.execute(select(T_PAYMENT.c.uuid, T_PAYMENT.c.first_month,
                                     T_PAYMENT.c.last_month, T_PAYMENT.c.paid_on)
                              .where(T_PAYMENT.c.uuid.in_(chunk))):
            paid.setdefault(p.uuid, []).append(Payment(p.first_month, p.last_month, p.paid_on))
        for r in conn.execute(select(T_REG.c.uuid, T_REG.c.payload)
                              .where(T_REG.c.uuid.in_(chunk))):
            occupation[r.uuid] = json.loads(r.payload).get("occupation_code") or None
    for r in rows:
        yield r.village_code, occupation.get(r.uuid), Member(
            Stage.ACCEPTED, r.kpj, tuple(paid.get(r.uuid, ())), r.ended_on)


def active_counts(conn: Connection, at: date, *, kecamatan: str | None = None,
                 village: str | None = None) -> Counter[Key]:
    """Active members on ``at`` by (village, occupation) and (village, ``None``), as
    :func:`regdesk.domain.coverage.count_active` counts them, from ``hq_active_span``: one
    ``COUNT(*) … GROUP BY`` (a member's spans never overlap, so it counts once)."""
    s = T_ACTIVE_SPAN.c
    query = (select(s.village_code, s.occupation_code, func.count().label("n"))
             .where(s.first_day <= at, or_(s.end_day.is_(None), s.end_day > at))
             .group_by(s.village_code, s.occupation_code))
    if kecamatan is not None:
        query = query.where(s.village_code.startswith(kecamatan + ".", autoescape=True))
    if village is not None:
        query = query.where(s.village_code == village)
    counts: Counter[Key] = Counter()
    for code, occupation, n in conn.execute(query):
        counts[(code, None)] += n
        if occupation:
            counts[(code, occupation)] += n
    return counts


def district_coverage(engine: Engine, *, at: date,
                      kecamatan: str | None = None) -> list[AreaCoverage]:
    """Figures by village, kecamatan and regency at ``at`` (only one kecamatan and its
    villages with ``kecamatan``: the regency's figure would count that kecamatan alone)."""
    if kecamatan is not None and level_of(kecamatan) is not Level.KECAMATAN:
        raise ValueError(f"--kecamatan {kecamatan!r}: must be a kecamatan code NN.NN.NN")
    with read_tx(engine) as conn:
        membership.lifecycle_rules(conn).rule_for(at)  # a day no rule covers: ValueError
        active = active_counts(conn, at, kecamatan=kecamatan)
        held = [s.target for s in targets.load_targets(conn, area_prefix=kecamatan)]
    if kecamatan is not None:
        held = [t for t in held if t.area == kecamatan or t.area.startswith(kecamatan + ".")]
    rows = coverage(held, active, at=at)
    return rows if kecamatan is None else [r for r in rows if r.area.startswith(kecamatan)]


def village_coverage(engine: Engine, village: str, *, at: date) -> list[AreaCoverage]:
    """One village's figures at ``at``: its all-workers row, then one per occupation group
    (those with a target or active members)."""
    if level_of(village) is not Level.VILLAGE:
        raise ValueError(f"village {village!r}: must be a village code NN.NN.NN.NNNN")
    with read_tx(engine) as conn:
        membership.lifecycle_rules(conn).rule_for(at)
        active = active_counts(conn, at, village=village)
        held = [s.target for s in targets.load_targets(conn, area_prefix=village)
                if s.target.area == village]
    return [r for r in coverage(held, active, at=at) if r.area == village]


def _pct(value: Any) -> float | None:
    return None if value is None else round(float(value) * 100, 2)


def row_dict(r: AreaCoverage) -> dict[str, Any]:
    return {"area_code": r.area, "level": r.level.value, "group": r.group,
            "at": r.at.isoformat(), "active": r.active, "workers": r.workers,
            "informal": r.informal, "baseline_covered": r.baseline_covered,
            "covered": r.covered, "share_percent": _pct(r.share),
            "target_share_percent": _pct(r.target_share), "target_people": r.target_people,
            "target_date": None if r.target_date is None else r.target_date.isoformat(),
            "still_needed": r.still_needed}


HEADERS = ("Wilayah / Area", "Tingkat / Level", "Kelompok / Group", "Aktif / Active",
           "Pekerja / Workers", "Informal", "Terlindungi awal / Baseline",
           "Terlindungi / Covered", "Cakupan % / Share %", "Target %", "Target orang / people",
           "Tanggal target / Target date", "Masih perlu / Still needed")
KINDS = ("text", "text", "text", "int", "int", "int", "int", "int", "float", "float", "int",
         "date", "int")


def write_xlsx(path: Path, rows: list[AreaCoverage]) -> int:
    from regdesk.tabular.writer import write_xlsx as write

    return write(path, HEADERS, KINDS, (
        (r.area, r.level.value, r.group or "", r.active, r.workers, r.informal,
         r.baseline_covered, r.covered, _pct(r.share), _pct(r.target_share), r.target_people,
         r.target_date, r.still_needed) for r in rows), sheet="Cakupan")


def area_names(engine: Engine, codes: set[str]) -> dict[str, str]:
    """Region names HQ holds for ``codes`` (``hq_region``; codes it does not know are left
    out)."""
    wanted = sorted(codes)
    found: dict[str, str] = {}
    with read_tx(engine) as conn:
        for start in range(0, len(wanted), 500):
            query = select(T_REGION.c.code, T_REGION.c.name).where(
                T_REGION.c.code.in_(wanted[start:start + 500]))
            found.update((code, name) for code, name in conn.execute(query))
    return found


def write_pdf(engine: Engine, path: Path, rows: list[AreaCoverage], *, at: date,
              kecamatan: str | None = None) -> None:
    """The coverage report with its chart, written beside ``path`` owner-only (0600) and
    moved into place when complete (like the xlsx)."""
    from regdesk.cards.coverage_report import CoverageReport, render_coverage_report

    codes = {r.area for r in rows} | {regency_of(r.area) for r in rows}
    if kecamatan is not None:
        codes.add(kecamatan_of(kecamatan))
    report = CoverageReport(rows, area_names(engine, codes), at, kecamatan)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)  # a stale one keeps its old permissions otherwise
    create_private(partial)
    try:
        render_coverage_report(report, partial)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
