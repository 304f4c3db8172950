"""Finding registrations: exact NIK / phone / member number / local reference, name prefixes
through FTS5 (case- and accent-insensitive), or parts of a NIK (at least 6 digits) or a phone
(at least 4 digits) through an FTS5 trigram index. Results are paged, newest first.

A phone part is read as the clerk writes numbers: ``0812 34`` and ``+62 812 34`` both mean the
stored ``+6281234…``; a part without a leading 0 or +62 is looked for anywhere in the number.
"""

from __future__ import annotations

import json
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
_DIGIT_SEPARATORS = re.compile(r"[\s.\-]")
MIN_NIK_PART = 6
MIN_PHONE_PART = 4
# Measured (bench_store, 1M rows): a phrase of every trigram of a long part is slower than
# its last 6 digits (4 trigrams) filtered by instr() — the NIK's leading region digits make
# trigrams that nearly every row holds. p95 36 ms → 8 ms for 6–10-digit NIK parts.
MATCH_WINDOW = 6


@dataclass(frozen=True, slots=True)
class Filters:
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    # only these registrations (a membership filter the services worked out); None = any
    uuids: tuple[str, ...] | None = None


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
    if digits_query(q) is not None:
        return "digits", q
    return "name", q


@dataclass(frozen=True, slots=True)
class DigitsQuery:
    """A part of a NIK (``nik``, None when too short) and/or of a phone (``phone``, in the
    stored form without "+"); ``match`` asks the trigram index for their last
    :data:`MATCH_WINDOW` digits, and ``sql`` keeps the rows that hold the whole part."""

    nik: str | None
    phone: str

    @property
    def match(self) -> str:
        terms = [f'nik : "{self.nik[-MATCH_WINDOW:]}"'] if self.nik else []
        terms.append(f'phone : "{self.phone[-MATCH_WINDOW:]}"')
        return " OR ".join(terms)

    def sql(self, params: dict[str, object]) -> str:
        params["phone_part"] = self.phone
        if self.nik is None:
            return " AND instr(r.phone, :phone_part) > 0"
        params["nik_part"] = self.nik
        return " AND (instr(r.nik, :nik_part) > 0 OR instr(r.phone, :phone_part) > 0)"


def digits_query(query: str) -> DigitsQuery | None:
    """A part of a NIK (≥ 6 digits) and/or a phone (≥ 4 digits), or ``None`` when the text
    is not such a part (too short, or not digits)."""
    compact = _DIGIT_SEPARATORS.sub("", query.strip())
    plus = compact.startswith("+")
    digits = compact[1:] if plus else compact
    if not digits.isdigit() or len(digits) < MIN_PHONE_PART:
        return None
    nik = digits if not plus and MIN_NIK_PART <= len(digits) < 16 else None
    if plus:
        phone = digits  # "+62 812…" as typed, without the plus
    elif digits.startswith("0"):
        phone = "62" + digits[1:]  # national "0812…" is "+62812…" as stored
    else:
        phone = digits
    return DigitsQuery(nik, phone)


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
    if filters.uuids is not None:  # one parameter however many: no host-variable limit
        clauses.append("r.uuid IN (SELECT value FROM json_each(:uuids))")
        params["uuids"] = json.dumps(list(filters.uuids))
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
    if kind == "member" and not _member_exists(session, value):
        kind = "digits"  # 11 digits that are no member number: part of a NIK or phone
    params: dict[str, object] = {"limit": limit + 1, "offset": offset, "value": value}
    extra = _filters_sql(filters, params)
    if kind in ("name", "digits"):
        part = digits_query(value) if kind == "digits" else None
        match = part.match if part else fts_query(value)
        if match is None:
            return Page([], offset, limit, False)
        params["value"] = match
        if part:
            extra += part.sql(params)
        index = "registration_fts" if kind == "name" else "registration_fts_digits"
        sql = (
            f"SELECT {_LIST_COLUMNS} FROM {index} f JOIN registration r "
            f"ON r.seq = f.rowid WHERE {index} MATCH :value{extra} "
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


def _member_exists(session: Session, member_number: str) -> bool:
    return session.connection().execute(
        text("SELECT 1 FROM registration WHERE member_number = :m LIMIT 1"),
        {"m": member_number}).first() is not None


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
