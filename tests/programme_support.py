"""A sponsor programme and HQ's village figures on a desk, through the same pulled changes
the sync engine applies (for services, CLI and UI tests)."""

from __future__ import annotations

from typing import Any

from regdesk import masterdata
from regdesk.store import Store, sync_state


def publish(store: Store, programme: dict[str, Any], *, pid: int = 7, people: int = 0,
            committed: int = 0, village: str, as_of: str = "2026-11-15",
            **figures: Any) -> None:
    """HQ's programme ``pid`` and, on the last page, the village's figures with what the
    programme already carries."""
    with store.write() as session:
        cursor = sync_state.get_cursor(session) + 2
        sync_state.apply_changes(session, [
            {"kind": "funding_sources", "seq": cursor - 1,
             "sources": masterdata.funding_sources_dict()},
            {"kind": "programme", "seq": cursor, "id": pid, "version": 1,
             "programme": programme}], next_cursor=cursor, now=store.clock(),
            figures={"village_code": village, "as_of": as_of, **figures,
                     "programmes": [{"id": pid, "people": people, "committed": committed}]})
    store.invalidate_context()
