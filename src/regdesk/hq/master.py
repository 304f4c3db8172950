"""HQ's master data (regions, occupations, rates, age limits): seeding, official imports, and
the cached :class:`ValidationContext` built from it (rebuilt when the ``master`` counter moves).

Age limits live in ``hq_setting`` (``age_limits``: ``{"seq": n, "rules": {...}}``) until one is
set, HQ validates with the shipped ``resources/data/age_limits.json`` — the same rules a desk
ships with, so a record the desk accepts by age HQ accepts too."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from regdesk import masterdata
from regdesk.domain.eligibility import AgeRules
from regdesk.domain.fees import RateTable
from regdesk.domain.occupations import OccupationList
from regdesk.domain.regions import RegionTable, normalize_region_code
from regdesk.domain.validation import ValidationContext
from regdesk.hq import audit, counters, programmes
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.tables import T_OCCUPATION, T_RATES, T_REGION, T_SETTING

SEED_CURSOR = "master_seed_cursor"
AGE_LIMITS = "age_limits"


class RegionImportError(ValueError):
    """The official region list is malformed (message names the line)."""


def seed_if_empty(engine: Engine) -> int:
    """Load the shipped master data on first start; returns the seed cursor."""
    with write_tx(engine) as conn:
        stored = conn.execute(
            select(T_SETTING.c.value).where(T_SETTING.c.name == SEED_CURSOR)
        ).scalar()
        if stored is not None:
            return int(stored)
        names = masterdata.shipped_region_names()
        postal = masterdata.shipped_postal_codes()
        occupations = masterdata.occupation_rows()
        n = len(names) + len(occupations) + 1
        seq = counters.allocate(conn, counters.SEQ, n)
        regions = [
            {"code": code, "name": name, "postal_code": postal.get(code), "seq": seq + i}
            for i, (code, name) in enumerate(sorted(names.items()))
        ]
        seq += len(regions)
        for start in range(0, len(regions), 10_000):
            conn.execute(insert(T_REGION), regions[start : start + 10_000])
        conn.execute(
            insert(T_OCCUPATION),
            [{"code": row["code"], "row": json.dumps(row, sort_keys=True), "seq": seq + i}
             for i, row in enumerate(occupations)],
        )
        seq += len(occupations)
        conn.execute(insert(T_RATES).values(id=1, data=json.dumps(masterdata.rates_dict()),
                                            seq=seq))
        counters.set_value(conn, counters.MASTER, seq)
        conn.execute(insert(T_SETTING).values(name=SEED_CURSOR, value=str(seq)))
        return seq


def seed_cursor(conn: Connection) -> int:
    stored = conn.execute(select(T_SETTING.c.value).where(T_SETTING.c.name == SEED_CURSOR)).scalar()
    return int(stored or 0)


def read_region_csv(path: Path) -> list[tuple[str, str, str | None]]:
    """Rows ``code,name[,postal_code]`` (an optional header line is skipped)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            raw_rows = list(csv.reader(f))
    except OSError as exc:
        raise RegionImportError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise RegionImportError(f"{path} is not UTF-8 text") from exc
    rows: list[tuple[str, str, str | None]] = []
    for line, row in enumerate(raw_rows, start=1):
        if not row or not "".join(row).strip():
            continue
        if line == 1 and row[0].strip().lower() in ("code", "kode"):
            continue
        if len(row) not in (2, 3):
            raise RegionImportError(f"line {line}: expected code,name[,postal_code]")
        code = normalize_region_code(row[0])
        name = " ".join(row[1].split())
        postal = row[2].strip() if len(row) == 3 and row[2].strip() else None
        if code is None:
            raise RegionImportError(f"line {line}: malformed region code {row[0]!r}")
        if not name or len(name) > 200:
            raise RegionImportError(f"line {line}: region name missing or too long")
        if postal is not None and not (len(postal) == 5 and postal.isdigit()):
            raise RegionImportError(f"line {line}: postal code must be 5 digits")
        rows.append((code, name, postal))
    if not rows:
        raise RegionImportError(f"{path} holds no regions")
    return rows


def import_regions(engine: Engine, rows: Iterable[tuple[str, str, str | None]]) -> int:
    """Insert new and changed regions with new sequence numbers; returns how many changed.

    Regions missing from the list are kept (registrations may still refer to them).
    """
    wanted = {code: (name, postal) for code, name, postal in rows}
    with write_tx(engine) as conn:
        existing = {
            r.code: (r.name, r.postal_code)
            for r in conn.execute(select(T_REGION.c.code, T_REGION.c.name, T_REGION.c.postal_code))
        }
        changed = sorted(code for code, value in wanted.items() if existing.get(code) != value)
        if not changed:
            return 0
        seq = counters.allocate(conn, counters.SEQ, len(changed))
        new_rows: list[dict[str, int | str | None]] = []
        upd_rows: list[dict[str, int | str | None]] = []
        for i, code in enumerate(changed):
            name, postal = wanted[code]
            row = {"code": code, "name": name, "postal_code": postal, "seq": seq + i}
            (upd_rows if code in existing else new_rows).append(row)
        if new_rows:
            conn.execute(insert(T_REGION), new_rows)
        if upd_rows:
            conn.execute(
                update(T_REGION)
                .where(T_REGION.c.code == bindparam("b_code"))
                .values(name=bindparam("name"), postal_code=bindparam("postal_code"),
                        seq=bindparam("seq")),
                [{**r, "b_code": r["code"]} for r in upd_rows],
            )
        counters.set_value(conn, counters.MASTER, seq + len(changed) - 1)
        return len(changed)


def age_limits_setting(conn: Connection) -> tuple[int, dict[str, object]] | None:
    """HQ's own age limits (seq, the whole ``age_limits.json`` form), or None (shipped)."""
    stored = conn.execute(select(T_SETTING.c.value).where(T_SETTING.c.name == AGE_LIMITS)).scalar()
    if stored is None:
        return None
    data = json.loads(stored)
    return int(data["seq"]), dict(data["rules"])


def age_limits(conn: Connection) -> tuple[int | None, AgeRules]:
    """The age limits HQ validates with, and the seq they were set at (``None``: shipped)."""
    stored = conn.execute(select(T_SETTING.c.value).where(T_SETTING.c.name == AGE_LIMITS)).scalar()
    if stored is None:
        return None, masterdata.shipped_age_rules()
    data = json.loads(stored)
    return int(data["seq"]), AgeRules.from_dict(data["rules"])


def set_age_limits(engine: Engine, rules: dict[str, object], *, actor: str = "cli") -> int:
    """Replace the age limits (the whole ``age_limits.json`` form); returns their seq.

    Malformed rules raise ``ValueError``/``KeyError`` before anything is written. The
    ``master`` counter moves, so every worker's validation context picks them up."""
    AgeRules.from_dict(rules)
    with write_tx(engine) as conn:
        seq = counters.allocate(conn, counters.SEQ, 1)
        value = json.dumps({"seq": seq, "rules": rules}, sort_keys=True)
        if conn.execute(update(T_SETTING).where(T_SETTING.c.name == AGE_LIMITS)
                        .values(value=value)).rowcount == 0:
            conn.execute(insert(T_SETTING).values(name=AGE_LIMITS, value=value))
        counters.set_value(conn, counters.MASTER, seq)
        audit.record(conn, actor=actor, action="rules.set", entity="age_limits",
                     detail={"seq": seq})
        return seq


@dataclass(frozen=True)
class MasterSnapshot:
    """Master data as of one ``master`` counter value."""

    version: int
    context: ValidationContext


def load_snapshot(conn: Connection) -> MasterSnapshot:
    version = counters.current(conn, counters.MASTER)
    names: dict[str, str] = {}
    postal: dict[str, str] = {}
    for code, name, pc in conn.execute(
        select(T_REGION.c.code, T_REGION.c.name, T_REGION.c.postal_code)
    ):
        names[code] = name
        if pc:
            postal[code] = pc
    occupations, rates = load_pricing(conn)
    ctx = ValidationContext(
        regions=RegionTable(names, postal),
        occupations=occupations,
        rates=rates,
        ages=age_limits(conn)[1],
    )
    return MasterSnapshot(version, ctx)


def load_pricing(conn: Connection) -> tuple[OccupationList, RateTable]:
    """What a fee depends on — occupations (transport or not) and the rates — without the
    ~91k regions of a full validation context (the payments import needs only these)."""
    occ_rows = [json.loads(r) for r in conn.execute(select(T_OCCUPATION.c.row)).scalars()]
    rates = json.loads(conn.execute(select(T_RATES.c.data).where(T_RATES.c.id == 1)).scalar_one())
    return (masterdata.occupations_from_rows(occ_rows),
            RateTable.from_dict(rates, programmes.funding_sources(conn)))


class ContextCache:
    """Per-process cache of the validation context; one cheap counter read per use."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._snapshot: MasterSnapshot | None = None

    def get(self) -> ValidationContext:
        with read_tx(self._engine) as conn:
            version = counters.current(conn, counters.MASTER)
            snap = self._snapshot
            if snap is not None and snap.version == version:
                return snap.context
            with self._lock:
                snap = self._snapshot
                if snap is None or snap.version != version:
                    snap = load_snapshot(conn)
                    self._snapshot = snap
                return snap.context
