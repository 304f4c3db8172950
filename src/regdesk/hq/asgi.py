"""ASGI entry for multi-worker serving: ``regdesk.hq.asgi:app`` built from the environment."""

from __future__ import annotations

import os
from pathlib import Path

from regdesk.hq.app import create_app
from regdesk.hq.settings import DEFAULT_MAX_BATCH, Settings, default_db_url, env_settings

_key = os.environ.get("REGDESK_HQ_SIGNING_KEY")
app = create_app(Settings(
    db_url=default_db_url(),
    max_batch=int(os.environ.get("REGDESK_HQ_MAX_BATCH", DEFAULT_MAX_BATCH)),
    signing_key_file=Path(_key) if _key else None,
    **env_settings(),  # type: ignore[arg-type]
))
