"""Renewal: a new paid period on an existing member (e.g. a sponsor paying for next year).

It is an edit of the same registration — a new version through the outbox, never a second
registration — that appends one :class:`~regdesk.domain.registration.Renewal`. Its fee uses
the rates in force for its own months and its own funding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from regdesk.domain.fees import PAYMENT_PERIODS, FeeQuote
from regdesk.domain.registration import Funding, Renewal, Status
from regdesk.domain.renewal import earliest_start, renewal_quote
from regdesk.domain.validation import is_transport
from regdesk.services.errors import NotRenewable
from regdesk.services.programme_usage import programme_warnings, require_confirmed
from regdesk.store import RegistrationView, Store, UserInfo

__all__ = ["Renewed", "plan_renewal", "renew"]


@dataclass(frozen=True, slots=True)
class Renewed:
    """What a renewal recorded (``view`` is the new version) or would record."""

    view: RegistrationView
    renewal: Renewal
    quote: FeeQuote


def plan_renewal(store: Store, key: str, *, months: int, funding: Funding | None = None,
                 sponsor_name: str | None = None, budget_reference: str | None = None,
                 start: date | None = None, programme_id: int | None = None) -> Renewed:
    """The renewal as it would be recorded, with its fee; nothing is written.

    Defaults: it starts right after the periods already recorded (or this month when they
    have ended), and keeps the last period's funding — and its sponsor when the funding is the
    same. Raises :class:`NotRenewable` for a registration HQ has not accepted as a member.
    """
    view = store.get(key)
    if view.status is Status.CANCELLED or view.member_number is None:
        raise NotRenewable(view.status.value)
    reg = view.registration
    last = reg.renewals[-1] if reg.renewals else None
    last_funding = last.funding if last else reg.funding
    last_sponsor = last.sponsor_name if last else reg.sponsor_name
    chosen = funding or last_funding
    if sponsor_name is None and chosen is last_funding:
        sponsor_name = last_sponsor
    first = (start or earliest_start(reg, store.clock().date())).replace(day=1)
    renewal = Renewal(first, months, chosen, sponsor_name or None, budget_reference or None,
                      programme_id)
    ctx = store.context()
    quote = (renewal_quote(reg, renewal, rates=ctx.rates, transport=is_transport(reg, ctx))
             if renewal.months in PAYMENT_PERIODS else FeeQuote(()))
    return Renewed(view, renewal, quote)


def renew(store: Store, key: str, *, user: UserInfo, months: int,
          funding: Funding | None = None, sponsor_name: str | None = None,
          budget_reference: str | None = None, start: date | None = None,
          programme_id: int | None = None, expected_version: int | None = None,
          confirmed: Iterable[str] = (), confirm_all_warnings: bool = False) -> Renewed:
    """Record a renewal as a new version of the registration (queued for HQ, audited as
    ``registration.renew``). Rule breaks raise ``ValidationFailed`` naming the renewal; a
    sponsor programme's quota or ceiling passed (as this desk knows them) raises
    ``WarningsNotConfirmed`` unless ``confirmed`` by code."""
    plan = plan_renewal(store, key, months=months, funding=funding, sponsor_name=sponsor_name,
                        budget_reference=budget_reference, start=start,
                        programme_id=programme_id)
    reg = plan.view.registration
    renewed = reg.replace(renewals=(*reg.renewals, plan.renewal))
    require_confirmed(programme_warnings(store, renewed, new_periods=[len(renewed.renewals)],
                                         uuid=plan.view.uuid), confirmed,
                      all_confirmed=confirm_all_warnings)
    view = store.update(key, renewed, user=user, expected_version=expected_version,
                        confirmed_warnings=(), action="registration.renew")
    return Renewed(view, plan.renewal, plan.quote)
