"""Enrolment codes, device tokens and revocation. Secrets are stored only as SHA-256."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select, update

from regdesk.domain.regions import level_of, normalize_region_code
from regdesk.hq.db import read_tx, write_tx
from regdesk.hq.tables import T_DEVICE, T_ENROL, T_REGION
from regdesk.hq.timeutil import as_utc, utcnow

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


class EnrolError(ValueError):
    """Why an enrolment failed; ``code`` is the stable API error code."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    village_code: str
    created_at: datetime
    revoked_at: datetime | None


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def create_enrol_code(engine: Engine, *, village_code: str, hours: float = 72,
                      also: Callable[[Connection, str], None] | None = None) -> str:
    """A new one-time code like ``ABCD-EFGH-JKLM`` for a known village, valid ``hours``.
    ``also(conn, village)`` runs in the same transaction (the console's audit row)."""
    village = normalize_region_code(village_code)
    if village is None or level_of(village) != 4:
        raise EnrolError("village.format", f"not a village code: {village_code!r}")
    if not 0 < hours <= 24 * 365:
        raise EnrolError("hours.range", "hours must be between 0 and 8760")
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    now = utcnow()
    with write_tx(engine) as conn:
        known = conn.execute(select(T_REGION.c.code).where(T_REGION.c.code == village)).scalar()
        if known is None:
            raise EnrolError("village.unknown", f"unknown village code {village}")
        conn.execute(insert(T_ENROL).values(
            code_hash=sha256_hex(raw), village_code=village, created_at=now,
            expires_at=now + timedelta(hours=hours),
        ))
        if also is not None:
            also(conn, village)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def enrol(engine: Engine, *, code: str, device_name: str) -> tuple[DeviceInfo, str]:
    """Spend an enrolment code; returns the new device and its bearer token."""
    code_hash = sha256_hex(_normalise_code(code))
    now = utcnow()
    with write_tx(engine) as conn:
        row = conn.execute(select(T_ENROL).where(T_ENROL.c.code_hash == code_hash)).first()
        if row is None:
            raise EnrolError("enrol.invalid", "unknown enrolment code")
        if row.used_at is not None:
            raise EnrolError("enrol.used", "enrolment code already used")
        if as_utc(row.expires_at) <= now:
            raise EnrolError("enrol.expired", "enrolment code expired")
        device_id = str(uuid.uuid4())
        token = secrets.token_urlsafe(32)
        conn.execute(insert(T_DEVICE).values(
            id=device_id, name=device_name.strip()[:100], village_code=row.village_code,
            token_hash=sha256_hex(token), created_at=now,
        ))
        conn.execute(update(T_ENROL).where(T_ENROL.c.code_hash == code_hash)
                     .values(used_at=now, device_id=device_id))
    return DeviceInfo(device_id, device_name, row.village_code, now, None), token


def authenticate(engine: Engine, token: str) -> DeviceInfo | None:
    """The active device holding ``token``; ``None`` when unknown or revoked."""
    with read_tx(engine) as conn:
        row = conn.execute(
            select(T_DEVICE).where(T_DEVICE.c.token_hash == sha256_hex(token))
        ).first()
    if row is None or row.revoked_at is not None:
        return None
    return DeviceInfo(row.id, row.name, row.village_code, row.created_at, None)


def list_devices(engine: Engine) -> list[DeviceInfo]:
    with read_tx(engine) as conn:
        rows = conn.execute(select(T_DEVICE).order_by(T_DEVICE.c.created_at)).all()
    return [DeviceInfo(r.id, r.name, r.village_code, r.created_at, r.revoked_at) for r in rows]


def revoke_device(engine: Engine, device_id: str,
                  also: Callable[[Connection], None] | None = None) -> bool:
    """Revoke at once (every process checks the DB per request); False if unknown.
    ``also(conn)`` runs in the same transaction when this call revoked it."""
    with write_tx(engine) as conn:
        result = conn.execute(
            update(T_DEVICE).where(T_DEVICE.c.id == device_id, T_DEVICE.c.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        if result.rowcount:
            if also is not None:
                also(conn)
            return True
        return conn.execute(select(T_DEVICE.c.id).where(T_DEVICE.c.id == device_id)).scalar() \
            is not None
