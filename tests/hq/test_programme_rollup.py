"""Programme roll-ups and billing lists at HQ (SQLite and PostgreSQL): people, committed and
paid Rupiah against the quota and ceiling, the committed cost per calendar month across the
PP 50/2025 window, and the billing list of a month as xlsx and PDF (read back)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import insert, select

from regdesk.hq import cli, programmes
from regdesk.hq.db import write_tx
from regdesk.hq.programme_billing import billing_list, write_billing
from regdesk.hq.programme_rollup import MonthCost, month_rollup, rollup
from regdesk.hq.runtime import Runtime
from regdesk.hq.tables import T_MEMBER, T_PAYMENT

from .factories import VILLAGE, VILLAGE_NAME, batch, record

NOW = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
TODAY = date(2026, 11, 10)
NOV, DEC, JAN, FEB, MAR, APR = (date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1),
                                date(2027, 2, 1), date(2027, 3, 1), date(2027, 4, 1))
# Non-transport worker at Rp 1.000.000, Dana Desa (not excluded from PP 50/2025): JKK 10.000
# + JKM 6.800 = 16.800 a month in full, halved to 8.400 while the non-transport discount runs
# (through 31 December 2026), 16.800 again from January 2027.
HALF, FULL = 8_400, 16_800
A_OWN = HALF + HALF + FULL  # A: 3 months from November 2026 = 33.600
A_RENEWAL = 3 * FULL  # A renews for February–April 2027 = 50.400
B_OWN = HALF  # B: 1 month, December 2026 = 8.400
COMMITTED = A_OWN + A_RENEWAL + B_OWN  # 92.400
CEILING, QUOTA = 10_000_000, 5


@pytest.fixture
def today(hq_runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(hq_runtime, "today", lambda: TODAY)
    return TODAY


def _programme(rt: Runtime) -> int:
    data: dict[str, Any] = {
        "sponsor": "Pemdes Setiamekar", "funding_source": "dana-desa",
        "dpa_number": "DPA 412/7", "budget_year": 2026, "ceiling": CEILING, "quota": QUOTA,
        "period_from": "2026-10", "period_to": "2027-06", "villages": [VILLAGE],
        "status": "open"}
    return programmes.add_programme(rt.engine, data, user="admin", now=NOW).id


def _under(pid: int, make: Any, **kw: Any) -> dict[str, Any]:
    fields = {"funding": "dana-desa", "sponsor_name": "Pemdes Setiamekar",
              "budget_reference": "DPA 412/7 / 2026", "programme_id": pid, "period_months": 3,
              "start_month": "2026-11-01", "consent_at": "2026-11-05T09:00:00+07:00"}
    return make(**{**fields, **kw})


def _push(desk: Any, records: list[dict[str, Any]]) -> None:
    resp = desk.push(batch(records))
    assert resp.status_code == 200, resp.text
    assert [r["outcome"] for r in resp.json()["results"]] == ["accepted"] * len(records), \
        resp.text


@pytest.fixture
def funded(desk: Any, new_registration: Any, hq_runtime: Runtime, today: date
           ) -> dict[str, Any]:
    """A programme with A (Nov 2026–Jan 2027, renewed Feb–Apr 2027) and B (Dec 2026), one
    registration without a programme, and payments: A Nov–Dec and Dec–Jan (December paid
    twice), B October (outside its period) and December."""
    pid = _programme(hq_runtime)
    a = record(_under(pid, new_registration))
    b = record(_under(pid, new_registration, period_months=1, start_month="2026-12-01"))
    _push(desk, [a, b, record(new_registration())])
    renewal = {"start_month": "2027-02-01", "months": 3, "funding": "dana-desa",
               "sponsor_name": "Pemdes Setiamekar", "programme_id": pid}
    _push(desk, [record({**a["payload"], "renewals": [renewal]}, version=2, rid=a["uuid"])])
    payments = [(a["uuid"], NOV, DEC, 2 * HALF, "A1"), (a["uuid"], DEC, JAN, HALF + FULL, "A2"),
                (b["uuid"], date(2026, 10, 1), date(2026, 10, 1), FULL, "B0"),
                (b["uuid"], DEC, DEC, HALF, "B1")]
    with write_tx(hq_runtime.engine) as conn:
        conn.execute(insert(T_PAYMENT), [
            {"uuid": u, "first_month": f, "last_month": t, "amount": amount,
             "channel": "test", "reference": ref, "paid_on": date(2026, 12, 20)}
            for u, f, t, amount, ref in payments])
        numbers = dict(conn.execute(select(T_MEMBER.c.uuid, T_MEMBER.c.registration_number)
                                    .where(T_MEMBER.c.uuid.in_([a["uuid"], b["uuid"]]))).all())
    return {"pid": pid, "a": a, "b": b, "numbers": numbers}


def test_people_committed_paid_and_what_remains(funded: dict[str, Any],
                                                hq_runtime: Runtime) -> None:
    rates = hq_runtime.contexts.get().rates
    (got,) = rollup(hq_runtime.engine, rates=rates, programme_ids=[funded["pid"]])
    # paid: A's November (8.400), December once though two payments cover it (8.400) and
    # January (16.800); B's December (8.400); B's October payment is outside its period
    paid = HALF + HALF + FULL + HALF
    assert (got.people, got.committed, got.paid) == (2, COMMITTED, paid)
    assert (got.remaining_quota, got.remaining_ceiling) == (QUOTA - 2, CEILING - COMMITTED)
    assert got.share_used == pytest.approx(92_400 / 10_000_000)
    assert got.to_dict()["share_used_percent"] == 0.92
    everyone = rollup(hq_runtime.engine, rates=rates)
    assert [r for r in everyone if r.programme_id == funded["pid"]] == [got]


def test_the_committed_cost_per_calendar_month(funded: dict[str, Any],
                                               hq_runtime: Runtime) -> None:
    rates, pid = hq_runtime.contexts.get().rates, funded["pid"]
    rows = [m for m in month_rollup(hq_runtime.engine, rates=rates) if m.programme_id == pid]
    assert rows == [MonthCost(pid, NOV, 1, HALF), MonthCost(pid, DEC, 2, 2 * HALF),
                    MonthCost(pid, JAN, 1, FULL), MonthCost(pid, FEB, 1, FULL),
                    MonthCost(pid, MAR, 1, FULL), MonthCost(pid, APR, 1, FULL)]
    assert sum(m.rupiah for m in rows) == COMMITTED
    assert month_rollup(hq_runtime.engine, rates=rates, months=[DEC, JAN],
                        programme_ids=[pid]) == [MonthCost(pid, DEC, 2, 2 * HALF),
                                                 MonthCost(pid, JAN, 1, FULL)]


def _full_niks(funded: dict[str, Any]) -> list[str]:
    return [funded["a"]["payload"]["nik"], funded["b"]["payload"]["nik"]]


def _masked(nik: str) -> str:
    return nik[:4] + "********" + nik[12:]


def test_the_billing_list_of_december_as_xlsx(funded: dict[str, Any], hq_runtime: Runtime,
                                              tmp_path: Path) -> None:
    rates = hq_runtime.contexts.get().rates
    billing = billing_list(hq_runtime.engine, funded["pid"], DEC, rates=rates)
    assert [line.amount for line in billing.lines] == [HALF, HALF] and billing.total == 2 * HALF
    path = tmp_path / "tagihan.xlsx"
    assert write_billing(path, billing) == 2
    assert path.stat().st_mode & 0o077 == 0
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == ("No.", "No. registrasi", "Nama", "NIK", "Desa", "Bulan yang dibiayai",
                       "Iuran bulan ini")
    a, b = funded["a"], funded["b"]
    body = sorted(rows[1:3], key=lambda r: str(r[5]))
    assert body[0][1:] == (funded["numbers"][b["uuid"]], b["payload"]["full_name"],
                           _masked(b["payload"]["nik"]), VILLAGE_NAME, "Desember 2026", HALF)
    assert body[1][1:] == (funded["numbers"][a["uuid"]], a["payload"]["full_name"],
                           _masked(a["payload"]["nik"]), VILLAGE_NAME,
                           "November 2026 s.d. Januari 2027", HALF)
    assert rows[3][2:] == ("Jumlah: 2 orang", None, None, None, 2 * HALF)
    text = " ".join(str(v) for row in rows for v in row)
    assert not any(nik in text for nik in _full_niks(funded))


def test_the_billing_list_as_pdf_in_words_with_masked_niks(
        funded: dict[str, Any], hq_runtime: Runtime, tmp_path: Path) -> None:
    rates = hq_runtime.contexts.get().rates
    path = tmp_path / "tagihan.pdf"
    write_billing(path, billing_list(hq_runtime.engine, funded["pid"], JAN, rates=rates))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes()))
                     .pages)
    flat = re.sub(r"\s+", " ", text)
    a = funded["a"]["payload"]
    for expected in ("Januari 2027", "Pemdes Setiamekar", "DPA 412/7 / 2026",
                     a["full_name"], _masked(a["nik"]), VILLAGE_NAME,
                     "November 2026 s.d. Januari 2027", "Rp 16.800", "Jumlah: 1 orang"):
        assert expected in flat, expected
    assert _masked(funded["b"]["payload"]["nik"]) not in flat  # B's period ended in December
    assert not any(nik in flat.replace(" ", "") for nik in _full_niks(funded))
    assert not re.search(r"\d{4}-\d{2}", flat)  # no ISO months or dates
    assert path.stat().st_mode & 0o077 == 0


def _cli(db_url: str, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--db", db_url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands_and_their_one_line_errors(
        funded: dict[str, Any], db_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    pid = str(funded["pid"])
    code, out, _ = _cli(db_url, capsys, "programmes", "show", pid)
    assert code == 0 and "people\t2 of 5 (3 left)" in out
    assert "committed\tRp 92.400 of Rp 10.000.000 (0,9% of the ceiling)" in out
    assert "paid\tRp 42.000" in out and "remaining\tRp 9.907.600" in out
    code, out, _ = _cli(db_url, capsys, "programmes", "show", pid, "--json")
    assert code == 0 and '"committed": 92400' in out and '"paid": 42000' in out
    code, out, _ = _cli(db_url, capsys, "programmes", "rollup")
    assert code == 0 and any(line.startswith(f"{pid}\topen\tPemdes Setiamekar\t2/5 people\t"
                                             "Rp 92.400/Rp 10.000.000")
                             for line in out.splitlines())
    code, out, _ = _cli(db_url, capsys, "programmes", "rollup", "--by-month")
    assert code == 0 and f"{pid}\t2026-12\t2\tRp 16.800" in out.splitlines()
    target = tmp_path / "dec.pdf"
    code, out, _ = _cli(db_url, capsys, "programmes", "billing", pid, "--month", "2026-12",
                        "-o", str(target))
    assert code == 0 and out.startswith("2 person(s), Rp 16.800") and target.exists()
    for argv, message in (
            (("999999", "--month", "2026-12", "-o", str(tmp_path / "x.pdf")),
             "programme 999999: no such programme"),
            ((pid, "--month", "2026-13", "-o", str(tmp_path / "x.pdf")),
             "--month 2026-13: a month is written YYYY-MM, e.g. 2026-11"),
            ((pid, "--month", "Desember", "-o", str(tmp_path / "x.xlsx")),
             "--month Desember: a month is written YYYY-MM, e.g. 2026-11"),
            ((pid, "--month", "2026-12", "-o", str(tmp_path / "x.csv")),
             f"-o {tmp_path / 'x.csv'}: the billing list is written as .xlsx or .pdf")):
        code, _, err = _cli(db_url, capsys, "programmes", "billing", *argv)
        assert (code, err.strip()) == (1, f"regdesk-hq: error: {message}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dec.pdf"]
