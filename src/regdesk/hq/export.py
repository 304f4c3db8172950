"""``regdesk-hq export``: registrations as CSV or XLSX (an admin file; never logged)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from regdesk.hq.bpjstk import export_bpjstk
from regdesk.hq.db import read_tx
from regdesk.hq.tables import T_REG, T_REGION

COLUMNS = ("registration_number", "status", "uuid", "version", "village_code", "village_name",
           "nik", "full_name", "gender", "birth_date", "phone", "occupation_code",
           "second_occupation_code", "income", "period_months", "funding", "jht", "received_at")


def export_rows(engine: Engine, *, accepted_only: bool = False) -> Iterator[list[Any]]:
    with read_tx(engine) as conn:
        villages = dict(conn.execute(
            select(T_REGION.c.code, T_REGION.c.name)
            .where(T_REGION.c.code.in_(select(T_REG.c.village_code).distinct()))
        ).all())
        query = select(T_REG).order_by(T_REG.c.seq)
        if accepted_only:
            query = query.where(T_REG.c.status == "accepted")
        for r in conn.execute(query):
            p = json.loads(r.payload)
            yield [
                r.registration_number or "", r.status, r.uuid, r.version, r.village_code,
                villages.get(r.village_code, ""), p.get("nik", ""), p.get("full_name", ""),
                p.get("gender", ""), p.get("birth_date", ""), p.get("phone", ""),
                p.get("occupation_code", ""), p.get("second_occupation_code") or "",
                p.get("income", ""), p.get("period_months", ""),
                p.get("funding", ""), p.get("jht", False), r.received_at.isoformat(),
            ]


def export(engine: Engine, *, fmt: str, path: Path, accepted_only: bool = False) -> int:
    """Write the file; returns the number of registrations written. ``bpjstk`` is the
    collective registration file for BPJS Ketenagakerjaan (accepted registrations only;
    CSV when ``path`` ends in ``.csv``, else xlsx): see :mod:`regdesk.hq.bpjstk`."""
    if fmt == "bpjstk":
        return export_bpjstk(engine, path)
    rows = export_rows(engine, accepted_only=accepted_only)
    count = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(COLUMNS)
            for row in rows:
                writer.writerow(row)
                count += 1
        return count
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("registrations")
        ws.append(list(COLUMNS))
        for row in rows:
            ws.append([str(v) if isinstance(v, dict | list) else v for v in row])
            count += 1
        wb.save(path)
        return count
    raise ValueError(f"unknown export format {fmt!r} (csv, xlsx or bpjstk)")
