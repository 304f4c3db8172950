"""HQ coverage and programme month roll-up at district scale on PostgreSQL; prints JSON and
writes it to ``--out``.

* setup: ``--members`` (default 1,000,000) memberships across the regency's 187 villages
  (23 kecamatan, codes ``32.16.KK.2VVV``), each with 1–3 payments (months and payment days
  drawn from 2025–2026, 2 % ended), their active spans worked out with the pure
  :func:`regdesk.domain.lifecycle.active_spans`, a target for every village, and one funded
  period each (70 % under one of 50 programmes), loaded with ``COPY`` into a schema of its
  own on ``--pg`` (dropped at the end), then ``VACUUM ANALYZE``;
* regency: :func:`regdesk.hq.coverage.district_coverage` at a date (the whole regency)
  against the same count as one raw SQL query at the driver: ``COUNT(*)`` of the spans
  holding the day ``GROUP BY`` village and occupation, and — for scale — the same count
  straight from ``hq_membership`` / ``hq_payment`` (what it would cost without spans);
* village: :func:`regdesk.hq.coverage.village_coverage` of one village against the raw
  count for that village; for scale the old way (every member of the village read and run
  through ``standings``), once;
* month roll-up: :func:`regdesk.hq.programme_rollup.month_rollup` of all programmes against
  one raw ``GROUP BY`` that expands each period into its months with ``generate_series``
  (people per programme and month; the Rupiah need the fee rules, which SQL does not hold:
  the people figures are checked equal, the Rupiah are only in the roll-up);
* the same two coverage measures again with the span index day-first instead of
  village-first.

Each measure is the median wall time of ``--repeat`` runs after one warm-up. Goals (issue
#12): regency ≤ 1 s, one village ≤ 50 ms, month roll-up ≤ 2 s. ``loadavg`` before and after
is in the output (the machine may be shared).

Usage: ``.venv/bin/python bench/bench_coverage.py [--members 20000] [--out FILE]`` (``--out``
defaults to ``bench_coverage.json`` in the temporary folder).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import psycopg  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

from regdesk import masterdata  # noqa: E402
from regdesk.domain.coverage import count_active  # noqa: E402
from regdesk.domain.lifecycle import Member, Payment, Stage, active_spans  # noqa: E402
from regdesk.hq import coverage, membership  # noqa: E402
from regdesk.hq.coverage import members_with_kpj  # noqa: E402
from regdesk.hq.programme_rollup import month_rollup  # noqa: E402
from regdesk.hq.runtime import Runtime  # noqa: E402
from regdesk.hq.settings import Settings  # noqa: E402

PG = "postgresql://postgres@127.0.0.1:5432/test"
AT = date(2026, 5, 20)
# 23 kecamatan, 187 villages (the first three with nine, the others with eight)
VILLAGES = [f"32.16.{k:02d}.{2000 + v}" for k in range(1, 24)
            for v in range(1, 10 if k <= 3 else 9)]
OCCUPATIONS = ["petani", "nelayan", "pedagang", "buruh-harian", "ojek", "pengrajin",
               "peternak", "tukang", "asisten-rumah-tangga", None]
FUNDING = ["mandiri", "apbd-kabupaten", "dana-desa", "csr"]
PROGRAMMES = 50
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _uuid(i: int) -> str:
    return str(uuid.UUID(int=i + 1))


def _month(i: int) -> date:
    return date(2025 + i // 12, i % 12 + 1, 1)


def _people(n: int, rnd: random.Random) -> Iterator[tuple[Any, ...]]:
    """(uuid, village, occupation, ended_on, payments) per member."""
    for i in range(n):
        ended = None if rnd.random() >= 0.02 else _month(rnd.randrange(24)) + timedelta(
            days=rnd.randrange(28))
        pays = []
        for _ in range(rnd.choice((1, 1, 2, 3))):
            first = rnd.randrange(22)
            last = first + rnd.choice((0, 2, 5, 11))
            pays.append(Payment(_month(first), _month(last),
                                _month(first) + timedelta(days=rnd.randrange(-20, 40))))
        yield _uuid(i), VILLAGES[i % len(VILLAGES)], rnd.choice(OCCUPATIONS), ended, pays


class _Copy:
    """Rows of one table streamed through ``COPY … FROM STDIN`` (text format)."""

    def __init__(self, cur: psycopg.Cursor[Any], table: str, columns: str) -> None:
        self.cur, self.sql, self.buf, self.rows = cur, f"COPY {table} ({columns}) FROM STDIN", \
            io.StringIO(), 0

    def add(self, *values: Any) -> None:
        self.buf.write("\t".join(r"\N" if v is None else str(v) for v in values) + "\n")
        self.rows += 1
        if self.rows % 200_000 == 0:
            self.flush()

    def flush(self) -> None:
        data = self.buf.getvalue()
        if data:
            with self.cur.copy(self.sql) as copy:
                copy.write(data)
        self.buf = io.StringIO()


def _funded(rnd: random.Random, occupation: str | None) -> tuple[Any, ...]:
    """Programme (70 % of members; each programme pays from one source, with or without
    JHT, and takes registrations in a six-month window of its own), start month and the
    price key."""
    pid = rnd.randrange(1, PROGRAMMES + 1) if rnd.random() < 0.7 else None
    key = pid or 0
    first = _month(key % 16 + rnd.randrange(6))
    income = 1_000_000 if rnd.random() < 0.9 else 1_500_000
    return (pid, first, rnd.choice((1, 3, 3, 6, 12)), income, "t" if key % 3 == 0 else "f",
            "t" if occupation == "ojek" else "f", FUNDING[key % len(FUNDING)], 8_400)


def _load(dsn: str, n: int, rnd: random.Random) -> dict[str, int]:
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        ships = _Copy(cur, "hq_membership",
                      "uuid, village_code, kpj, ended_on, ended_reason, seq, updated_at")
        pays = _Copy(cur, "hq_payment", "uuid, first_month, last_month, amount, channel, "
                     "reference, paid_on")
        spans = _Copy(cur, "hq_active_span",
                      "uuid, first_day, end_day, village_code, occupation_code")
        funded = _Copy(cur, "hq_funded_period", "uuid, number, programme_id, village_code, "
                       "first_month, months, income, jht, transport, funding, cost")
        for i, (u, village, occupation, ended, payments) in enumerate(_people(n, rnd)):
            kpj = f"{23_000_000_000 + i:011d}"
            ships.add(u, village, kpj, ended, "died" if ended else None, i + 1, NOW)
            for k, p in enumerate(payments):
                pays.add(u, p.first_month, p.last_month, 8_400, "bench", f"B-{k}", p.paid_on)
            for s in active_spans(Member(Stage.ACCEPTED, kpj, tuple(payments), ended)):
                spans.add(u, s.first_day, s.end_day, village, occupation)
            pid, *price = _funded(rnd, occupation)
            funded.add(u, 0, pid, village, *price)
        targets = _Copy(cur, "hq_target", "area_code, group_code, workers, informal, "
                        "baseline_covered, target_share, target_date, source, seq, updated_at")
        for j, village in enumerate(VILLAGES):
            for group in ("", "petani"):
                targets.add(village, group, 8_000, 6_000, 3_500, "0.65", "2029-12-31", "bench",
                            j + 1, NOW)
        for c in (ships, pays, spans, funded, targets):
            c.flush()
        conn.commit()
        return {"memberships": ships.rows, "payments": pays.rows, "spans": spans.rows,
                "funded_periods": funded.rows, "targets": targets.rows}


def _vacuum(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for table in ("hq_membership", "hq_payment", "hq_active_span", "hq_funded_period",
                      "hq_target"):
            conn.execute(f"VACUUM ANALYZE {table}")


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall seconds of ``repeat`` runs after a warm-up, and the last result."""
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


RAW_SPANS = ("SELECT village_code, occupation_code, count(*) FROM hq_active_span "
             "WHERE first_day <= %(d)s AND (end_day IS NULL OR end_day > %(d)s) {village}"
             "GROUP BY village_code, occupation_code")
# the same count without spans: a member is active on d when a payment made by d covers
# d's month and it has not ended by d (its occupation left out: it lives in the payload)
RAW_BASE = ("SELECT m.village_code, count(*) FROM hq_membership m WHERE m.kpj IS NOT NULL "
            "AND (m.ended_on IS NULL OR m.ended_on > %(d)s) AND EXISTS (SELECT 1 FROM "
            "hq_payment p WHERE p.uuid = m.uuid AND p.paid_on <= %(d)s AND p.first_month <= "
            "%(d)s AND p.last_month >= date_trunc('month', %(d)s::date)) "
            "GROUP BY m.village_code")
RAW_MONTHS = ("SELECT programme_id, (first_month + make_interval(months => g))::date, "
              "count(*) FROM hq_funded_period, generate_series(0, months - 1) AS g "
              "WHERE programme_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2")


def _raw(dsn: str, sql: str, params: dict[str, Any]) -> Callable[[], list[Any]]:
    conn = psycopg.connect(dsn, autocommit=True)

    def run() -> list[Any]:
        return conn.execute(sql, params).fetchall()  # type: ignore[arg-type]
    return run


def _coverage_figures(engine: Any, dsn: str, repeat: int, village: str) -> dict[str, Any]:
    regency_s, rows = _timed(lambda: coverage.district_coverage(engine, at=AT), repeat)
    raw_s, raw_rows = _timed(_raw(dsn, RAW_SPANS.format(village=""), {"d": AT}), repeat)
    village_s, vrows = _timed(lambda: coverage.village_coverage(engine, village, at=AT),
                              repeat)
    raw_v_s, raw_v = _timed(_raw(dsn, RAW_SPANS.format(village="AND village_code = %(v)s "),
                                 {"d": AT, "v": village}), repeat)
    regency = next(r for r in rows if r.area == "32.16" and r.group is None)
    assert regency.active == sum(n for _, _, n in raw_rows)
    assert next(r for r in vrows if r.group is None).active == sum(n for _, _, n in raw_v)
    return {"regency": {"seconds": round(regency_s, 4), "raw_sql_seconds": round(raw_s, 4),
                        "ratio_to_raw": round(regency_s / raw_s, 2), "goal_seconds": 1.0,
                        "active": regency.active, "rows": len(rows)},
            "village": {"code": village, "seconds": round(village_s, 4),
                        "raw_sql_seconds": round(raw_v_s, 4),
                        "ratio_to_raw": round(village_s / raw_v_s, 2), "goal_seconds": 0.05,
                        "active": vrows[0].active}}


def _month_figures(engine: Any, dsn: str, repeat: int) -> dict[str, Any]:
    rates = masterdata.shipped_rates()
    rollup_s, costs = _timed(lambda: month_rollup(engine, rates=rates), repeat)
    raw_s, raw_rows = _timed(_raw(dsn, RAW_MONTHS, {}), repeat)
    priced = {(c.programme_id, c.month): c.people for c in costs}
    raw = {(pid, month): n for pid, month, n in raw_rows}
    # unpriceable months (no rate yet) are absent from the roll-up: compare where priced
    assert all(raw.get(k) == v for k, v in priced.items())
    return {"seconds": round(rollup_s, 4), "raw_sql_seconds": round(raw_s, 4),
            "ratio_to_raw": round(rollup_s / raw_s, 2), "goal_seconds": 2.0,
            "programme_months": len(costs), "raw_programme_months": len(raw),
            "rupiah": sum(c.rupiah for c in costs),
            "raw_is": "people per programme and month (generate_series); Rupiah need the "
                      "fee rules, so only the people figures are compared"}


def _old_village(engine: Any, village: str) -> float:
    with engine.connect() as conn:
        rules = membership.lifecycle_rules(conn)
        start = time.perf_counter()
        count_active(members_with_kpj(conn, None, village=village), AT, rules)
        return time.perf_counter() - start


def _day_first(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP INDEX ix_hq_active_span_village_day")
        conn.execute("CREATE INDEX ix_bench_span_day ON hq_active_span "
                     "(first_day, end_day, village_code, occupation_code)")
        conn.execute("VACUUM ANALYZE hq_active_span")


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--members", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--pg", default=PG, help="PostgreSQL (a schema of its own is made there)")
    p.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "bench_coverage.json")
    args = p.parse_args()
    load_before = _loadavg()
    schema = f"bench_cov_{uuid.uuid4().hex[:8]}"
    dsn = f"{args.pg}?options=-csearch_path%3D{schema}"
    admin = create_engine(args.pg.replace("postgresql://", "postgresql+psycopg://"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    rt = None
    try:
        rt = Runtime.open(Settings(db_url=dsn.replace("postgresql://", "postgresql+psycopg://")),
                          warm=False)
        started = time.perf_counter()
        counts = _load(dsn, args.members, random.Random(12))
        _vacuum(dsn)
        setup_s = time.perf_counter() - started
        village = VILLAGES[40]
        figures = _coverage_figures(rt.engine, dsn, args.repeat, village)
        figures["village"]["old_way_seconds_once"] = round(_old_village(rt.engine, village), 4)
        months = _month_figures(rt.engine, dsn, args.repeat)
        base_s, _ = _timed(_raw(dsn, RAW_BASE, {"d": AT}), max(1, args.repeat // 2))
        figures["regency"]["raw_sql_without_spans_seconds"] = round(base_s, 4)
        _day_first(dsn)
        day_first = _coverage_figures(rt.engine, dsn, args.repeat, village)
    finally:
        if rt is not None:
            rt.close()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    doc = {"command": " ".join(["bench/bench_coverage.py", *sys.argv[1:]]),
           "members": args.members, "villages": len(VILLAGES), "programmes": PROGRAMMES,
           "at": AT.isoformat(), "repeat": args.repeat, "rows": counts,
           "setup_seconds": round(setup_s, 1), "index_village_first": figures,
           "month_rollup": months, "index_day_first": day_first,
           "loadavg_before": load_before, "loadavg_after": _loadavg(), "cpus": os.cpu_count()}
    text_out = json.dumps(doc, indent=2)
    args.out.write_text(text_out + "\n", encoding="utf-8")
    print(text_out)


if __name__ == "__main__":
    main()
