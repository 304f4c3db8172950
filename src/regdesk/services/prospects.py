"""Who is not yet registered: the prospect worklists of the campaign (issue #12 §3).

- :func:`import_prospects` loads a list (:mod:`regdesk.services.prospect_import`).
- :func:`list_prospects` and :func:`summary` read it: per list, people per status and the
  share already registered ("how much of each list has been reached").
- :func:`mark` records a visit by hand: ``not_visited``, ``contacted``, ``refused`` (with a
  reason); ``registered`` follows a saved registration with the same NIK, in the same
  transaction (:func:`regdesk.store.prospects.mark_registered`).
- :func:`prefill` gives the registration form's fields for one person on a list.

The worklist is personal data: it stays in the desk's encrypted database, is never queued for
HQ, and no log line, audit detail or error message carries a NIK or a name.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from regdesk.domain.nik import normalize_nik
from regdesk.domain.problems import error
from regdesk.domain.prospects import Coverage, ProspectStatus, check_mark, coverage
from regdesk.services.prospect_import import (
    ProspectImport,
    ProspectImportRefused,
    import_prospects,
)
from regdesk.store import Store, UserInfo, audit, prospects
from regdesk.store.errors import StoreError, ValidationFailed
from regdesk.store.prospect_models import ProspectRow
from regdesk.store.prospects import ProspectView
from regdesk.store.users import Role, require_role
from regdesk.tabular.lookups import Lookups

__all__ = [
    "ProspectImport",
    "ProspectImportRefused",
    "ProspectNotFound",
    "ProspectView",
    "import_prospects",
    "list_prospects",
    "mark",
    "prefill",
    "summary",
]
MARK_ACTION = "prospect.mark"


class ProspectNotFound(StoreError):
    """No one on the lists by that id, NIK or row (the message never repeats the NIK)."""

    def __init__(self, field: str = "nik") -> None:
        super().__init__([error(field, "prospect.not_found")])


def list_prospects(store: Store, *, user: UserInfo, list_name: str | None = None,
                   status: ProspectStatus | None = None) -> list[ProspectView]:
    """The people of one list (or all lists), optionally of one status, in list order."""
    require_role(user, Role.OPERATOR)
    with store.read() as session:
        return prospects.views(session, list_name=list_name, status=status)


def summary(store: Store, *, user: UserInfo) -> list[Coverage]:
    """Per list: people, people per status, and the share registered."""
    require_role(user, Role.OPERATOR)
    with store.read() as session:
        counts = prospects.status_counts(session)
    return [coverage(name, by_status) for name, by_status in counts.items()]


def _target(session: Session, key: int | str | None, list_name: str | None,
            row: int | None) -> ProspectRow:
    if isinstance(key, int):
        found = prospects.find(session, prospect_id=key)
    elif key is not None:
        found = prospects.find(session, nik=normalize_nik(key), list_name=list_name)
    elif row is not None and list_name is not None:
        found = prospects.find(session, source_row=row, list_name=list_name)
    else:
        raise ValidationFailed([error("list", "prospect.row_needs_list")])
    if not found:
        raise ProspectNotFound("row" if key is None else "nik")
    if len(found) > 1:
        raise ValidationFailed([error("list", "prospect.several_lists",
                                      lists=sorted(r.list_name for r in found))])
    return found[0]


def mark(store: Store, key: int | str | None, status: ProspectStatus, *, user: UserInfo,
         reason: str | None = None, list_name: str | None = None,
         row: int | None = None) -> ProspectView:
    """Record where a person stands: by prospect id (``key`` an int), by NIK (``key`` a str;
    ``list_name`` when the NIK is on several lists), or by the ``row`` of the list's file
    (with ``list_name``). ``refused`` needs a reason; ``registered`` is never set by hand."""
    require_role(user, Role.OPERATOR)
    now = store.clock()
    with store.write() as session:
        found = _target(session, key, list_name, row)
        kept, problems = check_mark(ProspectStatus(found.status), status, reason)
        if problems:
            raise ValidationFailed(problems)
        view = prospects.set_status(session, found, status, kept, now=now,
                                    actor=user.username)
        audit.record(session, at=now, actor=user.username, action=MARK_ACTION,
                     entity="prospect", entity_id=str(view.id),
                     detail={"list": view.list_name, "status": status.value})
    return view


def prefill(store: Store, prospect: ProspectView) -> dict[str, Any]:
    """The registration form's fields for ``prospect``: NIK, name and phone as listed; the
    village and occupation as codes when the list's words name exactly one (else left for
    the clerk). The form adds its own defaults (:func:`regdesk.domain.prefill.prefill`)."""
    ctx = store.context()
    office = store.office_village()
    lookups = Lookups(ctx.occupations, ctx.regions, office)
    fields: dict[str, Any] = {"nik": prospect.nik, "full_name": prospect.full_name}
    if prospect.phone:
        fields["phone"] = prospect.phone
    village, problems = lookups.village(prospect.village) if prospect.village else (None, [])
    fields["village_code"] = (village if village and not problems and village in ctx.regions
                              else office)
    for text in (prospect.occupation, prospect.group_name):
        code, problems = lookups.occupation(text) if text else (None, [])
        if code and not problems:
            fields["occupation_code"] = code
            break
    return fields
