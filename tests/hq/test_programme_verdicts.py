"""Registrations under a sponsor programme, judged per record on push (SQLite and PostgreSQL):
quota, ceiling, closed, unknown, other groups; a record that fails is stored as rejected with
the reason (the desk's needs-attention list), never lost, and never blocks the batch."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from regdesk.hq import programmes
from regdesk.hq.db import read_tx
from regdesk.hq.runtime import Runtime
from regdesk.hq.tables import T_FUNDED_PERIOD, T_REG

from .factories import OTHER_VILLAGE, VILLAGE, batch, record

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
TODAY = date(2026, 11, 10)
#: Non-transport, Rp 1.000.000: JKK 10.000 + JKM 6.800 a month, halved by PP 50/2025 through
#: December 2026 (Dana Desa is not APBD/APBN): 8.400 + 8.400 + 16.800 for Nov–Jan.
THREE_MONTHS_FROM_NOVEMBER = 8_400 + 8_400 + 16_800


def _programme(rt: Runtime, **changes: Any) -> int:
    data: dict[str, Any] = {
        "sponsor": "Pemdes Setiamekar", "funding_source": "dana-desa",
        "dpa_number": "DPA 412/7", "budget_year": 2026, "ceiling": 10_000_000, "quota": 3,
        "period_from": "2026-10", "period_to": "2027-06", "villages": [VILLAGE],
        "status": "open", **changes}
    return programmes.add_programme(rt.engine, data, user="admin", now=NOW).id


def _under(pid: int, make: Any, **kw: Any) -> dict[str, Any]:
    fields = {"funding": "dana-desa", "sponsor_name": "Pemdes Setiamekar",
              "budget_reference": "DPA 412/7 / 2026", "programme_id": pid, "period_months": 3,
              "start_month": "2026-11-01", "consent_at": "2026-11-05T09:00:00+07:00"}
    return make(**{**fields, **kw})


def _outcomes(desk: Any, records: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    resp = desk.push(batch(records))
    assert resp.status_code == 200, resp.text
    return [(r["outcome"], [p["code"] for p in r.get("problems") or []])
            for r in resp.json()["results"]]


@pytest.fixture
def today(hq_runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(hq_runtime, "today", lambda: TODAY)
    return TODAY


def test_the_fourth_person_over_the_quota_is_rejected_with_the_reason(
        desk: Any, new_registration: Any, hq_runtime: Runtime, today: date) -> None:
    pid = _programme(hq_runtime)
    recs = [record(_under(pid, new_registration)) for _ in range(4)]
    got = _outcomes(desk, recs)
    assert [o for o, _ in got] == ["accepted"] * 3 + ["rejected"]
    assert got[3][1] == ["programme.over_quota"]
    with read_tx(hq_runtime.engine) as conn:
        t = T_FUNDED_PERIOD.c
        people, cost = conn.execute(select(func.count(func.distinct(t.uuid)), func.sum(t.cost))
                                    .where(t.programme_id == pid)).one()
        stored = conn.execute(select(T_REG.c.status).where(
            T_REG.c.uuid == recs[3]["uuid"])).scalar_one()
    assert (people, cost) == (3, 3 * THREE_MONTHS_FROM_NOVEMBER)
    assert stored == "rejected"  # kept, with its reason: nothing is lost
    # a later push of the same people (an edit) is not judged again, even once closed
    programmes.set_status(hq_runtime.engine, pid, "closed", user="admin", now=NOW)
    edited = record({**recs[0]["payload"], "phone": "+6281299990000"}, version=2,
                    rid=recs[0]["uuid"])
    assert _outcomes(desk, [edited]) == [("accepted", [])]
    assert _outcomes(desk, [record(_under(pid, new_registration))]) == [
        ("rejected", ["programme.closed"])]


def test_the_ceiling_counts_rupiah_month_by_month(
        desk: Any, new_registration: Any, hq_runtime: Runtime, today: date) -> None:
    pid = _programme(hq_runtime, ceiling=THREE_MONTHS_FROM_NOVEMBER + 100, quota=10)
    got = _outcomes(desk, [record(_under(pid, new_registration)) for _ in range(2)])
    assert got == [("accepted", []), ("rejected", ["programme.over_ceiling"])]


def test_unknown_other_village_wrong_funding_and_draft_programmes_are_per_record(
        desk: Any, new_registration: Any, hq_runtime: Runtime, today: date) -> None:
    other = _programme(hq_runtime, villages=[OTHER_VILLAGE])
    draft = _programme(hq_runtime, status="draft")
    pid = _programme(hq_runtime)
    later = _programme(hq_runtime, period_from="2027-01")
    got = _outcomes(desk, [
        record(_under(999_999, new_registration)),
        record(_under(other, new_registration)),
        record(_under(draft, new_registration)),
        record(_under(pid, new_registration, funding="csr")),
        record(_under(later, new_registration)),
        record(new_registration()),  # no programme: untouched by all this
        record(_under(pid, new_registration)),
    ])
    assert got == [
        ("rejected", ["programme.unknown"]),
        ("rejected", ["programme.not_eligible"]),
        ("rejected", ["programme.unknown"]),
        ("rejected", ["programme.funding_mismatch"]),
        ("rejected", ["programme.period"]),
        ("accepted", []),
        ("accepted", []),
    ]


def test_a_renewal_under_a_programme_is_judged_and_does_not_count_a_new_head(
        desk: Any, new_registration: Any, hq_runtime: Runtime, today: date) -> None:
    pid = _programme(hq_runtime, quota=1)
    first = record(_under(pid, new_registration))
    assert _outcomes(desk, [first]) == [("accepted", [])]
    renewal = {"start_month": "2027-02-01", "months": 3, "funding": "dana-desa",
               "sponsor_name": "Pemdes Setiamekar", "programme_id": pid}
    renewed = record({**first["payload"], "renewals": [renewal]}, version=2, rid=first["uuid"])
    assert _outcomes(desk, [renewed]) == [("accepted", [])]
    with read_tx(hq_runtime.engine) as conn:
        t = T_FUNDED_PERIOD.c
        rows = conn.execute(select(t.number, t.first_month, t.cost).where(
            t.uuid == first["uuid"]).order_by(t.number)).all()
    assert [tuple(r) for r in rows] == [(0, date(2026, 11, 1), THREE_MONTHS_FROM_NOVEMBER),
                                        (1, date(2027, 2, 1), 3 * 16_800)]
