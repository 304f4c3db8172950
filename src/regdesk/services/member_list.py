"""The registrations list with each row's membership state, and the list's membership
filters (due this month, in grace, inactive, waiting for KPJ). Qt-free; the GUI calls it on
its search thread.

The state is computed, never stored (:mod:`regdesk.services.membership`): for one page of the
list, one read of that page's memberships and one of the rules, whatever the page size; for a
filter, one query for the candidates (registrations with a KPJ, or synced ones without) and
``status_on`` for each, on the day the caller passes (the session clock's day).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from regdesk.domain.lifecycle import LifecycleRules, State, status_on
from regdesk.i18n.formats import long_day
from regdesk.services.membership import (
    MemberStanding,
    standings_of,
    state_text,
    tone_of,
)
from regdesk.services.registrations import search
from regdesk.store import Filters, RegistrationView, Store, UserInfo
from regdesk.store.membership import MembershipView, domain_member
from regdesk.store.views import ListRow

__all__ = ["MEMBERSHIP_FILTERS", "MembershipFacts", "StatedPage", "facts_of",
           "filter_uuids", "matches", "page_standings", "search_with_states", "standing_for"]

# the list's membership filters, in toolbar order ("" = all)
MEMBERSHIP_FILTERS = ("", "due_this_month", "grace", "inactive", "waiting_for_kpj")
_DUE_STATES = frozenset({State.ACTIVE, State.GRACE, State.WAITING_FOR_PAYMENT})


@dataclass(frozen=True, slots=True)
class StatedPage:
    """One page of the list and the membership standing of each of its rows (by uuid)."""

    rows: list[ListRow]
    offset: int
    limit: int
    has_more: bool
    standings: dict[str, MemberStanding] = field(default_factory=dict)


def _standing(uuid: str, status: str, membership: MembershipView | None, day: date,
              rules: LifecycleRules) -> MemberStanding:
    return MemberStanding(uuid, day, status_on(domain_member(status, membership), day, rules),
                          membership)


def page_standings(store: Store, rows: Sequence[ListRow], day: date
                   ) -> dict[str, MemberStanding]:
    """The standings of one page of list rows: one read of memberships, one of the rules."""
    if not rows:
        return {}
    found = store.memberships([r.uuid for r in rows])
    rules = store.lifecycle_rules()
    return {r.uuid: _standing(r.uuid, r.status, found.get(r.uuid), day, rules) for r in rows}


def search_with_states(store: Store, text: str, *, user: UserInfo, day: date,
                       filters: Filters | None = None, offset: int = 0,
                       limit: int = 20) -> StatedPage:
    """:func:`regdesk.services.registrations.search` plus each row's standing on ``day``."""
    page = search(store, text, user=user, filters=filters, offset=offset, limit=limit)
    return StatedPage(page.rows, page.offset, page.limit, page.has_more,
                      page_standings(store, page.rows, day))


def matches(standing: MemberStanding, which: str) -> bool:
    """Whether a standing belongs under a membership filter (see ``MEMBERSHIP_FILTERS``).

    *Due this month*: a member with a KPJ whose next contribution falls due in the month of
    the standing's day (paid up to last month, or not paid yet); *grace*, *inactive* and
    *waiting for KPJ* are those states."""
    state = standing.state
    if which == "due_this_month":
        due = standing.standing.next_due
        return (state in _DUE_STATES and due is not None
                and (due.year, due.month) == (standing.day.year, standing.day.month))
    if which in ("grace", "inactive", "waiting_for_kpj"):
        return state.value == which
    if which == "":
        return True
    raise ValueError(f"unknown membership filter {which!r}")


def filter_uuids(store: Store, day: date, which: str) -> tuple[str, ...]:
    """The registrations under membership filter ``which`` on ``day``; ``()`` for none."""
    if which == "":
        raise ValueError("the empty filter is every registration: no list needed")
    rules = store.lifecycle_rules()
    candidates = store.standing_inputs(with_kpj=which != "waiting_for_kpj")
    return tuple(uuid for uuid, status, membership in candidates
                 if matches(_standing(uuid, status, membership, day, rules), which))


def standing_for(store: Store, view: RegistrationView, day: date) -> MemberStanding:
    """One registration's standing on ``day`` (the detail pane's)."""
    return standings_of(store, [view], day)[view.uuid]


@dataclass(frozen=True, slots=True)
class MembershipFacts:
    """What the detail pane says of a membership, every day in words (no ISO dates)."""

    state: str  # Aktif s.d. Maret 2027, Masa tenggang (jatuh tempo …), Menunggu KPJ …
    tone: str  # ok / warn / bad / wait / none (colour only supports the words)
    kpj: str | None
    registration_number: str | None
    paid_through: str | None  # 31 Maret 2027
    next_due: str | None  # 15 April 2027


def facts_of(standing: MemberStanding, member_number: str | None = None,
             lang: str | None = None) -> MembershipFacts:
    """``member_number``: HQ's registration number as the registration row holds it (used
    when the membership row has none)."""
    s, membership = standing.standing, standing.membership
    number = (membership.registration_number if membership else None) or member_number
    return MembershipFacts(
        state=state_text(s, lang), tone=tone_of(s.state), kpj=standing.kpj,
        registration_number=number,
        paid_through=long_day(s.paid_through, lang) if s.paid_through else None,
        next_due=long_day(s.next_due, lang) if s.next_due else None)
