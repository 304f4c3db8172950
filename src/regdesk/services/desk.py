"""What a desk looks like at a glance (``regdesk`` without a command, no display)."""

from __future__ import annotations

from dataclasses import dataclass

from regdesk.store import Store


@dataclass(frozen=True, slots=True)
class Overview:
    initialised: bool
    village: str | None = None
    village_name: str | None = None
    registrations: int = 0
    pending: int = 0
    needs_attention: int = 0
    synced: int = 0
    last_success: str | None = None
    master_data_as_of: str | None = None  # when HQ's master data and figures were last pulled


def overview(store: Store) -> Overview:
    if not store.is_initialised():
        return Overview(False)
    village = store.office_village()
    sync = store.sync_status()
    figures = store.village_figures() or {}
    return Overview(True, village, store.context().regions.name(village), store.count(),
                    sync["pending"], sync["needs_attention"], sync["synced"],
                    sync["last_success"], figures.get("pulled_at"))
