"""The app's renewal dialog, without Qt: what a member may be renewed under, the period and
fee a choice gives, and recording it (:mod:`regdesk.services.renewals`).

With a sponsor programme picked, the programme decides the funding, sponsor and budget
reference (:func:`regdesk.services.programme_pick.renewal_options`); without one, the
clerk's funding and sponsor are used, or the last period's when left empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from regdesk.domain.registration import Funding
from regdesk.domain.renewal import earliest_start
from regdesk.services import programme_pick, renewals
from regdesk.services.programme_pick import ProgrammeChoice
from regdesk.store import Store, UserInfo

__all__ = ["RenewalChoice", "choices_for", "plan", "record"]


@dataclass(frozen=True, slots=True)
class RenewalChoice:
    """What the dialog holds: the period length, and a programme or the clerk's funding."""

    key: str
    months: int
    programme_id: int | None = None
    funding: Funding | None = None
    sponsor_name: str | None = None
    budget_reference: str | None = None


def _first_month(store: Store, key: str) -> date:
    return earliest_start(store.get(key).registration, store.clock().date())


def choices_for(store: Store, key: str) -> list[ProgrammeChoice]:
    """The programmes open for the member in the first month a renewal would pay."""
    reg = store.get(key).registration
    start = earliest_start(reg, store.clock().date())
    return programme_pick.programme_choices(store, village_code=reg.village_code,
                                            occupation_codes=reg.occupation_codes, day=start)


def _options(store: Store, choice: RenewalChoice) -> dict[str, Any]:
    if choice.programme_id is not None:
        return {"months": choice.months, **programme_pick.renewal_options(
            store, choice.key, choice.programme_id, start=_first_month(store, choice.key))}
    return {"months": choice.months, "funding": choice.funding,
            "sponsor_name": choice.sponsor_name or None,
            "budget_reference": choice.budget_reference or None}


def plan(store: Store, choice: RenewalChoice) -> renewals.Renewed:
    """The period and fee the choice would record; nothing is written."""
    return renewals.plan_renewal(store, choice.key, **_options(store, choice))


def record(store: Store, choice: RenewalChoice, *, user: UserInfo,
           confirmed: Iterable[str] = ()) -> renewals.Renewed:
    """Record it (``WarningsNotConfirmed`` while a programme's quota or ceiling warning is
    not confirmed by code)."""
    return renewals.renew(store, choice.key, user=user, confirmed=list(confirmed),
                          **_options(store, choice))
