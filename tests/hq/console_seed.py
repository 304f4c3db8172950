"""A small seeded district for the console tests (figures MADE UP): kecamatan 32.16.05
(Tambun Utara), villages 2001 Satriajaya (100 workers, 40 covered at baseline, target 65 %)
and 2002 Jejalenjaya (50, 20, 65 %), and five memberships: at 2026-05-20, 2001 has one
active member (one in grace, one ended), 2002 two. ``regency`` adds a row for 32.16 (only
on a database of its own: the shared session database keeps the shipped regency row)."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid4

from sqlalchemy import Engine, insert

from regdesk.hq import targets
from regdesk.hq.tables import T_MEMBERSHIP, T_PAYMENT

AT = date(2026, 5, 20)
KECAMATAN = "32.16.05"
V1, V2 = "32.16.05.2001", "32.16.05.2002"


def seed_district(engine: Engine, folder: Path, *, regency: bool = False) -> None:
    rows = [[V1, 100, 40, "65%"], [V2, 50, 20, "65%"]]
    if regency:
        rows.append(["32.16", 1_500_000, 690_000, "65%"])
    path = folder / "console-targets.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["kode wilayah", "jumlah pekerja", "sudah terlindungi", "target"])
        w.writerows(rows)
    result = targets.import_targets(engine, path, now=datetime(2026, 5, 1, tzinfo=UTC))
    assert result.ok, result.problems
    members = [(V1, "2026-01-01", "2026-06-01", None), (V1, "2026-01-01", "2026-04-01", None),
               (V1, "2026-01-01", "2026-12-01", date(2026, 3, 1)),
               (V2, "2026-05-01", "2026-05-01", None), (V2, "2026-05-01", "2026-05-01", None)]
    now = datetime(2026, 5, 1, tzinfo=UTC)
    with engine.begin() as conn:
        for village, first, last, ended in members:
            u = str(uuid4())
            conn.execute(insert(T_MEMBERSHIP).values(
                uuid=u, village_code=village, kpj=str(int(u.replace("-", "")[:10], 16))[:11],
                ended_on=ended, ended_reason="died" if ended else None, seq=0, updated_at=now))
            conn.execute(insert(T_PAYMENT).values(
                uuid=u, first_month=date.fromisoformat(first),
                last_month=date.fromisoformat(last), amount=16_800, channel="test",
                reference=f"C-{u}", paid_on=date(2026, 1, 5)))
    _rebuild_spans(engine)


def _rebuild_spans(engine: Engine) -> None:
    """Written by hand, not through an import: from revision 0006 (active spans, on main
    beside this branch) coverage counts ``hq_active_span``, worked out here."""
    try:
        from regdesk.hq import spans  # type: ignore[attr-defined]
    except ImportError:  # before 0006: coverage reads memberships and payments directly
        return
    spans.rebuild(engine)
