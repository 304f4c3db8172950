"""Registrations: register, edit, cancel, show, search, and the history supervisors see."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from regdesk.domain.fees import FeeQuote
from regdesk.domain.masking import mask_nik
from regdesk.domain.prefill import prefill
from regdesk.domain.registration import Registration, registration_from_dict
from regdesk.domain.validation import fee_quote_for
from regdesk.services.errors import NotARegistration, WarningsNotConfirmed
from regdesk.services.history import HistoryText, actor_names, describe
from regdesk.services.membership import MemberStanding, standing_of
from regdesk.services.programme_usage import (
    moved_periods,
    programme_warnings,
    require_confirmed,
)
from regdesk.services.users import has_role
from regdesk.store import Filters, Page, RegistrationView, Role, Store, UserInfo
from regdesk.store.users import require_role
from regdesk.store.views import AuditView, VersionEntry


def registration_from_fields(store: Store, fields: Mapping[str, Any], *,
                             user: UserInfo) -> Registration:
    """Typed fields → a registration, blanks filled as the form fills them (office village,
    postal code, consent by ``user`` now). Raises :class:`NotARegistration`."""
    data = prefill(fields, office_village=store.office_village(),
                   regions=store.context().regions, recorded_by=user.username,
                   now=store.clock())
    reg, problems = registration_from_dict(data)
    if reg is None:
        raise NotARegistration(problems)
    return reg


def register(store: Store, fields: Mapping[str, Any], *, user: UserInfo,
             confirmed: Iterable[str] = (), confirm_all_warnings: bool = False
             ) -> RegistrationView:
    """Save a new registration from its fields. Warnings must be ``confirmed`` by code (or all
    confirmed) else :class:`WarningsNotConfirmed`; errors raise :class:`ValidationFailed`."""
    reg = registration_from_fields(store, fields, user=user)
    confirmed = list(confirmed)
    try:
        return add(store, reg, user=user, confirmed=confirmed)
    except WarningsNotConfirmed as exc:
        if not confirm_all_warnings:
            raise
        return add(store, reg, user=user, confirmed=confirmed + [p.code for p in exc.problems])


def add(store: Store, reg: Registration, *, user: UserInfo, confirmed: Iterable[str] = ()
        ) -> RegistrationView:
    """Save a new registration already built (the form builds it as the clerk types);
    same rules as :func:`register`, and a sponsor programme's quota and ceiling as far as
    this desk knows them (warnings to confirm)."""
    confirmed = list(confirmed)
    require_confirmed(programme_warnings(store, reg, new_periods=[0]), confirmed)
    return store.add(reg, user=user, confirmed_warnings=confirmed)


def edit(store: Store, key: str, reg: Registration, *, user: UserInfo,
         expected_version: int | None = None, confirmed: Iterable[str] = ()
         ) -> RegistrationView:
    """A new version of an existing registration (``StaleVersion`` if someone saved first).
    A period moved to another sponsor programme is checked like a new one."""
    confirmed = list(confirmed)
    before = store.get(key)
    require_confirmed(programme_warnings(store, reg, uuid=before.uuid,
                                         new_periods=moved_periods(before.registration, reg)),
                      confirmed)
    return store.update(key, reg, user=user, expected_version=expected_version,
                        confirmed_warnings=confirmed)


def cancel(store: Store, key: str, *, reason: str, user: UserInfo) -> RegistrationView:
    """Cancel (never delete) a registration."""
    return store.cancel(key, reason=reason, user=user)


def nik_holder(store: Store, nik: str, *, user: UserInfo,
               exclude_uuid: str | None = None) -> str | None:
    """The form's live duplicate check: the local reference of a live registration on this
    desk that already holds ``nik`` (other than ``exclude_uuid``, the record being edited)."""
    require_role(user, Role.OPERATOR)
    return store.nik_holder(nik, exclude_uuid=exclude_uuid)


def search(store: Store, text: str, *, user: UserInfo, status: str | None = None,
           filters: Filters | None = None, offset: int = 0, limit: int = 20) -> Page:
    """One page of the list (name prefix, NIK, phone or reference); ``filters`` (status,
    dates …) replace ``status`` when given."""
    require_role(user, Role.OPERATOR)
    return store.search(text, filters=filters or Filters(status=status), offset=offset,
                        limit=limit)


def count(store: Store, *, user: UserInfo, filters: Filters | None = None) -> int:
    """How many registrations the list's filters (status, dates, a membership filter's
    registrations) hold: the count above the list. One ``count(*)``; no search text."""
    require_role(user, Role.OPERATOR)
    return store.count(filters)


def sees_full_nik(user: UserInfo) -> bool:
    """Supervisors and admins see NIKs whole; operators see them masked."""
    return has_role(user, Role.SUPERVISOR)


def shown_nik(nik: str, user: UserInfo) -> str:
    return nik if sees_full_nik(user) else mask_nik(nik)


@dataclass(frozen=True, slots=True)
class Detail:
    """One registration as the detail pane and ``regdesk show`` present it."""

    view: RegistrationView
    unmasked: bool
    village_name: str | None
    fee: FeeQuote | None
    membership: MemberStanding  # where it stands as a membership on the desk's day

    @property
    def registration_number(self) -> str | None:
        """HQ's registration number (from its verdict, or from the membership it reported)."""
        found = self.membership.membership
        return self.view.member_number or (found.registration_number if found else None)


def show(store: Store, key: str, *, user: UserInfo) -> Detail:
    view = store.get(key)
    reg = view.registration
    ctx = store.context()
    fee = fee_quote_for(reg, today=view.created_at.date(), ctx=ctx)
    day = store.clock().astimezone().date()
    standing = standing_of(view, store.membership(view.uuid), day, store.lifecycle_rules())
    return Detail(view, sees_full_nik(user), ctx.regions.name(reg.village_code), fee, standing)


@dataclass(frozen=True, slots=True)
class History:
    versions: list[VersionEntry]
    audit: list[AuditView]
    names: dict[str, str] = field(default_factory=dict)  # username → display name

    def sentences(self, lang: str | None = None) -> HistoryText:
        """The versions and the audit trail as sentences (:mod:`regdesk.services.history`)."""
        return describe(self.versions, self.audit, self.names, lang)


def history(store: Store, key: str, *, user: UserInfo) -> History:
    """Every version and audit entry of one registration (supervisors and admins)."""
    require_role(user, Role.SUPERVISOR)
    return History(store.versions(key), store.audit_trail(key), actor_names(store))


@dataclass(frozen=True, slots=True)
class Selected:
    """What the list shows for the selected row: the record, and its history for those who
    may see it (``None`` otherwise)."""

    view: RegistrationView
    history: History | None


def select(store: Store, key: str, *, user: UserInfo) -> Selected:
    view = store.get(key)
    if not sees_history(user):
        return Selected(view, None)
    return Selected(view, History(store.versions(key), store.audit_trail(key),
                                  actor_names(store)))


def sees_history(user: UserInfo) -> bool:
    """Supervisors and admins see versions and the audit trail."""
    return has_role(user, Role.SUPERVISOR)
