"""Key/value settings (JSON) kept in the database, written inside the caller's transaction."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session

from regdesk.store.models import Setting

OFFICE_VILLAGE = "office_village"
LANGUAGE = "language"
AUTO_LOCK_MINUTES = "auto_lock_minutes"
BACKUP_DIR = "backup_dir"
HQ_URL = "hq_url"
ALLOW_PLAIN_HTTP = "allow_plain_http"  # an admin allowed http:// to a non-local HQ
RATES = "rates"  # master data from HQ (overrides the shipped table)
LIFECYCLE = "lifecycle"  # master data from HQ (overrides resources/data/lifecycle.json)
FUNDING_SOURCES = "funding_sources"  # master data from HQ (overrides funding_sources.json)
PROGRAMMES = "programmes"  # sponsor programmes from HQ: {id: {"version", "programme"}}
AGE_LIMITS = "age_limits"  # master data from HQ (overrides resources/data/age_limits.json)


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return json.loads(row.value) if row else default


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
        session.add(row)
