"""Where each registration stands as a membership, on a given day, in words.

Qt-free; shared by the CLI, the GUI and the printouts. The state is never stored: it is
computed with :func:`regdesk.domain.lifecycle.status_on` from what HQ reported (KPJ, paid
periods, an end) and the lifecycle rules in force, for the desk's day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from regdesk.domain.lifecycle import LifecycleRules, Standing, State, status_on
from regdesk.i18n import t
from regdesk.i18n.formats import long_day, month_year
from regdesk.store import RegistrationView, Store
from regdesk.store.membership import MembershipView, domain_member

__all__ = ["MemberStanding", "standing_of", "standings_of", "state_text", "tone_of"]

# how the UI colours a state: ok (green), warn (amber), bad (red), wait (blue), none (plain)
_TONE = {State.ACTIVE: "ok", State.GRACE: "warn", State.INACTIVE: "bad", State.ENDED: "none",
         State.WAITING_FOR_KPJ: "wait", State.WAITING_FOR_PAYMENT: "wait",
         State.SAVED: "none", State.SENT: "none"}


@dataclass(frozen=True, slots=True)
class MemberStanding:
    """One registration's membership on ``day``."""

    uuid: str
    day: date
    standing: Standing
    membership: MembershipView | None

    @property
    def state(self) -> State:
        return self.standing.state

    @property
    def kpj(self) -> str | None:
        return self.membership.kpj if self.membership else None


def standing_of(view: RegistrationView, membership: MembershipView | None, day: date,
                rules: LifecycleRules) -> MemberStanding:
    member = domain_member(view.status.value, membership)
    return MemberStanding(view.uuid, day, status_on(member, day, rules), membership)


def standings_of(store: Store, views: Sequence[RegistrationView],
                 day: date) -> dict[str, MemberStanding]:
    """Standings of many registrations: one read of memberships, one of the rules."""
    found = store.memberships([v.uuid for v in views])
    rules = store.lifecycle_rules()
    return {v.uuid: standing_of(v, found.get(v.uuid), day, rules) for v in views}


def state_text(standing: Standing, lang: str | None = None) -> str:
    """The state in words: ``Aktif s.d. Maret 2027``, ``Masa tenggang (jatuh tempo 15
    Januari 2027)``, ``Tidak aktif sejak Februari 2027``, ``Menunggu KPJ`` …"""
    key = f"membership.state.{standing.state.value}"
    params: dict[str, str] = {}
    if standing.paid_through is not None:
        params["through"] = month_year(standing.paid_through, lang)
    if standing.next_due is not None:
        params["due"] = long_day(standing.next_due, lang)
        params["since"] = month_year(standing.next_due, lang)
    return t(key, None, lang=lang, **params)


def tone_of(state: State) -> str:
    return _TONE[state]
