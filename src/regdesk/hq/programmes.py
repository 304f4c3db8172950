"""Funding sources and sponsor programmes at HQ: master data, versioned and audited.

Every write takes a server seq (``counters.SEQ``) so the changes feed can carry it, and moves
the ``master`` counter (the validation/pricing context reloads). A programme's every version
is kept in ``hq_programme_change`` (who, when, what). Bad input raises
:class:`~regdesk.domain.programmes.ProgrammeError` / :class:`~regdesk.domain.funding.
FundingDataError` (one line) before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from regdesk import masterdata
from regdesk.domain.funding import FundingSource, FundingSources
from regdesk.domain.programmes import Programme, ProgrammeError, programme_from_dict
from regdesk.hq import audit, counters
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.tables import T_FUNDING_SOURCE, T_PROGRAMME, T_PROGRAMME_CHANGE


@dataclass(frozen=True)
class StoredProgramme:
    id: int
    version: int
    seq: int
    programme: Programme

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "seq": self.seq,
                **self.programme.to_dict(),
                "budget_reference": self.programme.budget_reference}


def seed_funding_sources(engine: Engine) -> bool:
    """Load the shipped catalogue when HQ holds none (first start, or after 0003)."""
    with write_tx(engine) as conn:
        if conn.execute(select(T_FUNDING_SOURCE.c.code).limit(1)).first() is not None:
            return False
        _write_sources(conn, masterdata.shipped_funding_sources())
        return True


def _write_sources(conn: Connection, sources: FundingSources) -> int:
    rows = sources.to_dict()["sources"]
    seq = counters.allocate(conn, counters.SEQ, len(rows))
    conn.execute(delete(T_FUNDING_SOURCE))
    conn.execute(insert(T_FUNDING_SOURCE), [
        {"code": row["code"], "row": json.dumps(row, sort_keys=True), "seq": seq + i}
        for i, row in enumerate(rows)])
    counters.set_value(conn, counters.MASTER, seq + len(rows) - 1)
    return seq + len(rows) - 1


def funding_sources(conn: Connection) -> FundingSources:
    """HQ's catalogue (the shipped one until seeded)."""
    rows = [json.loads(r) for r in conn.execute(
        select(T_FUNDING_SOURCE.c.row).order_by(T_FUNDING_SOURCE.c.seq)).scalars()]
    return FundingSources.from_dict({"sources": rows}) if rows else \
        masterdata.shipped_funding_sources()


def replace_funding_sources(engine: Engine, sources: FundingSources, *,
                            dry_run: bool = False, actor: str = "cli") -> tuple[int, int]:
    """Replace the catalogue as a whole (all or nothing); returns (sources, changed).

    A code in use by a programme must stay in the catalogue."""
    with write_tx(engine) as conn:
        before = {s.code: s for s in funding_sources(conn).sources}
        used = {p.programme.funding_source for p in _all(conn)}
        missing = sorted(used - set(sources.codes()))
        if missing:
            raise ProgrammeError(f"funding source {missing[0]}: used by a programme, "
                                 "cannot be removed")
        changed = sum(1 for s in sources.sources if before.get(s.code) != s) + sum(
            1 for code in before if code not in sources.codes())
        if not dry_run and changed:
            seq = _write_sources(conn, sources)
            audit.record(conn, actor=actor, action="funding_sources.replace",
                         entity="funding_sources",
                         detail={"sources": len(sources.sources), "changed": changed,
                                 "seq": seq})
        return len(sources.sources), changed


def _row(r: Any) -> StoredProgramme:
    """A stored programme (checked when written; its funding code is taken as it is)."""
    data = json.loads(r.data)
    own = FundingSources((FundingSource(str(data.get("funding_source")), "private", None,
                                        (), (), ()),))
    return StoredProgramme(r.id, r.version, r.seq, programme_from_dict(data, own))


def _all(conn: Connection) -> list[StoredProgramme]:
    return [_row(r) for r in conn.execute(select(T_PROGRAMME).order_by(T_PROGRAMME.c.id))]


def _audit(conn: Connection, pid: int, version: int, action: str, data: str, user: str,
           now: datetime) -> None:
    """The programme's own trail (every version as written) and a line in HQ's audit log."""
    conn.execute(insert(T_PROGRAMME_CHANGE).values(
        programme_id=pid, version=version, action=action, data=data, changed_by=user[:64],
        changed_at=now))
    audit.record(conn, actor=user, action=f"programme.{action}", entity=f"programme:{pid}",
                 at=now, detail={"version": version})


def add_programme(engine: Engine, data: dict[str, Any], *, user: str,
                  now: datetime) -> StoredProgramme:
    with write_tx(engine) as conn:
        programme = programme_from_dict(data, funding_sources(conn))
        text = json.dumps(programme.to_dict(), sort_keys=True)
        seq = counters.allocate(conn, counters.SEQ, 1)
        pid = int(conn.execute(insert(T_PROGRAMME).values(
            status=programme.status, data=text, version=1, seq=seq, updated_at=now)
            .returning(T_PROGRAMME.c.id)).scalar_one())
        _audit(conn, pid, 1, "add", text, user, now)
        counters.set_value(conn, counters.MASTER, seq)
        return StoredProgramme(pid, 1, seq, programme)


def set_status(engine: Engine, pid: int, status: str, *, user: str,
               now: datetime) -> StoredProgramme:
    """Open or close a programme (closed is final); a new version, audited."""
    with write_tx(engine) as conn:
        row = conn.execute(select(T_PROGRAMME).where(T_PROGRAMME.c.id == pid)).first()
        if row is None:
            raise ProgrammeError(f"programme {pid}: no such programme")
        current = _row(row)
        if current.programme.status == "closed":
            raise ProgrammeError(f"programme {pid}: already closed")
        data = {**current.programme.to_dict(), "status": status}
        programme = programme_from_dict(data, funding_sources(conn))
        text = json.dumps(programme.to_dict(), sort_keys=True)
        seq = counters.allocate(conn, counters.SEQ, 1)
        version = current.version + 1
        conn.execute(update(T_PROGRAMME).where(T_PROGRAMME.c.id == pid).values(
            status=status, data=text, version=version, seq=seq, updated_at=now))
        _audit(conn, pid, version, status, text, user, now)
        counters.set_value(conn, counters.MASTER, seq)
        return StoredProgramme(pid, version, seq, programme)


def list_programmes(engine: Engine, *, status: str | None = None) -> list[StoredProgramme]:
    with read_tx(engine) as conn:
        return [p for p in _all(conn) if status is None or p.programme.status == status]


def get_programme(engine: Engine, pid: int) -> tuple[StoredProgramme, list[dict[str, Any]]]:
    """The programme and its audit trail (oldest first)."""
    with read_tx(engine) as conn:
        row = conn.execute(select(T_PROGRAMME).where(T_PROGRAMME.c.id == pid)).first()
        if row is None:
            raise ProgrammeError(f"programme {pid}: no such programme")
        trail = [{"version": r.version, "action": r.action, "changed_by": r.changed_by,
                  "changed_at": r.changed_at.isoformat()}
                 for r in conn.execute(select(T_PROGRAMME_CHANGE)
                                       .where(T_PROGRAMME_CHANGE.c.programme_id == pid)
                                       .order_by(T_PROGRAMME_CHANGE.c.version))]
        return _row(row), trail


def programmes_by_id(conn: Connection) -> dict[int, Programme]:
    """Every stored programme (drafts included), by number."""
    return {p.id: p.programme for p in _all(conn)}
