"""What the desk knows about its HQ link: the enrolled device, the pull cursor, and the
application of pulled changes (statuses, member numbers, master data)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from regdesk.domain.eligibility import AgeRules
from regdesk.domain.funding import FundingSources
from regdesk.domain.registration import Status
from regdesk.store import audit, membership, outbox, reference
from regdesk.store.settings import (
    AGE_LIMITS,
    FUNDING_SOURCES,
    LIFECYCLE,
    RATES,
    get_setting,
    set_setting,
)

DEVICE = "sync.device"
CURSOR = "sync.cursor"
AUTH_FAILED = "sync.auth_failed"
FIGURES = "sync.village_figures"  # HQ's last snapshot of the village, with "pulled_at"

# HQ's verdict words → the desk's statuses
REMOTE_STATUS = {
    "accepted": Status.SYNCED.value,
    "duplicate": Status.NEEDS_ATTENTION.value,
    "rejected": Status.NEEDS_ATTENTION.value,
}


@dataclass(frozen=True, slots=True)
class Device:
    device_id: str
    hq_url: str
    village_code: str
    signing_public_key: str  # base64 of the raw Ed25519 key
    enrolled_at: str
    encryption_public_key: str = ""  # base64 of HQ's raw X25519 key (transfer bundles)

    def as_dict(self) -> dict[str, str]:
        return {"device_id": self.device_id, "hq_url": self.hq_url,
                "village_code": self.village_code,
                "signing_public_key": self.signing_public_key, "enrolled_at": self.enrolled_at,
                "encryption_public_key": self.encryption_public_key}


def get_device(session: Session) -> Device | None:
    data = get_setting(session, DEVICE)
    return Device(**data) if data else None


def set_device(session: Session, device: Device, *, cursor: int, actor: str,
               now: datetime) -> None:
    set_setting(session, DEVICE, device.as_dict())
    set_setting(session, CURSOR, cursor)
    set_setting(session, AUTH_FAILED, False)
    audit.record(session, at=now, actor=actor, action="sync.enrol", entity="device",
                 entity_id=device.device_id, detail={"village": device.village_code})


def get_cursor(session: Session) -> int:
    return int(get_setting(session, CURSOR, 0))


def get_figures(session: Session) -> dict[str, Any] | None:
    """HQ's last figures of the village (``VillageFigures`` JSON) and ``pulled_at``."""
    value = get_setting(session, FIGURES)
    return value if isinstance(value, dict) else None


def apply_changes(session: Session, changes: Iterable[Mapping[str, Any]], *, next_cursor: int,
                  now: datetime, figures: Mapping[str, Any] | None = None) -> dict[str, int]:
    """Apply one page of pulled changes and move the cursor, in the caller's transaction;
    the last page's ``figures`` replace the village's snapshot, dated ``now``."""
    tally: dict[str, int] = {}
    regions: list[tuple[str, str, str | None]] = []
    statuses: list[outbox.RemoteStatus] = []
    members: list[Mapping[str, Any]] = []
    for change in changes:
        kind = str(change["kind"])
        tally[kind] = tally.get(kind, 0) + 1
        if kind == "registration":
            statuses.append(outbox.RemoteStatus(
                str(change["uuid"]), REMOTE_STATUS.get(str(change.get("status"))),
                change.get("member_number"), change.get("card_qr"),
                change.get("review_note")))
        elif kind == "membership":
            members.append(change)
        elif kind == "region":
            regions.append((str(change["code"]), str(change["name"]), change.get("postal_code")))
        elif kind == "occupation":
            reference.upsert_occupation(session, change["row"])
        elif kind == "rates":
            set_setting(session, RATES, change["rates"])
        elif kind == "lifecycle":
            set_setting(session, LIFECYCLE, change["rules"])
        elif kind == "funding_sources":
            FundingSources.from_dict(change["sources"])  # refuse malformed data before storing
            set_setting(session, FUNDING_SOURCES, change["sources"])
        elif kind == "programme":
            reference.store_programme(session, int(change["id"]), int(change["version"]),
                                      change["programme"])
        elif kind == "age_limits":
            AgeRules.from_dict(change["rules"])  # refuse a malformed table before storing it
            set_setting(session, AGE_LIMITS, change["rules"])
    outbox.apply_remote_statuses(session, statuses)
    membership.upsert_memberships(session, members, now=now)  # after statuses: rows exist
    if regions:
        reference.upsert_regions(session, regions)
    set_setting(session, CURSOR, next_cursor)
    if figures is not None:
        set_setting(session, FIGURES, {**figures, "pulled_at": now.isoformat()})
    return tally
