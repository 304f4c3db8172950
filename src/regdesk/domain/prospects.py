"""Prospects: people on a campaign list (village officials, RT/RW heads, farmer groups,
fishers, DTSEN deciles 1–5, PKH) who are not yet registered, and how far each has got.

Pure rules only: the four statuses, which changes a clerk may make by hand, and the coverage
figures of a list. ``registered`` is never set by hand: it follows a saved registration with
the same NIK (the store marks it in the same transaction).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from regdesk.domain.problems import Problem, error


class ProspectStatus(StrEnum):
    NOT_VISITED = "not_visited"  # belum didatangi
    CONTACTED = "contacted"  # dihubungi
    REFUSED = "refused"  # menolak (with a reason)
    REGISTERED = "registered"  # terdaftar (automatic)


MANUAL_STATUSES = (ProspectStatus.NOT_VISITED, ProspectStatus.CONTACTED, ProspectStatus.REFUSED)
MAX_REASON = 200


def check_mark(current: ProspectStatus, new: ProspectStatus, reason: str | None
               ) -> tuple[str | None, list[Problem]]:
    """The reason to keep for a change from ``current`` to ``new`` made by hand, or the
    problems: ``registered`` follows a registration (never by hand, never undone by hand),
    ``refused`` needs a reason (kept only with it)."""
    text = " ".join((reason or "").split())
    if new is ProspectStatus.REGISTERED:
        return None, [error("status", "prospect.registered_automatic")]
    if current is ProspectStatus.REGISTERED:
        return None, [error("status", "prospect.already_registered")]
    if new is ProspectStatus.REFUSED:
        if not text:
            return None, [error("reason", "required")]
        if len(text) > MAX_REASON:
            return None, [error("reason", "prospect.too_long", maximum=MAX_REASON)]
        return text, []
    return None, []


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one list has been reached: people per status, and the share registered."""

    list_name: str
    counts: Mapping[ProspectStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def registered(self) -> int:
        return self.counts.get(ProspectStatus.REGISTERED, 0)

    @property
    def reached_share(self) -> float:
        """Registered ÷ total (0.0 for an empty list)."""
        return self.registered / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, object]:
        return {"list": self.list_name, "total": self.total,
                "by_status": {s.value: self.counts.get(s, 0) for s in ProspectStatus},
                "reached_share": round(self.reached_share, 4)}


def coverage(list_name: str, counts: Mapping[str, int]) -> Coverage:
    """A :class:`Coverage` from stored status words and their counts (unknown words ignored)."""
    known = {s.value: s for s in ProspectStatus}
    return Coverage(list_name, {known[k]: n for k, n in counts.items() if k in known})
