"""``regdesk-hq coverage --trend`` and ``--by funding`` on SQLite and PostgreSQL, against a
small made-up kecamatan worked by hand."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from uuid import uuid4

import pytest
from sqlalchemy import insert

from regdesk.hq import programmes
from regdesk.hq.cli import main
from regdesk.hq.coverage_breakdown import month_ends
from regdesk.hq.tables import T_FUNDED_PERIOD, T_MEMBERSHIP, T_PAYMENT

from .test_targets import _csv, _run

NOW = datetime(2026, 5, 1, tzinfo=UTC)
VILLAGE = "32.16.11.2001"


def test_month_ends() -> None:
    assert month_ends(date(2026, 11, 5), date(2027, 2, 1)) == [
        date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28)]
    with pytest.raises(ValueError, match="before the first"):
        month_ends(date(2026, 2, 1), date(2026, 1, 1))


def _member(conn, first: str, last: str, *, programme_id: int | None,
            funding: str) -> str:
    u = str(uuid4())
    conn.execute(insert(T_MEMBERSHIP).values(
        uuid=u, village_code=VILLAGE, kpj=str(98_000_000_000 + hash(u) % 10**8), seq=0,
        updated_at=NOW))
    conn.execute(insert(T_PAYMENT).values(
        uuid=u, first_month=date.fromisoformat(first), last_month=date.fromisoformat(last),
        amount=16_800, channel="test", reference=f"T-{u}", paid_on=date(2026, 1, 5)))
    conn.execute(insert(T_FUNDED_PERIOD).values(
        uuid=u, number=0, programme_id=programme_id, village_code=VILLAGE,
        first_month=date(2026, 1, 1), months=6, income=1_000_000, jht=False, transport=False,
        funding=funding, cost=6 * 16_800))
    return u


def test_trend_and_funding_by_hand(db_url, hq_runtime, tmp_path, capsys) -> None:
    """100 workers, 40 covered at baseline, target 65 %. Member A paid January–June under
    programme P, member B paid January–February (self-paid; in grace in March, inactive from
    April), member C under P paid nothing (a KPJ, no payment). Month ends: January 42
    covered (A, B), February 42, March 41 (B in grace is not counted), April 41."""
    path = _csv(tmp_path / "t11.csv", ["kode wilayah", "jumlah pekerja", "sudah terlindungi",
                                       "target"], [[VILLAGE, 100, 40, "65%"]])
    assert _run(db_url, capsys, "targets", "import", str(path))[0] == 0
    pid = programmes.add_programme(hq_runtime.engine, {
        "sponsor": "Pemdes Trend", "funding_source": "dana-desa", "dpa_number": "DPA 1",
        "budget_year": 2026, "ceiling": 10_000_000, "quota": 4, "period_from": "2026-01",
        "period_to": "2026-12", "status": "open"}, user="t", now=NOW).id
    with hq_runtime.engine.begin() as conn:
        _member(conn, "2026-01-01", "2026-06-01", programme_id=pid, funding="dana-desa")
        _member(conn, "2026-01-01", "2026-02-01", programme_id=None, funding="mandiri")
        u = str(uuid4())
        conn.execute(insert(T_MEMBERSHIP).values(uuid=u, village_code=VILLAGE,
                                                 kpj="97000000001", seq=0, updated_at=NOW))
        conn.execute(insert(T_FUNDED_PERIOD).values(
            uuid=u, number=0, programme_id=pid, village_code=VILLAGE,
            first_month=date(2026, 1, 1), months=6, income=1_000_000, jht=False,
            transport=False, funding="dana-desa", cost=0))
    assert _run(db_url, capsys, "rebuild-spans")[0] == 0  # rows written by hand
    code, out, err = _run(db_url, capsys, "coverage", "--kecamatan", "32.16.11",
                          "--trend", "2026-01:2026-04", "--json")
    assert code == 0, err
    months = [(r["month"], r["active"], r["covered"]) for r in json.loads(out)]
    assert months == [("2026-01", 2, 42), ("2026-02", 2, 42), ("2026-03", 1, 41),
                      ("2026-04", 1, 41)]
    code, out, err = _run(db_url, capsys, "coverage", "--by", "funding", "--at", "2026-03-20",
                          "--json")
    assert code == 0, err
    rows = {(r["programme_id"], r["funding"]): r for r in json.loads(out)}
    mine = rows[(pid, "dana-desa")]
    assert (mine["sponsor"], mine["funded"], mine["active"], mine["quota"],
            mine["active_share_of_quota_percent"]) == ("Pemdes Trend", 2, 1, 4, 25.0)
    with pytest.raises(SystemExit) as caught:
        main(["--db", db_url, "coverage", "--trend", "2026-13:2027-01"])
    assert caught.value.code == 2
    assert "argument --trend: give two months" in capsys.readouterr().err
