"""The desk's settings as one mapping: what the settings dialog shows and saves, and where
backups go. The one place that knows which setting key backs which value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regdesk.store import Store, UserInfo, backup
from regdesk.store import settings as keys

DEFAULT_AUTO_LOCK = 10  # minutes
DEFAULT_KEEP = backup.DEFAULT_KEEP  # backups kept in the folder
BACKUP_KEEP = "backup_keep"

#: settings-dialog value name → setting key
DESK_SETTINGS: Mapping[str, str] = {
    "hq_url": keys.HQ_URL,
    "language": keys.LANGUAGE,
    "auto_lock_minutes": keys.AUTO_LOCK_MINUTES,
    "backup_dir": keys.BACKUP_DIR,
}


@dataclass(frozen=True, slots=True)
class StartupSettings:
    """What the app needs before anyone signs in."""

    language: str | None
    auto_lock_minutes: int


def startup_settings(store: Store) -> StartupSettings:
    return StartupSettings(
        language=store.get_setting(keys.LANGUAGE),
        auto_lock_minutes=int(store.get_setting(keys.AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK) or 0),
    )


def load_settings(store: Store, *, default_language: str) -> dict[str, Any]:
    """The values the settings dialog edits, keyed as :data:`DESK_SETTINGS`."""
    return {
        "hq_url": store.get_setting(keys.HQ_URL),
        "language": store.get_setting(keys.LANGUAGE, default_language),
        "auto_lock_minutes": store.get_setting(keys.AUTO_LOCK_MINUTES, DEFAULT_AUTO_LOCK),
        "backup_dir": store.get_setting(keys.BACKUP_DIR),
    }


def encryption_text(store: Store) -> str:
    """Where the database key is kept: the OS credential store, or a private file (and so
    less protected: Settings says so)."""
    from regdesk.i18n import t

    info = store.encryption_status()
    where = t(f"security.where.{info['key_location'] or 'none'}", path=info["key_file"] or "")
    return t("cli.status.encryption", cipher=info["cipher"] or "-", where=where)


def save_settings(store: Store, values: Mapping[str, Any], *, user: UserInfo) -> None:
    """Store every known value in ``values`` (unknown names are ignored; each is audited)."""
    for name, key in DESK_SETTINGS.items():
        if name in values:
            store.set_setting(key, values[name], user=user)


def set_hq_url(store: Store, url: str, *, user: UserInfo) -> None:
    store.set_setting(keys.HQ_URL, url, user=user)


def backup_dir(store: Store, *, default: Path, override: Path | None = None) -> Path:
    """Where backups go: ``override``, else the configured folder, else ``default``."""
    if override is not None:
        return override
    configured = store.get_setting(keys.BACKUP_DIR)
    return Path(configured) if configured else default


def backup_keep(store: Store, *, override: int | None = None) -> int:
    """How many backups to keep: ``override``, else the configured number, else
    :data:`DEFAULT_KEEP`."""
    if override is not None:
        return override
    return int(store.get_setting(BACKUP_KEEP, DEFAULT_KEEP))
