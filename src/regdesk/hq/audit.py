"""HQ's audit log (``hq_audit``, migration 0007): who changed what, when — console writes,
operator accounts, and every master-data change made from the command line (targets,
funding sources, rules, programmes). ``detail`` holds codes and counts, never personal data.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from regdesk.hq.tables import T_AUDIT
from regdesk.hq.timeutil import utcnow


def cli_actor() -> str:
    """Who runs ``regdesk-hq`` on the server (the OS account), for the audit log."""
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def record(conn: Connection, *, actor: str, action: str, entity: str,
           at: datetime | None = None, detail: Mapping[str, Any] | None = None) -> None:
    """One audit row, in the caller's transaction (so it commits with the write itself)."""
    conn.execute(insert(T_AUDIT).values(
        at=at or utcnow(), actor=actor[:64], action=action[:32], entity=entity[:80],
        detail=json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True)))
