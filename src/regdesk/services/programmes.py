"""Sponsor programmes on the desk: the ones open and eligible for a person on a day.

Programmes are HQ's master data, pulled by sync (``programme`` changes) and kept by the
store; a desk offline offers the programmes of its last pull.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from regdesk.domain.programmes import Programme
from regdesk.store import Store


@dataclass(frozen=True)
class Offer:
    """A programme the clerk may pick: what the registration records comes from it."""

    id: int
    programme: Programme

    @property
    def sponsor_name(self) -> str:
        return self.programme.sponsor

    @property
    def budget_reference(self) -> str:
        return self.programme.budget_reference


def eligible_programmes(store: Store, *, village_code: str, occupation_codes: tuple[str, ...],
                        day: date) -> list[Offer]:
    """Open programmes covering the month of ``day`` whose groups include the person
    (their village or one of their occupations, or the whole regency), by sponsor."""
    offers = [Offer(pid, p) for pid, p in store.programmes()
              if p.eligible(village_code=village_code, occupation_codes=occupation_codes,
                            day=day)]
    return sorted(offers, key=lambda o: (o.programme.sponsor.casefold(), o.id))
