"""Finding registrations: exact NIK / phone / member number / local reference, or name
prefixes through FTS5 (case- and accent-insensitive). Results are paged, newest first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text
from sqlmodel import Session

from regdesk.domain.nik import normalize_nik
from regdesk.domain.phone import normalize_mobile
from regdesk.store.views import ListRow, Page

_LIST_COLUMNS = (
    "r.seq, r.uuid, r.local_ref, r.status, r.full_name, r.nik, r.phone, "
    "r.member_number, r.created_at"
)
_LOCAL_REF = re.compile(r"\d{10}-\d{1,6}")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Filters:
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def classify(query: str) -> tuple[str, str]:
    """Decide what the clerk typed: ``(kind, value)`` with kind nik|member|phone|ref|name|all."""
    q = query.strip()
    if not q:
        return "all", ""
    if _LOCAL_REF.fullmatch(q):
        return "ref", q
    compact = normalize_nik(q)
    if compact.isdigit() and len(compact) == 16:
        return "nik", compact
    if compact.isdigit() and len(compact) == 11 and not compact.startswith("0"):
        return "member", compact
    if re.fullmatch(r"\+?[\d\s\-]{9,16}", q):
        phone, problems = normalize_mobile(q)
        if phone and not problems:
            return "phone", phone
    return "name", q


def _as_utc(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def fts_query(text_: str) -> str | None:
    """Every word as a quoted prefix term, ANDed: ``siti nur`` → ``"siti"* "nur"*``."""
    tokens = _TOKEN.findall(text_)
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def _filters_sql(filters: Filters, params: dict[str, object]) -> str:
    clauses = []
    if filters.status:
        clauses.append("r.status = :status")
        params["status"] = filters.status
    if filters.date_from:
        clauses.append("r.created_at >= :date_from")
        params["date_from"] = filters.date_from.isoformat()
    if filters.date_to:
        clauses.append("r.created_at < :date_to")
        params["date_to"] = (filters.date_to + timedelta(days=1)).isoformat()
    return "".join(f" AND {c}" for c in clauses)


def search(
    session: Session,
    query: str,
    *,
    filters: Filters | None = None,
    offset: int = 0,
    limit: int = 50,
) -> Page:
    filters = filters or Filters()
    kind, value = classify(query)
    params: dict[str, object] = {"limit": limit + 1, "offset": offset, "value": value}
    extra = _filters_sql(filters, params)
    if kind == "name":
        match = fts_query(value)
        if match is None:
            return Page([], offset, limit, False)
        params["value"] = match
        sql = (
            f"SELECT {_LIST_COLUMNS} FROM registration_fts f JOIN registration r "
            f"ON r.seq = f.rowid WHERE registration_fts MATCH :value{extra} "
            "ORDER BY f.rowid DESC LIMIT :limit OFFSET :offset"
        )
    else:
        column = {
            "nik": "r.nik",
            "member": "r.member_number",
            "phone": "r.phone",
            "ref": "r.local_ref",
        }.get(kind)
        where = f"{column} = :value" if column else "1=1"
        sql = (
            f"SELECT {_LIST_COLUMNS} FROM registration r WHERE {where}{extra} "
            "ORDER BY r.seq DESC LIMIT :limit OFFSET :offset"
        )
    result = session.connection().execute(text(sql), params).all()
    rows = [
        ListRow(
            seq=r[0],
            uuid=r[1],
            local_ref=r[2],
            status=r[3],
            full_name=r[4],
            nik=r[5],
            phone=r[6],
            member_number=r[7],
            created_at=_as_utc(r[8]),
        )
        for r in result
    ]
    return Page(rows[:limit], offset, limit, len(rows) > limit)


def count(session: Session, *, filters: Filters | None = None) -> int:
    params: dict[str, object] = {}
    extra = _filters_sql(filters or Filters(), params)
    sql = f"SELECT count(*) FROM registration r WHERE 1=1{extra}"
    return int(session.connection().execute(text(sql), params).scalar_one())


def counts_by_status(session: Session) -> dict[str, int]:
    rows = (
        session.connection()
        .execute(text("SELECT status, count(*) FROM registration GROUP BY status"))
        .all()
    )
    return {str(status): int(n) for status, n in rows}
